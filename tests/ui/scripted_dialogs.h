#pragma once
// Dialogs that answer from a script and record what the window showed.

#include "ui/support/dialogs.h"

#include <QList>
#include <QStringList>

namespace taxo::test {

class ScriptedDialogs final : public taxo::ui::Dialogs {
public:
    QStringList pathsToReturn; // consumed front first by every path question
    // Consumed front first by every question for several files; when empty, such a
    // question takes one path from pathsToReturn (none: cancelled).
    QList<QStringList> fileListsToReturn;
    QStringList errors; // "title: message" of every error shown
    QStringList informations;
    QStringList suggestedPaths; // what every save question proposed
    QStringList choicesToMake;  // the item to pick, by its text, front first; none: cancel
    QList<QStringList> offeredChoices;
    QStringList questions;      // "title: message" of every confirmation asked
    QList<bool> confirmAnswers; // consumed front first; declined when empty
    QStringList textsToReturn;  // consumed front first by every text question; none: cancel
    QStringList textQuestions;  // "title: label" of every text question asked

    QString newProjectPath(QWidget*) override { return next(); }
    QString openProjectPath(QWidget*) override { return next(); }
    QString openFilePath(QWidget*, const QString&, const QString&) override { return next(); }
    QStringList openFilePaths(QWidget*, const QString&, const QString&) override {
        if (!fileListsToReturn.isEmpty())
            return fileListsToReturn.takeFirst();
        const QString path = next();
        return path.isEmpty() ? QStringList() : QStringList{path};
    }
    QString saveFilePath(QWidget*, const QString&, const QString& suggested,
                         const QString&) override {
        suggestedPaths << suggested;
        return next();
    }
    void showError(QWidget*, const QString& title, const QString& message) override {
        errors << title + QStringLiteral(": ") + message;
    }
    void showInformation(QWidget*, const QString& title, const QString& message) override {
        informations << title + QStringLiteral(": ") + message;
    }

    int chooseItem(QWidget*, const QString&, const QString&, const QStringList& items) override {
        offeredChoices << items;
        return choicesToMake.isEmpty() ? -1
                                       : static_cast<int>(items.indexOf(choicesToMake.takeFirst()));
    }

    bool confirm(QWidget*, const QString& title, const QString& message, const QString&) override {
        questions << title + QStringLiteral(": ") + message;
        return !confirmAnswers.isEmpty() && confirmAnswers.takeFirst();
    }

    QString askText(QWidget*, const QString& title, const QString& label, const QString&) override {
        textQuestions << title + QStringLiteral(": ") + label;
        return textsToReturn.isEmpty() ? QString() : textsToReturn.takeFirst();
    }

private:
    QString next() { return pathsToReturn.isEmpty() ? QString() : pathsToReturn.takeFirst(); }
};

} // namespace taxo::test
