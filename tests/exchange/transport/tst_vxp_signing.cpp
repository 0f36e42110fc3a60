// The national axis accepts a call only when its XroadVnpt headers are signed exactly as VPCP's SDK signs
// them; a byte off and every send is refused. Checked here against values computed independently from JSON
// written out by hand (and one HMAC computed with `openssl dgst -hmac` when this test was written).
#include "exchange/transport/VxpTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace govdesk::exchange;

namespace {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    QByteArray value;
    int found = 0;
    for (const auto &[k, v] : headers)
        if (k == name) {
            value = v;
            ++found;
        }
    return found == 1 ? value : QByteArray("<" + QByteArray::number(found) + " headers>");
}

} // namespace

class TestVxpSigning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampIsDayMonthYearTimeAndFourDigitMilliseconds()
    {
        const QDateTime t(QDate(2025, 5, 20), QTime(9, 15, 0, 123));
        QCOMPARE(VxpTransport::timestamp(t), QStringLiteral("20052025T091500+0123"));
        const QDateTime late(QDate(2024, 12, 31), QTime(23, 59, 59, 7));
        QCOMPARE(VxpTransport::timestamp(late), QStringLiteral("31122024T235959+0007"));
    }

    void sendHeadersCarryTheHmacOfTheSignHeaderJson()
    {
        const QString secret = QStringLiteral("s3cr3t-khoá");
        const VxpTransport::Logical logical{
            {QStringLiteral("timestamp"), QStringLiteral("20052025T091500+0123")},
            {QStringLiteral("systemid"), QStringLiteral("vxp.saas.02")},
            {QStringLiteral("Content-Type"), QStringLiteral("application/octet-stream")},
            {QStringLiteral("from"), QStringLiteral("vxp.saas.02")},
            {QStringLiteral("to"), QStringLiteral("[\"000.00.00.G22\",\"000.00.00.H16\"]")},
            {QStringLiteral("servicetype"), QStringLiteral("eDoc")},
            {QStringLiteral("messagetype"), QStringLiteral("edoc")},
            {QStringLiteral("hash-file"),
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")}};
        const QByteArray json =
            "{\"XroadVnpt-timestamp\":\"20052025T091500+0123\",\"XroadVnpt-systemid\":\"vxp.saas.02\","
            "\"XroadVnpt-Content-Type\":\"application/octet-stream\",\"XroadVnpt-from\":\"vxp.saas.02\","
            "\"XroadVnpt-to\":\"[\\\"000.00.00.G22\\\",\\\"000.00.00.H16\\\"]\",\"XroadVnpt-servicetype\":"
            "\"eDoc\","
            "\"XroadVnpt-messagetype\":\"edoc\","
            "\"XroadVnpt-hash-file\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}";
        const QByteArray expectedHash =
            QMessageAuthenticationCode::hash(json, secret.toUtf8(), QCryptographicHash::Sha256).toHex();

        QCOMPARE(VxpTransport::signHeaderJson(logical), json);
        const HeaderList headers = VxpTransport::signedHeaders(logical, secret);
        QCOMPARE(headerValue(headers, "XroadVnpt-sign-header"), json);
        QCOMPARE(headerValue(headers, "XroadVnpt-hash-header"), expectedHash);
        QCOMPARE(headerValue(headers, "XroadVnpt-sign-header-key"),
                 QByteArray("timestamp;systemid;Content-Type;from;to;servicetype;messagetype;hash-file"));
        QCOMPARE(headerValue(headers, "XroadVnpt-timestamp"), QByteArray("20052025T091500+0123"));
        QCOMPARE(headerValue(headers, "XroadVnpt-systemid"), QByteArray("vxp.saas.02"));
        QCOMPARE(headerValue(headers, "XroadVnpt-to"), QByteArray("[\"000.00.00.G22\",\"000.00.00.H16\"]"));
        // Content-Type goes out both as itself and as a signed XroadVnpt header, as the SDK sends it.
        QCOMPARE(headerValue(headers, "Content-Type"), QByteArray("application/octet-stream"));
        QCOMPARE(headerValue(headers, "XroadVnpt-Content-Type"), QByteArray("application/octet-stream"));
        QCOMPARE(headerValue(headers, "User-Agent"), QByteArray("JAVASDKAgent/1.0.0 XRoad/VPCP"));
        QCOMPARE(headerValue(headers, "XroadVnpt-version"), QByteArray("3.0.201608"));
        // The JSON is what the server parses back.
        const QJsonObject parsed = QJsonDocument::fromJson(json).object();
        QCOMPARE(parsed.value(QLatin1String("XroadVnpt-to")).toString(),
                 QStringLiteral("[\"000.00.00.G22\",\"000.00.00.H16\"]"));
    }

    void hmacMatchesOpenSsl()
    {
        // printf '%s' '<json>' | openssl dgst -sha256 -hmac 'khoá-bí-mật'
        const VxpTransport::Logical logical{
            {QStringLiteral("timestamp"), QStringLiteral("20052025T091500+0123")},
            {QStringLiteral("systemid"), QStringLiteral("vxp.saas.02")},
            {QStringLiteral("Content-Type"), QStringLiteral("application/json")},
            {QStringLiteral("docId"), QStringLiteral("68edb8c8c2dcb14db773ce44")}};
        const HeaderList headers = VxpTransport::signedHeaders(logical, QStringLiteral("khoá-bí-mật"));
        QCOMPARE(headerValue(headers, "XroadVnpt-hash-header"),
                 QByteArray("19047f3d24e91c61dd31ae9bb0e2d5d36f3dc2d03626894e1c4d98e4414fe5ea"));
    }

    void jsonEscapesAsGsonDoes()
    {
        const VxpTransport::Logical logical{
            {QStringLiteral("note"), QStringLiteral("a\"b\\c\nd\te\x01 Đắk Nông \u2028")}};
        QCOMPARE(VxpTransport::signHeaderJson(logical),
                 QByteArray("{\"XroadVnpt-note\":\"a\\\"b\\\\c\\nd\\te\\u0001 ") +
                     QStringLiteral("Đắk Nông").toUtf8() + QByteArray(" \\u2028\"}"));
        const QJsonObject parsed = QJsonDocument::fromJson(VxpTransport::signHeaderJson(logical)).object();
        QCOMPARE(parsed.value(QLatin1String("XroadVnpt-note")).toString(), logical.first().second);
    }

    void hashFileIsLowerCaseSha256Hex()
    {
        QCOMPARE(VxpTransport::sha256Hex("abc"),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(VxpTransport::sha256Hex(QByteArray()).size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestVxpSigning)
#include "tst_vxp_signing.moc"
