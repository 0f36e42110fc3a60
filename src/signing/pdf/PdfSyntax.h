#pragma once

// Internal to the PDF layer: PDF syntax helpers and the append-only incremental-update writer.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace govdesk::signing::pdf {

/// A PDF text string: a literal string for printable ASCII, else UTF-16BE with a byte-order mark, in hex.
QByteArray textString(const QString &text);
/// A PDF literal string of raw bytes, escaped.
QByteArray literalString(const QByteArray &bytes);
/// A PDF name ("/Name") with delimiters and non-regular characters escaped as #xx.
QByteArray name(const QByteArray &bareName);
/// A real number with at most 4 decimals and no exponent.
QByteArray real(double value);
/// "D:YYYYMMDDHHmmSS+07'00'" in Vietnam time.
QByteArray date(const QDateTime &time);
/// Parses a PDF date ("D:20260315140509+07'00'"); invalid when it cannot.
QDateTime parseDate(const QByteArray &value);
/// zlib (FlateDecode) compression.
QByteArray deflate(const QByteArray &data);

/// The last cross-reference section of a file, read from its "startxref".
struct Tail
{
    qint64 startxref = -1;
    bool xrefStream = false;
};
Tail readTail(const QByteArray &pdf);

/// Collects the objects of one incremental update and serialises it after the original bytes: new and
/// rewritten objects, then a cross-reference section (a classic table, or a stream when the file's last
/// section is one) with /Prev pointing to the previous section.
class IncrementalWriter
{
public:
    IncrementalWriter(const QByteArray &original, int firstFreeObject, bool xrefStream, qint64 prevXref);

    /// A new object number.
    int allocate();
    /// Sets object `num` (generation `gen`) to `body` (the text between "obj" and "endobj").
    void setObject(int num, int gen, const QByteArray &body);
    /// Sets object `num` (generation 0) to a stream: `dict` holds the entries without << >> and /Length.
    void setStream(int num, const QByteArray &dictEntries, const QByteArray &data, int gen = 0);
    int addObject(const QByteArray &body);
    int addStream(const QByteArray &dictEntries, const QByteArray &data);

    /// Trailer entries besides /Size, /Prev (e.g. "/Root 1 0 R /Info 5 0 R /ID [<..> <..>]").
    void setTrailerEntries(const QByteArray &entries) { m_trailer = entries; }

    /// The original bytes followed by the update.
    QByteArray finish();

private:
    struct Obj
    {
        int gen = 0;
        QByteArray text; ///< complete "N G obj ... endobj\n"
    };
    QByteArray m_original;
    int m_next;
    bool m_xrefStream;
    qint64 m_prev;
    QByteArray m_trailer;
    QMap<int, Obj> m_objects;
};

} // namespace govdesk::signing::pdf
