#include "ExchangeService.h"

#include "DocumentPacket.h"

#include "core/Ids.h"
#include "core/Role.h"
#include "documents/DocumentChange.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingService.h"
#include "exchange/edxml/EdxmlReader.h"
#include "exchange/edxml/EdxmlWriter.h"
#include "storage/Accounts.h"
#include "storage/AuditLog.h"
#include "storage/BlobStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMimeDatabase>

#include <algorithm>

namespace govdesk::exchange {

using core::Error;
using core::Permission;
using core::Result;
using core::User;
using documents::IncomingDocument;
using documents::IncomingStatus;
using documents::OutgoingDocument;
using documents::OutgoingStatus;
using storage::Sql;

static QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

static QDateTime timeFrom(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

static QString isoOrEmpty(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject OutboxEntry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("documentId"), documentId},
            {QStringLiteral("recipient"), recipient},
            {QStringLiteral("purpose"), purpose},
            {QStringLiteral("state"), state},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("nextAttemptAt"), isoOrEmpty(nextAttemptAt)},
            {QStringLiteral("lastError"), lastError},
            {QStringLiteral("transportId"), transportId},
            {QStringLiteral("sentAt"), isoOrEmpty(sentAt)}};
}

QJsonObject ReportedStatus::toJson() const
{
    return {{QStringLiteral("organ"), organ},
            {QStringLiteral("code"), code},
            {QStringLiteral("meaning"), edxml::StatusCodes::meaning(code)},
            {QStringLiteral("description"), description},
            {QStringLiteral("at"), isoOrEmpty(at)}};
}

QJsonObject RecipientState::toJson() const
{
    QJsonArray s;
    for (const ReportedStatus &r : statuses)
        s.append(r.toJson());
    QJsonObject o{{QStringLiteral("organ"), organ},
                  {QStringLiteral("organName"), organName},
                  {QStringLiteral("packet"), packet.toJson()},
                  {QStringLiteral("statuses"), s}};
    o.insert(QStringLiteral("lastStatus"), statuses.isEmpty() ? QString() : statuses.last().code);
    return o;
}

QJsonObject ExchangeRequest::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("incomingId"), incomingId},
            {QStringLiteral("newIncomingId"), newIncomingId},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("state"), state},
            {QStringLiteral("createdAt"), isoOrEmpty(createdAt)},
            {QStringLiteral("decidedBy"), decidedBy},
            {QStringLiteral("note"), note}};
}

QJsonObject SyncReport::toJson() const
{
    QJsonArray e;
    for (const Error &x : errors)
        e.append(QJsonObject{{QStringLiteral("code"), x.code()}, {QStringLiteral("message"), x.english()}});
    return {{QStringLiteral("sent"), sent},
            {QStringLiteral("retrying"), retrying},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("received"), received},
            {QStringLiteral("statuses"), statuses},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("duplicates"), duplicates},
            {QStringLiteral("rejected"), rejected},
            {QStringLiteral("directoryChanged"),
             directoryChanged >= 0 ? QJsonValue(directoryChanged) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("directoryError"),
             directoryError.isNull()
                 ? QJsonValue(QJsonValue::Null)
                 : QJsonValue(QJsonObject{{QStringLiteral("code"), directoryError.code()},
                                          {QStringLiteral("message"), directoryError.english()}})},
            {QStringLiteral("errors"), e}};
}

ExchangeService::ExchangeService(storage::Database &db) : m_db(db) {}

Result<void> ExchangeService::checkClerk(const User &actor)
{
    if (!actor.can(Permission::IssueOutgoing) || !actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR("permission.exchange",
                             QT_TRANSLATE_NOOP("ExchangeService",
                                               "Only the clerk (văn thư) or an administrator works with the "
                                               "document exchange"));
    return {};
}

edxml::Organization ExchangeService::ownOrganization()
{
    edxml::Organization o;
    if (auto id = storage::Accounts(m_db).identity()) {
        o.organId = id->orgCode;
        o.organName = id->orgName;
    }
    return o;
}

// ---------------------------------------------------------------- building packets

static documents::Urgency urgencyFromWire(std::optional<int> p)
{
    switch (p.value_or(0)) {
    case 1:
        return documents::Urgency::Khan;
    case 2:
        return documents::Urgency::ThuongKhan;
    case 3:
    case 4:
        return documents::Urgency::HoaToc;
    default:
        return documents::Urgency::Normal;
    }
}

/// The QCVN 102 DocumentId of one of our issued documents.
static QString packetDocumentId(const QString &orgCode, const OutgoingDocument &d)
{
    return edxml::DocumentId::build(orgCode, d.issuedDate, documents::formatNumber(QString::number(d.number)),
                                    d.notation);
}

static edxml::BusinessType businessOf(const QString &purpose)
{
    if (purpose == QLatin1String("revoke"))
        return edxml::BusinessType::Revoke;
    if (purpose == QLatin1String("update"))
        return edxml::BusinessType::Update;
    if (purpose == QLatin1String("replace"))
        return edxml::BusinessType::Replace;
    return edxml::BusinessType::New;
}

Result<edxml::Packet> ExchangeService::packet(const User &actor, const QString &outgoingId,
                                              const QString &purpose, const QStringList &recipients)
{
    documents::OutgoingService outgoing(m_db);
    auto doc = outgoing.get(actor, outgoingId);
    if (!doc)
        return doc.error();
    const OutgoingDocument &d = doc.value();
    storage::Accounts accounts(m_db);
    const edxml::Organization from = ownOrganization();
    auto settings = ExchangeSettings::load(m_db);
    if (!settings)
        return settings.error();

    OutgoingPacketContext ctx;
    ctx.organId = from.organId;
    ctx.organName = from.organName;
    ctx.place = settings->place;
    ctx.recipients = recipients;
    for (const QString &code : recipients.isEmpty() ? d.recipientCodes : recipients)
        if (auto unit = accounts.findUnit(code); unit && !unit->name.isEmpty())
            ctx.organNames.insert(code, unit->name);
    ctx.staff.staff = actor.fullName.isEmpty() ? actor.username : actor.fullName;
    ctx.staff.department = d.unitName;
    ctx.business = businessOf(purpose);
    if (ctx.business == edxml::BusinessType::Revoke)
        ctx.reason = d.recallReason;
    const documents::LinkKind linkKind = ctx.business == edxml::BusinessType::Replace
                                             ? documents::LinkKind::Replaces
                                             : documents::LinkKind::Updates;
    if (ctx.business == edxml::BusinessType::Replace || ctx.business == edxml::BusinessType::Update)
        for (const documents::OutgoingLink &l : d.links)
            if (!l.incoming && l.kind == linkKind)
                if (auto target = outgoing.get(actor, l.targetId); target && target->isNumbered()) {
                    ctx.businessDocumentId = packetDocumentId(from.organId, target.value());
                    break;
                }
    // The file is read only for a document that may leave the agency; the refusals come first.
    if (!d.isSecret() && d.isNumbered()) {
        auto file = outgoing.fileData(actor, d.id);
        if (!file)
            return file.error();
        ctx.file = file.value();
        if (const auto current = d.currentFile())
            ctx.fileName = current->fileName;
    }
    return DocumentPacket::fromOutgoing(d, ctx);
}

Result<QList<OutboxEntry>> ExchangeService::send(const User &actor, const QString &outgoingId)
{
    documents::OutgoingService outgoing(m_db);
    auto doc = outgoing.get(actor, outgoingId);
    if (!doc)
        return doc.error();
    QString purpose = QStringLiteral("new");
    for (const documents::OutgoingLink &l : doc->links)
        if (!l.incoming && l.kind == documents::LinkKind::Replaces)
            purpose = QStringLiteral("replace");
        else if (!l.incoming && l.kind == documents::LinkKind::Updates && purpose == QLatin1String("new"))
            purpose = QStringLiteral("update");
    auto queued = queueDocument(actor, outgoingId, purpose);
    if (!queued)
        return queued;
    if (doc->status == OutgoingStatus::Issued) {
        auto sent = outgoing.markSent(
            actor, outgoingId, documents::SendChannel::Exchange,
            tr("%n recipient(s) over the document exchange", nullptr, int(doc->recipientCodes.size())));
        if (!sent)
            return sent.error();
    }
    return queued;
}

Result<QList<OutboxEntry>> ExchangeService::sendRevocation(const User &actor, const QString &outgoingId)
{
    documents::OutgoingService outgoing(m_db);
    auto doc = outgoing.get(actor, outgoingId);
    if (!doc)
        return doc.error();
    if (doc->status != OutgoingStatus::Recalled)
        return GOVDESK_ERROR("exchange.not-recalled",
                             QT_TRANSLATE_NOOP("ExchangeService",
                                               "Recall the document first; its revocation is then sent to "
                                               "every agency it went to"));
    return queueDocument(actor, outgoingId, QStringLiteral("revoke"));
}

Result<QList<OutboxEntry>> ExchangeService::queueDocument(const User &actor, const QString &outgoingId,
                                                          const QString &purpose)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    auto settings = ExchangeSettings::load(m_db);
    if (!settings)
        return settings.error();
    if (!settings->configured)
        return GOVDESK_ERROR("exchange.not-configured",
                             QT_TRANSLATE_NOOP("ExchangeSettings",
                                               "The document exchange is not set up for this workspace yet "
                                               "(an administrator sets it up: exchange configure)"));
    const bool revoke = purpose == QLatin1String("revoke");
    QStringList recipients;
    if (revoke) {
        // Revoked where it went: the recipients it was actually sent to.
        QSqlDatabase c = m_db.connection();
        Sql q(c, QStringLiteral("SELECT DISTINCT recipient FROM exchange_outbox WHERE document_id = ? AND "
                                "kind = 'edoc' AND purpose <> 'revoke' ORDER BY recipient"));
        q << outgoingId;
        if (auto r = q.exec(); !r)
            return r.error();
        while (q.next())
            recipients << q.value(0).toString();
        if (recipients.isEmpty())
            return GOVDESK_ERROR("exchange.never-sent",
                                 QT_TRANSLATE_NOOP("ExchangeService",
                                                   "The document was never sent over the document exchange: "
                                                   "there is no agency to send its revocation to"));
    }
    auto packet = this->packet(actor, outgoingId, purpose, recipients);
    if (!packet)
        return packet.error();
    if (recipients.isEmpty())
        for (const edxml::Organization &to : packet->header.to)
            recipients << to.organId;
    edxml::WriteOptions options;
    options.requireValid = true; // a sender must respect what receivers check
    auto bytes = edxml::EdxmlWriter::write(packet.value(), options);
    if (!bytes)
        return bytes.error();
    const QString packetId = packet->header.documentId;

    return m_db.write<QList<OutboxEntry>>([&](QSqlDatabase &c) -> Result<QList<OutboxEntry>> {
        auto sha = m_db.blobs().put(c, bytes.value());
        if (!sha)
            return sha.error();
        QList<OutboxEntry> added;
        const QString at = now();
        for (const QString &to : std::as_const(recipients)) {
            Sql exists(c,
                       QStringLiteral("SELECT 1 FROM exchange_outbox WHERE document_id = ? AND recipient = ? "
                                      "AND kind = 'edoc' AND purpose = ?"));
            exists << outgoingId << to << purpose;
            if (auto r = exists.exec(); !r)
                return r.error();
            if (exists.next())
                continue; // queued before: never twice
            OutboxEntry e;
            e.id = core::newId();
            e.kind = QStringLiteral("edoc");
            e.documentId = outgoingId;
            e.recipient = to;
            e.purpose = purpose;
            e.state = QStringLiteral("pending");
            e.nextAttemptAt = QDateTime::currentDateTimeUtc();
            Sql ins(c,
                    QStringLiteral(
                        "INSERT INTO exchange_outbox (id, kind, document_id, recipient, purpose, "
                        "packet_document_id, edxml_sha256, state, next_attempt_at, created_by, created_at) "
                        "VALUES (?, 'edoc', ?, ?, ?, ?, ?, 'pending', ?, ?, ?)"));
            ins << e.id << outgoingId << to << purpose << packetId << sha.value() << at << actor.username
                << at;
            if (auto r = ins.exec(); !r)
                return r.error();
            added << e;
        }
        if (!added.isEmpty()) {
            QJsonArray to;
            for (const OutboxEntry &e : added)
                to.append(e.recipient);
            auto a = storage::AuditLog::append(c, actor.username, QStringLiteral("exchange.queue"),
                                               QStringLiteral("outgoing_document"), outgoingId, {},
                                               QJsonObject{{QStringLiteral("purpose"), purpose},
                                                           {QStringLiteral("documentId"), packetId},
                                                           {QStringLiteral("recipients"), to},
                                                           {QStringLiteral("sha256"), sha.value()}});
            if (!a)
                return a.error();
        }
        return added;
    });
}

// ---------------------------------------------------------------- sending

static OutboxEntry outboxFrom(Sql &q)
{
    // Columns: id, kind, document_id, recipient, purpose, state, attempts, next_attempt_at, last_error,
    // transport_id, sent_at
    OutboxEntry e;
    e.id = q.value(0).toString();
    e.kind = q.value(1).toString();
    e.documentId = q.value(2).toString();
    e.recipient = q.value(3).toString();
    e.purpose = q.value(4).toString();
    e.state = q.value(5).toString();
    e.attempts = q.value(6).toInt();
    e.nextAttemptAt = timeFrom(q.value(7).toString());
    e.lastError = q.value(8).toString();
    e.transportId = q.value(9).toString();
    e.sentAt = timeFrom(q.value(10).toString());
    return e;
}

static const char kOutboxColumns[] = "id, kind, document_id, recipient, purpose, state, attempts, "
                                     "next_attempt_at, last_error, transport_id, sent_at";

void ExchangeService::sendDue(ExchangeTransport &transport, const SyncOptions &options, SyncReport &report)
{
    QSqlDatabase c = m_db.connection();
    // A claim older than ten minutes belongs to a client that stopped mid-send: the packet is due again.
    {
        Sql stale(c, QStringLiteral("UPDATE exchange_outbox SET state = 'pending', claimed_at = '' WHERE "
                                    "state = 'sending' AND claimed_at < ?"));
        stale << QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODateWithMs);
        (void)stale.exec();
    }
    Sql due(c, QStringLiteral("SELECT id, edxml_sha256, kind, recipient, attempts FROM exchange_outbox WHERE "
                              "state = 'pending' %1 ORDER BY created_at, id")
                   .arg(options.ignoreBackoff ? QString() : QStringLiteral("AND next_attempt_at <= ?")));
    if (!options.ignoreBackoff)
        due << now();
    if (auto r = due.exec(); !r) {
        report.errors << r.error();
        return;
    }
    struct Due
    {
        QString id, sha, kind, recipient;
        int attempts;
    };
    QList<Due> rows;
    while (due.next())
        rows << Due{due.value(0).toString(), due.value(1).toString(), due.value(2).toString(),
                    due.value(3).toString(), due.value(4).toInt()};
    for (const Due &row : std::as_const(rows)) {
        if (options.cancelled())
            return;
        // Claim it, so that two clients on one shared database do not both send it.
        auto claimed = m_db.write<bool>([&](QSqlDatabase &w) -> Result<bool> {
            Sql claim(w, QStringLiteral("UPDATE exchange_outbox SET state = 'sending', claimed_at = ? WHERE "
                                        "id = ? AND state = 'pending'"));
            claim << now() << row.id;
            if (auto r = claim.exec(); !r)
                return r.error();
            return claim.rowsAffected() == 1;
        });
        if (!claimed || !claimed.value())
            continue;
        auto bytes = m_db.blobs().get(row.sha);
        Result<QString> sent = bytes
                                   ? transport.send(bytes.value(),
                                                    row.kind == QLatin1String("status") ? MessageType::Status
                                                                                        : MessageType::Edoc,
                                                    {row.recipient})
                                   : Result<QString>(bytes.error());
        auto stored = m_db.writeVoid([&](QSqlDatabase &w) -> Result<void> {
            if (sent) {
                Sql u(w, QStringLiteral(
                             "UPDATE exchange_outbox SET state = 'sent', transport_id = ?, sent_at = ?, "
                             "attempts = attempts + 1, last_error = '', last_error_code = '' WHERE id = ?"));
                u << sent.value() << now() << row.id;
                return u.exec();
            }
            const bool again = retryable(sent.error());
            // Stopped by the caller: not a failed attempt, due again at the next cycle.
            const bool stopped = sent.error().code() == QLatin1String("exchange.cancelled");
            const int attempts = stopped ? row.attempts : row.attempts + 1;
            const qint64 wait =
                stopped ? 0
                        : std::min<qint64>(qint64(options.backoffSeconds) << std::min(attempts - 1, 20),
                                           options.maxBackoffSeconds);
            Sql u(w,
                  QStringLiteral("UPDATE exchange_outbox SET state = ?, attempts = ?, next_attempt_at = ?, "
                                 "last_error = ?, last_error_code = ?, claimed_at = '' WHERE id = ?"));
            u << (again ? QStringLiteral("pending") : QStringLiteral("failed")) << attempts
              << QDateTime::currentDateTimeUtc().addSecs(wait).toString(Qt::ISODateWithMs)
              << sent.error().bilingual() << sent.error().code() << row.id;
            return u.exec();
        });
        if (!stored)
            report.errors << stored.error();
        if (sent) {
            ++report.sent;
        } else {
            retryable(sent.error()) ? ++report.retrying : ++report.failed;
            report.errors << sent.error();
        }
    }
}

// ---------------------------------------------------------------- receiving

static QString documentKey(const QString &sender, const QString &documentId)
{
    return sender + QLatin1Char('|') + documentId;
}

void ExchangeService::receive(const User &actor, ExchangeTransport &transport, MessageType type,
                              const SyncOptions &options, SyncReport &report)
{
    auto items = transport.listReceived(type);
    if (!items) {
        report.errors << items.error();
        return;
    }
    for (const ReceivedItem &item : items.value()) {
        if (options.cancelled())
            return;
        QSqlDatabase c = m_db.connection();
        Sql known(c, QStringLiteral("SELECT id, state FROM exchange_inbox WHERE transport_id = ?"));
        known << item.docId;
        if (auto r = known.exec(); !r) {
            report.errors << r.error();
            continue;
        }
        QString inboxId;
        QString state;
        if (known.next()) {
            inboxId = known.value(0).toString();
            state = known.value(1).toString();
        }
        if (inboxId.isEmpty()) {
            auto bytes = transport.fetch(item.docId);
            if (!bytes) {
                report.errors << bytes.error();
                continue; // still listed: fetched again next time
            }
            // Stored before anything else: whatever happens next, the packet is not lost.
            auto stored = m_db.write<QString>([&](QSqlDatabase &w) -> Result<QString> {
                auto sha = m_db.blobs().put(w, bytes.value());
                if (!sha)
                    return sha.error();
                const QString id = core::newId();
                Sql ins(w,
                        QStringLiteral("INSERT INTO exchange_inbox (id, transport_id, kind, sender, "
                                       "edxml_sha256, size, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                       "'stored')"));
                ins << id << item.docId << messageTypeName(type) << item.from << sha.value()
                    << qint64(bytes->size()) << now();
                if (auto r = ins.exec(); !r)
                    return r.error();
                return id;
            });
            if (!stored) {
                report.errors << stored.error();
                continue;
            }
            inboxId = stored.value();
            state = QStringLiteral("stored");
        }
        if (state == QLatin1String("stored")) {
            QSqlDatabase r = m_db.connection();
            Sql blob(r, QStringLiteral("SELECT edxml_sha256 FROM exchange_inbox WHERE id = ?"));
            blob << inboxId;
            QString sha;
            if (blob.exec() && blob.next())
                sha = blob.value(0).toString();
            auto bytes = m_db.blobs().get(sha);
            auto packet =
                bytes ? edxml::EdxmlReader::parse(bytes.value()) : Result<edxml::Packet>(bytes.error());
            Result<QString> outcome =
                packet ? (packet->isStatus() ? processStatus(actor, inboxId, packet.value(), report)
                                             : processDocument(actor, inboxId, packet.value(), report))
                       : Result<QString>(packet.error());
            if (!outcome) {
                // Kept with the reason, so the clerk sees it; the exchange hears it could not be taken.
                ++report.rejected;
                report.errors << outcome.error();
                (void)m_db.writeVoid([&](QSqlDatabase &w) -> Result<void> {
                    Sql u(w, QStringLiteral(
                                 "UPDATE exchange_inbox SET state = 'failed', error = ? WHERE id = ?"));
                    u << outcome.error().bilingual() << inboxId;
                    return u.exec();
                });
                state = QStringLiteral("failed");
            } else {
                state = outcome.value();
            }
        }
        const TransportAck ack = state == QLatin1String("failed") ? TransportAck::Fail : TransportAck::Done;
        if (auto a = transport.acknowledge(item.docId, ack); !a) {
            report.errors << a.error();
            continue; // acknowledged next time: the packet is already stored
        }
        (void)m_db.writeVoid([&](QSqlDatabase &w) -> Result<void> {
            Sql u(w, QStringLiteral("UPDATE exchange_inbox SET acknowledged = 1 WHERE id = ?"));
            u << inboxId;
            return u.exec();
        });
    }
}

static Result<void> setInboxState(QSqlDatabase &w, const QString &inboxId, const QString &state,
                                  const QString &key, int businessType, const QString &incomingId)
{
    Sql u(w, QStringLiteral("UPDATE exchange_inbox SET state = ?, document_key = ?, business_type = ?, "
                            "incoming_id = ? WHERE id = ?"));
    u << state << key << businessType << incomingId << inboxId;
    return u.exec();
}

/// The incoming document a packet from `sender` with `documentId` became, if any.
static QString incomingFor(QSqlDatabase &c, const QString &sender, const QString &documentId)
{
    Sql q(c, QStringLiteral(
                 "SELECT incoming_id FROM exchange_inbox WHERE document_key = ? AND incoming_id <> '' "
                 "ORDER BY received_at LIMIT 1"));
    q << documentKey(sender, documentId);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

static Result<void> addRequest(QSqlDatabase &w, const QString &inboxId, const QString &kind,
                               const QString &incomingId, const QString &newIncomingId, const QString &sender,
                               const QString &reason)
{
    Sql ins(w,
            QStringLiteral("INSERT INTO exchange_requests (id, inbox_id, kind, incoming_id, new_incoming_id, "
                           "sender, reason, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)"));
    ins << core::newId() << inboxId << kind << incomingId << newIncomingId << sender << reason << now();
    return ins.exec();
}

Result<QString> ExchangeService::processDocument(const User &actor, const QString &inboxId,
                                                 const edxml::Packet &packet, SyncReport &report)
{
    const QString sender = packet.header.from.organId;
    const QString key = documentKey(sender, packet.header.documentId);
    const int business = packet.business ? packet.business->type.value_or(0) : 0;
    QSqlDatabase c = m_db.connection();

    if (business == int(edxml::BusinessType::Revoke) || business == int(edxml::BusinessType::Update)) {
        const QString target =
            packet.business->documentId.isEmpty() ? packet.header.documentId : packet.business->documentId;
        const QString incomingId = incomingFor(c, sender, target);
        const QString kind = business == int(edxml::BusinessType::Revoke) ? QStringLiteral("revoke")
                                                                          : QStringLiteral("update");
        return m_db.write<QString>([&](QSqlDatabase &w) -> Result<QString> {
            if (incomingId.isEmpty()) {
                // Nothing here to revoke or update: kept for the record.
                if (auto r = setInboxState(w, inboxId, QStringLiteral("orphan"), key, business, {}); !r)
                    return r.error();
                return QStringLiteral("orphan");
            }
            if (auto r = addRequest(w, inboxId, kind, incomingId, {}, sender, packet.business->reason); !r)
                return r.error();
            if (auto r = setInboxState(w, inboxId, QStringLiteral("done"), key, business, {}); !r)
                return r.error();
            ++report.requests;
            return QStringLiteral("done");
        });
    }

    // A second delivery of a document already received is recorded, not registered again.
    if (!packet.header.documentId.isEmpty()) {
        Sql dup(c, QStringLiteral("SELECT 1 FROM exchange_inbox WHERE document_key = ? AND id <> ? AND "
                                  "state IN ('done', 'duplicate') AND business_type = ?"));
        dup << key << inboxId << business;
        if (auto r = dup.exec(); !r)
            return r.error();
        if (dup.next()) {
            ++report.duplicates;
            auto r = m_db.writeVoid([&](QSqlDatabase &w) {
                return setInboxState(w, inboxId, QStringLiteral("duplicate"), key, business, {});
            });
            if (!r)
                return r.error();
            return QStringLiteral("duplicate");
        }
    }

    documents::IncomingDraft d;
    d.authorCode = sender;
    d.authorName = packet.header.from.organName.isEmpty() ? sender : packet.header.from.organName;
    d.number = packet.header.code.number;
    d.notation = packet.header.code.notation;
    d.documentDate = packet.header.promulgation.date;
    d.subject = packet.header.subject;
    d.urgency = urgencyFromWire(packet.header.otherInfo.priority);
    d.pageCount = packet.header.otherInfo.pageAmount.value_or(0);
    d.recipients = packet.header.toPlaces.join(QStringLiteral("; "));
    d.signerName = packet.header.signer.fullName;
    d.signerPosition = QStringList{packet.header.signer.competence, packet.header.signer.position}
                           .join(QLatin1Char(' '))
                           .trimmed();
    d.deadline = packet.header.dueDate;
    d.receiveMethod = QStringLiteral("electronic");
    d.allowDuplicate = true; // the register step warns about a paper copy registered before
    // The type by its name when GovDesk knows it (Công văn, Quyết định …).
    if (auto types = documents::IncomingService(m_db).documentTypes()) {
        const QString wanted = packet.header.documentType.typeName.trimmed().toLower();
        for (const documents::DocumentType &t : types.value())
            if (!wanted.isEmpty() && t.name.toLower() == wanted)
                d.typeAbbr = t.abbr;
    }
    if (d.typeAbbr.isEmpty())
        d.typeAbbr = QStringLiteral("CV");
    for (const edxml::Attachment &a : packet.attachments)
        d.attachments << documents::AttachmentSource{QString(), a.name, a.data};
    if (d.subject.trimmed().isEmpty())
        d.subject = tr("(no summary in the packet)");

    QString replacedId;
    if (business == int(edxml::BusinessType::Replace) && packet.business) {
        QStringList olds;
        if (!packet.business->documentId.isEmpty())
            olds << packet.business->documentId;
        for (const edxml::ReplacementInfo &r : packet.business->replacements)
            olds << r.documentId;
        for (const QString &old : std::as_const(olds))
            if (replacedId.isEmpty())
                replacedId = incomingFor(c, sender, old);
    }
    documents::IncomingService incoming(m_db);
    auto doc =
        incoming.receive(actor, d, [&](QSqlDatabase &w, const IncomingDocument &created) -> Result<void> {
            if (auto r = setInboxState(w, inboxId, QStringLiteral("done"), key, business, created.id); !r)
                return r;
            if (!replacedId.isEmpty())
                if (auto r = addRequest(w, inboxId, QStringLiteral("replace"), replacedId, created.id, sender,
                                        packet.business->reason);
                    !r)
                    return r;
            return {};
        });
    if (!doc)
        return doc.error();
    ++report.received;
    if (!replacedId.isEmpty())
        ++report.requests;
    return QStringLiteral("done");
}

/// Our outgoing document whose packet had this QCVN DocumentId.
static QString outgoingForPacket(QSqlDatabase &c, const QString &documentId)
{
    Sql q(c, QStringLiteral("SELECT document_id FROM exchange_outbox WHERE packet_document_id = ? AND kind = "
                            "'edoc' LIMIT 1"));
    q << documentId;
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

Result<QString> ExchangeService::processStatus(const User &actor, const QString &inboxId,
                                               const edxml::Packet &packet, SyncReport &report)
{
    const QString sender = packet.header.from.organId;
    const QString code = edxml::StatusCodes::normalise(packet.status.code);
    const QString about = packet.status.responseFor.documentId;
    const QString key = documentKey(sender, about);
    QSqlDatabase c = m_db.connection();
    if (code == QLatin1String("13")) {
        // The sender asks for its document back (lấy lại): the clerk decides.
        const QString incomingId = incomingFor(c, sender, about);
        return m_db.write<QString>([&](QSqlDatabase &w) -> Result<QString> {
            if (incomingId.isEmpty()) {
                if (auto r = setInboxState(w, inboxId, QStringLiteral("orphan"), key, 0, {}); !r)
                    return r.error();
                return QStringLiteral("orphan");
            }
            if (auto r = addRequest(w, inboxId, QStringLiteral("recall"), incomingId, {}, sender,
                                    packet.status.description);
                !r)
                return r.error();
            if (auto r = setInboxState(w, inboxId, QStringLiteral("done"), key, 0, {}); !r)
                return r.error();
            ++report.requests;
            return QStringLiteral("done");
        });
    }
    const QString outgoingId = outgoingForPacket(c, about);
    return m_db.write<QString>([&](QSqlDatabase &w) -> Result<QString> {
        if (outgoingId.isEmpty() || code.isEmpty()) {
            if (auto r = setInboxState(w, inboxId, QStringLiteral("orphan"), key, 0, {}); !r)
                return r.error();
            return QStringLiteral("orphan");
        }
        Sql ins(w, QStringLiteral("INSERT INTO exchange_statuses (id, outgoing_id, organ, code, description, "
                                  "status_at, received_at, inbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        ins << core::newId() << outgoingId << sender << code << packet.status.description
            << isoOrEmpty(packet.status.timestamp) << now() << inboxId;
        if (auto r = ins.exec(); !r)
            return r.error();
        if (auto r = setInboxState(w, inboxId, QStringLiteral("done"), key, 0, {}); !r)
            return r.error();
        auto a = storage::AuditLog::append(
            w, actor.username, QStringLiteral("exchange.status"), QStringLiteral("outgoing_document"),
            outgoingId, {},
            QJsonObject{{QStringLiteral("organ"), sender},
                        {QStringLiteral("code"), code},
                        {QStringLiteral("description"), packet.status.description}});
        if (!a)
            return a.error();
        ++report.statuses;
        return QStringLiteral("done");
    });
}

// ---------------------------------------------------------------- statuses back to the sender

/// The status codes an incoming document's history stands for, in order (QĐ 28/2018).
static QStringList codesFor(const IncomingDocument &doc, const QList<documents::ProgressEntry> &history,
                            QString *returnReason)
{
    QStringList codes{QStringLiteral("01")};
    for (const documents::ProgressEntry &e : history) {
        QString code;
        if (e.kind == QLatin1String("register"))
            code = QStringLiteral("03");
        else if (e.kind == QLatin1String("assign"))
            code = QStringLiteral("04");
        else if (e.kind == QLatin1String("progress"))
            code = QStringLiteral("05");
        else if (e.kind == QLatin1String("complete"))
            code = QStringLiteral("06");
        else if (e.kind == QLatin1String("return")) {
            code = QStringLiteral("02");
            *returnReason = e.note;
        }
        if (!code.isEmpty() && !codes.contains(code))
            codes << code;
    }
    Q_UNUSED(doc);
    return codes;
}

Result<void> ExchangeService::reportProgress(const User &actor, SyncReport &report)
{
    QSqlDatabase c = m_db.connection();
    Sql q(c,
          QStringLiteral("SELECT id, incoming_id, reported FROM exchange_inbox WHERE incoming_id <> '' AND "
                         "kind = 'edoc' AND reported NOT LIKE '%06%' AND reported NOT LIKE '%02%'"));
    if (auto r = q.exec(); !r)
        return r;
    struct Row
    {
        QString inboxId, incomingId;
        QStringList reported;
    };
    QList<Row> rows;
    while (q.next())
        rows << Row{q.value(0).toString(), q.value(1).toString(),
                    q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)};
    documents::IncomingService incoming(m_db);
    for (const Row &row : std::as_const(rows)) {
        auto doc = incoming.get(actor, row.incomingId);
        if (!doc)
            continue;
        auto history = incoming.history(actor, row.incomingId);
        if (!history)
            continue;
        QString reason;
        const QStringList codes = codesFor(doc.value(), history.value(), &reason);
        for (const QString &code : codes) {
            if (row.reported.contains(code))
                continue;
            const QString description =
                code == QLatin1String("02") && !reason.isEmpty()
                    ? edxml::StatusCodes::standardDescription(code) + QStringLiteral(": ") + reason
                    : QString();
            if (auto r = queueStatus(actor, row.inboxId, row.incomingId, code, description); !r)
                report.errors << r.error();
        }
    }
    return {};
}

Result<void> ExchangeService::queueStatus(const User &actor, const QString &inboxId,
                                          const QString &incomingId, const QString &code,
                                          const QString &description)
{
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT edxml_sha256, sender, reported FROM exchange_inbox WHERE id = ?"));
    q << inboxId;
    if (auto r = q.exec(); !r)
        return r;
    if (!q.next())
        return {};
    const QString sha = q.value(0).toString();
    const QString sender = q.value(1).toString();
    auto bytes = m_db.blobs().get(sha);
    if (!bytes)
        return bytes.error();
    auto original = edxml::EdxmlReader::parse(bytes.value());
    if (!original)
        return original.error();
    edxml::StaffInfo staff;
    staff.staff = actor.fullName;
    const edxml::Packet status =
        edxml::Packet::statusFor(original.value(), ownOrganization(), code, description, {}, staff);
    auto written = edxml::EdxmlWriter::write(status);
    if (!written)
        return written.error();
    const QByteArray statusBytes = written.value();
    const QString recipient =
        original->header.from.organId.isEmpty() ? sender : original->header.from.organId;
    return m_db.writeVoid([&](QSqlDatabase &w) -> Result<void> {
        auto blob = m_db.blobs().put(w, statusBytes);
        if (!blob)
            return blob.error();
        const QString at = now();
        Sql ins(
            w, QStringLiteral("INSERT INTO exchange_outbox (id, kind, document_id, recipient, purpose, "
                              "packet_document_id, edxml_sha256, state, next_attempt_at, created_by, "
                              "created_at) SELECT ?, 'status', ?, ?, ?, ?, ?, 'pending', ?, ?, ? WHERE NOT "
                              "EXISTS (SELECT 1 FROM exchange_outbox WHERE document_id = ? AND recipient = ? "
                              "AND kind = 'status' AND purpose = ?)"));
        ins << core::newId() << incomingId << recipient << code << original->header.documentId << blob.value()
            << at << actor.username << at << incomingId << recipient << code;
        if (auto r = ins.exec(); !r)
            return r;
        Sql u(w, QStringLiteral("UPDATE exchange_inbox SET reported = CASE WHEN reported = '' THEN ? ELSE "
                                "reported || ',' || ? END WHERE id = ?"));
        u << code << code << inboxId;
        return u.exec();
    });
}

Result<SyncReport> ExchangeService::sync(const User &actor, ExchangeTransport &transport,
                                         const SyncOptions &options)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    SyncReport report;
    if (options.cancel)
        transport.setCancelFlag(options.cancel);
    sendDue(transport, options, report);
    if (!options.cancelled())
        receive(actor, transport, MessageType::Edoc, options, report);
    if (!options.cancelled())
        receive(actor, transport, MessageType::Status, options, report);
    // Statuses about documents handled here are queued even when stopping: queuing sends nothing.
    if (auto r = reportProgress(actor, report); !r)
        report.errors << r.error();
    sendDue(transport, options, report);
    if (!options.cancelled() && options.directoryRefreshHours > 0) {
        const QDateTime last = lastDirectoryRefresh();
        if (!last.isValid() ||
            last.secsTo(QDateTime::currentDateTimeUtc()) >= qint64(options.directoryRefreshHours) * 3600) {
            auto changed = syncAgencies(actor, transport);
            if (changed)
                report.directoryChanged = changed.value();
            else if (changed.error().code() != QLatin1String("exchange.unsupported"))
                report.directoryError = changed.error();
        }
    }
    return report;
}

namespace {
const QString kDirectoryRefreshedKey = QStringLiteral("directory.refreshedAt");
}

QDateTime ExchangeService::lastDirectoryRefresh()
{
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT value FROM workspace_settings WHERE key = ?"));
    q << kDirectoryRefreshedKey;
    if (!q.exec() || !q.next())
        return {};
    return QDateTime::fromString(q.value(0).toString(), Qt::ISODate);
}

// ---------------------------------------------------------------- queries

Result<QList<RecipientState>> ExchangeService::status(const User &actor, const QString &outgoingId)
{
    documents::OutgoingService outgoing(m_db);
    auto doc = outgoing.get(actor, outgoingId);
    if (!doc)
        return doc.error();
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT %1 FROM exchange_outbox WHERE document_id = ? AND kind = 'edoc' ORDER BY "
                            "recipient, created_at")
                 .arg(QLatin1String(kOutboxColumns)));
    q << outgoingId;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<RecipientState> states;
    storage::Accounts accounts(m_db);
    while (q.next()) {
        RecipientState s;
        s.packet = outboxFrom(q);
        s.organ = s.packet.recipient;
        if (auto unit = accounts.findUnit(s.organ))
            s.organName = unit->name;
        states << s;
    }
    Sql st(c, QStringLiteral("SELECT organ, code, description, status_at, received_at FROM exchange_statuses "
                             "WHERE outgoing_id = ? ORDER BY received_at, status_at"));
    st << outgoingId;
    if (auto r = st.exec(); !r)
        return r.error();
    while (st.next()) {
        ReportedStatus r;
        r.organ = st.value(0).toString();
        r.code = st.value(1).toString();
        r.description = st.value(2).toString();
        r.at = timeFrom(st.value(3).toString());
        if (!r.at.isValid())
            r.at = timeFrom(st.value(4).toString());
        for (RecipientState &s : states)
            if (s.organ == r.organ &&
                (s.packet.purpose != QLatin1String("revoke") || r.code >= QLatin1String("13")))
                s.statuses << r;
    }
    return states;
}

Result<QList<OutboxEntry>> ExchangeService::unsent(const User &actor)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT %1 FROM exchange_outbox WHERE state <> 'sent' ORDER BY created_at")
                 .arg(QLatin1String(kOutboxColumns)));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<OutboxEntry> list;
    while (q.next())
        list << outboxFrom(q);
    return list;
}

Result<int> ExchangeService::retryFailed(const User &actor)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    return m_db.write<int>([&](QSqlDatabase &w) -> Result<int> {
        Sql u(w, QStringLiteral(
                     "UPDATE exchange_outbox SET state = 'pending', next_attempt_at = ? WHERE state = "
                     "'failed'"));
        u << now();
        if (auto r = u.exec(); !r)
            return r.error();
        return u.rowsAffected();
    });
}

Result<QString> ExchangeService::incomingForDelivery(const QString &transportId)
{
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT incoming_id FROM exchange_inbox WHERE transport_id = ?"));
    q << transportId;
    if (auto r = q.exec(); !r)
        return r.error();
    return q.next() ? q.value(0).toString() : QString();
}

// ---------------------------------------------------------------- requests

static ExchangeRequest requestFrom(Sql &q)
{
    ExchangeRequest r;
    r.id = q.value(0).toString();
    r.kind = q.value(1).toString();
    r.incomingId = q.value(2).toString();
    r.newIncomingId = q.value(3).toString();
    r.sender = q.value(4).toString();
    r.reason = q.value(5).toString();
    r.state = q.value(6).toString();
    r.createdAt = timeFrom(q.value(7).toString());
    r.decidedBy = q.value(8).toString();
    r.note = q.value(9).toString();
    return r;
}

static const char kRequestColumns[] =
    "id, kind, incoming_id, new_incoming_id, sender, reason, state, created_at, decided_by, note";

Result<QList<ExchangeRequest>> ExchangeService::requests(const User &actor, bool openOnly)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT %1 FROM exchange_requests %2 ORDER BY created_at")
                 .arg(QLatin1String(kRequestColumns),
                      openOnly ? QStringLiteral("WHERE state = 'open'") : QString()));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<ExchangeRequest> list;
    while (q.next())
        list << requestFrom(q);
    return list;
}

Result<ExchangeRequest> ExchangeService::decide(const User &actor, const QString &requestId, bool accept,
                                                const QString &note)
{
    if (auto c = checkClerk(actor); !c)
        return c.error();
    QSqlDatabase c = m_db.connection();
    Sql q(
        c,
        QStringLiteral("SELECT %1 FROM exchange_requests WHERE id = ?").arg(QLatin1String(kRequestColumns)));
    q << requestId;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("exchange.request",
                             QT_TRANSLATE_NOOP("ExchangeService", "There is no such request (%1)"),
                             requestId);
    ExchangeRequest req = requestFrom(q);
    if (req.state != QLatin1String("open"))
        return GOVDESK_ERROR("exchange.request-decided",
                             QT_TRANSLATE_NOOP("ExchangeService", "This request was already decided"));
    if (!accept && note.trimmed().isEmpty())
        return GOVDESK_ERROR(
            "exchange.reason",
            QT_TRANSLATE_NOOP("ExchangeService", "Give the reason for refusing the request"));
    documents::IncomingService incoming(m_db);
    if (accept && req.kind == QLatin1String("update")) {
        // Cập nhật: the new information of the update packet replaces the entry's.
        Sql packetOf(c,
                     QStringLiteral("SELECT i.edxml_sha256 FROM exchange_requests r JOIN exchange_inbox i ON "
                                    "i.id = r.inbox_id WHERE r.id = ?"));
        packetOf << requestId;
        if (auto r = packetOf.exec(); !r)
            return r.error();
        if (!packetOf.next())
            return GOVDESK_ERROR("exchange.request",
                                 QT_TRANSLATE_NOOP("ExchangeService", "There is no such request (%1)"),
                                 requestId);
        auto bytes = m_db.blobs().get(packetOf.value(0).toString());
        if (!bytes)
            return bytes.error();
        auto packet = edxml::EdxmlReader::parse(bytes.value());
        if (!packet)
            return packet.error();
        auto current = incoming.get(actor, req.incomingId);
        if (!current)
            return current.error();
        documents::IncomingDraft changes = documents::draftFrom(current.value());
        const edxml::MessageHeader &h = packet->header;
        auto take = [](QString &field, const QString &value) {
            if (!value.trimmed().isEmpty())
                field = value.trimmed();
        };
        take(changes.subject, h.subject);
        take(changes.number, h.code.number);
        take(changes.notation, h.code.notation);
        take(changes.signerName, h.signer.fullName);
        if (h.promulgation.date.isValid())
            changes.documentDate = h.promulgation.date;
        if (h.dueDate.isValid())
            changes.deadline = h.dueDate;
        if (h.otherInfo.priority)
            changes.urgency = urgencyFromWire(h.otherInfo.priority);
        if (auto u = incoming.update(actor, req.incomingId, changes, current->version); !u)
            return u.error();
    }
    if (accept && req.kind != QLatin1String("update")) {
        // Decree 30: the recipient's copy of a recalled or replaced document is removed from work, kept on
        // record.
        const QString reason = req.kind == QLatin1String("replace")
                                   ? tr("Replaced by the sender: %1").arg(req.reason)
                                   : tr("Recalled by the sender: %1").arg(req.reason);
        auto current = incoming.get(actor, req.incomingId);
        if (current && current->status != IncomingStatus::Withdrawn)
            if (auto w = incoming.withdraw(actor, req.incomingId, reason.trimmed()); !w)
                return w.error();
    }
    // The answer goes back to the sender: 15 accepted, 16 refused.
    Sql inbox(c,
              QStringLiteral("SELECT r.inbox_id, i.id FROM exchange_requests r JOIN exchange_inbox i ON "
                             "i.incoming_id = r.incoming_id WHERE r.id = ? ORDER BY i.received_at LIMIT 1"));
    inbox << requestId;
    QString originalInbox;
    if (inbox.exec() && inbox.next())
        originalInbox = inbox.value(1).toString();
    if (!originalInbox.isEmpty())
        if (auto s = queueStatus(actor, originalInbox, req.incomingId,
                                 accept ? QStringLiteral("15") : QStringLiteral("16"), note.trimmed());
            !s)
            return s.error();
    auto decided = m_db.write<ExchangeRequest>([&](QSqlDatabase &w) -> Result<ExchangeRequest> {
        Sql u(w, QStringLiteral(
                     "UPDATE exchange_requests SET state = ?, decided_by = ?, decided_at = ?, note = ? "
                     "WHERE id = ? AND state = 'open'"));
        u << (accept ? QStringLiteral("accepted") : QStringLiteral("refused")) << actor.username << now()
          << note.trimmed() << requestId;
        if (auto r = u.exec(); !r)
            return r.error();
        if (u.rowsAffected() != 1)
            return GOVDESK_ERROR("exchange.request-decided",
                                 QT_TRANSLATE_NOOP("ExchangeService", "This request was already decided"));
        ExchangeRequest after = req;
        after.state = accept ? QStringLiteral("accepted") : QStringLiteral("refused");
        after.decidedBy = actor.username;
        after.note = note.trimmed();
        auto a = storage::AuditLog::append(w, actor.username, QStringLiteral("exchange.request-decide"),
                                           QStringLiteral("incoming_document"), req.incomingId, req.toJson(),
                                           after.toJson());
        if (!a)
            return a.error();
        return after;
    });
    return decided;
}

// ---------------------------------------------------------------- directory

Result<int> ExchangeService::syncAgencies(const User &actor, ExchangeTransport &transport)
{
    if (actor.role != core::Role::Admin && !actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR("permission.exchange",
                             QT_TRANSLATE_NOOP("ExchangeService",
                                               "Only the clerk (văn thư) or an administrator works with the "
                                               "document exchange"));
    auto list = transport.agencies();
    if (!list)
        return list.error();
    return m_db.write<int>([&](QSqlDatabase &w) -> Result<int> {
        QHash<QString, QPair<QString, QString>> existing; // code -> (id, name)
        Sql q(w,
              QStringLiteral(
                  "SELECT id, code, name, parent_id FROM org_units WHERE code IS NOT NULL AND code <> ''"));
        if (auto r = q.exec(); !r)
            return r.error();
        while (q.next())
            existing.insert(q.value(1).toString(), {q.value(0).toString(), q.value(2).toString()});
        int changed = 0;
        // Parents first, so every child finds its parent's row.
        QList<Agency> agencies = list.value();
        std::stable_sort(agencies.begin(), agencies.end(), [](const Agency &a, const Agency &b) {
            return a.parentCode.isEmpty() && !b.parentCode.isEmpty();
        });
        for (const Agency &a : std::as_const(agencies)) {
            if (a.code.trimmed().isEmpty() || a.name.trimmed().isEmpty())
                continue;
            const QString parentId = existing.value(a.parentCode).first;
            if (existing.contains(a.code)) {
                if (existing.value(a.code).second == a.name)
                    continue;
                Sql u(w, QStringLiteral("UPDATE org_units SET name = ? WHERE id = ? AND internal = 0"));
                u << a.name << existing.value(a.code).first;
                if (auto r = u.exec(); !r)
                    return r.error();
                existing[a.code].second = a.name;
                ++changed;
                continue;
            }
            core::OrgUnit unit;
            unit.code = a.code;
            unit.name = a.name;
            unit.parentId = parentId;
            unit.level = parentId.isEmpty() ? 1 : 2;
            auto added = storage::Accounts::insertUnit(w, actor.username, unit);
            if (!added)
                return added.error();
            existing.insert(a.code, {added->id, a.name});
            ++changed;
        }
        Sql del(w, QStringLiteral("DELETE FROM workspace_settings WHERE key = ?"));
        del << kDirectoryRefreshedKey;
        if (auto r = del.exec(); !r)
            return r.error();
        Sql ins(w, QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?, ?)"));
        ins << kDirectoryRefreshedKey << QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        if (auto r = ins.exec(); !r)
            return r.error();
        auto audit = storage::AuditLog::append(w, actor.username, QStringLiteral("exchange.agencies"),
                                               QStringLiteral("org_units"), QStringLiteral("directory"), {},
                                               QJsonObject{{QStringLiteral("received"), int(agencies.size())},
                                                           {QStringLiteral("changed"), changed}});
        if (!audit)
            return audit.error();
        return changed;
    });
}

} // namespace govdesk::exchange
