#include "LgspKeyTransport.h"

#include "TransportErrors.h"
#include "WireHelpers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace govdesk::exchange {

namespace {

bool looksLikeXml(const QByteArray &bytes)
{
    QByteArray b = bytes;
    if (b.startsWith("\xEF\xBB\xBF"))
        b = b.mid(3);
    return b.trimmed().startsWith('<');
}

} // namespace

LgspKeyTransport::LgspKeyTransport(TransportConfig config) : ExchangeTransport(std::move(config)) {}

QByteArray LgspKeyTransport::decodeEdxmlField(const QString &field)
{
    const QByteArray text = field.toUtf8();
    if (looksLikeXml(text))
        return text;
    auto decoded = QByteArray::fromBase64Encoding(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded && looksLikeXml(decoded.decoded))
        return decoded.decoded;
    return {};
}

core::Result<QJsonObject> LgspKeyTransport::call(const QByteArray &method, const QString &path,
                                                 const QString &query, const QByteArray &contentType,
                                                 const QByteArray &body)
{
    HttpRequest request;
    request.method = method;
    request.url = m_config.endpointUrl(path);
    if (!query.isEmpty())
        request.url.setQuery(query);
    request.headers = {{"X-SystemId", m_config.systemId.toUtf8()},
                       {"X-SecretKey", m_config.secret.toUtf8()},
                       {"Accept", "application/json"}};
    if (!contentType.isEmpty())
        request.headers.emplaceBack("Content-Type", contentType);
    request.body = body;
    auto response = HttpCall(m_config).runServed(request);
    if (!response)
        return response.error();
    const QString server = HttpCall::serverName(request.url);
    const int status = response->status;
    const QJsonObject object = QJsonDocument::fromJson(response->body).object();
    if (status == 401 || status == 403) {
        const QString text = wire::field(object, {"message", "errorDesc"});
        return errors::auth(m_config.systemId, text.isEmpty() ? wire::excerpt(response->body) : text);
    }
    if (object.contains(QLatin1String("success")) && !object.value(QLatin1String("success")).toBool()) {
        const QJsonObject data = object.value(QLatin1String("data")).toObject();
        QString desc = wire::field(data, {"errorDesc"});
        if (desc.isEmpty())
            desc = wire::field(object, {"message", "errorDesc"});
        return errors::refused(desc.isEmpty() ? wire::field(data, {"errorCode"}) : desc);
    }
    if (status < 200 || status >= 300)
        return errors::unexpectedStatus(server, status, request.url.path());
    auto parsed = wire::jsonObject(*response, request.url);
    if (!parsed)
        return parsed.error();
    if (!parsed->contains(QLatin1String("success")))
        return errors::unreadable(server, wire::missing(QStringLiteral("success")));
    return parsed;
}

core::Result<QString> LgspKeyTransport::send(const QByteArray &edxml, MessageType type,
                                             const QStringList &toOrganIds)
{
    const QByteArray boundary = "govdesk-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    const QByteArray fileName =
        QCryptographicHash::hash(edxml, QCryptographicHash::Sha256).toHex().left(16) + ".edxml";
    QByteArray body;
    auto part = [&](const QByteArray &name, const QByteArray &value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                value + "\r\n";
    };
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"edocFile\"; filename=\"" +
            fileName + "\"\r\nContent-Type: application/xml\r\n\r\n";
    body += edxml;
    body += "\r\n";
    part("messageType", messageTypeName(type).toUtf8());
    part("from", m_config.effectiveFrom().toUtf8());
    if (!toOrganIds.isEmpty())
        part("to", QJsonDocument(QJsonArray::fromStringList(toOrganIds)).toJson(QJsonDocument::Compact));
    body += "--" + boundary + "--\r\n";
    auto reply =
        call("POST", QStringLiteral("/v1/sendEdoc"), {}, "multipart/form-data; boundary=" + boundary, body);
    if (!reply)
        return reply.error();
    QString docId = wire::field(*reply, {"docId"});
    if (docId.isEmpty())
        docId = wire::field(reply->value(QLatin1String("data")).toObject(), {"docId"});
    if (docId.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("docId")));
    return docId;
}

core::Result<QList<ReceivedItem>> LgspKeyTransport::listReceived(MessageType type)
{
    const QDate today = QDate::currentDate();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("messageType"), messageTypeName(type));
    query.addQueryItem(
        QStringLiteral("fromDate"),
        today.addDays(-qMax(1, m_config.listWindowDays)).toString(QStringLiteral("yyyy/MM/dd")));
    query.addQueryItem(QStringLiteral("toDate"), today.addDays(1).toString(QStringLiteral("yyyy/MM/dd")));
    auto reply = call("GET", QStringLiteral("/v1/syncReceivedEdocList"), query.toString(QUrl::FullyEncoded));
    if (!reply)
        return reply.error();
    QList<ReceivedItem> items;
    const QJsonArray data = reply->value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        ReceivedItem item = wire::receivedItem(o);
        // The call lists a date range, handled ones included; the inbox is what is still to be taken.
        const bool handled = item.status.compare(QLatin1String("done"), Qt::CaseInsensitive) == 0 ||
                             item.status.compare(QLatin1String("fail"), Qt::CaseInsensitive) == 0;
        if (!item.docId.isEmpty() && !handled)
            items << item;
    }
    return items;
}

core::Result<QByteArray> LgspKeyTransport::fetch(const QString &docId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("docId"), docId);
    auto reply = call("GET", QStringLiteral("/v1/getEdoc"), query.toString(QUrl::FullyEncoded));
    if (!reply)
        return reply.error();
    const QByteArray edxml = decodeEdxmlField(
        reply->value(QLatin1String("data")).toObject().value(QLatin1String("edxml")).toString());
    if (edxml.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("data.edxml")));
    return edxml;
}

core::Result<void> LgspKeyTransport::acknowledge(const QString &docId, TransportAck status)
{
    const QJsonObject body{{QStringLiteral("docId"), docId},
                           {QStringLiteral("status"), wire::ackName(status)}};
    auto reply = call("POST", QStringLiteral("/v1/updateStatus"), {}, "application/json",
                      QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!reply)
        return reply.error();
    return {};
}

core::Result<QList<Agency>> LgspKeyTransport::agencies()
{
    auto reply = call("GET", QStringLiteral("/v1/getAgencies"), {});
    if (!reply)
        return reply.error();
    return wire::agencies(*reply);
}

} // namespace govdesk::exchange
