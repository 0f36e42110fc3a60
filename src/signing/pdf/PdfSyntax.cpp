#include "PdfSyntax.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace govdesk::signing::pdf {

static constexpr int kVietnamOffsetSeconds = 7 * 3600;

QByteArray literalString(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + 2);
    out += '(';
    for (char c : bytes) {
        switch (c) {
        case '(':
        case ')':
        case '\\':
            out += '\\';
            out += c;
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    out += ')';
    return out;
}

QByteArray textString(const QString &text)
{
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
    if (ascii)
        return literalString(text.toLatin1());
    QByteArray utf16("\xfe\xff", 2);
    for (QChar c : text) {
        utf16 += char(c.unicode() >> 8);
        utf16 += char(c.unicode() & 0xff);
    }
    return '<' + utf16.toHex().toUpper() + '>';
}

QByteArray name(const QByteArray &bareName)
{
    static const QByteArray delimiters("()<>[]{}/%#");
    QByteArray out("/");
    for (char ch : bareName) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x21 || c > 0x7e || delimiters.contains(ch))
            out += '#' + QByteArray::number(c, 16).rightJustified(2, '0').toUpper();
        else
            out += ch;
    }
    return out;
}

QByteArray real(double value)
{
    if (std::abs(value) < 0.00005)
        return "0";
    QByteArray s = QByteArray::number(value, 'f', 4);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s;
}

QByteArray date(const QDateTime &time)
{
    const QDateTime vn = time.toTimeZone(QTimeZone::fromSecondsAheadOfUtc(kVietnamOffsetSeconds));
    return "D:" + vn.toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + "+07'00'";
}

QDateTime parseDate(const QByteArray &value)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+\-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?)"));
    const auto m = re.match(QString::fromLatin1(value.trimmed()));
    if (!m.hasMatch())
        return {};
    auto num = [&](int i, int def) { return m.captured(i).isEmpty() ? def : m.captured(i).toInt(); };
    const QDate d(num(1, 1), num(2, 1), num(3, 1));
    const QTime t(num(4, 0), num(5, 0), num(6, 0));
    if (!d.isValid() || !t.isValid())
        return {};
    int offset = 0;
    const QString sign = m.captured(7);
    if (sign == u"+" || sign == u"-")
        offset = (sign == u"-" ? -1 : 1) * (num(8, 0) * 3600 + num(9, 0) * 60);
    return QDateTime(d, t, QTimeZone::fromSecondsAheadOfUtc(offset));
}

QByteArray deflate(const QByteArray &data)
{
    // qCompress prefixes the zlib stream with the uncompressed length (4 bytes, big-endian).
    return qCompress(data, 9).mid(4);
}

static bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

Tail readTail(const QByteArray &pdf)
{
    Tail tail;
    const qsizetype at = pdf.lastIndexOf("startxref");
    if (at < 0)
        return tail;
    qsizetype i = at + 9;
    while (i < pdf.size() && isSpace(pdf[i]))
        ++i;
    qsizetype j = i;
    while (j < pdf.size() && pdf[j] >= '0' && pdf[j] <= '9')
        ++j;
    bool ok = false;
    const qint64 offset = pdf.mid(i, j - i).toLongLong(&ok);
    if (!ok || offset <= 0 || offset >= pdf.size())
        return tail;
    qsizetype k = offset;
    while (k < pdf.size() && isSpace(pdf[k]))
        ++k;
    if (pdf.mid(k, 4) == "xref") {
        tail.startxref = offset;
        return tail;
    }
    static const QRegularExpression objHeader(QStringLiteral(R"(^\d+\s+\d+\s+obj)"));
    if (objHeader.match(QString::fromLatin1(pdf.mid(k, 32))).hasMatch()) {
        tail.startxref = offset;
        tail.xrefStream = true;
    }
    return tail;
}

IncrementalWriter::IncrementalWriter(const QByteArray &original, int firstFreeObject, bool xrefStream,
                                     qint64 prevXref)
    : m_original(original), m_next(std::max(1, firstFreeObject)), m_xrefStream(xrefStream), m_prev(prevXref)
{}

int IncrementalWriter::allocate()
{
    return m_next++;
}

void IncrementalWriter::setObject(int num, int gen, const QByteArray &body)
{
    m_objects[num] = {gen, QByteArray::number(num) + ' ' + QByteArray::number(gen) + " obj\n" + body +
                               "\nendobj\n"};
}

void IncrementalWriter::setStream(int num, const QByteArray &dictEntries, const QByteArray &data, int gen)
{
    setObject(num, gen,
              "<< " + dictEntries + " /Length " + QByteArray::number(data.size()) + " >>\nstream\n" + data +
                  "\nendstream");
}

int IncrementalWriter::addObject(const QByteArray &body)
{
    const int num = allocate();
    setObject(num, 0, body);
    return num;
}

int IncrementalWriter::addStream(const QByteArray &dictEntries, const QByteArray &data)
{
    const int num = allocate();
    setStream(num, dictEntries, data);
    return num;
}

// Consecutive object numbers as (first, count) pairs.
static QList<std::pair<int, int>> subsections(const QList<int> &nums)
{
    QList<std::pair<int, int>> out;
    for (int n : nums) {
        if (!out.isEmpty() && out.last().first + out.last().second == n)
            ++out.last().second;
        else
            out.append({n, 1});
    }
    return out;
}

QByteArray IncrementalWriter::finish()
{
    QByteArray out = m_original;
    if (!out.endsWith('\n') && !out.endsWith('\r'))
        out += '\n';
    QMap<int, qint64> offsets;
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        offsets[it.key()] = out.size();
        out += it->text;
    }
    const QByteArray prev = m_prev > 0 ? " /Prev " + QByteArray::number(m_prev) : QByteArray();

    if (!m_xrefStream) {
        const qint64 xrefOffset = out.size();
        out += "xref\n";
        for (const auto &[first, count] : subsections(offsets.keys())) {
            out += QByteArray::number(first) + ' ' + QByteArray::number(count) + '\n';
            for (int n = first; n < first + count; ++n) {
                out += QByteArray::number(offsets[n]).rightJustified(10, '0') + ' ' +
                       QByteArray::number(m_objects[n].gen).rightJustified(5, '0') + " n\r\n";
            }
        }
        out += "trailer\n<< /Size " + QByteArray::number(m_next) + prev + ' ' + m_trailer +
               " >>\nstartxref\n" + QByteArray::number(xrefOffset) + "\n%%EOF\n";
        return out;
    }

    const int xrefNum = m_next++;
    const qint64 xrefOffset = out.size();
    offsets[xrefNum] = xrefOffset;
    const int offsetWidth = xrefOffset > 0xffffffffLL ? 8 : 4;
    QByteArray rows;
    for (auto it = offsets.cbegin(); it != offsets.cend(); ++it) {
        rows += char(1);
        for (int b = offsetWidth - 1; b >= 0; --b)
            rows += char((it.value() >> (8 * b)) & 0xff);
        const int gen = it.key() == xrefNum ? 0 : m_objects[it.key()].gen;
        rows += char((gen >> 8) & 0xff);
        rows += char(gen & 0xff);
    }
    QByteArray index;
    for (const auto &[first, count] : subsections(offsets.keys()))
        index += QByteArray::number(first) + ' ' + QByteArray::number(count) + ' ';
    const QByteArray data = deflate(rows);
    out += QByteArray::number(xrefNum) + " 0 obj\n<< /Type /XRef /Size " + QByteArray::number(m_next) +
           " /W [1 " + QByteArray::number(offsetWidth) + " 2] /Index [" + index.trimmed() + ']' + prev + ' ' +
           m_trailer + " /Filter /FlateDecode /Length " + QByteArray::number(data.size()) + " >>\nstream\n" +
           data + "\nendstream\nendobj\nstartxref\n" + QByteArray::number(xrefOffset) + "\n%%EOF\n";
    return out;
}

} // namespace govdesk::signing::pdf
