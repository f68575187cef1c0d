#include "ui/support/plain_text.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QTabBar>
#include <QTextDocument>
#include <QToolTip>

namespace taxo::ui {
namespace {

// The tooltip Qt would show for `widget` at `pos`.
QString toolTipAt(QWidget* widget, const QPoint& pos) {
    if (auto* view = qobject_cast<QAbstractItemView*>(widget->parentWidget());
        view && view->viewport() == widget) {
        if (auto* header = qobject_cast<QHeaderView*>(view)) {
            const int section = header->logicalIndexAt(pos);
            return section >= 0 && header->model()
                       ? header->model()
                             ->headerData(section, header->orientation(), Qt::ToolTipRole)
                             .toString()
                       : QString();
        }
        const QModelIndex index = view->indexAt(pos);
        return index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
    }
    if (auto* menu = qobject_cast<QMenu*>(widget)) {
        const QAction* action = menu->actionAt(pos);
        // A menu shows an action's tooltip only when it differs from the text.
        return action && action->toolTip() != action->iconText() ? action->toolTip() : QString();
    }
    if (auto* tabs = qobject_cast<QTabBar*>(widget)) {
        const int tab = tabs->tabAt(pos);
        return tab >= 0 ? tabs->tabToolTip(tab) : QString();
    }
    return widget->toolTip();
}

class PlainTextGuard final : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Polish) {
            // Qt's tooltip label shows what plainToolTip made: escaped text as HTML.
            if (auto* label = qobject_cast<QLabel*>(watched);
                label && label->textFormat() == Qt::AutoText && !label->inherits("QTipLabel"))
                label->setTextFormat(Qt::PlainText);
            return false;
        }
        if (event->type() != QEvent::ToolTip || !watched->isWidgetType())
            return false;
        auto* widget = static_cast<QWidget*>(watched);
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(widget, help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), plainToolTip(text), widget);
        }
        return true;
    }
};

} // namespace

QString plainToolTip(const QString& text) {
    // Rich text made from escaped text: shown literally, and no guess is left to Qt.
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

QLabel* richLabel(const QString& html, QWidget* parent) {
    auto* label = new QLabel(html, parent);
    label->setTextFormat(Qt::RichText);
    return label;
}

void installPlainTextGuard() {
    static const QString name = QStringLiteral("taxoPlainTextGuard");
    auto* app = QCoreApplication::instance();
    if (!app || app->findChild<QObject*>(name, Qt::FindDirectChildrenOnly))
        return;
    auto* guard = new PlainTextGuard(app);
    guard->setObjectName(name);
    app->installEventFilter(guard);
}

} // namespace taxo::ui
