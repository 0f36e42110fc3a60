#include "LgspOAuthHandler.h"

#include "VxpHandler.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace govdesk::sandbox {

namespace {

HttpResponse fail(int httpStatus, const QString &code, const QString &desc)
{
    return HttpResponse::json(httpStatus, QJsonObject{{QStringLiteral("status"), QStringLiteral("FAIL")},
                                                      {QStringLiteral("ErrorCode"), code},
                                                      {QStringLiteral("ErrorDesc"), desc}});
}

HttpResponse ok(const QJsonValue &data = {})
{
    QJsonObject o{{QStringLiteral("status"), QStringLiteral("OK")},
                  {QStringLiteral("ErrorCode"), QStringLiteral("0")},
                  {QStringLiteral("ErrorDesc"), QStringLiteral("Thanh cong")}};
    if (!data.isUndefined())
        o.insert(QStringLiteral("data"), data);
    return HttpResponse::json(200, o);
}

HttpResponse invalidToken()
{
    return HttpResponse::json(
        401,
        QJsonObject{{QStringLiteral("fault"),
                     QJsonObject{{QStringLiteral("code"), 900901},
                                 {QStringLiteral("message"), QStringLiteral("Invalid Credentials")},
                                 {QStringLiteral("description"),
                                  QStringLiteral("Invalid Credentials. Make sure you have given the correct "
                                                 "access token")}}}});
}

} // namespace

QString LgspOAuthHandler::operation(const HttpRequest &r, const QString &subPath) const
{
    if (subPath == QLatin1String("/token"))
        return QStringLiteral("token");
    if (subPath == QLatin1String("/donvilienthongs"))
        return QStringLiteral("getAgenciesList");
    if (subPath == QLatin1String("/vanbans"))
        return r.method == "POST" ? QStringLiteral("sendEdoc") : QStringLiteral("getReceivedEdocList");
    if (subPath.startsWith(QLatin1String("/vanbans/")) && subPath.count(QLatin1Char('/')) == 2)
        return r.method == "PUT" ? QStringLiteral("updateStatus") : QStringLiteral("getEdoc");
    return {};
}

HttpResponse LgspOAuthHandler::injectedFailure(int status) const
{
    return fail(status, QString::number(status),
                QStringLiteral("Loi he thong LGSP (loi gia lap %1)").arg(status));
}

HttpResponse LgspOAuthHandler::token(const HttpRequest &r, SandboxState &state)
{
    if (r.method != "POST")
        return HttpResponse::json(405,
                                  QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_request")}});
    const QByteArray auth = r.header("Authorization");
    const QByteArray credentials =
        auth.startsWith("Basic ") ? QByteArray::fromBase64(auth.mid(6).trimmed()) : QByteArray();
    const qsizetype colon = credentials.indexOf(':');
    const Agency *agency = colon > 0 ? state.bySystemId(QString::fromUtf8(credentials.left(colon))) : nullptr;
    const QByteArray secret = colon > 0 ? credentials.mid(colon + 1) : QByteArray();
    if (!agency || agency->secret.toUtf8() != secret)
        return HttpResponse::json(401,
                                  QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_client")},
                                              {QStringLiteral("error_description"),
                                               QStringLiteral("Client Authentication failed.")}});
    const QUrlQuery form(QString::fromUtf8(r.body));
    if (form.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("client_credentials"))
        return HttpResponse::json(
            400, QJsonObject{
                     {QStringLiteral("error"), QStringLiteral("unsupported_grant_type")},
                     {QStringLiteral("error_description"), QStringLiteral("Unsupported grant_type value")}});
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("access_token"), state.issueToken(*agency)},
                                               {QStringLiteral("scope"), QStringLiteral("default")},
                                               {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                               {QStringLiteral("expires_in"), state.tokenLifetimeSeconds}});
}

HttpResponse LgspOAuthHandler::handle(const Call &call, SandboxState &state)
{
    const HttpRequest &r = call.request;
    if (call.operation == QLatin1String("token"))
        return token(r, state);
    const QByteArray auth = r.header("Authorization");
    const Agency *agency = auth.startsWith("Bearer ") ? state.tokenOwner(auth.mid(7).trimmed()) : nullptr;
    if (!agency)
        return invalidToken();

    const QString op = call.operation;
    if (op == QLatin1String("sendEdoc")) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QString from = body.value(QLatin1String("from")).toString(agency->systemId);
        if (from != agency->systemId)
            return fail(200, QStringLiteral("-1"), SandboxState::wrongFrom(from, agency->systemId));
        const QString type = body.value(QLatin1String("loaiVanBan")).toString(QStringLiteral("edoc"));
        if (type != QLatin1String("edoc") && type != QLatin1String("status"))
            return fail(400, QStringLiteral("-1"), QStringLiteral("loaiVanBan khong hop le"));
        auto data = QByteArray::fromBase64Encoding(body.value(QLatin1String("data")).toString().toLatin1(),
                                                   QByteArray::AbortOnBase64DecodingErrors);
        if (!data)
            return fail(400, QStringLiteral("-1"), QStringLiteral("data khong phai base64"));
        QStringList to;
        for (const QJsonValue &v : body.value(QLatin1String("to")).toArray())
            to << v.toString().trimmed();
        const auto outcome = state.send(*agency, data.decoded, type, to);
        if (!outcome.error.isEmpty())
            return fail(200, QStringLiteral("-1"), outcome.error);
        return ok(QJsonObject{{QStringLiteral("docId"), outcome.docId}});
    }
    if (op == QLatin1String("getReceivedEdocList")) {
        const QString type = r.query.queryItemValue(QStringLiteral("loaiVanBan"));
        QJsonArray data;
        for (const Delivery *d : state.inbox(agency->code, type, true)) {
            const Packet *p = state.packet(d->packetId);
            data.append(QJsonObject{{QStringLiteral("docId"), d->docId},
                                    {QStringLiteral("serviceType"), QStringLiteral("eDoc")},
                                    {QStringLiteral("messageType"), p->messageType},
                                    {QStringLiteral("from"), p->fromCode},
                                    {QStringLiteral("to"), d->toCode},
                                    {QStringLiteral("status"), d->status.toUpper()},
                                    {QStringLiteral("statusDesc"), SandboxState::statusDesc(d->status)},
                                    {QStringLiteral("createdTime"), isoTime(d->created)}});
        }
        return ok(data);
    }
    const QString docId = call.subPath.mid(QStringLiteral("/vanbans/").size());
    if (op == QLatin1String("getEdoc")) {
        const Delivery *d = state.delivery(agency->code, docId);
        if (!d)
            return fail(404, QStringLiteral("-1"), QStringLiteral("Khong tim thay van ban %1").arg(docId));
        const Packet *p = state.packet(d->packetId);
        return ok(QJsonObject{{QStringLiteral("docId"), d->docId},
                              {QStringLiteral("from"), p->fromCode},
                              {QStringLiteral("messageType"), p->messageType},
                              {QStringLiteral("data"), QString::fromLatin1(p->bytes.toBase64())}});
    }
    if (op == QLatin1String("updateStatus")) {
        const QString status =
            QJsonDocument::fromJson(r.body).object().value(QLatin1String("status")).toString();
        const QString error = state.acknowledge(agency->code, docId, status);
        if (!error.isEmpty())
            return fail(200, QStringLiteral("-1"), error);
        return ok();
    }
    // getAgenciesList
    QJsonArray data;
    for (const Agency &a : state.agencies())
        data.append(QJsonObject{{QStringLiteral("code"), a.code},
                                {QStringLiteral("pcode"), a.parent},
                                {QStringLiteral("name"), a.name},
                                {QStringLiteral("email"), a.mail}});
    return ok(data);
}

} // namespace govdesk::sandbox
