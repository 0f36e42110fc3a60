#include "RegisterReport.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

namespace govdesk::reports {

static QString esc(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
}

static QString html(const RegisterReport &r)
{
    QString h;
    h += QStringLiteral(
        "<html><head><style>"
        "body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 10.5pt; }"
        "table.reg { border-collapse: collapse; }"
        "table.reg th { font-weight: bold; text-align: center; vertical-align: middle; }"
        "table.reg td { vertical-align: top; }"
        "</style></head><body>");
    // Cover page (bìa sổ): agency top left, the book's name in the middle of the page.
    h += QStringLiteral("<table width='100%'><tr><td width='45%' align='center' style='font-size: 13pt'>");
    if (!r.parentOrganName.isEmpty())
        h += esc(r.parentOrganName.toUpper()) + QStringLiteral("<br/>");
    h += QStringLiteral("<span style='font-size: 13pt; font-weight: bold'>") + esc(r.organName.toUpper()) +
         QStringLiteral("</span></td><td></td></tr></table>");
    h += QStringLiteral("<p style='font-size: 72pt'>&nbsp;</p>");
    h += QStringLiteral("<p align='center'><span style='font-size: 26pt; font-weight: bold'>") +
         esc(r.title) + QStringLiteral("</span></p>");
    h +=
        QStringLiteral("<p align='center' style='font-size: 16pt'>") + esc(r.period) + QStringLiteral("</p>");
    if (!r.rangeLine.isEmpty())
        h += QStringLiteral("<p align='center' style='font-size: 14pt'>") + esc(r.rangeLine) +
             QStringLiteral("</p>");
    // The table starts on the next page.
    h += QStringLiteral("<table class='reg' width='100%' border='1' cellspacing='0' cellpadding='3' "
                        "style='page-break-before: always'><thead><tr>");
    for (const auto &c : r.columns)
        h += QStringLiteral("<th width='%1%'>").arg(c.widthPercent) + esc(c.header) + QStringLiteral("</th>");
    h += QStringLiteral("</tr><tr>");
    for (int i = 0; i < r.columns.size(); ++i)
        h += QStringLiteral("<th><i>(%1)</i></th>").arg(i + 1);
    h += QStringLiteral("</tr></thead><tbody>");
    if (r.rows.isEmpty())
        h += QStringLiteral("<tr><td colspan='%1' align='center'><i>").arg(r.columns.size()) +
             esc(r.emptyText) + QStringLiteral("</i></td></tr>");
    for (const QStringList &row : r.rows) {
        h += QStringLiteral("<tr>");
        for (int i = 0; i < r.columns.size(); ++i)
            h += QStringLiteral("<td>") + esc(row.value(i)) + QStringLiteral("</td>");
        h += QStringLiteral("</tr>");
    }
    h += QStringLiteral("</tbody></table></body></html>");
    return h;
}

static QPageLayout landscapeA4()
{
    // Decree 30 margins for A4: top/bottom 20 mm, left 30 mm, right 15 mm.
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(30, 20, 15, 20),
                       QPageLayout::Millimeter);
}

std::unique_ptr<QTextDocument> RegisterPrinter::build(const RegisterReport &report)
{
    auto doc = std::make_unique<QTextDocument>();
    QFont f(QStringLiteral("Liberation Serif"));
    f.setFamilies({QStringLiteral("Times New Roman"), QStringLiteral("Liberation Serif"),
                   QStringLiteral("DejaVu Serif")});
    f.setPointSizeF(10.5);
    doc->setDefaultFont(f);
    doc->setHtml(html(report));
    return doc;
}

void RegisterPrinter::print(const RegisterReport &report, QPagedPaintDevice *device)
{
    device->setPageLayout(landscapeA4());
    auto doc = build(report);
    // The text is laid out once at a fixed 300 dpi and the painter scales it to the device, so a 1200 dpi
    // printer gets the same pages as the PDF (QTextDocument's layout does not scale every length with the
    // device resolution).
    constexpr qreal layoutDpi = 300.0;
    QImage reference(1, 1, QImage::Format_RGB32);
    reference.setDotsPerMeterX(qRound(layoutDpi / 0.0254));
    reference.setDotsPerMeterY(qRound(layoutDpi / 0.0254));
    doc->documentLayout()->setPaintDevice(&reference);
    // Ruled table, hairlines of 0.5 pt, header rows repeated at the top of every page.
    const qreal hairline = layoutDpi * 0.5 / 72.0;
    for (QTextFrame *frame : doc->rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table || table->columns() != report.columns.size())
            continue;
        QTextTableFormat f = table->format();
        f.setBorder(hairline);
        f.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        f.setBorderBrush(Qt::black);
        f.setBorderCollapse(true);
        f.setCellSpacing(0);
        f.setCellPadding(layoutDpi * 1.5 / 72.0);
        f.setHeaderRowCount(2);
        table->setFormat(f);
        // With collapsed borders each cell draws its own rule.
        for (int row = 0; row < table->rows(); ++row)
            for (int col = 0; col < table->columns(); ++col) {
                QTextTableCell cell = table->cellAt(row, col);
                QTextTableCellFormat cf = cell.format().toTableCellFormat();
                cf.setBorder(hairline);
                cf.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
                cf.setBorderBrush(Qt::black);
                cell.setFormat(cf);
            }
    }
    const QRectF paint = device->pageLayout().paintRectPixels(int(layoutDpi));
    // Leave room at the bottom of each page for the page number.
    const qreal footer = layoutDpi * 0.3;
    const qreal bodyHeight = paint.height() - footer;
    doc->setPageSize(QSizeF(paint.width(), bodyHeight));
    doc->documentLayout(); // force layout
    const int pages = doc->pageCount();
    QPainter p(device);
    p.scale(device->logicalDpiX() / layoutDpi, device->logicalDpiY() / layoutDpi);
    QFont pageFont(QStringLiteral("Liberation Serif"));
    pageFont.setPixelSize(qRound(10 * layoutDpi / 72.0)); // 10 pt in layout pixels; the painter scales it
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device->newPage();
        p.save();
        p.translate(0, -i * bodyHeight);
        const QRectF clip(0, i * bodyHeight, paint.width(), bodyHeight);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = clip;
        p.setClipRect(clip);
        doc->documentLayout()->draw(&p, ctx);
        p.restore();
        if (i > 0) { // no number on the cover
            p.setFont(pageFont);
            p.drawText(QRectF(0, bodyHeight, paint.width(), footer), Qt::AlignCenter, QString::number(i + 1));
        }
    }
}

core::Result<void> RegisterPrinter::writePdf(const RegisterReport &report, const QString &path)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_1_6);
        writer.setTitle(report.title + QStringLiteral(" — ") + report.period);
        writer.setCreator(QStringLiteral("GovDesk"));
        print(report, &writer);
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return GOVDESK_ERROR("report.write", QT_TRANSLATE_NOOP("RegisterPrinter", "Cannot write %1: %2"),
                             path, out.errorString());
    return {};
}

} // namespace govdesk::reports
