#include "LgspKeyHandler.h"

#include "VxpHandler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>

namespace govdesk::sandbox {

namespace {

HttpResponse fail(int httpStatus, const QString &code, const QString &desc)
{
    return HttpResponse::json(
        httpStatus,
        QJsonObject{{QStringLiteral("success"), false},
                    {QStringLiteral("message"), desc},
                    {QStringLiteral("data"), QJsonObject{{QStringLiteral("docId"), QJsonValue()},
                                                         {QStringLiteral("status"), QStringLiteral("FAIL")},
                                                         {QStringLiteral("errorCode"), code},
                                                         {QStringLiteral("errorDesc"), desc}}}});
}

QJsonObject ok()
{
    return {{QStringLiteral("success"), true}, {QStringLiteral("message"), QStringLiteral("Thanh cong")}};
}

QByteArray parameter(const QByteArray &header, const QByteArray &name)
{
    const QRegularExpression re(QStringLiteral("(?:^|;)\\s*%1=(\"([^\"]*)\"|[^;\\s]*)")
                                    .arg(QRegularExpression::escape(QString::fromLatin1(name))),
                                QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromUtf8(header));
    if (!m.hasMatch())
        return {};
    return (m.captured(2).isNull() ? m.captured(1) : m.captured(2)).toUtf8();
}

} // namespace

QList<MultipartPart> parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || !contentType.toLower().startsWith("multipart/form-data"))
        return {};
    const QByteArray delimiter = "--" + boundary;
    QList<MultipartPart> parts;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break;
        if (body.mid(pos, 2) != "\r\n")
            return {};
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        const qsizetype next = body.indexOf("\r\n" + delimiter, pos);
        if (headEnd < 0 || next < 0 || headEnd > next)
            return {};
        MultipartPart part;
        for (const QByteArray &line : body.mid(pos, headEnd - pos).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = parameter(value, "name");
                part.fileName = parameter(value, "filename");
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        part.data = body.mid(headEnd + 4, next - headEnd - 4);
        parts << part;
        pos = next + 2;
    }
    return parts;
}

QString LgspKeyHandler::operation(const HttpRequest &, const QString &subPath) const
{
    static const QHash<QString, QString> ops{
        {QStringLiteral("/v1/sendEdoc"), QStringLiteral("sendEdoc")},
        {QStringLiteral("/v1/syncReceivedEdocList"), QStringLiteral("getReceivedEdocList")},
        {QStringLiteral("/v1/getEdoc"), QStringLiteral("getEdoc")},
        {QStringLiteral("/v1/updateStatus"), QStringLiteral("updateStatus")},
        {QStringLiteral("/v1/getAgencies"), QStringLiteral("getAgenciesList")},
    };
    return ops.value(subPath);
}

HttpResponse LgspKeyHandler::injectedFailure(int status) const
{
    return fail(status, QString::number(status),
                QStringLiteral("Loi he thong LGSP (loi gia lap %1)").arg(status));
}

HttpResponse LgspKeyHandler::handle(const Call &call, SandboxState &state)
{
    const HttpRequest &r = call.request;
    const Agency *agency = state.bySystemId(QString::fromUtf8(r.header("X-SystemId")));
    if (!agency || r.header("X-SecretKey").isEmpty() || agency->secret.toUtf8() != r.header("X-SecretKey"))
        return HttpResponse::json(
            401, QJsonObject{{QStringLiteral("success"), false},
                             {QStringLiteral("message"),
                              QStringLiteral("Sai thong tin xac thuc X-SystemId/X-SecretKey")}});
    const QString op = call.operation;
    if (op == QLatin1String("sendEdoc")) {
        if (r.method != "POST")
            return fail(405, QStringLiteral("405"), QStringLiteral("Phuong thuc khong duoc ho tro"));
        const QList<MultipartPart> parts = parseMultipart(r.header("Content-Type"), r.body);
        QByteArray edoc;
        QString type = QStringLiteral("edoc"), from = agency->systemId;
        QStringList to;
        bool haveFile = false;
        for (const MultipartPart &p : parts) {
            if (p.name == "edocFile") {
                edoc = p.data;
                haveFile = true;
            } else if (p.name == "messageType") {
                type = QString::fromUtf8(p.data).trimmed();
            } else if (p.name == "from") {
                from = QString::fromUtf8(p.data).trimmed();
            } else if (p.name == "to") {
                for (const QJsonValue &v : QJsonDocument::fromJson(p.data).array())
                    to << v.toString().trimmed();
            }
        }
        if (!haveFile)
            return fail(400, QStringLiteral("10"), QStringLiteral("Thieu tep edocFile"));
        if (type != QLatin1String("edoc") && type != QLatin1String("status"))
            return fail(400, QStringLiteral("10"), QStringLiteral("messageType khong hop le"));
        if (from != agency->systemId)
            return fail(200, QStringLiteral("15"), SandboxState::wrongFrom(from, agency->systemId));
        const auto outcome = state.send(*agency, edoc, type, to);
        if (!outcome.error.isEmpty())
            return fail(200, QStringLiteral("18"), outcome.error);
        QJsonObject o = ok();
        o.insert(QStringLiteral("docId"), outcome.docId);
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("getReceivedEdocList")) {
        const QDate fromDate = QDate::fromString(r.query.queryItemValue(QStringLiteral("fromDate")),
                                                 QStringLiteral("yyyy/MM/dd"));
        const QDate toDate =
            QDate::fromString(r.query.queryItemValue(QStringLiteral("toDate")), QStringLiteral("yyyy/MM/dd"));
        if (!fromDate.isValid() || !toDate.isValid())
            return fail(400, QStringLiteral("10"), QStringLiteral("fromDate/toDate phai co dang yyyy/MM/dd"));
        QJsonArray data;
        for (const Delivery *d :
             state.inbox(agency->code, r.query.queryItemValue(QStringLiteral("messageType")), false)) {
            const QDate day = d->created.date();
            if (day < fromDate || day > toDate)
                continue;
            const Packet *p = state.packet(d->packetId);
            data.append(QJsonObject{{QStringLiteral("docId"), d->docId},
                                    {QStringLiteral("from"), p->fromCode},
                                    {QStringLiteral("to"), d->toCode},
                                    {QStringLiteral("status"), d->status},
                                    {QStringLiteral("statusDesc"), SandboxState::statusDesc(d->status)},
                                    {QStringLiteral("createdTime"), isoTime(d->created)},
                                    {QStringLiteral("updatedTime"), isoTime(d->updated)},
                                    {QStringLiteral("serviceType"), QStringLiteral("eDoc")},
                                    {QStringLiteral("messageType"), p->messageType}});
        }
        QJsonObject o = ok();
        o.insert(QStringLiteral("count"), data.size());
        o.insert(QStringLiteral("data"), data);
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("getEdoc")) {
        const QString docId = r.query.queryItemValue(QStringLiteral("docId"));
        const Delivery *d = state.delivery(agency->code, docId);
        if (!d)
            return fail(200, QStringLiteral("20"), QStringLiteral("Khong tim thay van ban %1").arg(docId));
        const Packet *p = state.packet(d->packetId);
        const Agency *sender = state.byCode(p->fromCode);
        QJsonObject o = ok();
        o.insert(QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("docId"), d->docId},
                             {QStringLiteral("from"), p->fromCode},
                             {QStringLiteral("fromName"), sender ? sender->name : QString()},
                             {QStringLiteral("edxml"),
                              call.base64 ? QString::fromLatin1(p->bytes.toBase64())
                                          : QString(QStringDecoder(QStringDecoder::Utf8,
                                                                   QStringDecoder::Flag::ConvertInitialBom)
                                                        .decode(p->bytes))},
                             {QStringLiteral("attachments"), QJsonArray()}});
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("updateStatus")) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QString error = state.acknowledge(agency->code, body.value(QLatin1String("docId")).toString(),
                                                body.value(QLatin1String("status")).toString());
        if (!error.isEmpty())
            return fail(200, QStringLiteral("21"), error);
        return HttpResponse::json(200, ok());
    }
    // getAgenciesList
    QJsonArray data;
    for (const Agency &a : state.agencies())
        data.append(QJsonObject{{QStringLiteral("code"), a.code},
                                {QStringLiteral("name"), a.name},
                                {QStringLiteral("parentCode"), a.parent},
                                {QStringLiteral("email"), a.mail}});
    QJsonObject o = ok();
    o.insert(QStringLiteral("data"), data);
    return HttpResponse::json(200, o);
}

} // namespace govdesk::sandbox
