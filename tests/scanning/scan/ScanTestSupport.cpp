#include "ScanTestSupport.h"

#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFont>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QRegularExpression>

#include <poppler-qt6.h>

#include <cmath>
#include <memory>

namespace govdesk::scanning::testing {

bool SaneTestConfig::write(const QString &name, const QString &content) const
{
    QFile f(QDir(m_dir.path()).filePath(name));
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           f.write(content.toUtf8()) == content.toUtf8().size();
}

bool SaneTestConfig::install(const QStringList &backends, const QStringList &testConf, bool setEnvironment)
{
    if (!m_dir.isValid())
        return false;
    // The test backend stops its page reader thread with an asynchronous cancel as soon as the last block is
    // read; caught while freeing its buffer on the way out, the thread deadlocks inside the backend (now and
    // then, not with every frontend's timing). A 1 ms pause after each block keeps the reader asleep at that
    // moment.
    QStringList conf{QStringLiteral("number_of_devices 1"), QStringLiteral("read-delay true"),
                     QStringLiteral("read-delay-duration 1000")};
    conf << testConf;
    if (!write(QStringLiteral("dll.conf"), backends.join(QLatin1Char('\n')) + QLatin1Char('\n')) ||
        !write(QStringLiteral("test.conf"), conf.join(QLatin1Char('\n')) + QLatin1Char('\n')))
        return false;
    if (setEnvironment)
        qputenv("SANE_CONFIG_DIR", QFile::encodeName(m_dir.path()));
    return true;
}

QList<PdfImageInfo> pdfImages(const QString &pdf, QString *error)
{
    QList<PdfImageInfo> out;
    const test::ToolResult r = test::runTool(
        QStringLiteral("qpdf"), {QStringLiteral("--json=2"), QStringLiteral("--json-key=qpdf"), pdf});
    if (r.exitCode != 0) {
        if (error)
            *error = r.err;
        return out;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    const QJsonObject objects = doc.object().value(QStringLiteral("qpdf")).toArray().at(1).toObject();
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        const QJsonObject dict = it.value()
                                     .toObject()
                                     .value(QStringLiteral("stream"))
                                     .toObject()
                                     .value(QStringLiteral("dict"))
                                     .toObject();
        if (dict.value(QStringLiteral("/Subtype")).toString() != QLatin1String("/Image"))
            continue;
        PdfImageInfo info;
        info.filter = dict.value(QStringLiteral("/Filter")).toString();
        info.colorSpace = dict.value(QStringLiteral("/ColorSpace")).toString();
        info.width = dict.value(QStringLiteral("/Width")).toInt();
        info.height = dict.value(QStringLiteral("/Height")).toInt();
        info.bitsPerComponent = dict.value(QStringLiteral("/BitsPerComponent")).toInt();
        info.decodeParms = dict.value(QStringLiteral("/DecodeParms")).toObject();
        out << info;
    }
    return out;
}

bool qpdfCheck(const QString &pdf, QString *output)
{
    const test::ToolResult r = test::runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
    if (output)
        *output = r.out + r.err;
    return r.exitCode == 0 && r.out.contains(QLatin1String("No syntax or stream encoding errors"));
}

bool pdfinfoReads(const QString &pdf, QString *version)
{
    const test::ToolResult r = test::runTool(QStringLiteral("pdfinfo"), {pdf});
    if (version) {
        static const QRegularExpression v(QStringLiteral("PDF version:\\s+([0-9.]+)"));
        *version = v.match(r.out).captured(1);
    }
    return r.exitCode == 0 && r.err.trimmed().isEmpty();
}

QList<QSizeF> pdfPageSizes(const QString &pdf)
{
    QList<QSizeF> out;
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::load(pdf);
    if (!doc)
        return out;
    for (int i = 0; i < doc->numPages(); ++i)
        if (std::unique_ptr<Poppler::Page> page = doc->page(i))
            out << page->pageSizeF();
    return out;
}

QImage renderPdfPage(const QString &pdf, int index, double dpi)
{
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::load(pdf);
    if (!doc)
        return {};
    std::unique_ptr<Poppler::Page> page = doc->page(index);
    if (!page)
        return {};
    return page->renderToImage(dpi, dpi).convertToFormat(QImage::Format_RGB32);
}

int gridMismatches(const QImage &page, double dpi, int squares)
{
    int wrong = 0;
    const double pxPerMm = dpi / 25.4;
    for (int j = 0; j < squares; ++j)
        for (int i = 0; i < squares; ++i) {
            const int x = int((i + 0.5) * 10 * pxPerMm);
            const int y = int((j + 0.5) * 10 * pxPerMm);
            if (x >= page.width() || y >= page.height()) {
                ++wrong;
                continue;
            }
            const bool white = qGray(page.pixel(x, y)) > 128;
            if (white != ((i + j) % 2 == 0))
                ++wrong;
        }
    return wrong;
}

QImage textPage(double dpi, double rotateDegrees, bool colourStamp)
{
    const int w = int(std::lround(210 / 25.4 * dpi));
    const int h = int(std::lround(297 / 25.4 * dpi));
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(Qt::white);
    const int dpm = int(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    const double mm = dpi / 25.4;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.translate(w / 2.0, h / 2.0);
    p.rotate(rotateDegrees);
    p.translate(-w / 2.0, -h / 2.0);
    p.setPen(Qt::black);

    // Decree 30/2020 layout: Times New Roman (Liberation Serif has its metrics), 13 pt, margins 20 mm top,
    // 30 mm left, 20 mm right.
    const QString family = QStringLiteral("Liberation Serif");
    QFont small(family);
    small.setPointSizeF(12);
    QFont heading(family);
    heading.setPointSizeF(13);
    heading.setBold(true);
    QFont body(family);
    body.setPointSizeF(13);
    const double left = 30 * mm;
    const double width = 160 * mm;
    p.setFont(small);
    p.drawText(QRectF(left - 10 * mm, 20 * mm, 75 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("ỦY BAN NHÂN DÂN"));
    p.setFont(heading);
    p.drawText(QRectF(left - 10 * mm, 26 * mm, 75 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("TỈNH ĐẮK NÔNG"));
    p.drawText(QRectF(left + 62 * mm, 20 * mm, 100 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    p.drawText(QRectF(left + 62 * mm, 26 * mm, 100 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("Độc lập - Tự do - Hạnh phúc"));
    p.setFont(small);
    p.drawText(QRectF(left - 10 * mm, 36 * mm, 75 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("Số: 1520/QĐ-UBND"));
    QFont italic(family);
    italic.setPointSizeF(13);
    italic.setItalic(true);
    p.setFont(italic);
    p.drawText(QRectF(left + 62 * mm, 36 * mm, 100 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("Đắk Nông, ngày 15 tháng 3 năm 2026"));
    p.setFont(heading);
    p.drawText(QRectF(left, 50 * mm, width, 8 * mm), Qt::AlignHCenter, QStringLiteral("QUYẾT ĐỊNH"));
    p.drawText(QRectF(left, 57 * mm, width, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("Ban hành Quy chế số hóa tài liệu lưu trữ"));

    const QStringList paragraphs{
        QStringLiteral(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
            "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng "
            "11 năm 2019;"),
        QStringLiteral(
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"),
        QStringLiteral(
            "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 215/TTr-VP ngày 02 "
            "tháng 3 năm 2026."),
        QStringLiteral(
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế số hóa tài liệu lưu trữ và quản lý bản sao "
            "điện tử của các cơ quan, đơn vị trên địa bàn tỉnh, bảo đảm bản sao điện tử được quét màu, độ "
            "phân giải từ 200 dpi trở lên, định dạng PDF phiên bản 1.4 trở lên."),
        QStringLiteral(
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Văn phòng Ủy ban nhân dân tỉnh "
            "chủ trì, phối hợp với Sở Thông tin và Truyền thông hướng dẫn, kiểm tra việc thực hiện; định "
            "kỳ hằng năm tổng hợp, báo cáo kết quả số hóa về Ủy ban nhân dân tỉnh."),
        QStringLiteral(
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Thủ trưởng các ban, ngành "
            "và Chủ tịch Ủy ban nhân dân các huyện, thành phố chịu trách nhiệm thi hành Quyết định này./.")};
    p.setFont(body);
    const QFontMetricsF metrics(body, &image);
    const double line = metrics.height() * 1.15;
    double y = 72 * mm;
    for (const QString &paragraph : paragraphs) {
        // Word-wrapped by hand with a first-line indent of 10 mm, as a word processor lays it out.
        const QStringList words = paragraph.split(QLatin1Char(' '));
        QString current;
        double indent = 10 * mm;
        for (const QString &word : words) {
            const QString candidate = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
            if (metrics.horizontalAdvance(candidate) > width - indent && !current.isEmpty()) {
                p.drawText(QPointF(left + indent, y + metrics.ascent()), current);
                y += line;
                indent = 0;
                current = word;
            } else {
                current = candidate;
            }
        }
        p.drawText(QPointF(left + indent, y + metrics.ascent()), current);
        y += line + 2 * mm;
    }
    p.setFont(heading);
    p.drawText(QRectF(left + 75 * mm, y + 6 * mm, 85 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("TM. ỦY BAN NHÂN DÂN"));
    p.drawText(QRectF(left + 75 * mm, y + 12 * mm, 85 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("CHỦ TỊCH"));
    p.drawText(QRectF(left + 75 * mm, y + 40 * mm, 85 * mm, 8 * mm), Qt::AlignHCenter,
               QStringLiteral("Nguyễn Văn An"));
    p.setFont(small);
    p.drawText(QPointF(left, y + 8 * mm), QStringLiteral("Nơi nhận:"));
    for (int i = 0; i < 4; ++i)
        p.drawText(QPointF(left, y + (13 + 5 * i) * mm),
                   QStringLiteral("- %1;").arg(QStringList{
                       QStringLiteral("Như Điều 3"), QStringLiteral("Bộ Nội vụ"),
                       QStringLiteral("CT, các PCT UBND tỉnh"), QStringLiteral("Lưu: VT, HCTC")}[i]));
    if (colourStamp) {
        p.setPen(QPen(QColor(210, 30, 40), 0.8 * mm));
        const QPointF centre(left + 105 * mm, y + 26 * mm);
        p.drawEllipse(centre, 18 * mm, 18 * mm);
        p.drawEllipse(centre, 13 * mm, 13 * mm);
    }
    p.end();
    return colourStamp ? image.convertToFormat(QImage::Format_RGB888)
                       : image.convertToFormat(QImage::Format_Grayscale8);
}

} // namespace govdesk::scanning::testing
