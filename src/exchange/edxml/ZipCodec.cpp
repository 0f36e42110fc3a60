#include "ZipCodec.h"

#include <zlib.h>

#include <limits>

namespace govdesk::exchange::edxml {

namespace {

constexpr quint32 LocalHeaderSignature = 0x04034b50;
constexpr quint32 CentralHeaderSignature = 0x02014b50;
constexpr quint32 EndOfCentralDirectorySignature = 0x06054b50;

quint16 u16(const QByteArray &d, qint64 at)
{
    return quint16(quint8(d[at])) | quint16(quint8(d[at + 1])) << 8;
}

quint32 u32(const QByteArray &d, qint64 at)
{
    return quint32(u16(d, at)) | quint32(u16(d, at + 2)) << 16;
}

void put16(QByteArray &d, quint16 v)
{
    d.append(char(v & 0xff));
    d.append(char(v >> 8));
}

void put32(QByteArray &d, quint32 v)
{
    put16(d, quint16(v & 0xffff));
    put16(d, quint16(v >> 16));
}

quint32 crc(const QByteArray &data)
{
    uLong c = crc32(0L, Z_NULL, 0);
    qint64 done = 0;
    while (done < data.size()) {
        const uInt n = uInt(std::min<qint64>(data.size() - done, std::numeric_limits<uInt>::max()));
        c = crc32(c, reinterpret_cast<const Bytef *>(data.constData() + done), n);
        done += n;
    }
    return quint32(c);
}

} // namespace

bool ZipCodec::looksLikeZip(const QByteArray &data)
{
    return data.size() >= 30 && u32(data, 0) == LocalHeaderSignature;
}

QList<ZipCodec::Entry> ZipCodec::entries(const QByteArray &zip, Problem *problem)
{
    *problem = Problem::None;
    const qint64 size = zip.size();
    if (size < 22) {
        *problem = Problem::Truncated;
        return {};
    }
    // The end record is the last thing in the file, followed by a comment of at most 65535 bytes.
    qint64 eocd = -1;
    for (qint64 at = size - 22; at >= 0 && at >= size - 22 - 65535; --at) {
        if (u32(zip, at) == EndOfCentralDirectorySignature && at + 22 + u16(zip, at + 20) <= size) {
            eocd = at;
            break;
        }
    }
    if (eocd < 0) {
        *problem = Problem::Truncated;
        return {};
    }
    const quint16 count = u16(zip, eocd + 10);
    const quint32 cdSize = u32(zip, eocd + 12);
    const quint32 cdOffset = u32(zip, eocd + 16);
    if (count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) {
        *problem = Problem::Zip64;
        return {};
    }
    if (qint64(cdOffset) + qint64(cdSize) > eocd) {
        *problem = Problem::Truncated;
        return {};
    }
    QList<Entry> list;
    qint64 at = cdOffset;
    for (int i = 0; i < count; ++i) {
        if (at + 46 > eocd || u32(zip, at) != CentralHeaderSignature) {
            *problem = Problem::Truncated;
            return {};
        }
        Entry e;
        e.flags = u16(zip, at + 8);
        e.method = u16(zip, at + 10);
        e.crc32 = u32(zip, at + 16);
        const quint32 compressed = u32(zip, at + 20);
        const quint32 uncompressed = u32(zip, at + 24);
        const quint16 nameLength = u16(zip, at + 28);
        const quint16 extraLength = u16(zip, at + 30);
        const quint16 commentLength = u16(zip, at + 32);
        const quint32 offset = u32(zip, at + 42);
        if (compressed == 0xffffffff || uncompressed == 0xffffffff || offset == 0xffffffff) {
            *problem = Problem::Zip64;
            return {};
        }
        const qint64 next = at + 46 + nameLength + extraLength + commentLength;
        if (next > eocd) {
            *problem = Problem::Truncated;
            return {};
        }
        const QByteArray rawName = zip.mid(at + 46, nameLength);
        // Bit 11: the name is UTF-8; otherwise CP437, of which the ASCII part is all a name needs here.
        e.name = (e.flags & 0x0800) ? QString::fromUtf8(rawName) : QString::fromLatin1(rawName);
        e.compressedSize = compressed;
        e.uncompressedSize = uncompressed;
        e.localHeaderOffset = offset;
        list.append(e);
        at = next;
    }
    return list;
}

QByteArray ZipCodec::extract(const QByteArray &zip, const Entry &e, const Limits &limits, Problem *problem)
{
    *problem = Problem::None;
    if (e.flags & 0x0001) {
        *problem = Problem::Encrypted;
        return {};
    }
    if (e.method != 0 && e.method != 8) {
        *problem = Problem::Method;
        return {};
    }
    const qint64 at = e.localHeaderOffset;
    if (at + 30 > zip.size() || u32(zip, at) != LocalHeaderSignature) {
        *problem = Problem::Truncated;
        return {};
    }
    const qint64 dataStart = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
    if (dataStart + e.compressedSize > zip.size()) {
        *problem = Problem::Truncated;
        return {};
    }
    if (e.uncompressedSize > limits.maxUncompressed) {
        *problem = Problem::TooLarge;
        return {};
    }
    if (e.uncompressedSize > limits.ratioFloor &&
        e.uncompressedSize > qint64(limits.maxRatio) * std::max<qint64>(e.compressedSize, 1)) {
        *problem = Problem::Ratio;
        return {};
    }
    QByteArray out;
    if (e.method == 0) {
        if (e.compressedSize != e.uncompressedSize) {
            *problem = Problem::SizeMismatch;
            return {};
        }
        out = zip.mid(dataStart, e.compressedSize);
    } else {
        // Never trust the recorded size beyond the limit: inflate into a buffer of that size plus one
        // byte, so a stream that goes on is caught as soon as it passes it.
        out.resize(e.uncompressedSize + 1);
        z_stream s{};
        if (inflateInit2(&s, -MAX_WBITS) != Z_OK) {
            *problem = Problem::Corrupt;
            return {};
        }
        qint64 inDone = 0;
        qint64 outDone = 0;
        int rc = Z_OK;
        while (rc == Z_OK) {
            const qint64 inLeft = e.compressedSize - inDone;
            const qint64 outLeft = out.size() - outDone;
            if (outLeft == 0)
                break;
            s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zip.constData() + dataStart + inDone));
            s.avail_in = uInt(std::min<qint64>(inLeft, 1 << 30));
            s.next_out = reinterpret_cast<Bytef *>(out.data() + outDone);
            s.avail_out = uInt(std::min<qint64>(outLeft, 1 << 30));
            const uInt inBefore = s.avail_in;
            const uInt outBefore = s.avail_out;
            rc = inflate(&s, Z_NO_FLUSH);
            inDone += inBefore - s.avail_in;
            outDone += outBefore - s.avail_out;
            const bool progress = inBefore != s.avail_in || outBefore != s.avail_out;
            if (rc == Z_BUF_ERROR && progress)
                rc = Z_OK; // more room or input in the next round
            else if (rc == Z_OK && !progress)
                rc = Z_DATA_ERROR;
        }
        inflateEnd(&s);
        if (outDone > e.uncompressedSize) {
            *problem = Problem::SizeMismatch;
            return {};
        }
        if (rc != Z_STREAM_END) {
            *problem = Problem::Corrupt;
            return {};
        }
        out.truncate(outDone);
        if (outDone != e.uncompressedSize) {
            *problem = Problem::SizeMismatch;
            return {};
        }
    }
    if (crc(out) != e.crc32) {
        *problem = Problem::Checksum;
        return {};
    }
    return out;
}

QByteArray ZipCodec::zipOne(const QString &entryName, const QByteArray &data, const QDateTime &modified,
                            Method method)
{
    QByteArray deflated;
    {
        z_stream s{};
        deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        deflated.resize(qsizetype(deflateBound(&s, uLong(data.size()))) + 64);
        s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        s.avail_in = uInt(data.size());
        s.next_out = reinterpret_cast<Bytef *>(deflated.data());
        s.avail_out = uInt(deflated.size());
        deflate(&s, Z_FINISH);
        deflated.truncate(qsizetype(s.total_out));
        deflateEnd(&s);
    }
    const Limits guard;
    const bool store = method == Method::Store ||
                       (method == Method::Auto && data.size() > guard.ratioFloor &&
                        data.size() > qint64(guard.maxRatio) * std::max<qint64>(deflated.size(), 1));
    if (store)
        deflated = data;
    const quint16 compression = store ? 0 : 8;
    const QByteArray name = entryName.toUtf8();
    const quint32 checksum = crc(data);
    const QDateTime t = modified.isValid() ? modified : QDateTime::currentDateTime();
    const QDate d = t.date().year() < 1980 ? QDate(1980, 1, 1) : t.date();
    const quint16 dosTime =
        quint16((t.time().hour() << 11) | (t.time().minute() << 5) | (t.time().second() / 2));
    const quint16 dosDate = quint16(((d.year() - 1980) << 9) | (d.month() << 5) | d.day());
    constexpr quint16 flags = 0x0800; // UTF-8 name
    constexpr quint16 version = 20;

    QByteArray zip;
    zip.reserve(deflated.size() + 2 * name.size() + 128);
    put32(zip, LocalHeaderSignature);
    put16(zip, version);
    put16(zip, flags);
    put16(zip, compression);
    put16(zip, dosTime);
    put16(zip, dosDate);
    put32(zip, checksum);
    put32(zip, quint32(deflated.size()));
    put32(zip, quint32(data.size()));
    put16(zip, quint16(name.size()));
    put16(zip, 0);
    zip += name;
    zip += deflated;

    const quint32 cdOffset = quint32(zip.size());
    put32(zip, CentralHeaderSignature);
    put16(zip, version);
    put16(zip, version);
    put16(zip, flags);
    put16(zip, compression);
    put16(zip, dosTime);
    put16(zip, dosDate);
    put32(zip, checksum);
    put32(zip, quint32(deflated.size()));
    put32(zip, quint32(data.size()));
    put16(zip, quint16(name.size()));
    put16(zip, 0); // extra
    put16(zip, 0); // comment
    put16(zip, 0); // disk
    put16(zip, 0); // internal attributes
    put32(zip, 0); // external attributes
    put32(zip, 0); // local header offset
    zip += name;
    const quint32 cdSize = quint32(zip.size()) - cdOffset;

    put32(zip, EndOfCentralDirectorySignature);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 1);
    put16(zip, 1);
    put32(zip, cdSize);
    put32(zip, cdOffset);
    put16(zip, 0);
    return zip;
}

} // namespace govdesk::exchange::edxml
