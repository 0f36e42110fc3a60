#include "VxpTransport.h"

#include "TransportErrors.h"
#include "WireHelpers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace govdesk::exchange {

namespace {

const QByteArray kUserAgent = QByteArrayLiteral("JAVASDKAgent/1.0.0 XRoad/VPCP");
const QByteArray kVersion = QByteArrayLiteral("3.0.201608");

void appendJsonString(QByteArray &out, const QString &s)
{
    out += '"';
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\t':
            out += "\\t";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20 || u == 0x2028 || u == 0x2029)
                out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')).toLatin1();
            else
                out += QString(c).toUtf8();
        }
    }
    out += '"';
}

} // namespace

VxpTransport::VxpTransport(TransportConfig config) : ExchangeTransport(std::move(config)) {}

QString VxpTransport::timestamp(const QDateTime &when)
{
    const QDateTime local = when.toLocalTime();
    return local.toString(QStringLiteral("ddMMyyyy'T'HHmmss")) + QLatin1Char('+') +
           QStringLiteral("%1").arg(local.time().msec(), 4, 10, QLatin1Char('0'));
}

QByteArray VxpTransport::signHeaderJson(const Logical &logical)
{
    QByteArray json = "{";
    bool first = true;
    for (const auto &[k, v] : logical) {
        if (!first)
            json += ',';
        first = false;
        appendJsonString(json, QStringLiteral("XroadVnpt-") + k);
        json += ':';
        appendJsonString(json, v);
    }
    json += '}';
    return json;
}

HeaderList VxpTransport::signedHeaders(const Logical &logical, const QString &secret)
{
    HeaderList headers;
    QStringList names;
    for (const auto &[k, v] : logical) {
        if (k == QLatin1String("Content-Type"))
            headers.emplaceBack(k.toUtf8(), v.toUtf8());
        headers.emplaceBack(QByteArrayLiteral("XroadVnpt-") + k.toUtf8(), v.toUtf8());
        names << k;
    }
    const QByteArray json = signHeaderJson(logical);
    headers.emplaceBack("XroadVnpt-sign-header-key", names.join(QLatin1Char(';')).toUtf8());
    headers.emplaceBack("XroadVnpt-sign-header", json);
    headers.emplaceBack(
        "XroadVnpt-hash-header",
        QMessageAuthenticationCode::hash(json, secret.toUtf8(), QCryptographicHash::Sha256).toHex());
    headers.emplaceBack("User-Agent", kUserAgent);
    headers.emplaceBack("XroadVnpt-version", kVersion);
    return headers;
}

QString VxpTransport::sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

core::Result<QJsonObject> VxpTransport::call(const QString &operation, const QByteArray &contentType,
                                             const Logical &callHeaders, const QByteArray &body)
{
    Logical logical{{QStringLiteral("timestamp"), timestamp(QDateTime::currentDateTime())},
                    {QStringLiteral("systemid"), m_config.systemId},
                    {QStringLiteral("Content-Type"), QString::fromLatin1(contentType)}};
    logical += callHeaders;

    HttpRequest request;
    request.method = "POST";
    request.url = m_config.endpointUrl(QLatin1Char('/') + operation);
    request.headers = signedHeaders(logical, m_config.secret);
    request.headers.emplaceBack("Accept", "application/json");
    request.body = body;

    auto response = HttpCall(m_config).runServed(request);
    if (!response)
        return response.error();
    const QString server = HttpCall::serverName(request.url);
    const int status = response->status;
    if (status == 401 || status == 403) {
        const QJsonObject o = QJsonDocument::fromJson(response->body).object();
        QString desc = wire::field(o, {"ErrorDesc", "message", "error_description"});
        return errors::auth(m_config.systemId, desc.isEmpty() ? wire::excerpt(response->body) : desc);
    }
    // A refusal may come with a 4xx status; what the server says counts before the status.
    const QJsonObject reply = QJsonDocument::fromJson(response->body).object();
    const QString st = wire::field(reply, {"status"});
    const QString code = wire::field(reply, {"ErrorCode"});
    if (st.compare(QLatin1String("FAIL"), Qt::CaseInsensitive) == 0 ||
        (!code.isEmpty() && code != QLatin1String("0"))) {
        const QString desc = wire::field(reply, {"ErrorDesc"});
        return errors::refused(desc.isEmpty() ? code : desc);
    }
    if (status < 200 || status >= 300)
        return errors::unexpectedStatus(server, status, request.url.path());
    auto object = wire::jsonObject(*response, request.url);
    if (!object)
        return object.error();
    if (st.isEmpty() && code.isEmpty())
        return errors::unreadable(server, wire::excerpt(response->body));
    return object;
}

core::Result<QString> VxpTransport::send(const QByteArray &edxml, MessageType type,
                                         const QStringList &toOrganIds)
{
    Logical headers{{QStringLiteral("from"), m_config.effectiveFrom()}};
    if (!toOrganIds.isEmpty())
        headers.emplaceBack(
            QStringLiteral("to"),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(toOrganIds)).toJson(QJsonDocument::Compact)));
    headers.emplaceBack(QStringLiteral("servicetype"), QStringLiteral("eDoc"));
    headers.emplaceBack(QStringLiteral("messagetype"), messageTypeName(type));
    headers.emplaceBack(QStringLiteral("hash-file"), sha256Hex(edxml));
    auto reply = call(QStringLiteral("sendEdoc"), "application/octet-stream", headers, edxml);
    if (!reply)
        return reply.error();
    const QString docId = wire::field(*reply, {"DocId", "docId", "docID"});
    if (docId.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("DocId")));
    return docId;
}

core::Result<QList<ReceivedItem>> VxpTransport::listReceived(MessageType type)
{
    auto reply = call(QStringLiteral("getReceivedEdocList"), "application/json",
                      {{QStringLiteral("servicetype"), QStringLiteral("eDoc")},
                       {QStringLiteral("messagetype"), messageTypeName(type)}});
    if (!reply)
        return reply.error();
    return wire::receivedItems(*reply);
}

core::Result<QByteArray> VxpTransport::fetch(const QString &docId)
{
    auto reply = call(QStringLiteral("getEdoc"), "application/json", {{QStringLiteral("docId"), docId}});
    if (!reply)
        return reply.error();
    const QByteArray data = reply->value(QLatin1String("data")).toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("data (base64)")));
    return decoded.decoded;
}

core::Result<void> VxpTransport::acknowledge(const QString &docId, TransportAck status)
{
    auto reply = call(QStringLiteral("updateStatus"), "application/json",
                      {{QStringLiteral("docId"), docId}, {QStringLiteral("status"), wire::ackName(status)}});
    if (!reply)
        return reply.error();
    return {};
}

core::Result<QList<Agency>> VxpTransport::agencies()
{
    auto reply = call(QStringLiteral("getAgenciesList"), "application/json", {}, QByteArrayLiteral("{}"));
    if (!reply)
        return reply.error();
    const QJsonArray data = reply->value(QLatin1String("data")).toArray();
    // pid is the parent's numeric id in the directory, not its code.
    QHash<QString, QString> codeById;
    for (const QJsonValue &v : data)
        codeById.insert(wire::field(v.toObject(), {"id"}), wire::field(v.toObject(), {"code"}));
    QList<Agency> out;
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        Agency a = wire::agency(o);
        const QString pid = wire::field(o, {"pid"});
        a.parentCode = codeById.value(pid, pid.contains(QLatin1Char('.')) ? pid : QString());
        if (!a.code.isEmpty())
            out << a;
    }
    return out;
}

core::Result<QList<SentItem>> VxpTransport::sentList(MessageType type)
{
    auto reply = call(QStringLiteral("getSentEdocList"), "application/json",
                      {{QStringLiteral("servicetype"), QStringLiteral("eDoc")},
                       {QStringLiteral("messagetype"), messageTypeName(type)}});
    if (!reply)
        return reply.error();
    QList<SentItem> out;
    const QJsonArray data = reply->value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        SentItem s;
        s.senderDocId = wire::field(o, {"senderDocId"});
        s.receiverDocId = wire::field(o, {"receiverDocId"});
        s.fromCode = wire::field(o, {"fromCode"});
        s.toCode = wire::field(o, {"toCode"});
        s.messageType = wire::parseMessageType(wire::field(o, {"messageType"}));
        s.sentTime = wire::parseTime(o.value(QLatin1String("sentTime")));
        s.receivedTime = wire::parseTime(o.value(QLatin1String("receivedTime")));
        s.sendStatus = wire::field(o, {"sendStatus"});
        s.sendStatusDesc = wire::field(o, {"sendStatusDesc"});
        s.receiveStatus = wire::field(o, {"receiveStatus"});
        s.receiveStatusDesc = wire::field(o, {"receiveStatusDesc"});
        out << s;
    }
    return out;
}

} // namespace govdesk::exchange
