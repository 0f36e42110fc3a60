#include "EdxmlWriter.h"

#include "AttachmentName.h"
#include "ZipCodec.h"

#include <QUuid>
#include <QXmlStreamReader>

namespace govdesk::exchange::edxml {

using core::Result;

namespace {

bool isXmlChar(char32_t u)
{
    return u == 0x9 || u == 0xA || u == 0xD || (u >= 0x20 && u <= 0xD7FF) || (u >= 0xE000 && u <= 0xFFFD) ||
           (u >= 0x10000 && u <= 0x10FFFF);
}

/// Text content: escaped, without characters XML 1.0 cannot carry, line ends as CRLF.
QByteArray escape(const QString &input)
{
    QString out;
    out.reserve(input.size() + 16);
    const QString text = input.trimmed();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        if (c.isSurrogate() || !isXmlChar(u))
            continue;
        switch (u) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '\r':
            // A carriage return inside a value (a character reference on the way in) survives only as one.
            out += QLatin1String("&#13;");
            break;
        case '\n':
            out += QLatin1String("\r\n");
            break;
        default:
            out += c;
        }
    }
    return out.toUtf8();
}

class Out
{
public:
    QByteArray buf;
    int depth = 0;
    bool prefixed = true;

    QByteArray name(const char *local) const
    {
        return prefixed ? QByteArrayLiteral("edXML:") + local : QByteArray(local);
    }

    void indent() { buf.append(QByteArray(depth * 2, ' ')); }

    void open(const char *local, const QByteArray &attributes = {})
    {
        indent();
        buf += '<' + name(local) + attributes + ">\r\n";
        ++depth;
    }

    void close(const char *local)
    {
        --depth;
        indent();
        buf += "</" + name(local) + ">\r\n";
    }

    void leaf(const char *local, const QString &value, bool always = false)
    {
        if (value.trimmed().isEmpty() && !always)
            return;
        indent();
        buf += '<' + name(local) + '>' + escape(value) + "</" + name(local) + ">\r\n";
    }

    void leaf(const char *local, const std::optional<int> &value)
    {
        if (value)
            leaf(local, QString::number(*value));
    }

    void leaf(const char *local, const QDate &date) { leaf(local, wireDate(date)); }
    void leaf(const char *local, const QDateTime &time) { leaf(local, wireTimestamp(time)); }

    /// Kept XML (the signature): its first line at the current indentation, the others as they were.
    void raw(const QString &xml)
    {
        indent();
        QString text = xml.trimmed();
        text.replace(QLatin1Char('\n'), QLatin1String("\r\n"));
        buf += text.toUtf8() + "\r\n";
    }
};

/// From and To as the SDK writes them; its status packets put OrganName before OrganizationInCharge.
void writeOrganization(Out &o, const char *element, const Organization &org, bool statusOrder = false)
{
    o.open(element);
    o.leaf("OrganId", org.organId);
    if (statusOrder) {
        o.leaf("OrganName", org.organName);
        o.leaf("OrganizationInCharge", org.organizationInCharge);
    } else {
        o.leaf("OrganizationInCharge", org.organizationInCharge);
        o.leaf("OrganName", org.organName);
    }
    o.leaf("OrganAdd", org.organAdd);
    o.leaf("Email", org.email);
    o.leaf("Telephone", org.telephone);
    o.leaf("Fax", org.fax);
    o.leaf("Website", org.website);
    o.close(element);
}

void writeResponseFor(Out &o, const ResponseFor &r)
{
    o.open("ResponseFor");
    o.leaf("OrganId", r.organId);
    o.leaf("Code", r.code);
    o.leaf("PromulgationDate", r.promulgationDate);
    o.leaf("DocumentId", r.documentId);
    o.close("ResponseFor");
}

/// StaffInfo as the SDK writes it: in Bussiness Department, Staff, Email, Mobile; in a status packet
/// Department, Staff, Mobile, Email.
void writeStaff(Out &o, const StaffInfo &s, bool statusOrder)
{
    if (s.isEmpty())
        return;
    o.open("StaffInfo");
    o.leaf("Department", s.department);
    o.leaf("Staff", s.staff);
    if (statusOrder) {
        o.leaf("Mobile", s.mobile);
        o.leaf("Email", s.email);
    } else {
        o.leaf("Email", s.email);
        o.leaf("Mobile", s.mobile);
    }
    o.close("StaffInfo");
}

void writeDocumentHeader(Out &o, const MessageHeader &h)
{
    writeOrganization(o, "From", h.from);
    for (const Organization &to : h.to)
        writeOrganization(o, "To", to);
    o.leaf("DocumentId", h.documentId);
    if (!h.code.isEmpty()) {
        o.open("Code");
        o.leaf("CodeNumber", h.code.number);
        o.leaf("CodeNotation", h.code.notation);
        o.close("Code");
    }
    if (!h.promulgation.place.trimmed().isEmpty() || h.promulgation.date.isValid()) {
        o.open("PromulgationInfo");
        o.leaf("Place", h.promulgation.place);
        o.leaf("PromulgationDate", h.promulgation.date);
        o.close("PromulgationInfo");
    }
    const DocumentType &t = h.documentType;
    if (t.type || t.typeDetail || !t.typeName.trimmed().isEmpty()) {
        o.open("DocumentType");
        o.leaf("Type", t.type);
        o.leaf("TypeDetail", t.typeDetail);
        o.leaf("TypeName", t.typeName);
        o.close("DocumentType");
    }
    o.leaf("Subject", h.subject);
    o.leaf("Content", h.content);
    const SignerInfo &s = h.signer;
    if (!(s.competence + s.position + s.fullName).trimmed().isEmpty()) {
        o.open("SignerInfo");
        o.leaf("Competence", s.competence);
        o.leaf("Position", s.position);
        o.leaf("FullName", s.fullName);
        o.close("SignerInfo");
    }
    o.leaf("DueDate", h.dueDate);
    const OtherInfo &other = h.otherInfo;
    QStringList appendixes;
    for (const QString &a : other.appendixes)
        if (!a.trimmed().isEmpty())
            appendixes << a;
    if (other.priority || !other.sphereOfPromulgation.trimmed().isEmpty() ||
        !other.typerNotation.trimmed().isEmpty() || other.promulgationAmount || other.pageAmount ||
        other.direction || !appendixes.isEmpty()) {
        o.open("OtherInfo");
        o.leaf("Priority", other.priority);
        o.leaf("SphereOfPromulgation", other.sphereOfPromulgation);
        o.leaf("TyperNotation", other.typerNotation);
        o.leaf("PromulgationAmount", other.promulgationAmount);
        o.leaf("PageAmount", other.pageAmount);
        if (other.direction)
            o.leaf("Direction", *other.direction ? QStringLiteral("true") : QStringLiteral("false"));
        if (!appendixes.isEmpty()) {
            o.open("Appendixes");
            for (const QString &a : appendixes)
                o.leaf("Appendix", a);
            o.close("Appendixes");
        }
        o.close("OtherInfo");
    }
    for (const ResponseFor &r : h.responseFor)
        if (!r.isEmpty())
            writeResponseFor(o, r);
    o.leaf("SteeringType", h.steeringType);
    QStringList places;
    for (const QString &p : h.toPlaces)
        if (!p.trimmed().isEmpty())
            places << p;
    if (!places.isEmpty()) {
        o.open("ToPlaces");
        for (const QString &p : places)
            o.leaf("Place", p);
        o.close("ToPlaces");
    }
}

void writeBusiness(Out &o, const Business &b)
{
    o.open("Bussiness");
    o.leaf("DocumentId", b.documentId);
    o.leaf("BussinessDocType", b.type);
    o.leaf("BussinessDocReason", b.reason);
    o.leaf("Paper", b.paper);
    if (b.documentInfo) {
        const BusinessDocumentInfo &d = *b.documentInfo;
        o.open("BussinessDocumentInfo");
        o.leaf("DocumentInfo", d.documentInfo);
        o.leaf("DocumentReceiver", d.documentReceiver);
        if (!d.receivers.isEmpty()) {
            o.open("ReceiverList");
            for (const Receiver &r : d.receivers) {
                o.open("Receiver");
                o.leaf("OrganId", r.organId);
                o.leaf("ReceiverType", r.receiverType);
                o.close("Receiver");
            }
            o.close("ReceiverList");
        }
        o.close("BussinessDocumentInfo");
    }
    if (!b.replacements.isEmpty()) {
        o.open("ReplacementInfoList");
        for (const ReplacementInfo &r : b.replacements) {
            o.open("ReplacementInfo");
            o.leaf("DocumentId", r.documentId);
            if (!r.organIds.isEmpty()) {
                o.open("OrganIdList");
                for (const QString &id : r.organIds)
                    o.leaf("OrganId", id);
                o.close("OrganIdList");
            }
            o.close("ReplacementInfo");
        }
        o.close("ReplacementInfoList");
    }
    writeStaff(o, b.staff, false);
    o.close("Bussiness");
}

/// The kept signature must still be well-formed where it is written (default namespace and the edXML
/// prefix bound to QCVN's), and may carry no DTD.
bool signatureIsWellFormed(const QString &xml)
{
    const QString ns = QString::fromLatin1(Namespace);
    QXmlStreamReader r(QStringLiteral("<w xmlns=\"%1\" xmlns:edXML=\"%1\">").arg(ns) + xml +
                       QStringLiteral("</w>"));
    int elements = 0;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::DTD || t == QXmlStreamReader::EntityReference)
            return false;
        if (t == QXmlStreamReader::StartElement)
            ++elements;
    }
    return !r.hasError() && elements >= 2;
}

QString extensionOf(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot <= 0 ? QString() : name.mid(dot + 1);
}

} // namespace

Result<QByteArray> EdxmlWriter::write(const Packet &p, const WriteOptions &options)
{
    if (options.requireValid)
        if (const QList<Problem> problems = validate(p); !problems.isEmpty())
            return problems.first().error;
    if (!p.signatureXml.trimmed().isEmpty() && !signatureIsWellFormed(p.signatureXml))
        return GOVDESK_ERROR(
            "edxml.signature",
            QT_TRANSLATE_NOOP("EdxmlWriter", "The kept XML signature is not well-formed XML"));

    const QByteArray ns(Namespace);
    Out o;
    o.buf.reserve(16384);
    o.buf += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n";
    o.prefixed = false;
    o.open("edXML", " xmlns=\"" + ns + '"');
    o.prefixed = true;
    o.open("edXMLEnvelope", " xmlns:edXML=\"" + ns + '"');
    o.open("edXMLHeader");
    o.open("MessageHeader");
    if (p.isStatus()) {
        writeOrganization(o, "From", p.header.from, true);
        writeResponseFor(o, p.status.responseFor);
        writeStaff(o, p.status.staff, true);
        // The element makes the packet a status packet, so it stands even when empty.
        o.leaf("StatusCode", p.status.code, true);
        o.leaf("Description", p.status.description);
        o.leaf("Timestamp", p.status.timestamp);
    } else {
        writeDocumentHeader(o, p.header);
    }
    o.close("MessageHeader");
    if (!p.traceHeaders.isEmpty() || p.business) {
        o.open("TraceHeaderList");
        for (const TraceHeader &t : p.traceHeaders) {
            o.open("TraceHeader");
            o.leaf("OrganId", t.organId);
            o.leaf("Timestamp", t.timestamp);
            o.close("TraceHeader");
        }
        if (p.business)
            writeBusiness(o, *p.business);
        o.close("TraceHeaderList");
    }
    if (!p.signatureXml.trimmed().isEmpty())
        o.raw(p.signatureXml);
    o.close("edXMLHeader");

    if (!p.isStatus()) {
        // Attachments without a ContentId get one now, the same in the manifest and in the attachment.
        QStringList ids;
        for (const Attachment &a : p.attachments)
            ids << (a.contentId.trimmed().isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                                    : a.contentId.trimmed());
        // The n-th attachment with a ContentId goes with the n-th Reference with it (as the reader pairs
        // them); attachments without one get one.
        QList<ManifestReference> refs = p.references;
        for (qsizetype i = 0; i < p.attachments.size(); ++i) {
            const qsizetype occurrence = ids.mid(0, i).count(ids[i]);
            qsizetype listed = 0;
            for (const ManifestReference &r : std::as_const(refs))
                listed += r.contentId.trimmed() == ids[i] ? 1 : 0;
            if (listed <= occurrence) {
                const Attachment &a = p.attachments[i];
                refs << ManifestReference{ids[i],
                                          a.contentType.trimmed().isEmpty()
                                              ? QStringLiteral("application/octet-stream")
                                              : a.contentType,
                                          a.description, AttachmentName::sanitise(a.name, int(i + 1))};
            }
        }
        o.open("edXMLBody");
        o.open("edXMLManifest", " version=\"1.0\"");
        for (const ManifestReference &r : std::as_const(refs)) {
            o.open("Reference");
            o.leaf("ContentId", r.contentId.trimmed().isEmpty()
                                    ? QString()
                                    : QStringLiteral("cid:") + r.contentId.trimmed());
            o.leaf("ContentType", r.contentType);
            o.leaf("Description", r.description);
            o.leaf("AttachmentName", r.attachmentName);
            o.close("Reference");
        }
        o.close("edXMLManifest");
        o.close("edXMLBody");
        o.close("edXMLEnvelope");
        if (!p.attachments.isEmpty()) {
            o.prefixed = false;
            o.open("AttachmentEncoded");
            for (qsizetype i = 0; i < p.attachments.size(); ++i) {
                const Attachment &a = p.attachments[i];
                const QString name = AttachmentName::sanitise(a.name, int(i + 1));
                const QString ext = extensionOf(name);
                const QString entry = AttachmentName::sanitise(ids[i], int(i + 1)) +
                                      (ext.isEmpty() ? QString() : QLatin1Char('.') + ext);
                o.open("Attachment");
                o.leaf("ContentId", QStringLiteral("cid:") + ids[i]);
                o.leaf("AttachmentName", name);
                o.leaf("Description", a.description);
                o.leaf("ContentType", QStringLiteral("application/zip"));
                o.indent();
                o.buf += "<edXML:ContentTransferEncoded xmlns:edXML=\"" + ns + "\">";
                o.buf += ZipCodec::zipOne(entry, a.data, options.zipTime).toBase64();
                o.buf += "</edXML:ContentTransferEncoded>\r\n";
                o.close("Attachment");
            }
            o.close("AttachmentEncoded");
        }
    } else {
        o.close("edXMLEnvelope");
    }
    o.prefixed = false;
    o.close("edXML");
    return o.buf;
}

} // namespace govdesk::exchange::edxml
