#include "support/dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
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

QString SystemDialogs::saveFilePath(QWidget* parent, const QString& caption,
                                    const QString& suggested, const QString& filter) {
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
}

void SystemDialogs::showError(QWidget* parent, const QString& title, const QString& message) {
    QMessageBox::critical(parent, title, message);
}

void SystemDialogs::showInformation(QWidget* parent, const QString& title, const QString& message) {
    QMessageBox::information(parent, title, message);
}

int SystemDialogs::chooseItem(QWidget* parent, const QString& title, const QString& label,
                              const QStringList& items) {
    bool ok = false;
    const QString chosen = QInputDialog::getItem(parent, title, label, items, 0, false, &ok);
    return ok ? static_cast<int>(items.indexOf(chosen)) : -1;
}

bool SystemDialogs::confirm(QWidget* parent, const QString& title, const QString& message,
                            const QString& proceedLabel) {
    QMessageBox box(QMessageBox::Question, title, message, QMessageBox::NoButton, parent);
    QPushButton* proceed = box.addButton(proceedLabel, QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == proceed;
}

} // namespace taxo::ui
