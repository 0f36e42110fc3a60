#pragma once

#include "exchange/transport/ExchangeTransport.h"
#include "exchange/transport/HttpCall.h"

#include <QJsonObject>

namespace govdesk::exchange {

/// A provincial LGSP document API authenticated by static headers (Lạng Sơn "Trục LTVB", EXCHANGE.md §4.2):
/// every call carries "X-SystemId: <systemId>" and "X-SecretKey: <secret>".
///   POST {endpoint}/v1/sendEdoc  multipart/form-data: edocFile (application/xml, <name>.edxml),
///        messageType=edoc|status, plus from (the sender system id) and to (JSON array, optional) — these
///        two are this client's addition, the public Postman collection shows only the first two parts
///        → {"success":true,"message":…,"docId":…} |
///        {"success":false,"message":…,"data":{errorCode,errorDesc}}
///   GET  {endpoint}/v1/syncReceivedEdocList?messageType=…&fromDate=yyyy/MM/dd&toDate=yyyy/MM/dd
///        → {"success":true,"count":n,"data":[{docId,from,to,status,statusDesc,createdTime,updatedTime,
///           serviceType,messageType}]}  (asked for the last listWindowDays days, through tomorrow)
///   GET  {endpoint}/v1/getEdoc?docId=…  → {"success":true,"data":{docId,from,edxml,…}}; edxml is either
///        the XML text or its base64 — both are accepted
///   POST {endpoint}/v1/updateStatus  {"docId":…,"status":"done"|"fail"|"processing"}
///   GET  {endpoint}/v1/getAgencies → {"success":true,"data":[{code,name,parentCode,email}]} — the public
///        material shows no directory call for this API, so this one is invented (govdesk-sandbox serves it)
/// Wrong keys are HTTP 401 {"success":false,"message":…}.
class LgspKeyTransport : public ExchangeTransport
{
public:
    explicit LgspKeyTransport(TransportConfig config);

    TransportKind kind() const override { return TransportKind::LgspKey; }
    core::Result<QString> send(const QByteArray &edxml, MessageType type,
                               const QStringList &toOrganIds) override;
    core::Result<QList<ReceivedItem>> listReceived(MessageType type) override;
    core::Result<QByteArray> fetch(const QString &docId) override;
    core::Result<void> acknowledge(const QString &docId, TransportAck status) override;
    core::Result<QList<Agency>> agencies() override;

    /// The edXML of a getEdoc reply's "edxml" field: XML text, or base64 of it; empty when neither.
    static QByteArray decodeEdxmlField(const QString &field);

private:
    core::Result<QJsonObject> call(const QByteArray &method, const QString &path, const QString &query,
                                   const QByteArray &contentType = {}, const QByteArray &body = {});
};

} // namespace govdesk::exchange
