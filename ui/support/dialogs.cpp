#include "ui/support/dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace taxo::ui {
namespace {
QString projectFilter() {
    return QObject::tr("Taxonomist projects (*.taxo);;All files (*)");
}
} // namespace

QString SystemDialogs::newProjectPath(QWidget* parent) {
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("New Project"), QString(),
                                                projectFilter());
    if (!path.isEmpty() && !path.endsWith(QLatin1String(".taxo")))
        path += QLatin1String(".taxo");
    return path;
}

QString SystemDialogs::openProjectPath(QWidget* parent) {
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open Project"), QString(),
                                        projectFilter());
}

QString SystemDialogs::openFilePath(QWidget* parent, const QString& caption,
                                    const QString& filter) {
    return QFileDialog::getOpenFileName(parent, caption, QString(), filter);
}

QStringList SystemDialogs::openFilePaths(QWidget* parent, const QString& caption,
                                         const QString& filter) {
    return QFileDialog::getOpenFileNames(parent, caption, QString(), filter);
}

QString SystemDialogs::saveFilePath(QWidget* parent, const QString& caption,
                                    const QString& suggested, const QString& filter) {
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
}

namespace {
// Messages name files, posts and categories from data: always plain text, never
// HTML that Qt would guess and render (docs/security.md).
void showMessage(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                 const QString& message) {
    QMessageBox box(icon, title, message, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}
} // namespace

void SystemDialogs::showError(QWidget* parent, const QString& title, const QString& message) {
    showMessage(parent, QMessageBox::Critical, title, message);
}

void SystemDialogs::showInformation(QWidget* parent, const QString& title, const QString& message) {
    showMessage(parent, QMessageBox::Information, title, message);
}

int SystemDialogs::chooseItem(QWidget* parent, const QString& title, const QString& label,
                              const QStringList& items) {
    QInputDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setComboBoxItems(items);
    dialog.setComboBoxEditable(false);
    for (QLabel* text : dialog.findChildren<QLabel*>())
        text->setTextFormat(Qt::PlainText);
    if (dialog.exec() != QDialog::Accepted)
        return -1;
    return static_cast<int>(items.indexOf(dialog.textValue()));
}

bool SystemDialogs::confirm(QWidget* parent, const QString& title, const QString& message,
                            const QString& proceedLabel) {
    QMessageBox box(QMessageBox::Question, title, message, QMessageBox::NoButton, parent);
    box.setTextFormat(Qt::PlainText);
    QPushButton* proceed = box.addButton(proceedLabel, QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == proceed;
}

QString SystemDialogs::askText(QWidget* parent, const QString& title, const QString& label,
                               const QString& suggested) {
    QInputDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setTextValue(suggested);
    for (QLabel* text : dialog.findChildren<QLabel*>())
        text->setTextFormat(Qt::PlainText);
    if (dialog.exec() != QDialog::Accepted)
        return QString();
    // Accepted but empty is an answer, not a cancel: the caller refuses it with a reason.
    const QString value = dialog.textValue();
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace taxo::ui
