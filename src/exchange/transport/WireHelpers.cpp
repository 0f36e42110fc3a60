#include "WireHelpers.h"

#include "TransportErrors.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace govdesk::exchange::wire {

QDateTime parseTime(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()));
    const QString s = value.toString().trimmed();
    if (s.isEmpty())
        return {};
    bool digits = false;
    const qint64 ms = s.toLongLong(&digits);
    if (digits && s.size() >= 12)
        return QDateTime::fromMSecsSinceEpoch(ms);
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (t.isValid())
        return t;
    for (const char *format : {"yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
                               "yyyy-MM-dd HH:mm:ss.zzz", "yyyy/MM/dd"}) {
        t = QDateTime::fromString(s, QLatin1String(format));
        if (t.isValid())
            return t;
    }
    return {};
}

QStringList parseList(const QJsonValue &value)
{
    QStringList out;
    QJsonArray array;
    if (value.isArray()) {
        array = value.toArray();
    } else {
        const QString s = value.toString().trimmed();
        if (s.startsWith(QLatin1Char('['))) {
            array = QJsonDocument::fromJson(s.toUtf8()).array();
        } else {
            for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!part.trimmed().isEmpty())
                    out << part.trimmed();
            return out;
        }
    }
    for (const QJsonValue &v : std::as_const(array))
        if (!v.toString().trimmed().isEmpty())
            out << v.toString().trimmed();
    return out;
}

QString field(const QJsonObject &o, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        const QJsonValue v = o.value(QLatin1String(n));
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 17);
        if (v.isBool())
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return {};
}

MessageType parseMessageType(const QString &text)
{
    return text.compare(QLatin1String("status"), Qt::CaseInsensitive) == 0 ? MessageType::Status
                                                                           : MessageType::Edoc;
}

QString missing(const QString &name)
{
    return QCoreApplication::translate("ExchangeTransport", "the reply has no %1").arg(name);
}

QString excerpt(const QByteArray &body)
{
    QString s = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        s += QStringLiteral("…");
    return s.isEmpty() ? QCoreApplication::translate("ExchangeTransport", "(empty)") : s;
}

core::Result<QJsonObject> jsonObject(const HttpResponse &response, const QUrl &url)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return errors::unreadable(
            HttpCall::serverName(url),
            QStringLiteral("%1 — %2").arg(
                parseError.error != QJsonParseError::NoError
                    ? parseError.errorString()
                    : QCoreApplication::translate("ExchangeTransport", "not a JSON object"),
                excerpt(response.body)));
    return doc.object();
}

QString ackName(TransportAck status, bool upperCase)
{
    QString name;
    switch (status) {
    case TransportAck::Done:
        name = QStringLiteral("done");
        break;
    case TransportAck::Fail:
        name = QStringLiteral("fail");
        break;
    case TransportAck::Processing:
        name = QStringLiteral("processing");
        break;
    }
    return upperCase ? name.toUpper() : name;
}

ReceivedItem receivedItem(const QJsonObject &o)
{
    ReceivedItem item;
    item.docId = field(o, {"docId", "id"});
    item.from = field(o, {"from"});
    item.to = parseList(o.value(QLatin1String("to")));
    item.messageType = parseMessageType(field(o, {"messageType"}));
    const QJsonValue created = o.contains(QLatin1String("createdTime"))
                                   ? o.value(QLatin1String("createdTime"))
                                   : o.value(QLatin1String("created_time"));
    item.createdTime = parseTime(created);
    item.status = field(o, {"status"});
    item.statusDesc = field(o, {"statusDesc", "status_desc"});
    return item;
}

Agency agency(const QJsonObject &o)
{
    Agency a;
    a.code = field(o, {"code"});
    a.name = field(o, {"name"});
    a.parentCode = field(o, {"parentCode", "pcode"});
    a.mail = field(o, {"email", "mail"});
    a.oldCode = field(o, {"oldCode", "code102"});
    return a;
}

QList<ReceivedItem> receivedItems(const QJsonObject &reply)
{
    QList<ReceivedItem> items;
    const QJsonArray data = reply.value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        ReceivedItem item = receivedItem(v.toObject());
        if (!item.docId.isEmpty())
            items << item;
    }
    return items;
}

QList<Agency> agencies(const QJsonObject &reply)
{
    QList<Agency> out;
    const QJsonArray data = reply.value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        Agency a = agency(v.toObject());
        if (!a.code.isEmpty())
            out << a;
    }
    return out;
}

} // namespace govdesk::exchange::wire
