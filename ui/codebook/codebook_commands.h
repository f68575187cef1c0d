#pragma once
// Every codebook edit in the GUI is one QUndoCommand holding core's change
// record. The page performs the edit first (so a refusal never reaches the
// stack) and pushes the command already done; undo() and redo() then call
// core's exact inverses. A failure there (the project changed underneath)
// is reported through the context and the command becomes obsolete.

#include "core/codebook/codebook.h"

#include <QString>
#include <QUndoCommand>
#include <functional>

namespace taxo::sql {
class Database;
}

namespace taxo::ui {

struct CodebookCommandContext {
    std::function<taxo::sql::Database*()> database;
    std::function<void()> changed;                   // reload views after any step
    std::function<void(const QString&)> reportError; // a step core refused
};

class CodebookCommand : public QUndoCommand {
public:
    CodebookCommand(CodebookCommandContext context, const QString& text);
    void undo() final;
    void redo() final;

protected:
    // Return core's message, or an empty string on success.
    virtual QString undoStep(taxo::sql::Database& db) = 0;
    virtual QString redoStep(taxo::sql::Database& db) = 0;

private:
    void finish(const QString& error);
    CodebookCommandContext context_;
    bool firstRedo_ = true;
};

class AddCategoryCommand final : public CodebookCommand {
public:
    AddCategoryCommand(CodebookCommandContext context, codebook::AddChange change);
    const codebook::AddChange& change() const { return change_; }

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::AddChange change_;
};

class RenameCategoryCommand final : public CodebookCommand {
public:
    RenameCategoryCommand(CodebookCommandContext context, codebook::RenameChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::RenameChange change_;
};

class MoveCategoryCommand final : public CodebookCommand {
public:
    MoveCategoryCommand(CodebookCommandContext context, codebook::MoveChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::MoveChange change_;
};

class MergeCategoryCommand final : public CodebookCommand {
public:
    MergeCategoryCommand(CodebookCommandContext context, codebook::MergeChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::MergeChange change_;
};

class DeleteCategoryCommand final : public CodebookCommand {
public:
    DeleteCategoryCommand(CodebookCommandContext context, codebook::DeleteChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::DeleteChange change_;
};

class SplitCategoryCommand final : public CodebookCommand {
public:
    SplitCategoryCommand(CodebookCommandContext context, codebook::SplitChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::SplitChange change_;
};

class DescriptionCommand final : public CodebookCommand {
public:
    DescriptionCommand(CodebookCommandContext context, codebook::DescriptionChange change);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    codebook::DescriptionChange change_;
};

// An example post added to a category (added) or removed from it.
class ExampleCommand final : public CodebookCommand {
public:
    ExampleCommand(CodebookCommandContext context, codebook::CategoryId id, std::int64_t postId,
                   bool added);

protected:
    QString undoStep(taxo::sql::Database& db) override;
    QString redoStep(taxo::sql::Database& db) override;

private:
    QString apply(taxo::sql::Database& db, bool add) const;
    codebook::CategoryId id_;
    std::int64_t postId_;
    bool added_;
};

} // namespace taxo::ui
