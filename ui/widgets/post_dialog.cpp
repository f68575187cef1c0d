#include "ui/widgets/post_dialog.h"

#include "core/corpus/post_store.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace taxo::ui {

PostDialog::PostDialog(QWidget* parent) : QDialog(parent), viewer_(new PostViewer(this)) {
    setObjectName(QStringLiteral("postDialog"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(viewer_, 1);
    layout->addWidget(buttons);
    resize(760, 640);
}

void PostDialog::showPost(sql::Database& db, std::int64_t postId) {
    auto post = corpus::loadPost(db, postId);
    if (!post) {
        setWindowTitle(tr("Post"));
        viewer_->showMessage(toQ(post.message()));
        return;
    }
    setWindowTitle(tr("%1 %2 — %3").arg(toQ(post->source), toQ(post->sourceId), toQ(post->title)));
    viewer_->showPost(*post);
}

} // namespace taxo::ui
