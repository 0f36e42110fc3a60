#include "Pkcs11Internal.h"
#include "Pkcs11Module.h"

#include <cstring>

namespace govdesk::signing {

namespace p11 {

QString rvName(CK_RV rv)
{
    struct Name
    {
        CK_RV rv;
        const char *name;
    };
    static const Name names[] = {
        {CKR_OK, "CKR_OK"},
        {CKR_CANCEL, "CKR_CANCEL"},
        {CKR_HOST_MEMORY, "CKR_HOST_MEMORY"},
        {CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID"},
        {CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"},
        {CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"},
        {CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"},
        {CKR_CANT_LOCK, "CKR_CANT_LOCK"},
        {CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"},
        {CKR_DATA_INVALID, "CKR_DATA_INVALID"},
        {CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE"},
        {CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"},
        {CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY"},
        {CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"},
        {CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED"},
        {CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED"},
        {CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"},
        {CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE"},
        {CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT"},
        {CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED"},
        {CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"},
        {CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"},
        {CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"},
        {CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE"},
        {CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED"},
        {CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"},
        {CKR_PIN_INVALID, "CKR_PIN_INVALID"},
        {CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"},
        {CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"},
        {CKR_PIN_LOCKED, "CKR_PIN_LOCKED"},
        {CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"},
        {CKR_SESSION_COUNT, "CKR_SESSION_COUNT"},
        {CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"},
        {CKR_SESSION_PARALLEL_NOT_SUPPORTED, "CKR_SESSION_PARALLEL_NOT_SUPPORTED"},
        {CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"},
        {CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"},
        {CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"},
        {CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"},
        {CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED"},
        {CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID"},
        {CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"},
        {CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"},
        {CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"},
        {CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"},
    };
    const QString hex = QStringLiteral("0x") + QString::number(qulonglong(rv), 16).toUpper();
    for (const Name &n : names) {
        if (n.rv == rv)
            return QStringLiteral("%1 (%2)").arg(QLatin1StringView(n.name), hex);
    }
    return hex;
}

bool isRemoval(CK_RV rv)
{
    return rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_DEVICE_REMOVED || rv == CKR_SESSION_HANDLE_INVALID ||
           rv == CKR_SESSION_CLOSED || rv == CKR_SLOT_ID_INVALID || rv == CKR_TOKEN_NOT_RECOGNIZED;
}

QString fixedText(const CK_UTF8CHAR *text, size_t size)
{
    QByteArray b(reinterpret_cast<const char *>(text), qsizetype(size));
    const qsizetype nul = b.indexOf('\0');
    if (nul >= 0)
        b.truncate(nul);
    while (!b.isEmpty() && b.back() == ' ')
        b.chop(1);
    // A label cut at the field's end in the middle of a multi-byte character: drop the partial character.
    qsizetype lead = b.size() - 1;
    while (lead >= 0 && lead > b.size() - 4 && (static_cast<unsigned char>(b.at(lead)) & 0xc0) == 0x80)
        --lead;
    if (lead >= 0) {
        const auto c = static_cast<unsigned char>(b.at(lead));
        const qsizetype need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (b.size() - lead < need)
            b.truncate(lead);
    }
    return QString::fromUtf8(b).trimmed();
}

void wipe(void *data, size_t size)
{
    volatile unsigned char *p = static_cast<volatile unsigned char *>(data);
    for (size_t i = 0; i < size; ++i)
        p[i] = 0;
}

core::Error tokenRemovedError()
{
    return GOVDESK_ERROR("signing.token-removed",
                         QT_TRANSLATE_NOOP("Signing",
                                           "The token was unplugged (or its reader stopped answering). "
                                           "Plug the token in again and retry."));
}

// ------------------------------------------------------------------ a minimal DER reader

namespace {

struct Tlv
{
    unsigned char tag = 0;
    const unsigned char *content = nullptr;
    size_t length = 0;
};

// Reads one TLV at p (advancing p past it); false on malformed input.
bool readTlv(const unsigned char *&p, const unsigned char *end, Tlv *out)
{
    if (end - p < 2)
        return false;
    out->tag = *p++;
    size_t len = *p++;
    if (len & 0x80) {
        const size_t n = len & 0x7f;
        if (n == 0 || n > 4 || size_t(end - p) < n)
            return false;
        len = 0;
        for (size_t i = 0; i < n; ++i)
            len = (len << 8) | *p++;
    }
    if (size_t(end - p) < len)
        return false;
    out->content = p;
    out->length = len;
    p += len;
    return true;
}

bool oidIs(const Tlv &t, std::initializer_list<unsigned char> bytes)
{
    return t.tag == 0x06 && t.length == bytes.size() &&
           std::memcmp(t.content, bytes.begin(), bytes.size()) == 0;
}

int bitLength(const unsigned char *p, size_t n)
{
    while (n > 0 && *p == 0) {
        ++p;
        --n;
    }
    if (n == 0)
        return 0;
    int bits = int(n) * 8;
    for (unsigned char top = *p; !(top & 0x80); top <<= 1)
        --bits;
    return bits;
}

} // namespace

bool certificateKeyInfo(const QByteArray &der, QString *keyType, int *keyBits)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *end = p + der.size();
    Tlv cert, tbs, t;
    if (!readTlv(p, end, &cert) || cert.tag != 0x30)
        return false;
    p = cert.content;
    end = cert.content + cert.length;
    if (!readTlv(p, end, &tbs) || tbs.tag != 0x30)
        return false;
    p = tbs.content;
    end = tbs.content + tbs.length;
    if (!readTlv(p, end, &t))
        return false;
    if (t.tag == 0xa0 && !readTlv(p, end, &t)) // version, then serialNumber
        return false;
    for (int i = 0; i < 4; ++i) { // signature, issuer, validity, subject
        if (!readTlv(p, end, &t))
            return false;
    }
    Tlv spki, alg, algOid, params, bits;
    if (!readTlv(p, end, &spki) || spki.tag != 0x30)
        return false;
    p = spki.content;
    end = spki.content + spki.length;
    if (!readTlv(p, end, &alg) || alg.tag != 0x30 || !readTlv(p, end, &bits) || bits.tag != 0x03 ||
        bits.length < 2)
        return false;
    const unsigned char *a = alg.content;
    const unsigned char *aEnd = alg.content + alg.length;
    if (!readTlv(a, aEnd, &algOid))
        return false;
    const bool hasParams = readTlv(a, aEnd, &params);

    if (oidIs(algOid, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}) ||
        oidIs(algOid, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a})) { // rsaEncryption, RSASSA-PSS
        const unsigned char *k = bits.content + 1;
        const unsigned char *kEnd = bits.content + bits.length;
        Tlv seq, modulus;
        if (!readTlv(k, kEnd, &seq) || seq.tag != 0x30)
            return false;
        k = seq.content;
        if (!readTlv(k, seq.content + seq.length, &modulus) || modulus.tag != 0x02)
            return false;
        *keyType = QStringLiteral("RSA");
        *keyBits = bitLength(modulus.content, modulus.length);
        return true;
    }
    if (oidIs(algOid, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01})) { // id-ecPublicKey
        *keyType = QStringLiteral("EC");
        int size = 0;
        if (hasParams) {
            if (oidIs(params, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07})) // P-256
                size = 256;
            else if (oidIs(params, {0x2b, 0x81, 0x04, 0x00, 0x22})) // P-384
                size = 384;
            else if (oidIs(params, {0x2b, 0x81, 0x04, 0x00, 0x23})) // P-521
                size = 521;
            else if (oidIs(params, {0x2b, 0x81, 0x04, 0x00, 0x0a})) // secp256k1
                size = 256;
            else if (oidIs(params, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07})) // brainpoolP256r1
                size = 256;
            else if (oidIs(params, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b})) // brainpoolP384r1
                size = 384;
            else if (oidIs(params, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d})) // brainpoolP512r1
                size = 512;
        }
        if (size == 0 && bits.length > 2 && bits.content[1] == 0x04) // uncompressed point 04 || X || Y
            size = int((bits.length - 2) / 2) * 8;
        *keyBits = size;
        return true;
    }
    return false;
}

} // namespace p11

// ------------------------------------------------------------------ public helpers

QByteArray ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return {};
    const qsizetype half = raw.size() / 2;
    auto integer = [](QByteArray v) {
        qsizetype i = 0;
        while (i < v.size() - 1 && v.at(i) == 0)
            ++i;
        v = v.mid(i);
        if (static_cast<unsigned char>(v.at(0)) & 0x80)
            v.prepend('\0');
        QByteArray out;
        out.append('\x02');
        out.append(char(v.size())); // at most 67 bytes (P-521)
        out.append(v);
        return out;
    };
    const QByteArray body = integer(raw.left(half)) + integer(raw.mid(half));
    QByteArray out;
    out.append('\x30');
    if (body.size() < 0x80) {
        out.append(char(body.size()));
    } else if (body.size() <= 0xff) {
        out.append('\x81');
        out.append(char(body.size()));
    } else {
        return {};
    }
    out.append(body);
    return out;
}

QByteArray sha256DigestInfo(const QByteArray &digest)
{
    static const char prefix[] =
        "\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20";
    return QByteArray(prefix, sizeof(prefix) - 1) + digest;
}

void wipeSecret(QByteArray &secret)
{
    if (secret.isEmpty()) {
        secret.clear();
        return;
    }
    // Heap data (shared or not) is overwritten where it lives; raw or literal data is read-only and is only
    // dropped.
    if (secret.data_ptr().d_ptr())
        p11::wipe(const_cast<char *>(secret.constData()), size_t(secret.size()));
    secret.clear();
}

} // namespace govdesk::signing
