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

QJsonObject Decree30Metadata::incomingJson(const IncomingDocument &d, const QString &ownOrganId,
                                           const QList<ProgressEntry> &history)
{
    return QJsonObject{
        {QStringLiteral("FileCode"), QJsonObject{{QStringLiteral("OrganId"), ownOrganId},
                                                 {QStringLiteral("FileCatalog"), d.year},
                                                 {QStringLiteral("FileNotation"), QString()}}},
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

QByteArray Decree30Metadata::incomingXml(const IncomingDocument &d, const QString &ownOrganId,
                                         const QList<ProgressEntry> &history)
{
    const QJsonObject o = incomingJson(d, ownOrganId, history);
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("IncomingDocument"));
    // Decree order, not alphabetical.
    const QStringList order = {
        QStringLiteral("FileCode"),      QStringLiteral("DocOrdinal"),      QStringLiteral("TypeName"),
        QStringLiteral("CodeNumber"),    QStringLiteral("CodeNotation"),    QStringLiteral("IssuedDate"),
        QStringLiteral("OrganName"),     QStringLiteral("Subject"),         QStringLiteral("Language"),
        QStringLiteral("PageAmount"),    QStringLiteral("Description"),     QStringLiteral("ArrivalDate"),
        QStringLiteral("ArrivalNumber"), QStringLiteral("SignerInfo"),      QStringLiteral("Priority"),
        QStringLiteral("ToPlaces"),      QStringLiteral("TraceHeaderList"), QStringLiteral("DueDate")};
    for (const QString &key : order) {
        const QJsonValue v = o.value(key);
        if (v.isObject()) {
            w.writeStartElement(key);
            const QJsonObject inner = v.toObject();
            const QStringList innerOrder =
                key == QLatin1String("FileCode")
                    ? QStringList{QStringLiteral("OrganId"), QStringLiteral("FileCatalog"),
                                  QStringLiteral("FileNotation")}
                    : QStringList{QStringLiteral("Position"), QStringLiteral("FullName")};
            for (const QString &k : innerOrder)
                w.writeTextElement(k, inner.value(k).toVariant().toString());
            w.writeEndElement();
        } else {
            w.writeTextElement(key, v.toVariant().toString());
        }
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace govdesk::documents
