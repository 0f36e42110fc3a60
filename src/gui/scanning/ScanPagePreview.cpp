#include "ScanPagePreview.h"

#include <QPainter>
#include <QPalette>

namespace govdesk::gui {

namespace {
// A4 portrait, for the shape of an empty preview.
constexpr double kA4Ratio = 297.0 / 210.0;
} // namespace

ScanPagePreview::ScanPagePreview(QWidget *parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ScanPagePreview::setPage(const QImage &image, const QSizeF &pagePoints)
{
    m_image = image;
    m_points = pagePoints;
    updateGeometry();
    update();
}

void ScanPagePreview::clear(const QString &placeholder)
{
    m_image = QImage();
    m_points = QSizeF();
    m_highlight = QRectF();
    m_placeholder = placeholder;
    update();
}

void ScanPagePreview::setHighlight(const QRectF &boxPoints)
{
    m_highlight = boxPoints;
    update();
}

QImage ScanPagePreview::crop(const QRectF &boxPoints, double sideMargin, double topMargin) const
{
    if (m_image.isNull() || m_points.isEmpty() || boxPoints.isEmpty())
        return {};
    const double sx = m_image.width() / m_points.width();
    const double sy = m_image.height() / m_points.height();
    const QRectF area = boxPoints.adjusted(-sideMargin, -topMargin, sideMargin, topMargin);
    const QRect pixels = QRectF(area.x() * sx, area.y() * sy, area.width() * sx, area.height() * sy)
                             .toAlignedRect()
                             .intersected(m_image.rect());
    return pixels.isEmpty() ? QImage() : m_image.copy(pixels);
}

int ScanPagePreview::heightForWidth(int width) const
{
    const double ratio = m_points.isEmpty() ? kA4Ratio : m_points.height() / m_points.width();
    return qRound(width * ratio);
}

QSize ScanPagePreview::sizeHint() const
{
    return {300, heightForWidth(300)};
}

QSize ScanPagePreview::minimumSizeHint() const
{
    return {160, heightForWidth(160)};
}

QRectF ScanPagePreview::pageRect() const
{
    const double ratio = m_points.isEmpty() ? kA4Ratio : m_points.height() / m_points.width();
    double w = width() - 2;
    double h = w * ratio;
    if (h > height() - 2) {
        h = height() - 2;
        w = h / ratio;
    }
    return {(width() - w) / 2, (height() - h) / 2, w, h};
}

void ScanPagePreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF page = pageRect();
    p.fillRect(page, Qt::white);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5));
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(page.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    p.drawImage(page, m_image);
    if (m_highlight.isEmpty() || m_points.isEmpty())
        return;
    const double s = page.width() / m_points.width();
    const QRectF box(page.x() + m_highlight.x() * s, page.y() + m_highlight.y() * s, m_highlight.width() * s,
                     m_highlight.height() * s);
    const QRectF marked = box.adjusted(-3, -3, 3, 3);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xe6, 0x51, 0x00), 2));
    p.setBrush(QColor(0xff, 0xd5, 0x4f, 90));
    p.drawRoundedRect(marked, 3, 3);
}

} // namespace govdesk::gui
