#include "SigningFixtures.h"

#include "reports/OfficialDocumentPdf.h"
#include "support/TestSupport.h"

#include <QBuffer>
#include <QFile>
#include <QFont>
#include <QJsonArray>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

namespace govdesk::signing::testing {

using govdesk::test::runTool;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QImage signatureImage()
{
    QImage img(600, 240, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0x10, 0x30, 0xc0), 14, Qt::SolidLine, Qt::RoundCap));
    QPainterPath path(QPointF(30, 180));
    path.cubicTo(120, 20, 220, 230, 320, 90);
    path.cubicTo(380, 20, 470, 200, 570, 60);
    p.drawPath(path);
    p.drawLine(40, 200, 560, 190);
    return img;
}

QImage sealImage()
{
    QImage img(400, 400, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xe0, 0x10, 0x10), 22));
    p.setBrush(QColor(0xe0, 0x10, 0x10, 110));
    p.drawEllipse(QRectF(15, 15, 370, 370));
    p.setBrush(QColor(0xe0, 0x10, 0x10));
    p.drawEllipse(QRectF(150, 150, 100, 100));
    return img;
}

QByteArray a4Pdf(const QList<PageLines> &pages, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);
    if (!title.isEmpty())
        writer.setTitle(title);
    QPainter painter(&writer);
    painter.setFont(QFont(QStringLiteral("Liberation Serif"), 13));
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            writer.newPage();
        for (const auto &[at, text] : pages[i])
            painter.drawText(at, text);
    }
    painter.end();
    return bytes;
}

QByteArray officialPdf(const QString &reference, const QDate &date)
{
    reports::OfficialDocument d;
    d.parentOrgan = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
    d.organ = QStringLiteral("SỞ TƯ PHÁP");
    d.reference = reference;
    d.place = QStringLiteral("Đắk Nông");
    d.date = date;
    d.typeName = QStringLiteral("QUYẾT ĐỊNH");
    d.subject = QStringLiteral("Về việc ban hành quy chế công tác văn thư, lưu trữ");
    d.paragraphs = {
        QStringLiteral("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
                       "công tác văn thư;"),
        QStringLiteral("Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư.")};
    d.signerTitle = QStringLiteral("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC");
    d.signerName = QStringLiteral("Nguyễn Văn An");
    d.recipients = {QStringLiteral("Như Điều 3;"), QStringLiteral("Lưu: VT.")};
    return reports::renderOfficialDocumentPdf(d);
}

bool isBlue(QRgb c)
{
    return qBlue(c) > 120 && qRed(c) < 120 && qGreen(c) < 140;
}
bool isRed(QRgb c)
{
    return qRed(c) > 150 && qGreen(c) < 110 && qBlue(c) < 110;
}
bool isDark(QRgb c)
{
    return qRed(c) < 90 && qGreen(c) < 90 && qBlue(c) < 90;
}

QImage renderPage(const QString &pdf, int page, const QString &dir)
{
    const QString prefix = dir + QStringLiteral("/render");
    QFile::remove(prefix + QStringLiteral(".png"));
    const auto r = runTool(QStringLiteral("pdftoppm"),
                           {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("72"),
                            QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                            QString::number(page), QStringLiteral("-singlefile"), pdf, prefix});
    return r.exitCode == 0 ? QImage(prefix + QStringLiteral(".png")) : QImage();
}

double share(const QImage &page, const QRectF &rect, bool (*test)(QRgb))
{
    const QRect r = QRectF(rect.x(), page.height() - rect.y() - rect.height(), rect.width(), rect.height())
                        .toAlignedRect()
                        .intersected(page.rect());
    int hit = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            hit += test(page.pixel(x, y)) ? 1 : 0;
    return r.isEmpty() ? 0 : double(hit) / (r.width() * r.height());
}

QRectF rectOf(const QJsonObject &signResult)
{
    const QJsonArray a = signResult.value(QStringLiteral("rect")).toArray();
    return QRectF(a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble());
}

QStringList pdfsigValidations(const QString &pdf)
{
    const auto r = runTool(QStringLiteral("pdfsig"), {pdf});
    QStringList out;
    for (const QString &line : r.out.split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("Signature Validation:")))
            out << line.section(QLatin1Char(':'), 1).trimmed();
    return out;
}

bool useSigningConfig(const QString &path, const QString &rootPem)
{
    if (!writeFile(path,
                   QStringLiteral("[signing]\ntsa=none\nonlineRevocation=true\ntrustedCertificates=%1\n")
                       .arg(rootPem)
                       .toUtf8()))
        return false;
    qputenv("GOVDESK_SYSTEM_CONFIG", path.toLocal8Bit());
    return true;
}

} // namespace govdesk::signing::testing
