#include "ui/codebook/codebook_commands.h"

#include <QCoreApplication>

namespace taxo::ui {
namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

QString messageOf(const Status& status) {
    return status ? QString() : q(status.message());
}

} // namespace

CodebookCommand::CodebookCommand(CodebookCommandContext context, const QString& text)
    : context_(std::move(context)) {
    setText(text);
}

void CodebookCommand::redo() {
    // The page already performed the edit before pushing; QUndoStack::push
    // calls redo() once more, which must not repeat it.
    if (firstRedo_) {
        firstRedo_ = false;
        return;
    }
    auto* db = context_.database();
    finish(db ? redoStep(*db) : QCoreApplication::translate("Codebook", "no project is open"));
}

void CodebookCommand::undo() {
    auto* db = context_.database();
    finish(db ? undoStep(*db) : QCoreApplication::translate("Codebook", "no project is open"));
}

void CodebookCommand::finish(const QString& error) {
    if (!error.isEmpty()) {
        // The stack drops an obsolete command after this step, so the user is
        // not offered a step that cannot work.
        setObsolete(true);
        if (context_.reportError)
            context_.reportError(error);
    }
    if (context_.changed)
        context_.changed();
}

AddCategoryCommand::AddCategoryCommand(CodebookCommandContext context, codebook::AddChange change)
    : CodebookCommand(
          std::move(context),
          QCoreApplication::translate("Codebook", "Add “%1”").arg(q(change.category.name))),
      change_(std::move(change)) {}

QString AddCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::undoAdd(db, change_));
}

QString AddCategoryCommand::redoStep(taxo::sql::Database& db) {
    return messageOf(codebook::redoAdd(db, change_));
}

RenameCategoryCommand::RenameCategoryCommand(CodebookCommandContext context,
                                             codebook::RenameChange change)
    : CodebookCommand(std::move(context),
                      QCoreApplication::translate("Codebook", "Rename “%1” to “%2”")
                          .arg(q(change.oldName), q(change.newName))),
      change_(std::move(change)) {}

QString RenameCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::undoRename(db, change_));
}

QString RenameCategoryCommand::redoStep(taxo::sql::Database& db) {
    auto renamed = codebook::renameCategory(db, change_.id, change_.newName);
    if (!renamed)
        return q(renamed.message());
    change_ = std::move(*renamed);
    return {};
}

MoveCategoryCommand::MoveCategoryCommand(CodebookCommandContext context,
                                         codebook::MoveChange change)
    : CodebookCommand(std::move(context), QCoreApplication::translate("Codebook", "Move category")),
      change_(std::move(change)) {}

QString MoveCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::undoMove(db, change_));
}

QString MoveCategoryCommand::redoStep(taxo::sql::Database& db) {
    auto moved = codebook::moveCategory(db, change_.id, change_.newParent, change_.newIndex);
    if (!moved)
        return q(moved.message());
    change_ = std::move(*moved);
    return {};
}

MergeCategoryCommand::MergeCategoryCommand(CodebookCommandContext context,
                                           codebook::MergeChange change)
    : CodebookCommand(std::move(context), QCoreApplication::translate("Codebook", "Merge “%1”")
                                              .arg(q(change.source.category.name))),
      change_(std::move(change)) {}

QString MergeCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::unmergeCategory(db, change_));
}

QString MergeCategoryCommand::redoStep(taxo::sql::Database& db) {
    auto merged = codebook::mergeCategory(db, change_.source.category.id, change_.target);
    if (!merged)
        return q(merged.message());
    change_ = std::move(*merged);
    return {};
}

DeleteCategoryCommand::DeleteCategoryCommand(CodebookCommandContext context,
                                             codebook::DeleteChange change)
    : CodebookCommand(std::move(context), QCoreApplication::translate("Codebook", "Delete “%1”")
                                              .arg(q(change.removed.category.name))),
      change_(std::move(change)) {}

QString DeleteCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::restoreDeleted(db, change_));
}

QString DeleteCategoryCommand::redoStep(taxo::sql::Database& db) {
    auto deleted = codebook::deleteCategory(db, change_.removed.category.id, change_.reassignedTo);
    if (!deleted)
        return q(deleted.message());
    change_ = std::move(*deleted);
    return {};
}

SplitCategoryCommand::SplitCategoryCommand(CodebookCommandContext context,
                                           codebook::SplitChange change)
    : CodebookCommand(std::move(context), QCoreApplication::translate("Codebook", "Split off “%1”")
                                              .arg(q(change.added.category.name))),
      change_(std::move(change)) {}

QString SplitCategoryCommand::undoStep(taxo::sql::Database& db) {
    return messageOf(codebook::unsplitCategory(db, change_));
}

QString SplitCategoryCommand::redoStep(taxo::sql::Database& db) {
    return messageOf(codebook::redoSplit(db, change_));
}

DescriptionCommand::DescriptionCommand(CodebookCommandContext context,
                                       codebook::DescriptionChange change)
    : CodebookCommand(std::move(context), QCoreApplication::translate("Codebook", "Describe")),
      change_(std::move(change)) {}

QString DescriptionCommand::undoStep(taxo::sql::Database& db) {
    auto changed = codebook::setDescription(db, change_.id, change_.oldDescription);
    return changed ? QString() : q(changed.message());
}

QString DescriptionCommand::redoStep(taxo::sql::Database& db) {
    auto changed = codebook::setDescription(db, change_.id, change_.newDescription);
    return changed ? QString() : q(changed.message());
}

ExampleCommand::ExampleCommand(CodebookCommandContext context, codebook::CategoryId id,
                               std::int64_t postId, bool added)
    : CodebookCommand(
          std::move(context),
          added ? QCoreApplication::translate("Codebook", "Add example post %1").arg(postId)
                : QCoreApplication::translate("Codebook", "Remove example post %1").arg(postId)),
      id_(id), postId_(postId), added_(added) {}

QString ExampleCommand::apply(taxo::sql::Database& db, bool add) const {
    return messageOf(add ? codebook::addExample(db, id_, postId_)
                         : codebook::removeExample(db, id_, postId_));
}

QString ExampleCommand::undoStep(taxo::sql::Database& db) {
    return apply(db, !added_);
}

QString ExampleCommand::redoStep(taxo::sql::Database& db) {
    return apply(db, added_);
}

} // namespace taxo::ui
