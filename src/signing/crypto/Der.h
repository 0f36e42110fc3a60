#pragma once

// A minimal DER writer for the CMS structures the signer builds itself (CAdES signed attributes, SignerInfo,
// SignedData). Internal to the crypto layer: no third-party types, only bytes.

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>

namespace govdesk::signing::der {

enum Tag : unsigned char
{
    Integer = 0x02,
    OctetString = 0x04,
    Null = 0x05,
    ObjectId = 0x06,
    UtcTime = 0x17,
    GeneralizedTime = 0x18,
    Sequence = 0x30,
    Set = 0x31,
};

inline QByteArray length(qsizetype n)
{
    QByteArray out;
    if (n < 0x80) {
        out.append(char(n));
        return out;
    }
    QByteArray digits;
    while (n > 0) {
        digits.prepend(char(n & 0xff));
        n >>= 8;
    }
    out.append(char(0x80 | digits.size()));
    out.append(digits);
    return out;
}

inline QByteArray tlv(unsigned char tag, const QByteArray &content)
{
    QByteArray out;
    out.reserve(content.size() + 6);
    out.append(char(tag));
    out.append(length(content.size()));
    out.append(content);
    return out;
}

inline QByteArray sequence(const QList<QByteArray> &items)
{
    QByteArray c;
    for (const QByteArray &i : items)
        c.append(i);
    return tlv(Sequence, c);
}

/// DER SET OF: the encodings sorted as octet strings (X.690 11.6).
inline QByteArray setOf(QList<QByteArray> items, unsigned char tag = Set)
{
    std::sort(items.begin(), items.end());
    QByteArray c;
    for (const QByteArray &i : items)
        c.append(i);
    return tlv(tag, c);
}

/// [n] EXPLICIT: constructed context tag around a complete encoding.
inline QByteArray explicitTag(int n, const QByteArray &encoded)
{
    return tlv(static_cast<unsigned char>(0xA0 | n), encoded);
}

/// [n] IMPLICIT on a constructed type: replaces the tag of a complete encoding.
inline QByteArray implicitConstructed(int n, const QByteArray &encoded)
{
    QByteArray out = encoded;
    if (!out.isEmpty())
        out[0] = char(0xA0 | n);
    return out;
}

inline QByteArray octetString(const QByteArray &bytes)
{
    return tlv(OctetString, bytes);
}

inline QByteArray null()
{
    return QByteArray("\x05\x00", 2);
}

/// INTEGER from unsigned big-endian magnitude bytes.
inline QByteArray unsignedInteger(QByteArray magnitude)
{
    while (magnitude.size() > 1 && magnitude.at(0) == 0 && !(magnitude.at(1) & 0x80))
        magnitude.remove(0, 1);
    if (magnitude.isEmpty())
        magnitude = QByteArray(1, '\0');
    if (magnitude.at(0) & 0x80)
        magnitude.prepend('\0');
    return tlv(Integer, magnitude);
}

inline QByteArray integer(int value)
{
    QByteArray m;
    unsigned v = static_cast<unsigned>(value);
    do {
        m.prepend(char(v & 0xff));
        v >>= 8;
    } while (v);
    return unsignedInteger(m);
}

/// OBJECT IDENTIFIER from dotted text ("1.2.840.113549.1.7.2").
inline QByteArray oid(const char *dotted)
{
    const QList<QByteArray> parts = QByteArray(dotted).split('.');
    QByteArray c;
    if (parts.size() < 2)
        return tlv(ObjectId, c);
    auto base128 = [&c](unsigned long long v) {
        QByteArray b;
        b.prepend(char(v & 0x7f));
        v >>= 7;
        while (v) {
            b.prepend(char(0x80 | (v & 0x7f)));
            v >>= 7;
        }
        c.append(b);
    };
    base128(parts.at(0).toULongLong() * 40 + parts.at(1).toULongLong());
    for (qsizetype i = 2; i < parts.size(); ++i)
        base128(parts.at(i).toULongLong());
    return tlv(ObjectId, c);
}

/// AlgorithmIdentifier; `withNull` adds the NULL parameters RSA identifiers carry.
inline QByteArray algorithm(const char *dotted, bool withNull = false)
{
    return withNull ? sequence({oid(dotted), null()}) : sequence({oid(dotted)});
}

/// Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value }
inline QByteArray attribute(const char *dotted, const QList<QByteArray> &values)
{
    return sequence({oid(dotted), setOf(values)});
}

} // namespace govdesk::signing::der
