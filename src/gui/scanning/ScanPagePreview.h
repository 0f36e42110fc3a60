#pragma once

#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QWidget>

namespace govdesk::gui {

/// One scanned page, fitted into the widget, with the box a proposed field was read from drawn over it, so
/// the clerk sees where on the paper the value comes from. Painting only: the page is rendered elsewhere (on
/// a worker).
class ScanPagePreview : public QWidget
{
    Q_OBJECT
public:
    explicit ScanPagePreview(QWidget *parent = nullptr);

    /// `image` is the page rendered at any resolution; `pagePoints` its size in points.
    void setPage(const QImage &image, const QSizeF &pagePoints);
    void clear(const QString &placeholder = {});
    /// The box to mark, in points from the page's top-left corner; empty: none.
    void setHighlight(const QRectF &boxPoints);
    QRectF highlight() const { return m_highlight; }
    bool hasPage() const { return !m_image.isNull(); }

    /// The part of the page around `boxPoints` (with margins left and right, above and below), from the
    /// rendered image; for a closer look.
    QImage crop(const QRectF &boxPoints, double sideMargin = 12, double topMargin = 12) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    /// Where the page is drawn in the widget.
    QRectF pageRect() const;

    QImage m_image;
    QSizeF m_points;
    QRectF m_highlight;
    QString m_placeholder;
};

} // namespace govdesk::gui
