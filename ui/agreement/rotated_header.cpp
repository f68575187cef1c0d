#include "ui/agreement/rotated_header.h"

#include <QPainter>
#include <QStyleOptionHeader>
#include <algorithm>

namespace taxo::ui {
namespace {

constexpr int kPadding = 6;
constexpr int kMaximumHeight = 130; // longer names are elided; the tooltip has them whole

} // namespace

RotatedHeader::RotatedHeader(QWidget* parent) : QHeaderView(Qt::Horizontal, parent) {
    setSectionResizeMode(QHeaderView::Fixed);
    setSectionsClickable(false);
    setHighlightSections(false);
}

QString RotatedHeader::label(int logicalIndex) const {
    return model() ? model()->headerData(logicalIndex, orientation(), Qt::DisplayRole).toString()
                   : QString();
}

void RotatedHeader::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const {
    if (!rect.isValid())
        return;
    QStyleOptionHeader option;
    initStyleOption(&option);
    option.rect = rect;
    option.section = logicalIndex;
    style()->drawControl(QStyle::CE_HeaderSection, &option, painter, this);
    const int available = rect.height() - 2 * kPadding;
    const QString shown = fontMetrics().elidedText(label(logicalIndex), Qt::ElideRight, available);
    painter->save();
    painter->setPen(palette().color(QPalette::ButtonText));
    // After the turn the x axis points up the column and y across it.
    painter->translate(rect.left() + rect.width() / 2, rect.bottom() - kPadding);
    painter->rotate(-90);
    painter->drawText(QRect(0, -rect.width() / 2, available, rect.width()),
                      Qt::AlignLeft | Qt::AlignVCenter, shown);
    painter->restore();
}

QSize RotatedHeader::sectionSizeFromContents(int logicalIndex) const {
    const int length = fontMetrics().horizontalAdvance(label(logicalIndex)) + 2 * kPadding + 2;
    return {fontMetrics().height() + 2 * kPadding, std::min(length, kMaximumHeight)};
}

} // namespace taxo::ui
