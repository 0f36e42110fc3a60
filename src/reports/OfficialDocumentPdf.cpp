#include "OfficialDocumentPdf.h"

#include "core/VietnameseDate.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

namespace govdesk::reports {

static QString esc(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
}

/// Room left for handwriting or a later stamp: non-breaking spaces, which HTML does not collapse.
static QString blank(int width)
{
    return QString(width, QChar(0x00A0));
}

QByteArray renderOfficialDocumentPdf(const OfficialDocument &d)
{
    QString h = QStringLiteral(
        "<html><body style=\"font-family: 'Times New Roman', 'Liberation Serif'; font-size: 13pt\">");
    h += QStringLiteral("<table width='100%' cellspacing='0'><tr><td width='42%' align='center'>");
    if (!d.parentOrgan.isEmpty())
        h += esc(d.parentOrgan.toUpper()) + QStringLiteral("<br/>");
    h += QStringLiteral("<b>") + esc(d.organ.toUpper()) + QStringLiteral("</b><br/>_______<br/>");
    // A draft leaves the number blank ("Số:      /QĐ-UBND") for the clerk to write when issuing it.
    if (d.reference.startsWith(QLatin1Char('/')))
        h += QStringLiteral("Số:") + blank(12) + esc(d.reference);
    else
        h += QStringLiteral("Số: ") + esc(d.reference);
    if (d.typeName.isEmpty() && !d.subject.isEmpty())
        h += QStringLiteral("<br/><span style='font-size: 12pt'>V/v ") + esc(d.subject) +
             QStringLiteral("</span>");
    h += QStringLiteral("</td><td width='58%' align='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/>"
                        "<b>Độc lập - Tự do - Hạnh phúc</b><br/>_______________<br/><i>");
    h += esc(d.place) + QStringLiteral(", ");
    if (d.date.isValid())
        h += esc(core::VietnameseDate::longDate(d.date));
    else
        h += QStringLiteral("ngày") + blank(8) + QStringLiteral("tháng") + blank(8) + QStringLiteral("năm") +
             blank(10);
    h += QStringLiteral("</i></td></tr></table>");
    if (!d.urgency.isEmpty())
        h += QStringLiteral(
                 "<p><span style='color: #d00000; font-weight: bold; border: 1px solid #d00000'>&nbsp;") +
             esc(d.urgency) + QStringLiteral("&nbsp;</span></p>");
    if (!d.typeName.isEmpty()) {
        h += QStringLiteral("<p align='center' style='margin-top: 18px'><b>") + esc(d.typeName.toUpper()) +
             QStringLiteral("</b><br/><b>") + esc(d.subject) + QStringLiteral("</b></p>");
    }
    for (const QString &p : d.paragraphs)
        h += QStringLiteral("<p align='justify' style='text-indent: 1cm'>") + esc(p) + QStringLiteral("</p>");
    h += QStringLiteral("<table width='100%'><tr><td width='50%' style='font-size: 11pt'>");
    if (!d.recipients.isEmpty()) {
        h += QStringLiteral("<b><i>Nơi nhận:</i></b><br/>");
        for (const QString &r : d.recipients)
            h += QStringLiteral("- ") + esc(r) + QStringLiteral(";<br/>");
    }
    h += QStringLiteral("</td><td width='50%' align='center'><b>") + esc(d.signerTitle) +
         QStringLiteral("</b><br/><br/><br/><br/><br/><b>") + esc(d.signerName) +
         QStringLiteral("</b></td></tr></table>");
    h += QStringLiteral("</body></html>");

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(150);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(30, 20, 15, 20), QPageLayout::Millimeter));
        writer.setCreator(QStringLiteral("GovDesk"));
        writer.setTitle(d.reference + QStringLiteral(" ") + d.subject);
        QTextDocument doc;
        QFont f(QStringLiteral("Liberation Serif"));
        f.setPointSizeF(13);
        doc.setDefaultFont(f);
        doc.setHtml(h);
        const QRectF rect = writer.pageLayout().paintRectPixels(writer.resolution());
        doc.setPageSize(rect.size());
        doc.print(&writer);
    }
    return bytes;
}

} // namespace govdesk::reports
