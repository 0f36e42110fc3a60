#include "Decree30Metadata.h"

#include <QJsonArray>
#include <QXmlStreamWriter>

namespace govdesk::documents {

static QString date10(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

static QString traceText(const QList<ProgressEntry> &history)
{
    // Ý kiến phân phối, chỉ đạo và trạng thái xử lý, one line per step.
    QStringList lines;
    for (const ProgressEntry &e : history)
        lines << QStringLiteral("%1 %2 %3%4")
                     .arg(e.at.toOffsetFromUtc(7 * 3600).toString(Qt::ISODate), e.username, e.kind,
                          e.note.isEmpty() ? QString() : QStringLiteral(": ") + e.note);
    return lines.join(QLatin1Char('\n'));
}

/// Mã hồ sơ: the organ, the year as file catalogue; the file notation is given when filed (not yet kept).
static QJsonObject fileCode(const QString &ownOrganId, int year)
{
    return QJsonObject{{QStringLiteral("OrganId"), ownOrganId},
                       {QStringLiteral("FileCatalog"), year},
                       {QStringLiteral("FileNotation"), QString()}};
}

QJsonObject Decree30Metadata::incomingJson(const IncomingDocument &d, const QString &ownOrganId,
                                           const QList<ProgressEntry> &history)
{
    return QJsonObject{
        {QStringLiteral("FileCode"), fileCode(ownOrganId, d.year)},
        {QStringLiteral("DocOrdinal"), 0},
        {QStringLiteral("TypeName"), d.typeName},
        {QStringLiteral("CodeNumber"), formatNumber(d.number)},
        {QStringLiteral("CodeNotation"), d.notation},
        {QStringLiteral("IssuedDate"), date10(d.documentDate)},
        {QStringLiteral("OrganName"), d.authorName},
        {QStringLiteral("Subject"), d.subject},
        {QStringLiteral("Language"), QStringLiteral("Tiếng Việt")},
        {QStringLiteral("PageAmount"), d.pageCount},
        {QStringLiteral("Description"), d.notes},
        {QStringLiteral("ArrivalDate"), date10(d.arrivalDate)},
        {QStringLiteral("ArrivalNumber"), d.arrivalNumber},
        {QStringLiteral("SignerInfo"), QJsonObject{{QStringLiteral("Position"), d.signerPosition},
                                                   {QStringLiteral("FullName"), d.signerName}}},
        {QStringLiteral("Priority"), int(d.urgency)},
        {QStringLiteral("ToPlaces"), d.recipients},
        {QStringLiteral("TraceHeaderList"), traceText(history)},
        {QStringLiteral("DueDate"), date10(d.deadline)},
    };
}

/// Writes `o` as XML under `root`, its keys in the decree's `order` (not alphabetical); nested objects in the
/// order their keys appear in `innerOrder`, arrays as repeated elements.
static QByteArray metadataXml(const QString &root, const QJsonObject &o, const QStringList &order,
                              const QHash<QString, QStringList> &innerOrder)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(root);
    auto writeObject = [&](const QString &key, const QJsonObject &inner) {
        w.writeStartElement(key);
        for (const QString &k : innerOrder.value(key))
            w.writeTextElement(k, inner.value(k).toVariant().toString());
        w.writeEndElement();
    };
    for (const QString &key : order) {
        const QJsonValue v = o.value(key);
        if (v.isObject())
            writeObject(key, v.toObject());
        else if (v.isArray())
            for (const QJsonValue &item : v.toArray())
                writeObject(key, item.toObject());
        else
            w.writeTextElement(key, v.toVariant().toString());
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

static const QStringList kFileCodeOrder{QStringLiteral("OrganId"), QStringLiteral("FileCatalog"),
                                        QStringLiteral("FileNotation")};
static const QStringList kSignerOrder{QStringLiteral("Position"), QStringLiteral("FullName")};

QByteArray Decree30Metadata::incomingXml(const IncomingDocument &d, const QString &ownOrganId,
                                         const QList<ProgressEntry> &history)
{
    return metadataXml(
        QStringLiteral("IncomingDocument"), incomingJson(d, ownOrganId, history),
        {QStringLiteral("FileCode"), QStringLiteral("DocOrdinal"), QStringLiteral("TypeName"),
         QStringLiteral("CodeNumber"), QStringLiteral("CodeNotation"), QStringLiteral("IssuedDate"),
         QStringLiteral("OrganName"), QStringLiteral("Subject"), QStringLiteral("Language"),
         QStringLiteral("PageAmount"), QStringLiteral("Description"), QStringLiteral("ArrivalDate"),
         QStringLiteral("ArrivalNumber"), QStringLiteral("SignerInfo"), QStringLiteral("Priority"),
         QStringLiteral("ToPlaces"), QStringLiteral("TraceHeaderList"), QStringLiteral("DueDate")},
        {{QStringLiteral("FileCode"), kFileCodeOrder}, {QStringLiteral("SignerInfo"), kSignerOrder}});
}

QJsonObject Decree30Metadata::outgoingJson(const OutgoingDocument &d, const QString &ownOrganId,
                                           const QString &ownOrganName)
{
    QJsonArray to;
    for (const QString &code : d.recipientCodes)
        to.append(QJsonObject{{QStringLiteral("OrganId"), code}, {QStringLiteral("OrganName"), QString()}});
    if (to.isEmpty() && !d.recipients.isEmpty())
        to.append(
            QJsonObject{{QStringLiteral("OrganId"), QString()}, {QStringLiteral("OrganName"), d.recipients}});
    // Priority: the urgency, or the classification when the document is classified (Phụ lục VI, 14).
    const int priority = d.secrecy != Secrecy::None ? int(d.secrecy) : int(d.urgency);
    return QJsonObject{
        {QStringLiteral("FileCode"), fileCode(ownOrganId, d.year)},
        {QStringLiteral("DocOrdinal"), 0},
        {QStringLiteral("TypeName"), d.typeName},
        {QStringLiteral("CodeNumber"), d.number > 0 ? formatNumber(QString::number(d.number)) : QString()},
        {QStringLiteral("CodeNotation"), d.notation},
        {QStringLiteral("IssuedDate"), date10(d.issuedDate)},
        // An advisory body issues in its own name (its own book and notation); the file code stays the
        // agency's.
        {QStringLiteral("OrganName"), d.bodyName.isEmpty() ? ownOrganName : d.bodyName},
        {QStringLiteral("Subject"), d.subject},
        {QStringLiteral("Language"), QStringLiteral("Tiếng Việt")},
        {QStringLiteral("PageAmount"), d.pages},
        {QStringLiteral("Description"), QString()},
        {QStringLiteral("SignerInfo"),
         QJsonObject{{QStringLiteral("Position"),
                      d.authorityPrefix.isEmpty() ? d.signerPosition
                                                  : d.authorityPrefix + QLatin1Char(' ') + d.signerPosition},
                     {QStringLiteral("FullName"), d.signerName}}},
        {QStringLiteral("To"), to},
        {QStringLiteral("Priority"), priority},
        {QStringLiteral("IssuedAmount"), d.copies},
        {QStringLiteral("DueDate"), date10(d.dueDate)},
    };
}

QByteArray Decree30Metadata::outgoingXml(const OutgoingDocument &d, const QString &ownOrganId,
                                         const QString &ownOrganName)
{
    return metadataXml(QStringLiteral("OutgoingDocument"), outgoingJson(d, ownOrganId, ownOrganName),
                       {QStringLiteral("FileCode"), QStringLiteral("DocOrdinal"), QStringLiteral("TypeName"),
                        QStringLiteral("CodeNumber"), QStringLiteral("CodeNotation"),
                        QStringLiteral("IssuedDate"), QStringLiteral("OrganName"), QStringLiteral("Subject"),
                        QStringLiteral("Language"), QStringLiteral("PageAmount"),
                        QStringLiteral("Description"), QStringLiteral("SignerInfo"), QStringLiteral("To"),
                        QStringLiteral("Priority"), QStringLiteral("IssuedAmount"),
                        QStringLiteral("DueDate")},
                       {{QStringLiteral("FileCode"), kFileCodeOrder},
                        {QStringLiteral("SignerInfo"), kSignerOrder},
                        {QStringLiteral("To"), {QStringLiteral("OrganId"), QStringLiteral("OrganName")}}});
}

} // namespace govdesk::documents
