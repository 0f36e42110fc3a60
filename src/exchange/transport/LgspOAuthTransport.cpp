#include "LgspOAuthTransport.h"

#include "TransportErrors.h"
#include "WireHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace govdesk::exchange {

namespace {

// WSO2 writes {"fault":{"message","description"}}, the OAuth server {"error","error_description"}, the
// backend {"ErrorDesc"}.
QString authText(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonObject fault = o.value(QLatin1String("fault")).toObject();
    QString text = wire::field(fault, {"description", "message"});
    if (text.isEmpty())
        text = wire::field(o, {"error_description", "ErrorDesc", "message", "error"});
    return text.isEmpty() ? wire::excerpt(body) : text;
}

} // namespace

LgspOAuthTransport::LgspOAuthTransport(TransportConfig config) : ExchangeTransport(std::move(config)) {}

core::Result<void> LgspOAuthTransport::fetchToken()
{
    HttpRequest request;
    request.method = "POST";
    request.url = m_config.effectiveTokenUrl();
    request.headers = {
        {"Authorization",
         "Basic " + (m_config.systemId + QLatin1Char(':') + m_config.secret).toUtf8().toBase64()},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Accept", "application/json"}};
    request.body = "grant_type=client_credentials";
    auto response = HttpCall(m_config).runServed(request);
    if (!response)
        return response.error();
    const QString server = HttpCall::serverName(request.url);
    if (response->status == 400 || response->status == 401 || response->status == 403)
        return errors::auth(m_config.systemId, authText(response->body));
    if (response->status != 200)
        return errors::unexpectedStatus(server, response->status, request.url.path());
    auto object = wire::jsonObject(*response, request.url);
    if (!object)
        return object.error();
    const QString token = wire::field(*object, {"access_token"});
    if (token.isEmpty())
        return errors::unreadable(server, wire::missing(QStringLiteral("access_token")));
    const int lifetime = object->value(QLatin1String("expires_in")).toInt(3600);
    m_token = token.toUtf8();
    m_tokenExpiry = QDateTime::currentDateTimeUtc().addMSecs(qint64(lifetime) * 1000 -
                                                             qMin<qint64>(30000, qint64(lifetime) * 250));
    ++m_tokensFetched;
    return {};
}

core::Result<QJsonObject> LgspOAuthTransport::call(const QByteArray &method, const QString &path,
                                                   const QString &query, const QJsonObject &body)
{
    HttpRequest request;
    request.method = method;
    request.url = m_config.endpointUrl(path);
    if (!query.isEmpty())
        request.url.setQuery(query);
    if (!body.isEmpty()) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.headers.emplaceBack("Content-Type", "application/json");
    }
    request.headers.emplaceBack("Accept", "application/json");
    const QString server = HttpCall::serverName(request.url);

    for (int attempt = 0;; ++attempt) {
        if (m_token.isEmpty() || QDateTime::currentDateTimeUtc() >= m_tokenExpiry) {
            if (auto ok = fetchToken(); !ok)
                return ok.error();
        }
        HttpRequest authorized = request;
        authorized.headers.emplaceBack("Authorization", "Bearer " + m_token);
        auto response = HttpCall(m_config).runServed(authorized);
        if (!response)
            return response.error();
        const int status = response->status;
        if (status == 401 && attempt == 0) {
            // The gateway dropped the token early (restart, revocation): one new token, one more try.
            m_token.clear();
            continue;
        }
        if (status == 401 || status == 403)
            return errors::auth(m_config.systemId, authText(response->body));
        const QJsonObject object = QJsonDocument::fromJson(response->body).object();
        const QString st = wire::field(object, {"status"});
        if (st.compare(QLatin1String("FAIL"), Qt::CaseInsensitive) == 0) {
            const QString desc = wire::field(object, {"ErrorDesc", "message"});
            return errors::refused(desc.isEmpty() ? wire::field(object, {"ErrorCode"}) : desc);
        }
        if (status < 200 || status >= 300)
            return errors::unexpectedStatus(server, status, request.url.path());
        auto parsed = wire::jsonObject(*response, request.url);
        if (!parsed)
            return parsed.error();
        if (st.isEmpty())
            return errors::unreadable(server, wire::missing(QStringLiteral("status")));
        return parsed;
    }
}

core::Result<QString> LgspOAuthTransport::send(const QByteArray &edxml, MessageType type,
                                               const QStringList &toOrganIds)
{
    QJsonObject body{{QStringLiteral("from"), m_config.effectiveFrom()},
                     {QStringLiteral("loaiVanBan"), messageTypeName(type)},
                     {QStringLiteral("data"), QString::fromLatin1(edxml.toBase64())}};
    if (!toOrganIds.isEmpty())
        body.insert(QStringLiteral("to"), QJsonArray::fromStringList(toOrganIds));
    auto reply = call("POST", QStringLiteral("/vanbans"), {}, body);
    if (!reply)
        return reply.error();
    const QString docId = wire::field(reply->value(QLatin1String("data")).toObject(), {"docId"});
    if (docId.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("docId")));
    return docId;
}

core::Result<QList<ReceivedItem>> LgspOAuthTransport::listReceived(MessageType type)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("loaiVanBan"), messageTypeName(type));
    auto reply = call("GET", QStringLiteral("/vanbans"), query.toString(QUrl::FullyEncoded));
    if (!reply)
        return reply.error();
    return wire::receivedItems(*reply);
}

core::Result<QByteArray> LgspOAuthTransport::fetch(const QString &docId)
{
    auto reply =
        call("GET", QStringLiteral("/vanbans/") + QString::fromLatin1(QUrl::toPercentEncoding(docId)));
    if (!reply)
        return reply.error();
    const QByteArray data =
        reply->value(QLatin1String("data")).toObject().value(QLatin1String("data")).toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("data (base64)")));
    return decoded.decoded;
}

core::Result<void> LgspOAuthTransport::acknowledge(const QString &docId, TransportAck status)
{
    auto reply =
        call("PUT", QStringLiteral("/vanbans/") + QString::fromLatin1(QUrl::toPercentEncoding(docId)), {},
             QJsonObject{{QStringLiteral("status"), wire::ackName(status, true)}});
    if (!reply)
        return reply.error();
    return {};
}

core::Result<QList<Agency>> LgspOAuthTransport::agencies()
{
    auto reply = call("GET", QStringLiteral("/donvilienthongs"));
    if (!reply)
        return reply.error();
    return wire::agencies(*reply);
}

} // namespace govdesk::exchange
