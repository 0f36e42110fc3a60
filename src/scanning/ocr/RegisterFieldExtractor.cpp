#include "RegisterFieldExtractor.h"

#include "core/TextFold.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace govdesk::scanning {

namespace {

/// Lower case without diacritics, đ as d, one character for one: offsets stay those of the original.
QString foldKeepingOffsets(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        if (c == QChar(0x0111) || c == QChar(0x0110)) {
            out += QLatin1Char('d');
            continue;
        }
        const QString d = QString(c).normalized(QString::NormalizationForm_D);
        out += (d.isEmpty() ? c : d.at(0)).toLower();
    }
    return out;
}

int levenshtein(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// Digits as OCR confuses them: O/o/Q/D for 0, l/I/| for 1. Returns false when something else is left.
bool repairDigits(const QString &in, QString *out, bool *repaired)
{
    out->clear();
    for (const QChar c : in) {
        QChar d = c;
        if (c == u'o' || c == u'O' || c == u'q' || c == u'Q' || c == u'd' || c == u'D')
            d = u'0';
        else if (c == u'l' || c == u'I' || c == u'i' || c == u'|')
            d = u'1';
        if (!d.isDigit())
            return false;
        if (d != c)
            *repaired = true;
        *out += d;
    }
    return !out->isEmpty();
}

double upperShare(const QString &s)
{
    int letters = 0, upper = 0;
    for (const QChar c : s) {
        if (!c.isLetter())
            continue;
        ++letters;
        upper += c.isUpper() ? 1 : 0;
    }
    return letters ? double(upper) / letters : 0;
}

int letterCount(const QString &s)
{
    int n = 0;
    for (const QChar c : s)
        n += c.isLetter() ? 1 : 0;
    return n;
}

/// Without the specks a rule or dust leaves after the last word ("ĐẮK MIL,", "NÔNG'ˆ_"): neither an organ's
/// name nor a trích yếu ends in punctuation.
QString withoutTrailingMarks(QString s)
{
    // A modifier letter (ˆ, ˇ) is a stray accent, not a letter of the word.
    while (!s.isEmpty() && s.back() != u')' &&
           (!s.back().isLetterOrNumber() || s.back().category() == QChar::Letter_Modifier))
        s.chop(1);
    return s;
}

bool hasLetterOrDigit(const QString &s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

/// A run of words on one text line with no wide gap: a column's part of the line.
struct Segment
{
    QList<OcrWord> words;
    QList<int> starts; ///< offset of each word in `text`
    QString text;
    QRectF box;        ///< on the page turned straight (see segmentsOf): for layout decisions only
    double height = 0; ///< median word height
    double skew = 0;

    /// A box of the page as it is, on the page turned straight.
    QRectF straight(const QRectF &r) const { return r.translated(0, -skew * r.center().x()); }

    /// `skew`: the page's text lines rise by this much per point to the right.
    void build(double pageSkew)
    {
        skew = pageSkew;
        // A rule under a heading is often read as a dash at a line's end: not part of the text.
        while (!words.isEmpty() && !hasLetterOrDigit(words.first().text))
            words.removeFirst();
        while (!words.isEmpty() && !hasLetterOrDigit(words.last().text))
            words.removeLast();
        text.clear();
        starts.clear();
        box = QRectF();
        QList<double> heights;
        for (const OcrWord &w : words) {
            if (!text.isEmpty())
                text += QLatin1Char(' ');
            starts.append(int(text.size()));
            text += w.text;
            const QRectF straight = w.box.translated(0, -skew * w.box.center().x());
            box = box.isNull() ? straight : box.united(straight);
            heights.append(w.box.height());
        }
        std::sort(heights.begin(), heights.end());
        height = heights.isEmpty() ? 0 : heights[heights.size() / 2];
    }

    /// The words' boxes on the page as it is (for the GUI).
    QRectF pageBox() const { return boxOf(0, int(text.size())); }

    /// The part of the boxes holding characters [from, to) of `text`, each word split in proportion.
    QRectF boxOf(int from, int to) const
    {
        QRectF out;
        for (int i = 0; i < words.size(); ++i) {
            const int s = starts[i], e = s + int(words[i].text.size());
            const int a = std::max(from, s), b = std::min(to, e);
            if (a >= b)
                continue;
            const QRectF &r = words[i].box;
            const double len = std::max(1, e - s);
            const QRectF part(r.left() + r.width() * (a - s) / len, r.top(), r.width() * (b - a) / len,
                              r.height());
            out = out.isNull() ? part : out.united(part);
        }
        return out;
    }

    /// Character-weighted confidence of the words touching [from, to).
    double confidenceOf(int from, int to) const
    {
        double sum = 0;
        int chars = 0;
        for (int i = 0; i < words.size(); ++i) {
            const int s = starts[i], e = s + int(words[i].text.size());
            if (std::max(from, s) >= std::min(to, e))
                continue;
            sum += words[i].confidence * (e - s);
            chars += e - s;
        }
        return chars ? sum / chars : 0;
    }

    double confidence() const { return confidenceOf(0, int(text.size())); }
};

bool isMottoStart(const QList<OcrWord> &words, int i)
{
    if (i + 1 >= words.size())
        return false;
    const QString a = core::foldForSearch(words[i].text), b = core::foldForSearch(words[i + 1].text);
    return (a == QLatin1String("cong") && b.startsWith(QLatin1String("hoa"))) ||
           (a == QLatin1String("doc") && b.startsWith(QLatin1String("lap")));
}

bool isMotto(const Segment &s)
{
    const QString f = core::foldForSearch(s.text);
    for (const char *m : {"cong hoa", "chu nghia", "doc lap", "hanh phuc", "tu do"})
        if (f.contains(QLatin1String(m)))
            return true;
    return false;
}

/// How much the page's text lines rise per point to the right (a sheet fed askew): the median slope of the
/// recogniser's longer lines. Layout decisions (which line is above which, gaps between lines) are made on
/// the page turned straight by it.
double skewOf(const QList<QList<OcrWord>> &lines)
{
    QList<double> slopes;
    for (const QList<OcrWord> &line : lines) {
        if (line.size() < 4)
            continue;
        double mx = 0, my = 0;
        for (const OcrWord &w : line) {
            mx += w.box.center().x();
            my += w.box.bottom();
        }
        mx /= line.size();
        my /= line.size();
        double sxy = 0, sxx = 0;
        for (const OcrWord &w : line) {
            sxy += (w.box.center().x() - mx) * (w.box.bottom() - my);
            sxx += (w.box.center().x() - mx) * (w.box.center().x() - mx);
        }
        if (sxx > 0)
            slopes.append(sxy / sxx);
    }
    if (slopes.isEmpty())
        return 0;
    std::sort(slopes.begin(), slopes.end());
    const double slope = slopes[slopes.size() / 2];
    return std::abs(slope) < 0.1 ? slope : 0;
}

/// The page's words as segments: the recogniser's lines, left to right, cut where a gap is wider than
/// about two letters' height (the two header columns share a line when the page is read as one block) and
/// where the Quốc hiệu begins.
QList<Segment> segmentsOf(const OcrPage &page)
{
    QList<QList<OcrWord>> lines;
    QHash<int, int> lineIndex;
    for (const OcrWord &w : page.words) {
        auto it = lineIndex.find(w.line);
        if (it == lineIndex.end()) {
            it = lineIndex.insert(w.line, int(lines.size()));
            lines.append(QList<OcrWord>());
        }
        lines[*it].append(w);
    }
    const double skew = skewOf(lines);
    QList<Segment> out;
    for (QList<OcrWord> &line : lines) {
        std::sort(line.begin(), line.end(),
                  [](const OcrWord &a, const OcrWord &b) { return a.box.left() < b.box.left(); });
        QList<double> heights;
        for (const OcrWord &w : line)
            heights.append(w.box.height());
        std::sort(heights.begin(), heights.end());
        const double h = heights[heights.size() / 2];
        Segment cur;
        for (int i = 0; i < line.size(); ++i) {
            const bool gap =
                !cur.words.isEmpty() && line[i].box.left() - cur.words.last().box.right() > 2.2 * h;
            if (gap || (!cur.words.isEmpty() && isMottoStart(line, i))) {
                cur.build(skew);
                if (!cur.words.isEmpty())
                    out.append(cur);
                cur = Segment();
            }
            cur.words.append(line[i]);
        }
        cur.build(skew);
        if (!cur.words.isEmpty())
            out.append(cur);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Segment &a, const Segment &b) { return a.box.top() < b.box.top(); });
    return out;
}

OcrField field(const QString &value, double confidence, int page, const QRectF &box)
{
    OcrField f;
    f.value = value;
    f.confidence = std::clamp(confidence, 0.0, 1.0);
    f.page = page;
    f.box = box;
    return f;
}

/// Fixes a notation's first part when OCR lost the stroke of Đ and only one type fits ("QD" -> "QĐ").
QString repairNotation(const QString &notation, const DocumentKind *known, bool *repaired)
{
    QStringList parts = notation.split(QLatin1Char('-'));
    if (parts.isEmpty())
        return notation;
    const QString first = foldKeepingOffsets(parts.first());
    QList<const DocumentKind *> candidates;
    if (known && foldKeepingOffsets(known->abbr) == first && !known->abbr.isEmpty()) {
        candidates.append(known);
    } else {
        for (const DocumentKind &k : decree30Kinds())
            if (!k.abbr.isEmpty() && foldKeepingOffsets(k.abbr) == first)
                candidates.append(&k);
    }
    if (candidates.size() == 1 && candidates.first()->abbr != parts.first()) {
        parts.first() = candidates.first()->abbr;
        *repaired = true;
    }
    return parts.join(QLatin1Char('-'));
}

struct PageReading
{
    RegisterFields fields;
    bool anchored = false; ///< a number line or a title was found
};

PageReading readPage(const OcrPage &page)
{
    PageReading r;
    const QList<Segment> segs = segmentsOf(page);
    const double width = page.size.width() > 0 ? page.size.width() : 595;
    const double height = page.size.height() > 0 ? page.size.height() : 842;
    const int p = page.index;

    // Số, ký hiệu (ô 3) and địa danh, ngày tháng (ô 4), in the upper half.
    int numberSeg = -1, dateSeg = -1;
    std::optional<NumberReading> number;
    std::optional<DateReading> date;
    for (int i = 0; i < segs.size(); ++i) {
        if (segs[i].box.top() > height * 0.5)
            break;
        if (!number)
            if ((number = readNumberLine(segs[i].text)))
                numberSeg = i;
        if (!date)
            if ((date = readDateLine(segs[i].text)))
                dateSeg = i;
    }
    QRectF numberRow; // where the number line stands: the anchor for the organ above and V/v below
    std::optional<DocumentKind> notationKind;
    if (number) {
        const Segment &s = segs[numberSeg];
        r.fields.number =
            field(number->number, number->quality * s.confidenceOf(number->numberStart, number->numberEnd), p,
                  s.boxOf(number->numberStart, number->numberEnd));
        r.fields.notation = field(
            number->notation, number->quality * s.confidenceOf(number->notationStart, number->notationEnd), p,
            s.boxOf(number->notationStart, number->notationEnd));
        numberRow = s.straight(s.boxOf(0, number->notationEnd));
        notationKind = kindFromNotation(number->notation);
        r.anchored = true;
    }
    if (date) {
        const Segment &s = segs[dateSeg];
        r.fields.date = field(date->date.toString(Qt::ISODate),
                              date->quality * s.confidenceOf(date->dateStart, date->dateEnd), p,
                              s.boxOf(date->dateStart, date->dateEnd));
        if (!date->place.isEmpty())
            r.fields.place =
                field(date->place, date->quality * s.confidenceOf(date->placeStart, date->placeEnd), p,
                      s.boxOf(date->placeStart, date->placeEnd));
    }

    // Cơ quan ban hành (ô 2): the lines straight above the number, in its column, not the Quốc hiệu.
    {
        const QRectF ref =
            numberRow.isNull() ? QRectF(width * 0.15, height * 0.2, width * 0.3, 1) : numberRow;
        const double h = numberSeg >= 0 ? segs[numberSeg].height : 10;
        QList<const Segment *> above;
        for (const Segment &s : segs)
            if (s.box.bottom() <= ref.top() + 0.3 * h && letterCount(s.text) >= 2 && !isMotto(s) &&
                std::abs(s.box.center().x() - ref.center().x()) < 0.22 * width &&
                s.box.center().x() < width * 0.55)
                above.append(&s);
        std::sort(above.begin(), above.end(),
                  [](auto *a, auto *b) { return a->box.bottom() > b->box.bottom(); });
        QList<const Segment *> organ;
        for (const Segment *s : above) {
            const double gap = (organ.isEmpty() ? ref.top() : organ.last()->box.top()) - s->box.bottom();
            if (organ.isEmpty() ? gap > 6 * std::max(h, s->height) : gap > 1.2 * std::max(h, s->height))
                break;
            organ.append(s);
            if (organ.size() == 3)
                break;
        }
        std::reverse(organ.begin(), organ.end());
        if (!organ.isEmpty()) {
            QStringList text;
            QRectF box;
            double conf = 0;
            int chars = 0;
            for (const Segment *s : organ) {
                text << withoutTrailingMarks(s->text);
                box = box.isNull() ? s->pageBox() : box.united(s->pageBox());
                conf += s->confidence() * s->text.size();
                chars += int(s->text.size());
            }
            double quality = upperShare(text.join(QLatin1Char(' '))) >= 0.8 ? 1.0 : 0.8;
            if (numberRow.isNull())
                quality *= 0.7;
            r.fields.organ = field(text.join(QLatin1Char(' ')), quality * conf / std::max(1, chars), p, box);
        }
    }

    // Tên loại (ô 5a): the first title line below the number row, then the trích yếu under it.
    const double below = numberRow.isNull() ? height * 0.1 : numberRow.bottom();
    int titleSeg = -1;
    std::optional<KindReading> title;
    for (int i = 0, seen = 0; i < segs.size() && seen < 14; ++i) {
        const Segment &s = segs[i];
        if (s.box.top() < below || s.box.top() > height * 0.65)
            continue;
        ++seen;
        if ((title = readTitleLine(s.text))) {
            titleSeg = i;
            break;
        }
    }
    auto stopsSubject = [](const Segment &s) {
        const QString f = core::foldForSearch(s.text);
        return f.startsWith(QLatin1String("can cu")) || f.startsWith(QLatin1String("kinh gui")) ||
               f.startsWith(QLatin1String("dieu ")) || letterCount(s.text) == 0;
    };
    if (title) {
        const Segment &t = segs[titleSeg];
        double quality = title->quality;
        if (notationKind && notationKind->abbr != title->kind.abbr)
            quality *= 0.85;
        r.fields.type = field(title->kind.name, quality * t.confidence(), p, t.pageBox());
        r.fields.typeAbbr = title->kind.abbr;
        r.anchored = true;
        QStringList text;
        QRectF box;
        double conf = 0;
        int chars = 0;
        const Segment *prev = &t;
        for (int i = titleSeg + 1; i < segs.size() && text.size() < 4; ++i) {
            const Segment &s = segs[i];
            if (letterCount(s.text) == 0 && s.box.top() - prev->box.bottom() < prev->height)
                continue; // the rule under the trích yếu read as a dash
            if (s.box.top() - prev->box.bottom() > 1.0 * std::max(prev->height, s.height) ||
                std::abs(s.box.center().x() - t.box.center().x()) > 0.2 * width ||
                s.box.width() > 0.7 * width || stopsSubject(s) ||
                (upperShare(s.text) > 0.7 && letterCount(s.text) > 3))
                break;
            text << s.text;
            box = box.isNull() ? s.pageBox() : box.united(s.pageBox());
            conf += s.confidence() * s.text.size();
            chars += int(s.text.size());
            prev = &s;
        }
        if (!text.isEmpty())
            r.fields.subject = field(withoutTrailingMarks(text.join(QLatin1Char(' '))),
                                     0.95 * conf / std::max(1, chars), p, box);
    }

    // A công văn: "V/v …" under the number, in its column.
    if (!title && !numberRow.isNull()) {
        static const QRegularExpression vv(QStringLiteral("^[VW][/|lI1\\\\]?[vVyY][.:]?$"));
        const double h = segs[numberSeg].height;
        for (int i = 0; i < segs.size(); ++i) {
            const Segment &s = segs[i];
            if (s.box.top() < numberRow.bottom() - 0.3 * h || s.box.top() > numberRow.bottom() + 6 * h ||
                std::abs(s.box.center().x() - numberRow.center().x()) > 0.25 * width || s.words.isEmpty() ||
                !vv.match(s.words.first().text).hasMatch())
                continue;
            QStringList text;
            QRectF box;
            double conf = 0;
            int chars = 0;
            const int afterMarker = s.words.size() > 1 ? s.starts[1] : int(s.text.size());
            if (afterMarker < s.text.size()) {
                text << s.text.mid(afterMarker);
                box = s.boxOf(afterMarker, int(s.text.size()));
                conf += s.confidenceOf(afterMarker, int(s.text.size())) * (s.text.size() - afterMarker);
                chars += int(s.text.size()) - afterMarker;
            }
            const Segment *prev = &s;
            for (int j = i + 1; j < segs.size() && text.size() < 4; ++j) {
                const Segment &n = segs[j];
                if (std::abs(n.box.center().x() - s.box.center().x()) > 0.2 * width)
                    continue; // the other column
                if (n.box.top() - prev->box.bottom() > 1.0 * std::max(prev->height, n.height) ||
                    stopsSubject(n) || n.box.width() > 0.7 * width)
                    break;
                text << n.text;
                box = box.isNull() ? n.pageBox() : box.united(n.pageBox());
                conf += n.confidence() * n.text.size();
                chars += int(n.text.size());
                prev = &n;
            }
            if (!text.isEmpty()) {
                r.fields.subject = field(withoutTrailingMarks(text.join(QLatin1Char(' '))),
                                         0.95 * conf / std::max(1, chars), p, box);
                if (!notationKind)
                    r.fields.type =
                        field(QStringLiteral("Công văn"), 0.9 * s.confidenceOf(0, s.starts.value(1, 1)), p,
                              s.words.first().box);
            }
            break;
        }
    }
    if (!r.fields.type.isFound() && number) {
        // No title line: the notation names the type, or it is a công văn (its first part is the organ).
        const OcrField &n = r.fields.notation;
        if (notationKind) {
            r.fields.type = field(notationKind->name, 0.8 * n.confidence, p, n.box);
            r.fields.typeAbbr = notationKind->abbr;
        } else {
            r.fields.type = field(QStringLiteral("Công văn"), 0.6 * n.confidence, p, n.box);
        }
    }
    if (r.fields.notation.isFound()) {
        DocumentKind known{r.fields.type.value, r.fields.typeAbbr};
        bool repaired = false;
        const QString fixed = repairNotation(r.fields.notation.value, title ? &known : nullptr, &repaired);
        if (repaired) {
            r.fields.notation.value = fixed;
            r.fields.notation.confidence *= 0.95;
        }
    }
    return r;
}

} // namespace

const QList<DocumentKind> &decree30Kinds()
{
    static const QList<DocumentKind> kinds{
        {QStringLiteral("Nghị quyết"), QStringLiteral("NQ")},
        {QStringLiteral("Quyết định"), QStringLiteral("QĐ")},
        {QStringLiteral("Chỉ thị"), QStringLiteral("CT")},
        {QStringLiteral("Quy chế"), QStringLiteral("QC")},
        {QStringLiteral("Quy định"), QStringLiteral("QyĐ")},
        {QStringLiteral("Thông cáo"), QStringLiteral("TC")},
        {QStringLiteral("Thông báo"), QStringLiteral("TB")},
        {QStringLiteral("Hướng dẫn"), QStringLiteral("HD")},
        {QStringLiteral("Chương trình"), QStringLiteral("CTr")},
        {QStringLiteral("Kế hoạch"), QStringLiteral("KH")},
        {QStringLiteral("Phương án"), QStringLiteral("PA")},
        {QStringLiteral("Đề án"), QStringLiteral("ĐA")},
        {QStringLiteral("Dự án"), QStringLiteral("DA")},
        {QStringLiteral("Báo cáo"), QStringLiteral("BC")},
        {QStringLiteral("Biên bản"), QStringLiteral("BB")},
        {QStringLiteral("Tờ trình"), QStringLiteral("TTr")},
        {QStringLiteral("Hợp đồng"), QStringLiteral("HĐ")},
        {QStringLiteral("Công văn"), QString()},
        {QStringLiteral("Công điện"), QStringLiteral("CĐ")},
        {QStringLiteral("Bản ghi nhớ"), QStringLiteral("BGN")},
        {QStringLiteral("Bản thỏa thuận"), QStringLiteral("BTT")},
        {QStringLiteral("Giấy ủy quyền"), QStringLiteral("GUQ")},
        {QStringLiteral("Giấy mời"), QStringLiteral("GM")},
        {QStringLiteral("Giấy giới thiệu"), QStringLiteral("GGT")},
        {QStringLiteral("Giấy nghỉ phép"), QStringLiteral("GNP")},
        {QStringLiteral("Phiếu gửi"), QStringLiteral("PG")},
        {QStringLiteral("Phiếu chuyển"), QStringLiteral("PC")},
        {QStringLiteral("Phiếu báo"), QStringLiteral("PB")},
        {QStringLiteral("Thư công"), QString()},
    };
    return kinds;
}

std::optional<NumberReading> readNumberLine(const QString &lineIn)
{
    const QString line = lineIn.normalized(QString::NormalizationForm_C);
    const QString folded = foldKeepingOffsets(line);
    // "Số" (or what OCR makes of it), an optional colon, the number, "/", the notation.
    static const QRegularExpression re(
        QStringLiteral("^\\s*([s5]\\s?[o06q])\\s*([:;.,]?)\\s*([0-9oqdil|]{1,5})(\\s*)[/|](\\s*)"
                       "([a-z0-9]+(?:\\s?[-\\x{2013}\\x{2014}]\\s?[a-z0-9]+){0,4})"));
    const QRegularExpressionMatch m = re.match(folded);
    if (!m.hasMatch())
        return std::nullopt;
    NumberReading r;
    double quality = 1;
    const QString label = line.mid(m.capturedStart(1), m.capturedLength(1));
    if (label != QStringLiteral("Số"))
        quality *= 0.85;
    if (m.captured(2) != QLatin1String(":"))
        quality *= 0.95;
    bool repaired = false;
    QString digits;
    if (!repairDigits(line.mid(m.capturedStart(3), m.capturedLength(3)), &digits, &repaired))
        return std::nullopt;
    if (repaired)
        quality *= 0.9;
    while (digits.size() > 1 && digits.startsWith(QLatin1Char('0')))
        digits.remove(0, 1);
    if (digits == QLatin1String("0"))
        return std::nullopt;
    if (m.capturedLength(4) || m.capturedLength(5))
        quality *= 0.97;
    QString notation = line.mid(m.capturedStart(6), m.capturedLength(6));
    notation.remove(QLatin1Char(' '));
    notation.replace(QChar(0x2013), QLatin1Char('-')).replace(QChar(0x2014), QLatin1Char('-'));
    if (letterCount(notation) == 0)
        return std::nullopt;
    r.number = digits;
    r.notation = notation;
    r.quality = quality;
    r.numberStart = int(m.capturedStart(3));
    r.numberEnd = int(m.capturedEnd(3));
    r.notationStart = int(m.capturedStart(6));
    r.notationEnd = int(m.capturedEnd(6));
    return r;
}

std::optional<DateReading> readDateLine(const QString &lineIn)
{
    const QString line = lineIn.normalized(QString::NormalizationForm_C);
    const QString folded = foldKeepingOffsets(line);
    static const QRegularExpression re(QStringLiteral(
        "(?:^|[\\s,.])(ng[a-z]{0,2}y)[\\s.,:]*([0-9oil]{1,2})\\s*(th[a-z]{0,2}ng)[\\s.,:]*([0-9oil]{1,2})\\s*"
        "(n[a-z]{0,2}(?:m|rn))[\\s.,:]*([0-9oil]{4})"));
    const QRegularExpressionMatch m = re.match(folded);
    if (!m.hasMatch())
        return std::nullopt;
    double quality = 1;
    if (line.mid(m.capturedStart(1), m.capturedLength(1)) != QStringLiteral("ngày") ||
        line.mid(m.capturedStart(3), m.capturedLength(3)) != QStringLiteral("tháng") ||
        line.mid(m.capturedStart(5), m.capturedLength(5)) != QStringLiteral("năm"))
        quality *= 0.9;
    bool repaired = false;
    QString d, mo, y;
    if (!repairDigits(line.mid(m.capturedStart(2), m.capturedLength(2)), &d, &repaired) ||
        !repairDigits(line.mid(m.capturedStart(4), m.capturedLength(4)), &mo, &repaired) ||
        !repairDigits(line.mid(m.capturedStart(6), m.capturedLength(6)), &y, &repaired))
        return std::nullopt;
    if (repaired)
        quality *= 0.9;
    const QDate date(y.toInt(), mo.toInt(), d.toInt());
    if (!date.isValid() || date.year() < 1945 || date.year() > 2100)
        return std::nullopt;
    DateReading r;
    r.date = date;
    r.dateStart = int(m.capturedStart(1));
    r.dateEnd = int(m.capturedEnd(6));
    // The place: what stands before "ngày", back to a token of the number line merged into the same line.
    int end = r.dateStart;
    while (end > 0 && (line[end - 1].isSpace() || line[end - 1] == u',' || line[end - 1] == u'.' ||
                       line[end - 1] == u';'))
        --end;
    int start = end;
    int words = 0;
    while (start > 0 && words < 5) {
        int s = start;
        while (s > 0 && line[s - 1].isSpace())
            --s;
        int wordStart = s;
        while (wordStart > 0 && !line[wordStart - 1].isSpace())
            --wordStart;
        const QString word = line.mid(wordStart, s - wordStart);
        if (word.isEmpty() || word.contains(QLatin1Char('/')) || word.contains(QLatin1Char(':')) ||
            std::any_of(word.begin(), word.end(), [](QChar c) { return c.isDigit(); }))
            break;
        start = wordStart;
        ++words;
    }
    if (start < end) {
        r.place = line.mid(start, end - start).trimmed();
        r.placeStart = start;
        r.placeEnd = end;
    } else {
        quality *= 0.9;
    }
    r.quality = quality;
    return r;
}

std::optional<KindReading> readTitleLine(const QString &line)
{
    if (upperShare(line) < 0.6)
        return std::nullopt;
    const QString f = core::foldForSearch(line);
    if (f.isEmpty() || f.size() > 30)
        return std::nullopt;
    std::optional<KindReading> best;
    int bestDistance = 99;
    for (const DocumentKind &k : decree30Kinds()) {
        const QString kf = core::foldForSearch(k.name);
        const int d = levenshtein(f, kf);
        const int allowed = kf.size() >= 12 ? 2 : kf.size() >= 6 ? 1 : 0;
        if (d <= allowed && d < bestDistance) {
            bestDistance = d;
            best = KindReading{k, 1.0 - 0.15 * d};
        }
    }
    // Diacritics lost on the way lower the reading too.
    if (best && bestDistance == 0 &&
        !line.normalized(QString::NormalizationForm_C).toLower().contains(best->kind.name.toLower()))
        best->quality *= 0.9;
    return best;
}

std::optional<DocumentKind> kindFromNotation(const QString &notation)
{
    const QString first = notation.section(QLatin1Char('-'), 0, 0).trimmed();
    if (first.isEmpty())
        return std::nullopt;
    for (const DocumentKind &k : decree30Kinds())
        if (!k.abbr.isEmpty() && k.abbr == first)
            return k;
    std::optional<DocumentKind> only;
    int matches = 0;
    const QString folded = foldKeepingOffsets(first);
    for (const DocumentKind &k : decree30Kinds()) {
        if (!k.abbr.isEmpty() && foldKeepingOffsets(k.abbr) == folded) {
            only = k;
            ++matches;
        }
    }
    return matches == 1 ? only : std::nullopt;
}

RegisterFields extractRegisterFields(const QList<OcrPage> &pages)
{
    std::optional<RegisterFields> first;
    int tried = 0;
    for (const OcrPage &page : pages) {
        if (page.words.isEmpty())
            continue;
        PageReading r = readPage(page);
        if (r.anchored)
            return r.fields;
        if (!first)
            first = r.fields;
        if (++tried == 2)
            break;
    }
    return first.value_or(RegisterFields{});
}

} // namespace govdesk::scanning
