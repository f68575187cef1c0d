#include "ui/session/page.h"

#include "ui/support/plain_text.h"

namespace taxo::ui {

Page::Page(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    // Every page shows data; none may let Qt read it as HTML.
    installPlainTextGuard();
}

void Page::setReadOnlyReason(const QString& reason) {
    readOnlyReason_ = reason;
    setEnabled(reason.isEmpty());
}

} // namespace taxo::ui
