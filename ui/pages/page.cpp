#include "pages/page.h"

#include "support/plain_text.h"

#include <QLabel>
#include <QVBoxLayout>

namespace taxo::ui {

Page::Page(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    // Every page shows data; none may let Qt read it as HTML.
    installPlainTextGuard();
}

void Page::setReadOnlyReason(const QString& reason) {
    readOnlyReason_ = reason;
    setEnabled(reason.isEmpty());
}

PlaceholderPage::PlaceholderPage(ProjectSession* session, QString title, QString purpose,
                                 QWidget* parent)
    : Page(session, parent), title_(std::move(title)), purpose_(std::move(purpose)) {
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(title_, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    auto* line = new QLabel(purpose_, this);
    line->setObjectName(QStringLiteral("purpose"));
    line->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(line);
    layout->addStretch(1);
}

} // namespace taxo::ui
