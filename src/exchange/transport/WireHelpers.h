#pragma once

#include "core/Result.h"
#include "exchange/transport/ExchangeTransport.h"
#include "exchange/transport/HttpCall.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

// Reading the JSON replies of the exchanges, which differ in field names and formats between deployments.
namespace govdesk::exchange::wire {

/// A time as the exchanges write it: ISO 8601, "yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss",
/// "yyyy-MM-dd HH:mm:ss" or milliseconds since the epoch; invalid when none fits.
QDateTime parseTime(const QJsonValue &value);
/// A list given as a JSON array, a JSON array in a string, or a comma-separated string.
QStringList parseList(const QJsonValue &value);
/// The first present (non-null) field among `names`, as a string.
QString field(const QJsonObject &o, std::initializer_list<const char *> names);
/// "edoc"/"status" (any case) to the type; edoc for anything else.
MessageType parseMessageType(const QString &text);
/// The body as a JSON object, or exchange.protocol naming the server.
core::Result<QJsonObject> jsonObject(const HttpResponse &response, const QUrl &url);
/// "the reply has no <name>", the detail of an exchange.protocol error.
QString missing(const QString &name);
/// A short printable excerpt of a body, for messages.
QString excerpt(const QByteArray &body);
/// "done", "fail", "processing" (upper case where the exchange writes it so).
QString ackName(TransportAck status, bool upperCase = false);
/// One item of an inbox list, under any of the field names the exchanges use (docId/id, createdTime/
/// created_time, statusDesc/status_desc).
ReceivedItem receivedItem(const QJsonObject &o);
/// One agency of a directory (code, name, parentCode/pcode, mail/email, oldCode/code102).
Agency agency(const QJsonObject &o);
/// The inbox items of a reply's "data" array, those without a document id left out.
QList<ReceivedItem> receivedItems(const QJsonObject &reply);
/// The agencies of a reply's "data" array, those without a code left out.
QList<Agency> agencies(const QJsonObject &reply);

} // namespace govdesk::exchange::wire
