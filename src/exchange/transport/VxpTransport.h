#pragma once

#include "exchange/transport/ExchangeTransport.h"
#include "exchange/transport/HttpCall.h"

#include <QJsonObject>

namespace govdesk::exchange {

/// The national document exchange axis (VPCP "VXP") as its official Java SDK (SDKVXP 2.0.1) speaks it:
/// plain HTTP POSTs to {endpoint}/sendEdoc, /getReceivedEdocList, /getEdoc, /updateStatus,
/// /getSentEdocList, /getAgenciesList whose parameters travel as signed headers, replies
/// {"status":"OK"|"FAIL","ErrorCode":"0"|…,"ErrorDesc":…, …}.
///
/// Signing (EXCHANGE.md §3): the logical headers of a call are timestamp (ddMMyyyy'T'HHmmss+SSSS, local
/// time, SSSS = milliseconds on four digits), systemid, Content-Type and the call's own keys. Each is sent
/// as "XroadVnpt-<k>" (Content-Type also as itself); "XroadVnpt-sign-header-key" lists the names joined
/// with ';', "XroadVnpt-sign-header" is the JSON object {"XroadVnpt-<k>":"<v>",…} (written the way Gson
/// writes it) and "XroadVnpt-hash-header" is hex(HMAC-SHA256(secret, that JSON)), both in UTF-8. Plus
/// User-Agent "JAVASDKAgent/1.0.0 XRoad/VPCP" and "XroadVnpt-version: 3.0.201608".
class VxpTransport : public ExchangeTransport
{
public:
    using Logical = QList<std::pair<QString, QString>>;

    explicit VxpTransport(TransportConfig config);

    TransportKind kind() const override { return TransportKind::Vxp; }
    core::Result<QString> send(const QByteArray &edxml, MessageType type,
                               const QStringList &toOrganIds) override;
    core::Result<QList<ReceivedItem>> listReceived(MessageType type) override;
    core::Result<QByteArray> fetch(const QString &docId) override;
    core::Result<void> acknowledge(const QString &docId, TransportAck status) override;
    core::Result<QList<Agency>> agencies() override;
    bool hasSentList() const override { return true; }
    core::Result<QList<SentItem>> sentList(MessageType type) override;

    /// The timestamp header value for a moment.
    static QString timestamp(const QDateTime &when);
    /// {"XroadVnpt-k":"v",…} in the given order, escaped as Gson escapes (", \, control characters,
    /// U+2028/U+2029; other characters as they are).
    static QByteArray signHeaderJson(const Logical &logical);
    /// Every HTTP header of a call whose logical headers (timestamp and systemid included) are `logical`.
    static HeaderList signedHeaders(const Logical &logical, const QString &secret);
    /// Lower-case hex SHA-256, the hash-file header of sendEdoc.
    static QString sha256Hex(const QByteArray &data);

private:
    core::Result<QJsonObject> call(const QString &operation, const QByteArray &contentType,
                                   const Logical &callHeaders, const QByteArray &body = {});
};

} // namespace govdesk::exchange
