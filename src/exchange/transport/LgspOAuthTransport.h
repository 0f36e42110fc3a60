#pragma once

#include "exchange/transport/ExchangeTransport.h"
#include "exchange/transport/HttpCall.h"

#include <QDateTime>
#include <QJsonObject>

namespace govdesk::exchange {

/// A provincial LGSP published through WSO2 API Manager (Quảng Nam "Trục liên thông", EXCHANGE.md §4.1).
///
/// Token: POST {tokenUrl} with "Authorization: Basic base64(systemId:secret)" and the form body
/// grant_type=client_credentials → {"access_token","token_type","expires_in"}. The token is kept until a
/// quarter of its lifetime (at most 30 s) before it expires; a 401 on a call fetches a new one once and
/// repeats the call.
///
/// Calls, with "Authorization: Bearer <token>". The public sources name the resources but not their exact
/// shapes; these are the ones chosen here (and served the same way by govdesk-sandbox):
///   GET  {endpoint}/vanbans?loaiVanBan=edoc|status
///        → {"status":"OK","data":[{docId,from,to,serviceType,messageType,status,statusDesc,createdTime}]}
///   GET  {endpoint}/vanbans/{docId}      → {"status":"OK","data":{docId,from,messageType,data:<base64
///   edXML>}} POST {endpoint}/vanbans  {"from":…,"to":[…],"loaiVanBan":"edoc"|"status","data":<base64 edXML>}
///        → {"status":"OK","data":{"docId":…}}
///   PUT  {endpoint}/vanbans/{docId}  {"status":"DONE"|"FAIL"|"PROCESSING"} → {"status":"OK"}
///   GET  {endpoint}/donvilienthongs     → {"status":"OK","data":[{code,pcode,name,email}]}
/// A refusal is {"status":"FAIL","ErrorCode":…,"ErrorDesc":…} (HTTP 200 or 4xx); a refused token is HTTP
/// 401 with WSO2's {"fault":{"code","message","description"}}.
class LgspOAuthTransport : public ExchangeTransport
{
public:
    explicit LgspOAuthTransport(TransportConfig config);

    TransportKind kind() const override { return TransportKind::LgspOAuth; }
    core::Result<QString> send(const QByteArray &edxml, MessageType type,
                               const QStringList &toOrganIds) override;
    core::Result<QList<ReceivedItem>> listReceived(MessageType type) override;
    core::Result<QByteArray> fetch(const QString &docId) override;
    core::Result<void> acknowledge(const QString &docId, TransportAck status) override;
    core::Result<QList<Agency>> agencies() override;

    /// How many tokens this object fetched (for diagnostics).
    int tokensFetched() const { return m_tokensFetched; }

private:
    core::Result<void> fetchToken();
    core::Result<QJsonObject> call(const QByteArray &method, const QString &path, const QString &query = {},
                                   const QJsonObject &body = {});

    QByteArray m_token;
    QDateTime m_tokenExpiry;
    int m_tokensFetched = 0;
};

} // namespace govdesk::exchange
