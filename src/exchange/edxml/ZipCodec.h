#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace govdesk::exchange::edxml {

/// The ZIP container VPCP's SDK wraps every attachment in (one entry "<uuid>.<ext>", deflated), read and
/// written with zlib's raw deflate. Only what edXML needs: stored and deflated entries, no encryption, no
/// ZIP64 (attachments are far below 4 GB).
class ZipCodec
{
public:
    enum class Problem
    {
        None,
        Truncated,    // no end-of-central-directory record, or a record pointing outside the data
        Encrypted,    // encrypted entries cannot be read
        Method,       // a compression method other than stored (0) or deflate (8)
        Zip64,        // ZIP64 records
        Corrupt,      // the deflate stream is broken
        Checksum,     // CRC-32 differs from the one recorded
        TooLarge,     // the entry would be larger than the limit
        Ratio,        // the entry expands more than the ratio allowed (a zip bomb)
        SizeMismatch, // the entry inflates to another size than the one recorded
    };

    struct Entry
    {
        QString name;
        quint16 flags = 0;
        quint16 method = 0;
        quint32 crc32 = 0;
        qint64 compressedSize = 0;
        qint64 uncompressedSize = 0;
        qint64 localHeaderOffset = 0;

        bool isDirectory() const { return name.endsWith(QLatin1Char('/')) && uncompressedSize == 0; }
    };

    struct Limits
    {
        qint64 maxUncompressed = 100LL << 20;
        int maxRatio = 200;            // uncompressed / compressed
        qint64 ratioFloor = 4LL << 20; // entries up to this size are not checked for their ratio
    };

    /// True when `data` starts with a ZIP local file header ("PK\3\4").
    static bool looksLikeZip(const QByteArray &data);
    /// The entries of the central directory; `problem` says why there are none when it fails.
    static QList<Entry> entries(const QByteArray &zip, Problem *problem);
    /// The bytes of one entry, checked against its CRC-32 and size, within `limits`.
    static QByteArray extract(const QByteArray &zip, const Entry &entry, const Limits &limits,
                              Problem *problem);
    enum class Method
    {
        Auto,    // deflate, but store what deflates beyond the default ratio guard (blank scans), so every
                 // reader keeping that guard, ours included, accepts it
        Deflate, // always deflate
        Store,   // never compress
    };

    /// A ZIP with one entry, as the SDK writes it.
    static QByteArray zipOne(const QString &entryName, const QByteArray &data, const QDateTime &modified,
                             Method method = Method::Auto);
};

} // namespace govdesk::exchange::edxml
