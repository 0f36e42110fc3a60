#include "SyntheticDocument.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <limits>

namespace govdesk::test::ocr {

namespace {

constexpr double kMmToPt = 72.0 / 25.4;
const QSizeF kA4(210 * kMmToPt, 297 * kMmToPt);
constexpr double kLeft = 30 * kMmToPt;
constexpr double kRight = (210 - 15) * kMmToPt;
constexpr double kTop = 20 * kMmToPt;
constexpr double kBottom = (297 - 20) * kMmToPt;
constexpr double kHeaderSplit = kLeft + 0.4 * (kRight - kLeft);

struct Organ
{
    QStringList lines;
    QString abbr;
    QString place;
    QString authority; // who signs a quyết định
    QString signerTitle;
};

const QList<Organ> &organs()
{
    static const QList<Organ> list{
        {{QStringLiteral("UBND TỈNH ĐẮK NÔNG"), QStringLiteral("SỞ TÀI CHÍNH")},
         QStringLiteral("STC"),
         QStringLiteral("Đắk Nông"),
         QStringLiteral("GIÁM ĐỐC SỞ TÀI CHÍNH"),
         QStringLiteral("GIÁM ĐỐC")},
        {{QStringLiteral("ỦY BAN NHÂN DÂN"), QStringLiteral("TỈNH ĐẮK NÔNG")},
         QStringLiteral("UBND"),
         QStringLiteral("Đắk Nông"),
         QStringLiteral("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"),
         QStringLiteral("CHỦ TỊCH")},
        {{QStringLiteral("UBND HUYỆN CƯ JÚT"), QStringLiteral("PHÒNG NỘI VỤ")},
         QStringLiteral("PNV"),
         QStringLiteral("Cư Jút"),
         QStringLiteral("TRƯỞNG PHÒNG NỘI VỤ"),
         QStringLiteral("TRƯỞNG PHÒNG")},
        {{QStringLiteral("UBND TỈNH ĐẮK NÔNG"), QStringLiteral("SỞ GIÁO DỤC VÀ ĐÀO TẠO")},
         QStringLiteral("SGDĐT"),
         QStringLiteral("Đắk Nông"),
         QStringLiteral("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
         QStringLiteral("GIÁM ĐỐC")},
        {{QStringLiteral("ỦY BAN NHÂN DÂN"), QStringLiteral("HUYỆN ĐẮK MIL")},
         QStringLiteral("UBND"),
         QStringLiteral("Đắk Mil"),
         QStringLiteral("ỦY BAN NHÂN DÂN HUYỆN ĐẮK MIL"),
         QStringLiteral("CHỦ TỊCH")},
    };
    return list;
}

struct Kind
{
    QString name;
    QString abbr; // empty: công văn
    QStringList subjects;
};

const QList<Kind> &kinds()
{
    static const QList<Kind> list{
        {QStringLiteral("Quyết định"),
         QStringLiteral("QĐ"),
         {QStringLiteral("Về việc phê duyệt kế hoạch kiểm tra công tác quản lý tài chính năm 2026"),
          QStringLiteral("Về việc thành lập Tổ công tác rà soát thủ tục hành chính"),
          QStringLiteral("Về việc ban hành Quy chế làm việc của cơ quan")}},
        {QStringLiteral("Kế hoạch"),
         QStringLiteral("KH"),
         {QStringLiteral("Triển khai công tác chuyển đổi số trong cơ quan nhà nước năm 2026"),
          QStringLiteral("Tổ chức kiểm tra công tác văn thư, lưu trữ")}},
        {QStringLiteral("Thông báo"),
         QStringLiteral("TB"),
         {QStringLiteral("Kết luận của Giám đốc tại cuộc họp giao ban tháng 01"),
          QStringLiteral("Lịch tiếp công dân định kỳ của lãnh đạo")}},
        {QStringLiteral("Công văn"),
         QString(),
         {QStringLiteral("triển khai thực hiện Nghị định số 30/2020/NĐ-CP"),
          QStringLiteral("góp ý dự thảo quy chế quản lý tài sản công"),
          QStringLiteral("báo cáo tình hình thực hiện dự toán ngân sách")}},
        {QStringLiteral("Báo cáo"),
         QStringLiteral("BC"),
         {QStringLiteral("Tình hình thực hiện nhiệm vụ quý I năm 2026"),
          QStringLiteral("Kết quả công tác cải cách hành chính năm 2025")}},
        {QStringLiteral("Tờ trình"),
         QStringLiteral("TTr"),
         {QStringLiteral("Về việc đề nghị phê duyệt dự toán kinh phí năm 2026"),
          QStringLiteral("Về việc đề nghị bổ sung biên chế công chức")}},
    };
    return list;
}

const QStringList &bodySentences()
{
    static const QStringList list{
        QStringLiteral("Các cơ quan, đơn vị có trách nhiệm rà soát, tổng hợp số liệu và gửi báo cáo về Sở "
                       "Tài chính trước ngày 20 hằng tháng để tổng hợp, trình Ủy ban nhân dân tỉnh xem xét."),
        QStringLiteral("Giao Văn phòng chủ trì, phối hợp với các phòng chuyên môn hướng dẫn, kiểm tra việc "
                       "thực hiện; kịp thời báo cáo những khó khăn, vướng mắc phát sinh."),
        QStringLiteral(
            "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và "
            "các nguồn kinh phí hợp pháp khác."),
        QStringLiteral("Việc lập, quản lý và lưu trữ hồ sơ phải bảo đảm đầy đủ, chính xác, đúng thời hạn, "
                       "phục vụ kịp thời công tác chỉ đạo, điều hành của lãnh đạo."),
        QStringLiteral("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về cơ quan "
                       "thường trực để được hướng dẫn giải quyết."),
        QStringLiteral("Thủ trưởng các cơ quan, đơn vị và các cá nhân có liên quan chịu trách nhiệm thi hành "
                       "văn bản này kể từ ngày ký."),
        QStringLiteral("Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong xử lý văn bản, hồ sơ công "
                       "việc trên môi trường điện tử, giảm thời gian và chi phí."),
        QStringLiteral("Tăng cường kỷ luật, kỷ cương hành chính; nâng cao tinh thần trách nhiệm của cán bộ, "
                       "công chức, viên chức trong thực thi công vụ."),
        QStringLiteral("Tổ chức tuyên truyền, phổ biến rộng rãi nội dung văn bản đến toàn thể cán bộ, công "
                       "chức và người lao động để biết, thực hiện."),
    };
    return list;
}

const QStringList &legalBases()
{
    static const QStringList list{
        QStringLiteral("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
        QStringLiteral("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công "
                       "tác văn thư;"),
        QStringLiteral("Theo đề nghị của Chánh Văn phòng."),
    };
    return list;
}

QFont serif(double points, bool bold = false, bool italic = false)
{
    QFont f(QStringLiteral("Liberation Serif"));
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setItalic(italic);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setKerning(false);
    return f;
}

/// Draws in points on a 300 dpi image and records every word's ink box.
class Canvas
{
public:
    explicit Canvas(QImage *image) : m_image(image)
    {
        // Logical 72 dpi while painting, so font point sizes are painter units, then scaled to 300 dpi.
        image->setDotsPerMeterX(2835);
        image->setDotsPerMeterY(2835);
        m_painter.begin(image);
        m_painter.setRenderHint(QPainter::Antialiasing);
        m_painter.setRenderHint(QPainter::TextAntialiasing);
        m_painter.scale(300.0 / 72.0, 300.0 / 72.0);
        m_painter.setPen(Qt::black);
    }
    ~Canvas()
    {
        m_painter.end();
        m_image->setDotsPerMeterX(11811);
        m_image->setDotsPerMeterY(11811);
    }

    double width(const QString &text, const QFont &f) const
    {
        return QFontMetricsF(f, m_image).horizontalAdvance(text);
    }

    /// One line of words from `x` at `baseline`; `extraSpace` widens every gap (justification).
    void words(const QStringList &ws, const QFont &f, double x, double baseline, double extraSpace = 0)
    {
        const QFontMetricsF fm(f, m_image);
        const double space = fm.horizontalAdvance(QLatin1Char(' '));
        DrawnLine line;
        m_painter.setFont(f);
        for (const QString &w : ws) {
            m_painter.drawText(QPointF(x, baseline), w);
            QRectF ink = fm.tightBoundingRect(w).translated(x, baseline);
            line.words.append({w, ink});
            x += fm.horizontalAdvance(w) + space + extraSpace;
        }
        line.text = ws.join(QLatin1Char(' '));
        if (!ws.isEmpty())
            lines.append(line);
    }

    void text(const QString &t, const QFont &f, double x, double baseline)
    {
        words(t.split(QLatin1Char(' '), Qt::SkipEmptyParts), f, x, baseline);
    }

    void centered(const QString &t, const QFont &f, double centre, double baseline)
    {
        text(t, f, centre - width(t, f) / 2, baseline);
    }

    /// Greedy wrapping at `maxWidth`.
    QStringList wrap(const QString &t, const QFont &f, double maxWidth) const
    {
        QStringList out;
        QString current;
        for (const QString &w : t.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = current.isEmpty() ? w : current + QLatin1Char(' ') + w;
            if (!current.isEmpty() && width(candidate, f) > maxWidth) {
                out << current;
                current = w;
            } else {
                current = candidate;
            }
        }
        if (!current.isEmpty())
            out << current;
        return out;
    }

    /// A justified paragraph with a first-line indent; returns the baseline after it.
    double paragraph(const QString &t, const QFont &f, double baseline, double lineHeight, double limit)
    {
        const double indent = 10 * kMmToPt;
        const QFontMetricsF fm(f, m_image);
        const double space = fm.horizontalAdvance(QLatin1Char(' '));
        QStringList all = t.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        bool first = true;
        while (!all.isEmpty() && baseline < limit) {
            const double x0 = kLeft + (first ? indent : 0);
            const double avail = kRight - x0;
            QStringList line;
            double used = 0;
            while (!all.isEmpty()) {
                const double w = fm.horizontalAdvance(all.first());
                const double next = line.isEmpty() ? w : used + space + w;
                if (!line.isEmpty() && next > avail)
                    break;
                used = next;
                line << all.takeFirst();
            }
            const double extra = all.isEmpty() || line.size() < 2 ? 0 : (avail - used) / (line.size() - 1);
            words(line, f, x0, baseline, extra);
            baseline += lineHeight;
            first = false;
        }
        return baseline;
    }

    void rule(double x1, double x2, double y)
    {
        m_painter.save();
        m_painter.setPen(QPen(Qt::black, 0.6));
        m_painter.drawLine(QPointF(x1, y), QPointF(x2, y));
        m_painter.restore();
    }

    QList<DrawnLine> lines;

private:
    QImage *m_image;
    QPainter m_painter;
};

QString twoDigits(int n)
{
    return n < 10 ? QStringLiteral("0%1").arg(n) : QString::number(n);
}

/// "Đắk Nông, ngày 05 tháng 01 năm 2026": day below 10 and months 1–2 with a leading zero (Phụ lục I II.4.b).
QString dateLine(const QString &place, const QDate &d)
{
    const QString month = d.month() <= 2 ? twoDigits(d.month()) : QString::number(d.month());
    return QStringLiteral("%1, ngày %2 tháng %3 năm %4").arg(place, twoDigits(d.day()), month).arg(d.year());
}

/// Fits `t` into `maxWidth` by lowering the size, as a typist would.
QFont fitted(const Canvas &c, const QString &t, QFont f, double maxWidth)
{
    while (c.width(t, f) > maxWidth && f.pointSizeF() > 10)
        f.setPointSizeF(f.pointSizeF() - 0.5);
    return f;
}

} // namespace

DocumentSpec documentSpec(int variant)
{
    const quint32 v = quint32(variant);
    const Organ &organ = organs()[v % organs().size()];
    const Kind &kind = kinds()[(v * 5 + 1) % kinds().size()];
    DocumentSpec s;
    s.organLines = organ.lines;
    s.number = QString::number(1 + (v * 37 + 4) % 240);
    s.typeName = kind.name;
    s.typeAbbr = kind.abbr;
    s.notation =
        kind.abbr.isEmpty() ? organ.abbr + QStringLiteral("-VP") : kind.abbr + QLatin1Char('-') + organ.abbr;
    s.place = organ.place;
    s.date = QDate(2025, 1, 1).addDays(qint64((v * 53 + 4) % 540));
    s.subject = kind.subjects[(v / 2) % kind.subjects.size()];
    s.authority = organ.authority;
    s.signerTitle = organ.signerTitle;
    static const QStringList names{QStringLiteral("Nguyễn Văn An"), QStringLiteral("Trần Thị Bích Hạnh"),
                                   QStringLiteral("Lê Đức Thắng"), QStringLiteral("Phạm Thị Thu Hương")};
    s.signerName = names[v % names.size()];
    s.recipient = QStringLiteral("Các phòng, ban chuyên môn");
    const QStringList &body = bodySentences();
    for (int i = 0; i < 5; ++i) {
        QString p = body[(v + i * 2) % body.size()];
        p += QLatin1Char(' ') + body[(v + i * 2 + 1) % body.size()];
        s.paragraphs << p;
    }
    return s;
}

QString SyntheticPage::text() const
{
    QStringList out;
    for (const DrawnLine &l : lines)
        out << l.text;
    return out.join(QLatin1Char('\n'));
}

int SyntheticPage::characterCount() const
{
    int n = 0;
    for (const DrawnLine &l : lines)
        for (const DrawnWord &w : l.words)
            n += int(w.text.size());
    return n;
}

SyntheticPage renderPage(const DocumentSpec &spec)
{
    SyntheticPage page;
    page.spec = spec;
    page.dpi = 300;
    QImage image(qRound(kA4.width() * 300 / 72), qRound(kA4.height() * 300 / 72), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        Canvas c(&image);
        const double leftCentre = (kLeft + kHeaderSplit) / 2;
        const double rightCentre = (kHeaderSplit + kRight) / 2;
        const double leftWidth = kHeaderSplit - kLeft - 6;
        const double rightWidth = kRight - kHeaderSplit;

        // Issuing organ (ô 2), top-left: the parent organ, then the organ in bold with a short rule below.
        double y = kTop + 12;
        const QFont parent = fitted(c, spec.organLines.value(0), serif(12.5), leftWidth);
        c.centered(spec.organLines.value(0), parent, leftCentre, y);
        const QString &name = spec.organLines.value(1);
        const QFont own = fitted(c, name, serif(12.5, true), leftWidth);
        c.centered(name, own, leftCentre, y + 15);
        const double ownWidth = c.width(name, own);
        c.rule(leftCentre - ownWidth / 6, leftCentre + ownWidth / 6, y + 21);

        // Quốc hiệu và tiêu ngữ (ô 1), top-right.
        const QString motto = QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        c.centered(motto, fitted(c, motto, serif(12.5, true), rightWidth), rightCentre, y);
        const QString slogan = QStringLiteral("Độc lập - Tự do - Hạnh phúc");
        const QFont sloganFont = serif(13.5, true);
        c.centered(slogan, sloganFont, rightCentre, y + 15);
        const double sloganWidth = c.width(slogan, sloganFont);
        c.rule(rightCentre - sloganWidth / 2, rightCentre + sloganWidth / 2, y + 19);

        // Số, ký hiệu (ô 3) and địa danh, ngày tháng (ô 4) on one line.
        y += 42;
        c.centered(QStringLiteral("Số: %1/%2").arg(twoDigits(spec.number.toInt()), spec.notation), serif(13),
                   leftCentre, y);
        const QString date = dateLine(spec.place, spec.date);
        c.centered(date, fitted(c, date, serif(13.5, false, true), rightWidth), rightCentre, y);

        const QFont bodyFont = serif(14);
        const double lineHeight = 18;
        if (spec.typeAbbr.isEmpty()) {
            // Công văn: trích yếu "V/v …" below the number, then Kính gửi.
            for (const QString &l : c.wrap(QStringLiteral("V/v ") + spec.subject, serif(12.5), leftWidth)) {
                y += 15;
                c.centered(l, serif(12.5), leftCentre, y);
            }
            y += 40;
            c.centered(QStringLiteral("Kính gửi: %1").arg(spec.recipient), bodyFont, (kLeft + kRight) / 2, y);
            y += 30;
        } else {
            // Tên loại (ô 5a) and trích yếu (ô 5a) centred, with a short rule below.
            y += 44;
            c.centered(spec.typeName.toUpper(), serif(14, true), (kLeft + kRight) / 2, y);
            for (const QString &l : c.wrap(spec.subject, serif(14, true), 360)) {
                y += 18;
                c.centered(l, serif(14, true), (kLeft + kRight) / 2, y);
            }
            c.rule((kLeft + kRight) / 2 - 50, (kLeft + kRight) / 2 + 50, y + 7);
            y += 34;
            if (spec.typeAbbr == QStringLiteral("QĐ")) {
                c.centered(spec.authority, fitted(c, spec.authority, serif(14, true), kRight - kLeft),
                           (kLeft + kRight) / 2, y);
                y += 26;
                for (const QString &basis : legalBases())
                    y = c.paragraph(basis, serif(14, false, true), y, lineHeight, kBottom) + 4;
                y += 8;
                c.centered(QStringLiteral("QUYẾT ĐỊNH:"), serif(14, true), (kLeft + kRight) / 2, y);
                y += 26;
            }
        }
        // Body (ô 6), leaving room for nơi nhận and the signer.
        const double bodyLimit = kBottom - 120;
        for (int i = 0; i < spec.paragraphs.size() && y < bodyLimit; ++i) {
            QString p = spec.paragraphs[i];
            if (spec.typeAbbr == QStringLiteral("QĐ"))
                p = QStringLiteral("Điều %1. ").arg(i + 1) + p;
            y = c.paragraph(p, bodyFont, y, lineHeight, bodyLimit) + 6;
        }
        // Nơi nhận (ô 9a) and the signer (ô 7).
        y = std::max(y + 10, bodyLimit + 16);
        c.text(QStringLiteral("Nơi nhận:"), serif(12, true, true), kLeft, y);
        c.text(QStringLiteral("- Như trên;"), serif(11), kLeft, y + 14);
        c.text(QStringLiteral("- Lưu: VT."), serif(11), kLeft, y + 27);
        c.centered(spec.signerTitle, serif(13, true), rightCentre, y);
        c.centered(spec.signerName, serif(14, true), rightCentre, y + 80);
        page.lines = c.lines;
    }
    page.image = image.convertToFormat(QImage::Format_Grayscale8);
    page.image.setDotsPerMeterX(11811);
    page.image.setDotsPerMeterY(11811);
    return page;
}

QList<Degradation> degradationLevels()
{
    return {
        {QStringLiteral("clean-300dpi"), 300, 0, 0, 0, 0, false},
        {QStringLiteral("200dpi"), 200, 0, 0, 0, 0, false},
        {QStringLiteral("200dpi+noise"), 200, 28, 0.004, 0, 0, false},
        {QStringLiteral("200dpi+blur"), 200, 0, 0, 1.1, 0, false},
        {QStringLiteral("200dpi+rotated-1.5"), 200, 0, 0, 0, 1.5, false},
        {QStringLiteral("combined"), 200, 24, 0.003, 0.9, 1.5, true},
    };
}

Degradation degradationLevel(const QString &name)
{
    for (const Degradation &d : degradationLevels())
        if (d.name == name)
            return d;
    return {};
}

namespace {

void gaussianBlur(QImage &img, double sigma)
{
    const int radius = std::max(1, int(std::ceil(sigma * 3)));
    QList<double> kernel(2 * radius + 1);
    double sum = 0;
    for (int i = -radius; i <= radius; ++i)
        sum += kernel[i + radius] = std::exp(-double(i * i) / (2 * sigma * sigma));
    for (double &k : kernel)
        k /= sum;
    const int w = img.width(), h = img.height();
    QList<double> tmp(qsizetype(w) * h);
    for (int y = 0; y < h; ++y) {
        const uchar *row = img.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            double acc = 0;
            for (int k = -radius; k <= radius; ++k)
                acc += kernel[k + radius] * row[std::clamp(x + k, 0, w - 1)];
            tmp[qsizetype(y) * w + x] = acc;
        }
    }
    for (int y = 0; y < h; ++y) {
        uchar *row = img.scanLine(y);
        for (int x = 0; x < w; ++x) {
            double acc = 0;
            for (int k = -radius; k <= radius; ++k)
                acc += kernel[k + radius] * tmp[qsizetype(std::clamp(y + k, 0, h - 1)) * w + x];
            row[x] = uchar(std::clamp(int(std::lround(acc)), 0, 255));
        }
    }
}

} // namespace

SyntheticPage degrade(const SyntheticPage &clean, const Degradation &d, quint32 seed)
{
    SyntheticPage out = clean;
    out.dpi = d.dpi;
    const QSize size(qRound(clean.image.width() * double(d.dpi) / clean.dpi),
                     qRound(clean.image.height() * double(d.dpi) / clean.dpi));
    QImage img = clean.image.convertToFormat(QImage::Format_RGB32)
                     .scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QPointF centrePt(kA4.width() / 2, kA4.height() / 2);
    QTransform pageTurn; // in points: the sheet turned about its centre
    if (d.angle != 0) {
        QImage turned(size, QImage::Format_RGB32);
        turned.fill(Qt::white);
        QPainter p(&turned);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.translate(size.width() / 2.0, size.height() / 2.0);
        p.rotate(d.angle);
        p.translate(-size.width() / 2.0, -size.height() / 2.0);
        p.drawImage(0, 0, img);
        p.end();
        img = turned;
        pageTurn.translate(centrePt.x(), centrePt.y());
        pageTurn.rotate(d.angle);
        pageTurn.translate(-centrePt.x(), -centrePt.y());
    }
    img = img.convertToFormat(QImage::Format_Grayscale8);
    if (d.blurSigma > 0)
        gaussianBlur(img, d.blurSigma);
    QRandomGenerator rng(seed);
    if (d.noiseSigma > 0 || d.speckle > 0) {
        for (int y = 0; y < img.height(); ++y) {
            uchar *row = img.scanLine(y);
            for (int x = 0; x < img.width(); ++x) {
                double v = row[x];
                if (d.noiseSigma > 0) {
                    // Box–Muller from the seeded generator: the same seed gives the same page.
                    const double u1 = std::max(rng.generateDouble(), 1e-12), u2 = rng.generateDouble();
                    v += d.noiseSigma * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
                }
                if (d.speckle > 0 && rng.generateDouble() < d.speckle)
                    v = rng.generateDouble() < 0.5 ? 0 : 255;
                row[x] = uchar(std::clamp(int(std::lround(v)), 0, 255));
            }
        }
    }
    if (d.binarize) {
        for (int y = 0; y < img.height(); ++y) {
            uchar *row = img.scanLine(y);
            for (int x = 0; x < img.width(); ++x)
                row[x] = row[x] < 140 ? 0 : 255;
        }
    }
    const int dpm = qRound(d.dpi / 0.0254);
    img.setDotsPerMeterX(dpm);
    img.setDotsPerMeterY(dpm);
    out.image = img;
    if (!pageTurn.isIdentity())
        for (DrawnLine &l : out.lines)
            for (DrawnWord &w : l.words)
                w.box = pageTurn.mapRect(w.box);
    return out;
}

int editDistance(const QString &a, const QString &b)
{
    const QList<uint> x = a.normalized(QString::NormalizationForm_C).toUcs4();
    const QList<uint> y = b.normalized(QString::NormalizationForm_C).toUcs4();
    QList<int> prev(y.size() + 1), cur(y.size() + 1);
    for (qsizetype j = 0; j <= y.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= y.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

double characterErrorRate(const SyntheticPage &truth, const scanning::OcrPage &page)
{
    struct Ref
    {
        int line;
        int word;
        QRectF box;
    };
    QList<Ref> refs;
    for (int l = 0; l < truth.lines.size(); ++l)
        for (int w = 0; w < truth.lines[l].words.size(); ++w)
            refs.append({l, w, truth.lines[l].words[w].box});
    QList<QList<const scanning::OcrWord *>> assigned(truth.lines.size());
    qint64 errors = 0;
    for (const scanning::OcrWord &w : page.words) {
        const QPointF c = w.box.center();
        int best = -1;
        double bestDistance = std::numeric_limits<double>::max();
        for (int i = 0; i < refs.size(); ++i) {
            const QRectF &r = refs[i].box;
            const double dx = std::max({r.left() - c.x(), 0.0, c.x() - r.right()});
            const double dy = std::max({r.top() - c.y(), 0.0, c.y() - r.bottom()});
            const double distance = std::hypot(dx, dy);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        if (best < 0 || bestDistance > refs[best].box.height())
            errors += w.text.size(); // recognised where nothing was drawn
        else
            assigned[refs[best].line].append(&w);
    }
    qint64 total = 0;
    for (int l = 0; l < truth.lines.size(); ++l) {
        auto &ws = assigned[l];
        std::sort(ws.begin(), ws.end(),
                  [](auto *a, auto *b) { return a->box.center().x() < b->box.center().x(); });
        QStringList read;
        for (const scanning::OcrWord *w : ws)
            read << w->text;
        errors += editDistance(read.join(QLatin1Char(' ')), truth.lines[l].text);
        total += truth.lines[l].text.size();
    }
    return total ? double(errors) / double(total) : 0;
}

QByteArray imagePdf(const QList<QImage> &images, int dpi)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(dpi);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter p;
    for (qsizetype i = 0; i < images.size(); ++i) {
        const QImage &image = images[i];
        writer.setPageSize(QPageSize(QSizeF(image.width() * 72.0 / dpi, image.height() * 72.0 / dpi),
                                     QPageSize::Point, QString(), QPageSize::ExactMatch));
        if (i == 0)
            p.begin(&writer);
        else
            writer.newPage();
        p.drawImage(QRect(0, 0, image.width(), image.height()), image);
    }
    p.end();
    buffer.close();
    return bytes;
}

} // namespace govdesk::test::ocr
