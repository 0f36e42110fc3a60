#include "VxpHandler.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>

namespace govdesk::sandbox {

namespace {

const QHash<QString, QString> &operationsByPath()
{
    static const QHash<QString, QString> ops{
        {QStringLiteral("/sendEdoc"), QStringLiteral("sendEdoc")},
        {QStringLiteral("/getReceivedEdocList"), QStringLiteral("getReceivedEdocList")},
        {QStringLiteral("/getEdoc"), QStringLiteral("getEdoc")},
        {QStringLiteral("/updateStatus"), QStringLiteral("updateStatus")},
        {QStringLiteral("/getSentEdocList"), QStringLiteral("getSentEdocList")},
        {QStringLiteral("/getAgenciesList"), QStringLiteral("getAgenciesList")},
    };
    return ops;
}

// The keys each call must have signed, besides timestamp and systemid.
QStringList requiredKeys(const QString &op)
{
    if (op == QLatin1String("sendEdoc"))
        return {QStringLiteral("from"), QStringLiteral("servicetype"), QStringLiteral("messagetype"),
                QStringLiteral("hash-file")};
    if (op == QLatin1String("getReceivedEdocList") || op == QLatin1String("getSentEdocList"))
        return {QStringLiteral("servicetype"), QStringLiteral("messagetype")};
    if (op == QLatin1String("getEdoc"))
        return {QStringLiteral("docId")};
    if (op == QLatin1String("updateStatus"))
        return {QStringLiteral("docId"), QStringLiteral("status")};
    return {};
}

QJsonObject ok()
{
    return {{QStringLiteral("status"), QStringLiteral("OK")},
            {QStringLiteral("ErrorCode"), QStringLiteral("0")},
            {QStringLiteral("ErrorDesc"), QStringLiteral("Thanh cong")}};
}

HttpResponse fail(int httpStatus, const QString &code, const QString &desc)
{
    return HttpResponse::json(httpStatus, QJsonObject{{QStringLiteral("status"), QStringLiteral("FAIL")},
                                                      {QStringLiteral("ErrorCode"), code},
                                                      {QStringLiteral("ErrorDesc"), desc}});
}

bool timestampFresh(const QString &ts)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{2})(\\d{2})(\\d{4})T(\\d{2})(\\d{2})(\\d{2})\\+(\\d{1,4})$"));
    const auto m = re.match(ts);
    if (!m.hasMatch())
        return false;
    const QDateTime t(QDate(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt()),
                      QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt()));
    return t.isValid() && qAbs(t.secsTo(QDateTime::currentDateTime())) <= 15 * 60;
}

} // namespace

bool hashFileMatches(const QByteArray &body, const QString &hashFile)
{
    const QByteArray digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    if (hashFile.compare(QString::fromLatin1(digest.toHex()), Qt::CaseInsensitive) == 0)
        return true;
    QString sdk;
    for (const char c : digest)
        sdk += QString::number(quint8(c), 16);
    return hashFile.compare(sdk, Qt::CaseInsensitive) == 0;
}

QString isoTime(const QDateTime &t)
{
    return t.toOffsetFromUtc(t.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QString VxpHandler::operation(const HttpRequest &, const QString &subPath) const
{
    return operationsByPath().value(subPath);
}

HttpResponse VxpHandler::injectedFailure(int status) const
{
    return fail(status, QString::number(status),
                QStringLiteral("Loi he thong truc (loi gia lap %1)").arg(status));
}

HttpResponse VxpHandler::handle(const Call &call, SandboxState &state)
{
    const HttpRequest &r = call.request;
    if (r.method != "POST")
        return fail(405, QStringLiteral("405"), QStringLiteral("Phuong thuc khong duoc ho tro"));

    // Credentials: the signed header set.
    const QString systemId = QString::fromUtf8(r.header("XroadVnpt-systemid"));
    const QByteArray keyList = r.header("XroadVnpt-sign-header-key");
    const QByteArray signHeader = r.header("XroadVnpt-sign-header");
    const QByteArray hash = r.header("XroadVnpt-hash-header");
    if (systemId.isEmpty() || keyList.isEmpty() || signHeader.isEmpty() || hash.isEmpty())
        return fail(401, QStringLiteral("401"), QStringLiteral("Thieu thong tin xac thuc XroadVnpt"));
    const Agency *agency = state.bySystemId(systemId);
    if (!agency)
        return fail(401, QStringLiteral("401"),
                    QStringLiteral("Ma he thong %1 chua duoc dang ky").arg(systemId));
    const QByteArray expected =
        QMessageAuthenticationCode::hash(signHeader, agency->secret.toUtf8(), QCryptographicHash::Sha256)
            .toHex();
    if (hash.toLower() != expected)
        return fail(401, QStringLiteral("401"), QStringLiteral("Chu ky xac thuc khong hop le (hash-header)"));
    const QJsonObject signedJson = QJsonDocument::fromJson(signHeader).object();
    QHash<QString, QString> values;
    for (const QString &key : QString::fromUtf8(keyList).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString name = QStringLiteral("XroadVnpt-") + key;
        const QJsonValue v = signedJson.value(name);
        if (!v.isString() || v.toString() != QString::fromUtf8(r.header(name.toUtf8())))
            return fail(401, QStringLiteral("401"),
                        QStringLiteral("Header %1 khong khop voi sign-header").arg(name));
        values.insert(key, v.toString());
    }
    if (signedJson.size() != values.size())
        return fail(401, QStringLiteral("401"), QStringLiteral("sign-header-key khong khop voi sign-header"));
    for (const QString &key :
         QStringList{QStringLiteral("timestamp"), QStringLiteral("systemid")} + requiredKeys(call.operation))
        if (!values.contains(key))
            return fail(401, QStringLiteral("401"), QStringLiteral("Thieu header duoc ky: %1").arg(key));
    if (values.value(QStringLiteral("systemid")) != systemId)
        return fail(401, QStringLiteral("401"), QStringLiteral("systemid khong khop"));
    if (!timestampFresh(values.value(QStringLiteral("timestamp"))))
        return fail(401, QStringLiteral("401"), QStringLiteral("Timestamp khong hop le hoac da het han"));

    const QString op = call.operation;
    const QString messageType = values.value(QStringLiteral("messagetype"));
    if (op == QLatin1String("getReceivedEdocList") || op == QLatin1String("getSentEdocList") ||
        op == QLatin1String("sendEdoc")) {
        if (values.value(QStringLiteral("servicetype")) != QLatin1String("eDoc"))
            return fail(200, QStringLiteral("-1"), QStringLiteral("servicetype khong hop le"));
        if (messageType != QLatin1String("edoc") && messageType != QLatin1String("status"))
            return fail(200, QStringLiteral("-1"), QStringLiteral("messagetype khong hop le"));
    }

    if (op == QLatin1String("sendEdoc")) {
        const QString from = values.value(QStringLiteral("from"));
        if (from != agency->systemId)
            return fail(200, QStringLiteral("-1"), SandboxState::wrongFrom(from, agency->systemId));
        QByteArray body = r.body;
        const QString hashFile = values.value(QStringLiteral("hash-file"));
        if (!hashFileMatches(body, hashFile)) {
            // The SDK may append a line end after the file.
            if (body.endsWith("\r\n") && hashFileMatches(body.chopped(2), hashFile))
                body.chop(2);
            else
                return fail(200, QStringLiteral("-1"),
                            QStringLiteral("hash-file khong khop voi noi dung goi tin"));
        }
        QStringList to;
        const QString toValue = values.value(QStringLiteral("to")).trimmed();
        if (toValue.startsWith(QLatin1Char('['))) {
            for (const QJsonValue &v : QJsonDocument::fromJson(toValue.toUtf8()).array())
                to << v.toString().trimmed();
        } else if (!toValue.isEmpty()) {
            to = toValue.split(QLatin1Char(','), Qt::SkipEmptyParts);
        }
        const auto outcome = state.send(*agency, body, messageType, to);
        if (!outcome.error.isEmpty())
            return fail(200, QStringLiteral("-1"), outcome.error);
        QJsonObject o = ok();
        o.insert(QStringLiteral("DocId"), outcome.docId);
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("getReceivedEdocList")) {
        QJsonArray data;
        for (const Delivery *d : state.inbox(agency->code, messageType, true)) {
            const Packet *p = state.packet(d->packetId);
            data.append(QJsonObject{{QStringLiteral("docId"), d->docId},
                                    {QStringLiteral("serviceType"), QStringLiteral("eDoc")},
                                    {QStringLiteral("messageType"), p->messageType},
                                    {QStringLiteral("created_time"), isoTime(d->created)},
                                    {QStringLiteral("updated_time"), isoTime(d->updated)},
                                    {QStringLiteral("from"), p->fromCode},
                                    {QStringLiteral("to"), d->toCode},
                                    {QStringLiteral("status"), d->status},
                                    {QStringLiteral("status_desc"), SandboxState::statusDesc(d->status)}});
        }
        QJsonObject o = ok();
        o.insert(QStringLiteral("data"), data);
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("getEdoc")) {
        const QString docId = values.value(QStringLiteral("docId"));
        const Delivery *d = state.delivery(agency->code, docId);
        if (!d)
            return fail(200, QStringLiteral("-1"), QStringLiteral("Khong tim thay goi tin %1").arg(docId));
        QJsonObject o = ok();
        o.insert(QStringLiteral("data"), QString::fromLatin1(state.packet(d->packetId)->bytes.toBase64()));
        return HttpResponse::json(200, o);
    }
    if (op == QLatin1String("updateStatus")) {
        const QString error = state.acknowledge(agency->code, values.value(QStringLiteral("docId")),
                                                values.value(QStringLiteral("status")));
        if (!error.isEmpty())
            return fail(200, QStringLiteral("-1"), error);
        return HttpResponse::json(200, ok());
    }
    if (op == QLatin1String("getSentEdocList")) {
        QJsonArray data;
        for (const auto &row : state.sent(agency->code, messageType, values.value(QStringLiteral("docId")))) {
            const bool received = !row.delivery->pending();
            data.append(QJsonObject{
                {QStringLiteral("serviceType"), QStringLiteral("eDoc")},
                {QStringLiteral("messageType"), row.packet->messageType},
                {QStringLiteral("senderDocId"), row.packet->id},
                {QStringLiteral("receiverDocId"), row.delivery->docId},
                {QStringLiteral("fromCode"), row.packet->fromCode},
                {QStringLiteral("toCode"), row.delivery->toCode},
                {QStringLiteral("sentTime"), isoTime(row.packet->created)},
                {QStringLiteral("receivedTime"), received ? isoTime(row.delivery->updated) : QString()},
                {QStringLiteral("sendStatus"), QStringLiteral("done")},
                {QStringLiteral("sendStatusDesc"), QStringLiteral("Da gui len truc")},
                {QStringLiteral("receiveStatus"), row.delivery->status},
                {QStringLiteral("receiveStatusDesc"), SandboxState::statusDesc(row.delivery->status)}});
        }
        QJsonObject o = ok();
        o.insert(QStringLiteral("data"), data);
        return HttpResponse::json(200, o);
    }
    // getAgenciesList
    QJsonArray data;
    for (const Agency &a : state.agencies()) {
        const Agency *parent = state.byCode(a.parent);
        data.append(QJsonObject{{QStringLiteral("id"), QString::number(a.id)},
                                {QStringLiteral("code"), a.code},
                                {QStringLiteral("pid"), parent ? QString::number(parent->id) : QString()},
                                {QStringLiteral("name"), a.name},
                                {QStringLiteral("mail"), a.mail},
                                {QStringLiteral("oldCode"), QString()}});
    }
    QJsonObject o = ok();
    o.insert(QStringLiteral("data"), data);
    return HttpResponse::json(200, o);
}

} // namespace govdesk::sandbox
