// govdesk-cli edxml …: read an edXML packet, answer it with a status packet, build the packet of an issued
// outgoing document. parse and status need no workspace.
#include "Cli.h"
#include "CliCommon.h"

#include "core/VietnameseDate.h"
#include "exchange/edxml/EdxmlReader.h"
#include "exchange/edxml/EdxmlWriter.h"
#include "exchange/sync/ExchangeService.h"
#include "storage/Accounts.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace govdesk::cli {

using core::Error;
using core::Result;
namespace edxml = exchange::edxml;

namespace {

QString businessName(const std::optional<int> &type)
{
    if (!type)
        return {};
    switch (*type) {
    case int(edxml::BusinessType::New):
        return Cli::tr("new document");
    case int(edxml::BusinessType::Revoke):
        return Cli::tr("revocation of a document");
    case int(edxml::BusinessType::Update):
        return Cli::tr("update of a document");
    case int(edxml::BusinessType::Replace):
        return Cli::tr("replacement of a document");
    default:
        return QString::number(*type);
    }
}

QString priorityName(const std::optional<int> &priority)
{
    if (!priority)
        return {};
    switch (*priority) {
    case int(edxml::Priority::Normal):
        return Cli::tr("not urgent (Thường)");
    case int(edxml::Priority::Urgent):
        return Cli::tr("urgent (Khẩn)");
    case int(edxml::Priority::VeryUrgent):
        return Cli::tr("very urgent (Thượng khẩn)");
    case int(edxml::Priority::Immediate):
        return Cli::tr("immediate (Hỏa tốc)");
    case int(edxml::Priority::ImmediateTimed):
        return Cli::tr("immediate, timed (Hỏa tốc hẹn giờ)");
    default:
        return QString::number(*priority);
    }
}

QString organization(const edxml::Organization &o)
{
    return o.organName.isEmpty() ? o.organId : QStringLiteral("%1 (%2)").arg(o.organName, o.organId);
}

QString date(const QDate &d)
{
    return d.isValid() ? core::VietnameseDate::shortDate(d) : QStringLiteral("-");
}

QString timestamp(const QDateTime &t)
{
    return t.isValid()
               ? t.toTimeZone(edxml::vietnamTimeZone()).toString(QStringLiteral("dd/MM/yyyy HH:mm:ss"))
               : QStringLiteral("-");
}

/// A readable summary of a packet, one fact per line.
QString summary(const edxml::Packet &p, const QList<edxml::Problem> &problems)
{
    QStringList lines;
    const edxml::MessageHeader &h = p.header;
    if (p.isStatus()) {
        lines
            << Cli::tr("Status packet %1: %2").arg(p.status.code, edxml::StatusCodes::meaning(p.status.code));
        lines << Cli::tr("From: %1").arg(organization(h.from));
        lines << Cli::tr("About document: %1 of %2, DocumentId %3")
                     .arg(p.status.responseFor.code, p.status.responseFor.organId,
                          p.status.responseFor.documentId);
        lines << Cli::tr("Description: %1").arg(p.status.description);
        lines << Cli::tr("Time: %1").arg(timestamp(p.status.timestamp));
    } else {
        lines << Cli::tr("Document packet %1").arg(h.documentId);
        lines << Cli::tr("From: %1").arg(organization(h.from));
        for (const edxml::Organization &to : h.to)
            lines << Cli::tr("To: %1").arg(organization(to));
        lines << Cli::tr("Number and notation: %1, issued %2 in %3")
                     .arg(h.code.text(), date(h.promulgation.date), h.promulgation.place);
        lines << Cli::tr("Type: %1").arg(h.documentType.typeName);
        lines << Cli::tr("Subject: %1").arg(h.subject);
        QStringList signer;
        for (const QString &part : {h.signer.competence, h.signer.position, h.signer.fullName})
            if (!part.isEmpty())
                signer << part;
        lines << Cli::tr("Signed by: %1").arg(signer.join(QStringLiteral(", ")));
        if (h.dueDate.isValid())
            lines << Cli::tr("Due: %1").arg(date(h.dueDate));
        if (h.otherInfo.priority)
            lines << Cli::tr("Priority: %1").arg(priorityName(h.otherInfo.priority));
        if (p.business)
            lines << Cli::tr("Business: %1 %2").arg(businessName(p.business->type), p.business->reason);
        for (const edxml::Attachment &a : p.attachments)
            lines << Cli::tr("Attachment: %1 (%2, %3 bytes, SHA-256 %4)")
                         .arg(a.name, a.contentType)
                         .arg(a.data.size())
                         .arg(a.sha256());
    }
    for (const edxml::TraceHeader &t : p.traceHeaders)
        lines << Cli::tr("Passed: %1 at %2")
                     .arg(t.organId.isEmpty() ? QStringLiteral("-") : t.organId, timestamp(t.timestamp));
    if (!p.signatureXml.isEmpty())
        lines << Cli::tr("The packet carries an XML signature (not verified).");
    for (const edxml::Problem &problem : problems)
        lines << Cli::tr("Problem: %1").arg(problem.error.text());
    return lines.join(QLatin1Char('\n'));
}

QJsonArray problemsJson(const QList<edxml::Problem> &problems)
{
    QJsonArray arr;
    for (const edxml::Problem &p : problems)
        arr.append(QJsonObject{{QStringLiteral("field"), p.field},
                               {QStringLiteral("code"), p.error.code()},
                               {QStringLiteral("message"), p.error.bilingual()}});
    return arr;
}

Result<void> save(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return GOVDESK_ERROR("edxml.io", QT_TRANSLATE_NOOP("Cli", "Cannot write the file %1: %2"), path,
                             f.errorString());
    return {};
}

} // namespace

int Cli::cmdEdxml(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o =
        parse(args.mid(1),
              {QStringLiteral("for"), QStringLiteral("code"), QStringLiteral("out"),
               QStringLiteral("description"), QStringLiteral("from"), QStringLiteral("from-document")},
              {});
    const QString usageText =
        tr("edxml parse FILE | status --for FILE --code 01..16 --out FILE [--description "
           "TEXT] [--from ORGAN_ID] | build --from-document ID --out FILE");
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));

    if (sub == QLatin1String("parse")) {
        if (o.positional.size() != 1)
            return usage(usageText);
        auto packet = edxml::EdxmlReader::parseFile(o.positional.first());
        if (!packet)
            return fail(packet.error());
        const QList<edxml::Problem> problems = edxml::validate(packet.value());
        QJsonObject json = packet->toJson();
        json.insert(QStringLiteral("problems"), problemsJson(problems));
        print(json, summary(packet.value(), problems));
        return 0;
    }

    if (sub == QLatin1String("status")) {
        if (!o.positional.isEmpty() || o.value(QStringLiteral("for")).isEmpty() ||
            o.value(QStringLiteral("code")).isEmpty() || o.value(QStringLiteral("out")).isEmpty())
            return usage(usageText);
        const QString code = edxml::StatusCodes::normalise(o.value(QStringLiteral("code")));
        if (code.isEmpty())
            return fail(GOVDESK_ERROR(
                "edxml.status-code",
                QT_TRANSLATE_NOOP("EdxmlValidation", "The status code %1 is not one of %2"),
                o.value(QStringLiteral("code")), edxml::StatusCodes::all().join(QStringLiteral(", "))));
        auto document = edxml::EdxmlReader::parseFile(o.value(QStringLiteral("for")));
        if (!document)
            return fail(document.error());
        if (document->isStatus())
            return fail(GOVDESK_ERROR("edxml.not-document",
                                      QT_TRANSLATE_NOOP("Cli", "%1 is a status packet; a status answers a "
                                                               "document packet"),
                                      o.value(QStringLiteral("for"))));
        // Who answers: --from, else the workspace's organ, else the one organ the document is addressed to.
        edxml::Organization from;
        if (o.has(QStringLiteral("from"))) {
            from.organId = o.value(QStringLiteral("from")).trimmed();
        } else if (!m_workspace.isEmpty() || !m_database.isEmpty()) {
            if (auto r = openDatabase(); !r)
                return fail(r.error());
            auto self = storage::Accounts(*m_db).identity();
            if (!self)
                return fail(self.error());
            from.organId = self->orgCode;
            from.organName = self->orgName;
            from.organizationInCharge = self->orgName;
        } else if (document->header.to.size() == 1 && !document->header.to.first().organId.isEmpty()) {
            from = document->header.to.first();
        } else {
            QStringList organs;
            for (const edxml::Organization &to : document->header.to)
                organs << to.organId;
            return usage(tr("edxml status needs --from ORGAN_ID (the document is addressed to %1), or a "
                            "workspace (--workspace) whose organ code answers")
                             .arg(organs.isEmpty() ? tr("no organ") : organs.join(QStringLiteral(", "))));
        }
        const edxml::Packet status =
            edxml::Packet::statusFor(document.value(), from, code, o.value(QStringLiteral("description")));
        edxml::WriteOptions options;
        options.requireValid = true;
        auto bytes = edxml::EdxmlWriter::write(status, options);
        if (!bytes)
            return fail(bytes.error());
        if (auto r = save(o.value(QStringLiteral("out")), bytes.value()); !r)
            return fail(r.error());
        QJsonObject json = status.toJson();
        json.insert(QStringLiteral("out"), o.value(QStringLiteral("out")));
        print(json, tr("Status packet %1 (%2) answering %3 written to %4")
                        .arg(code, edxml::StatusCodes::meaning(code), status.status.responseFor.documentId,
                             o.value(QStringLiteral("out"))));
        return 0;
    }

    if (sub == QLatin1String("build")) {
        if (!o.positional.isEmpty() || o.value(QStringLiteral("from-document")).isEmpty() ||
            o.value(QStringLiteral("out")).isEmpty())
            return usage(usageText);
        if (auto r = openDatabase(); !r)
            return fail(r.error());
        auto actor = actingUser();
        if (!actor)
            return fail(actor.error());
        auto packet =
            exchange::ExchangeService(*m_db).packet(actor.value(), o.value(QStringLiteral("from-document")));
        if (!packet)
            return fail(packet.error());
        edxml::WriteOptions options;
        options.requireValid = true;
        auto bytes = edxml::EdxmlWriter::write(packet.value(), options);
        if (!bytes)
            return fail(bytes.error());
        if (auto r = save(o.value(QStringLiteral("out")), bytes.value()); !r)
            return fail(r.error());
        QJsonObject json = packet->toJson();
        json.insert(QStringLiteral("out"), o.value(QStringLiteral("out")));
        print(json, tr("Packet of %1 (%2) for %3 recipients written to %4")
                        .arg(packet->header.code.text(), packet->header.subject,
                             QString::number(packet->header.to.size()), o.value(QStringLiteral("out"))));
        return 0;
    }
    return usage(usageText);
}

} // namespace govdesk::cli
