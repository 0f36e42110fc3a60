// validate(): the rules a packet must meet to be sent, reported one problem per field so a receiver can
// show them all and a sender can refuse.
#include "EdxmlPacket.h"

namespace govdesk::exchange::edxml {

namespace {

class Checker
{
public:
    QList<Problem> problems;

    void missing(const QString &field)
    {
        problems.append(
            {field, GOVDESK_ERROR("edxml.missing",
                                  QT_TRANSLATE_NOOP("EdxmlValidation", "The mandatory field %1 is missing"),
                                  field)});
    }

    /// A value that must be there: missing when empty, a defect when a producer wrote the text "null".
    void required(const QString &field, const QString &value)
    {
        if (value.trimmed().isEmpty())
            missing(field);
        else if (value.trimmed().compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
            problems.append({field, GOVDESK_ERROR("edxml.null",
                                                  QT_TRANSLATE_NOOP("EdxmlValidation",
                                                                    "The field %1 holds the text \"null\" "
                                                                    "instead of a value"),
                                                  field)});
    }

    void range(const QString &field, const std::optional<int> &value, int low, int high)
    {
        if (value && (*value < low || *value > high))
            problems.append(
                {field, GOVDESK_ERROR(
                            "edxml.range",
                            QT_TRANSLATE_NOOP("EdxmlValidation", "The field %1 is %2; it must lie between %3 "
                                                                 "and %4"),
                            field, QString::number(*value), QString::number(low), QString::number(high))});
    }

    void organization(const QString &field, const Organization &o)
    {
        required(field + QStringLiteral("/OrganId"), o.organId);
    }
};

} // namespace

QList<Problem> validate(const Packet &p)
{
    Checker c;
    c.organization(QStringLiteral("From"), p.header.from);
    if (p.isStatus()) {
        const ResponseFor &r = p.status.responseFor;
        c.required(QStringLiteral("ResponseFor/OrganId"), r.organId);
        c.required(QStringLiteral("ResponseFor/Code"), r.code);
        c.required(QStringLiteral("ResponseFor/DocumentId"), r.documentId);
        if (p.status.code.trimmed().isEmpty())
            c.missing(QStringLiteral("StatusCode"));
        else if (!StatusCodes::isKnown(p.status.code))
            c.problems.append(
                {QStringLiteral("StatusCode"),
                 GOVDESK_ERROR("edxml.status-code",
                               QT_TRANSLATE_NOOP("EdxmlValidation", "The status code %1 is not one of %2"),
                               p.status.code, StatusCodes::all().join(QStringLiteral(", ")))});
        if (!p.status.timestamp.isValid())
            c.missing(QStringLiteral("Timestamp"));
    } else {
        const MessageHeader &h = p.header;
        if (h.to.isEmpty())
            c.missing(QStringLiteral("To"));
        for (qsizetype i = 0; i < h.to.size(); ++i)
            c.organization(QStringLiteral("To[%1]").arg(i + 1), h.to[i]);
        c.required(QStringLiteral("DocumentId"), h.documentId);
        c.required(QStringLiteral("Code/CodeNumber"), h.code.number);
        c.required(QStringLiteral("Code/CodeNotation"), h.code.notation);
        if (!h.promulgation.date.isValid())
            c.missing(QStringLiteral("PromulgationInfo/PromulgationDate"));
        else if (h.promulgation.date > QDate::currentDate().addDays(1))
            c.problems.append({QStringLiteral("PromulgationInfo/PromulgationDate"),
                               GOVDESK_ERROR("edxml.future-date",
                                             QT_TRANSLATE_NOOP("EdxmlValidation",
                                                               "The promulgation date %1 lies in the future"),
                                             h.promulgation.date.toString(QStringLiteral("dd/MM/yyyy")))});
        if (!h.documentType.type)
            c.missing(QStringLiteral("DocumentType/Type"));
        c.required(QStringLiteral("DocumentType/TypeName"), h.documentType.typeName);
        c.required(QStringLiteral("Subject"), h.subject);
        c.range(QStringLiteral("OtherInfo/Priority"), h.otherInfo.priority, 0, 4);
        c.range(QStringLiteral("SteeringType"), h.steeringType, 0, 2);
        if (p.traceHeaders.isEmpty())
            c.missing(QStringLiteral("TraceHeaderList/TraceHeader"));
        if (p.business) {
            const Business &b = *p.business;
            c.range(QStringLiteral("Bussiness/BussinessDocType"), b.type, 0, 3);
            if (b.type == int(BusinessType::Update) && !b.documentInfo)
                c.missing(QStringLiteral("Bussiness/BussinessDocumentInfo"));
            if (b.type == int(BusinessType::Replace) && b.replacements.isEmpty())
                c.missing(QStringLiteral("Bussiness/ReplacementInfoList"));
        }
        for (qsizetype i = 0; i < p.attachments.size(); ++i) {
            const Attachment &a = p.attachments[i];
            if (a.data.isEmpty())
                c.problems.append(
                    {QStringLiteral("AttachmentEncoded/Attachment[%1]").arg(i + 1),
                     GOVDESK_ERROR("edxml.empty-attachment",
                                   QT_TRANSLATE_NOOP("EdxmlValidation", "The attachment %1 is empty"),
                                   a.name)});
        }
        for (const ManifestReference &r : p.references)
            if (!p.attachment(r.contentId))
                c.problems.append(
                    {QStringLiteral("edXMLManifest/Reference"),
                     GOVDESK_ERROR("edxml.manifest",
                                   QT_TRANSLATE_NOOP("EdxmlValidation",
                                                     "The manifest lists %1 (%2), but the packet "
                                                     "carries no such attachment"),
                                   r.attachmentName, r.contentId)});
    }
    for (qsizetype i = 0; i < p.traceHeaders.size(); ++i)
        c.required(QStringLiteral("TraceHeaderList/TraceHeader[%1]/OrganId").arg(i + 1),
                   p.traceHeaders[i].organId);
    return c.problems;
}

} // namespace govdesk::exchange::edxml
