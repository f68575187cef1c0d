#pragma once
// A horizontal header that writes its labels upwards, so that a heat map's
// columns can be as narrow as its numbers while their names stay readable.

#include <QHeaderView>

namespace taxo::ui {

class RotatedHeader final : public QHeaderView {
    Q_OBJECT
public:
    explicit RotatedHeader(QWidget* parent = nullptr);

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;

private:
    QString label(int logicalIndex) const;
};

} // namespace taxo::ui
