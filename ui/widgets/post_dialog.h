#pragma once
// A post read on its own, from a list that shows only its name and title (the drawn
// sample): the same viewer as the Coding page, in a window that does not block.

#include "core/store/sqlite.h"

#include <QDialog>
#include <cstdint>

namespace taxo::ui {

class PostViewer;

class PostDialog final : public QDialog {
    Q_OBJECT
public:
    explicit PostDialog(QWidget* parent = nullptr);
    // Loads the post; on an error the viewer says what went wrong instead.
    void showPost(sql::Database& db, std::int64_t postId);
    PostViewer* viewer() const { return viewer_; }

private:
    PostViewer* viewer_;
};

} // namespace taxo::ui
