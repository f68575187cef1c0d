#include "ui/labeling/label_commands.h"

#include <QCoreApplication>

namespace taxo::ui {
namespace {

QString noProject() {
    return QCoreApplication::translate("Coding", "no project is open");
}

QString messageOf(const Status& status) {
    return status ? QString() : QString::fromStdString(status.message());
}

} // namespace

SaveLabelCommand::SaveLabelCommand(DatabaseGetter database, Step after, labels::LabelKey key,
                                   std::optional<labels::Label> previous,
                                   labels::LabelContent content)
    : database_(std::move(database)), after_(std::move(after)), key_(key),
      previous_(std::move(previous)), content_(std::move(content)) {
    setText(QCoreApplication::translate("Coding", "Label post %1").arg(key_.postId));
}

void SaveLabelCommand::undo() {
    auto* db = database_();
    finish(db ? messageOf(labels::restoreLabel(*db, key_, previous_)) : noProject());
}

void SaveLabelCommand::redo() {
    if (first_) {
        first_ = false;
        return;
    }
    auto* db = database_();
    QString error = noProject();
    if (db) {
        auto saved = labels::saveLabel(*db, key_, content_);
        error = saved ? QString() : QString::fromStdString(saved.message());
    }
    finish(error);
}

void SaveLabelCommand::finish(const QString& error) {
    if (!error.isEmpty())
        setObsolete(true);
    after_(key_, error);
}

CodesCommand::CodesCommand(DatabaseGetter database, Step after, labels::CodesChange change,
                           const QString& text)
    : database_(std::move(database)), after_(std::move(after)), change_(std::move(change)) {
    setText(text);
}

void CodesCommand::undo() {
    auto* db = database_();
    finish(db ? messageOf(labels::undoCodesChange(*db, change_)) : noProject());
}

void CodesCommand::redo() {
    if (first_) {
        first_ = false;
        return;
    }
    auto* db = database_();
    finish(db ? messageOf(labels::redoCodesChange(*db, change_)) : noProject());
}

void CodesCommand::finish(const QString& error) {
    if (!error.isEmpty())
        setObsolete(true);
    after_(error);
}

} // namespace taxo::ui
