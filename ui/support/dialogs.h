#pragma once
// The seam between the UI and modal dialogs. Windows ask this interface for a
// path or show an error through it; tests install a scripted implementation.

#include <QString>
#include <QStringList>

class QWidget;

namespace taxo::ui {

class Dialogs {
public:
    virtual ~Dialogs() = default;
    // An empty string means the user cancelled.
    virtual QString newProjectPath(QWidget* parent) = 0;
    virtual QString openProjectPath(QWidget* parent) = 0;
    virtual QString openFilePath(QWidget* parent, const QString& caption,
                                 const QString& filter) = 0;
    // Several files at once (one import of a question file and its answer file); an
    // empty list means the user cancelled.
    virtual QStringList openFilePaths(QWidget* parent, const QString& caption,
                                      const QString& filter) = 0;
    virtual QString saveFilePath(QWidget* parent, const QString& caption, const QString& suggested,
                                 const QString& filter) = 0;
    virtual void showError(QWidget* parent, const QString& title, const QString& message) = 0;
    virtual void showInformation(QWidget* parent, const QString& title, const QString& message) = 0;
    // One of `items`, by index; -1 when the user cancelled.
    virtual int chooseItem(QWidget* parent, const QString& title, const QString& label,
                           const QStringList& items) = 0;
    // A question with one way on (proceedLabel) and Cancel, the default; true to go on.
    virtual bool confirm(QWidget* parent, const QString& title, const QString& message,
                         const QString& proceedLabel) = 0;
    // One line of text, starting from `suggested`; a null QString when the user cancelled.
    virtual QString askText(QWidget* parent, const QString& title, const QString& label,
                            const QString& suggested) = 0;
};

// The real dialogs: QFileDialog and QMessageBox.
class SystemDialogs final : public Dialogs {
public:
    QString newProjectPath(QWidget* parent) override;
    QString openProjectPath(QWidget* parent) override;
    QString openFilePath(QWidget* parent, const QString& caption, const QString& filter) override;
    QStringList openFilePaths(QWidget* parent, const QString& caption,
                              const QString& filter) override;
    QString saveFilePath(QWidget* parent, const QString& caption, const QString& suggested,
                         const QString& filter) override;
    void showError(QWidget* parent, const QString& title, const QString& message) override;
    void showInformation(QWidget* parent, const QString& title, const QString& message) override;
    int chooseItem(QWidget* parent, const QString& title, const QString& label,
                   const QStringList& items) override;
    bool confirm(QWidget* parent, const QString& title, const QString& message,
                 const QString& proceedLabel) override;
    QString askText(QWidget* parent, const QString& title, const QString& label,
                    const QString& suggested) override;
};

} // namespace taxo::ui
