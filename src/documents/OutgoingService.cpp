#include "OutgoingService.h"

#include "DocumentChange.h"
#include "DocumentTypeLookup.h"
#include "IncomingService.h"
#include "OutgoingTemplates.h"
#include "RegistryCounter.h"
#include "signing/IssueStamp.h"
#include "signing/pdf/PdfSigner.h"

#include "core/Ids.h"
#include "core/OrganCode.h"
#include "core/TextFold.h"
#include "storage/AuditLog.h"
#include "storage/BlobStore.h"
#include "storage/FullTextIndex.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace govdesk::documents {

using core::Permission;
using core::Result;
using core::User;
using storage::Sql;

static const QString kSearchKind = QStringLiteral("outgoing");
static const QString kEntity = QStringLiteral("outgoing_document");

static QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

static QString shortDate(const QDate &d)
{
    return d.toString(QStringLiteral("dd/MM/yyyy"));
}

OutgoingService::OutgoingService(storage::Database &db, QObject *parent)
    : QObject(parent), m_db(db), m_accounts(db)
{}

QString OutgoingService::bookFor(const QString &typeAbbr, Secrecy secrecy)
{
    // A classified copy stays in the classified book: its subject must not appear in an ordinary register.
    if (secrecy != Secrecy::None)
        return QStringLiteral("outgoing-secret");
    if (isCopyType(typeAbbr))
        return QStringLiteral("outgoing-copy");
    return QStringLiteral("outgoing");
}

QString OutgoingService::bookFor(const QString &typeAbbr, Secrecy secrecy, const QString &bodyBookId)
{
    // An advisory body numbers its ordinary documents in its own book. Its classified documents still go to
    // the outgoing-secret book (the one classified sequence of the agency, kept by the clerk under the rules
    // for state secrets), and copies stay in the agency's one sequence of copies.
    if (bodyBookId.isEmpty() || secrecy != Secrecy::None || isCopyType(typeAbbr))
        return bookFor(typeAbbr, secrecy);
    return bodyBookId;
}

// ---------------------------------------------------------------- reading

static const char *kColumns =
    "SELECT d.id, d.book_id, b.name, d.year, d.number, d.notation, d.type_abbr, t.name, d.subject, "
    "d.unit_id, "
    "u.name, d.drafter_id, d.drafter_name, d.secrecy, d.urgency, d.recipients, d.recipient_codes, d.status, "
    "d.signer_name, d.signer_position, d.authority_prefix, d.issued_date, d.reply_to_id, d.reserved_year, "
    "d.reserved_number, d.sent_channel, d.sent_at, d.recall_reason, d.recalled_at, d.created_by, "
    "d.created_at, d.version, d.copies, d.pages, d.archive_holder, d.due_date, d.body_id, ib.abbr, ib.name "
    "FROM outgoing_documents d JOIN registry_books b ON b.id = d.book_id "
    "JOIN document_types t ON t.abbr = d.type_abbr LEFT JOIN org_units u ON u.id = d.unit_id "
    "LEFT JOIN issuing_bodies ib ON ib.id = d.body_id ";

static OutgoingDocument readRow(Sql &q)
{
    OutgoingDocument d;
    int i = 0;
    d.id = q.value(i++).toString();
    d.bookId = q.value(i++).toString();
    d.bookName = q.value(i++).toString();
    d.year = q.value(i++).toInt();
    d.number = q.value(i++).toInt();
    d.notation = q.value(i++).toString();
    d.typeAbbr = q.value(i++).toString();
    d.typeName = q.value(i++).toString();
    d.subject = q.value(i++).toString();
    d.unitId = q.value(i++).toString();
    d.unitName = q.value(i++).toString();
    d.drafterId = q.value(i++).toString();
    d.drafterName = q.value(i++).toString();
    d.secrecy = Vocabulary::secrecyFromKey(q.value(i++).toString()).value_or(Secrecy::None);
    d.urgency = Vocabulary::urgencyFromKey(q.value(i++).toString()).value_or(Urgency::Normal);
    d.recipients = q.value(i++).toString();
    d.recipientCodes = q.value(i++).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    d.status = OutgoingVocabulary::statusFromKey(q.value(i++).toString()).value_or(OutgoingStatus::Draft);
    d.signerName = q.value(i++).toString();
    d.signerPosition = q.value(i++).toString();
    d.authorityPrefix = q.value(i++).toString();
    d.issuedDate = QDate::fromString(q.value(i++).toString(), Qt::ISODate);
    d.replyToId = q.value(i++).toString();
    d.reservedYear = q.value(i++).toInt();
    d.reservedNumber = q.value(i++).toInt();
    d.sentChannel = q.value(i++).toString();
    d.sentAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.recallReason = q.value(i++).toString();
    d.recalledAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.createdBy = q.value(i++).toString();
    d.createdAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.version = q.value(i++).toInt();
    d.copies = q.value(i++).toInt();
    d.pages = q.value(i++).toInt();
    d.archiveHolder = q.value(i++).toString();
    d.dueDate = QDate::fromString(q.value(i++).toString(), Qt::ISODate);
    d.bodyId = q.value(i++).toString();
    d.bodyAbbr = q.value(i++).toString();
    d.bodyName = q.value(i++).toString();
    return d;
}

Result<OutgoingDocument> OutgoingService::load(QSqlDatabase &db, const QString &id)
{
    Sql q(db, QLatin1String(kColumns) + QStringLiteral("WHERE d.id = ?"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("outgoing.unknown",
                             QT_TRANSLATE_NOOP("OutgoingService", "There is no outgoing document %1"), id);
    OutgoingDocument d = readRow(q);
    Sql f(db, QStringLiteral("SELECT version, file_name, sha256, size, uploaded_by, uploaded_at "
                             "FROM outgoing_files WHERE document_id = ? ORDER BY version"));
    f << id;
    if (auto r = f.exec(); !r)
        return r.error();
    while (f.next())
        d.files << DraftFileVersion{
            f.value(0).toInt(),    f.value(1).toString(),
            f.value(2).toString(), f.value(3).toLongLong(),
            f.value(4).toString(), QDateTime::fromString(f.value(5).toString(), Qt::ISODateWithMs)};
    Sql c(db, QStringLiteral("SELECT at, username, kind, file_version, comment FROM outgoing_comments "
                             "WHERE document_id = ? ORDER BY at, id"));
    c << id;
    if (auto r = c.exec(); !r)
        return r.error();
    while (c.next())
        d.comments << ReviewComment{QDateTime::fromString(c.value(0).toString(), Qt::ISODateWithMs),
                                    c.value(1).toString(), c.value(2).toString(), c.value(3).toInt(),
                                    c.value(4).toString()};
    Sql l(db, QStringLiteral(
                  "SELECT l.target_id, o.number, o.notation, l.kind, 0 FROM outgoing_links l "
                  "JOIN outgoing_documents o ON o.id = l.target_id WHERE l.document_id = ? "
                  "UNION ALL SELECT l.document_id, o.number, o.notation, l.kind, 1 FROM outgoing_links l "
                  "JOIN outgoing_documents o ON o.id = l.document_id WHERE l.target_id = ?"));
    l << id << id;
    if (auto r = l.exec(); !r)
        return r.error();
    while (l.next()) {
        OutgoingLink link;
        link.targetId = l.value(0).toString();
        if (l.value(1).toInt() > 0)
            link.targetReference =
                formatReference(QString::number(l.value(1).toInt()), l.value(2).toString());
        link.kind = OutgoingVocabulary::linkKindFromKey(l.value(3).toString()).value_or(LinkKind::Replaces);
        link.incoming = l.value(4).toInt() != 0;
        d.links << link;
    }
    return d;
}

// ---------------------------------------------------------------- permissions and visibility

Result<void> OutgoingService::checkVisible(const User &actor, const OutgoingDocument &doc)
{
    const bool drafter = doc.drafterId == actor.id;
    const bool mine = drafter || (!actor.unitId.isEmpty() && doc.unitId == actor.unitId);
    if (doc.isSecret() && !actor.can(Permission::ViewSecret) && !drafter)
        return GOVDESK_ERROR(
            "permission.secret",
            QT_TRANSLATE_NOOP(
                "OutgoingService",
                "This document is classified; only the clerk, the leaders and its drafter may open it"));
    if (!actor.can(Permission::ViewAll) && !mine)
        return GOVDESK_ERROR("permission.view",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "This document was drafted neither by you nor in your unit"));
    return {};
}

QString OutgoingService::visibilityClause(const User &actor, QVariantList &params) const
{
    QStringList parts;
    if (!actor.can(Permission::ViewAll)) {
        if (actor.unitId.isEmpty()) {
            parts << QStringLiteral("d.drafter_id = ?");
            params << actor.id;
        } else {
            parts << QStringLiteral("(d.drafter_id = ? OR d.unit_id = ?)");
            params << actor.id << actor.unitId;
        }
    }
    if (!actor.can(Permission::ViewSecret)) {
        parts << QStringLiteral("(d.secrecy = '' OR d.drafter_id = ?)");
        params << actor.id;
    }
    return parts.join(QStringLiteral(" AND "));
}

Result<void> OutgoingService::checkDrafter(const User &actor, const OutgoingDocument &doc)
{
    if (!actor.can(Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    if (doc.drafterId != actor.id && actor.role != core::Role::Admin)
        return GOVDESK_ERROR("permission.drafter",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "Only the drafter of this document can submit or revise it"));
    return {};
}

static core::Error stateError(OutgoingStatus status)
{
    return GOVDESK_ERROR("outgoing.state",
                         QT_TRANSLATE_NOOP("OutgoingService",
                                           "This step is not possible while the document is "
                                           "\"%1\""),
                         OutgoingVocabulary::displayName(status));
}

static core::Error issuePermissionError()
{
    return GOVDESK_ERROR(
        "permission.issue",
        QT_TRANSLATE_NOOP(
            "OutgoingService",
            "Only the clerk (văn thư) or an administrator can give numbers and send documents"));
}

// ---------------------------------------------------------------- files

namespace {

struct LoadedFile
{
    QString fileName;
    QByteArray data;
};

/// Reads and checks the draft before any transaction: a missing or broken file fails fast and leaves nothing.
Result<LoadedFile> readDraftFile(const AttachmentSource &src)
{
    LoadedFile l;
    if (!src.path.isEmpty()) {
        QFile f(src.path);
        if (!f.open(QIODevice::ReadOnly))
            return GOVDESK_ERROR("outgoing.file",
                                 QT_TRANSLATE_NOOP("OutgoingService", "Cannot read the draft file %1: %2"),
                                 src.path, f.errorString());
        if (f.size() > storage::BlobStore::MaxBlobSize)
            return GOVDESK_ERROR("outgoing.file-size",
                                 QT_TRANSLATE_NOOP("OutgoingService", "The file %1 is too large"), src.path);
        l.data = f.readAll();
        l.fileName = src.fileName.isEmpty() ? QFileInfo(src.path).fileName() : src.fileName;
    } else {
        l.data = src.data;
        l.fileName = src.fileName;
    }
    if (src.path.isEmpty() && src.data.isEmpty())
        return GOVDESK_ERROR("outgoing.file-missing",
                             QT_TRANSLATE_NOOP("OutgoingService", "Attach the draft as a PDF file"));
    l.fileName = QFileInfo(l.fileName).fileName();
    l.fileName.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
    if (l.fileName.isEmpty())
        l.fileName = QStringLiteral("du-thao.pdf");
    if (!looksLikePdf(l.data))
        return GOVDESK_ERROR("outgoing.file-not-pdf",
                             QT_TRANSLATE_NOOP("OutgoingService", "The draft %1 is not a complete PDF file"),
                             l.fileName);
    return l;
}

Result<void> addHistory(QSqlDatabase &db, const QString &docId, const QString &user, const QString &kind,
                        const QString &note)
{
    Sql h(db, QStringLiteral("INSERT INTO outgoing_history (id, document_id, at, username, kind, note) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    h << core::newId() << docId << documentTimestamp() << user << kind << note;
    return h.exec();
}

Result<void> addComment(QSqlDatabase &db, const OutgoingDocument &doc, const QString &user,
                        const QString &kind, const QString &comment)
{
    const int fileVersion = doc.files.isEmpty() ? 0 : doc.files.last().version;
    Sql c(db, QStringLiteral("INSERT INTO outgoing_comments (id, document_id, at, username, kind, "
                             "file_version, comment) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    c << core::newId() << doc.id << documentTimestamp() << user << kind << fileVersion << comment.trimmed();
    if (auto r = c.exec(); !r)
        return r;
    return addHistory(db, doc.id, user, kind, comment.trimmed());
}

Result<void> addFile(storage::Database &database, QSqlDatabase &db, const QString &docId, int version,
                     const LoadedFile &file, const QString &user)
{
    auto sha = database.blobs().put(db, file.data);
    if (!sha)
        return sha.error();
    Sql f(db, QStringLiteral("INSERT INTO outgoing_files (id, document_id, version, sha256, file_name, size, "
                             "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    f << core::newId() << docId << version << sha.value() << file.fileName << qint64(file.data.size()) << user
      << documentTimestamp();
    return f.exec();
}

Result<void> recordNumber(QSqlDatabase &db, const OutgoingDocument &doc, int year, int number,
                          const QString &state, const QString &reason, const QString &user)
{
    Sql n(db, QStringLiteral("INSERT INTO outgoing_numbers (book_id, year, number, state, document_id, "
                             "notation, reason, taken_by, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    n << doc.bookId << year << number << state << doc.id << doc.notation << reason << user
      << documentTimestamp();
    return n.exec();
}

} // namespace

// ---------------------------------------------------------------- drafting

int OutgoingService::pageCount(const QByteArray &pdf)
{
    // Counted by qpdf, as the signing code reads the file; a file qpdf cannot read counts 0 pages rather than
    // refusing a draft the clerk may still correct.
    auto inspection = signing::inspectPdf(pdf);
    if (!inspection || inspection->encrypted)
        return 0;
    return inspection->pageCount;
}

Result<void> OutgoingService::normaliseDraft(QSqlDatabase &db, const User &actor, OutgoingDraft &d,
                                             bool checkDueDate, QString *bookId, const QString &keptBodyId)
{
    d.subject = d.subject.simplified();
    d.recipients = d.recipients.simplified();
    d.signerName = d.signerName.simplified();
    d.signerPosition = d.signerPosition.simplified();
    d.archiveHolder = d.archiveHolder.simplified();
    d.notation = d.notation.trimmed().remove(QLatin1Char(' '));
    if (d.subject.isEmpty())
        return GOVDESK_ERROR("outgoing.subject",
                             QT_TRANSLATE_NOOP("OutgoingService", "The summary (trích yếu) is required"));
    if (d.subject.size() > 500)
        return GOVDESK_ERROR("outgoing.subject",
                             QT_TRANSLATE_NOOP("OutgoingService", "The summary is longer than %1 characters"),
                             QStringLiteral("500"));
    auto type = resolveDocumentType(db, d.typeAbbr);
    if (!type)
        return type.error();
    d.typeAbbr = type->abbr;

    auto identity = m_accounts.identity();
    if (!identity)
        return identity.error();
    if (d.unitId.isEmpty())
        d.unitId = actor.unitId;
    if (d.unitId.isEmpty())
        return GOVDESK_ERROR("outgoing.unit", QT_TRANSLATE_NOOP("OutgoingService", "Name the drafting unit"));
    auto unit = m_accounts.unitById(d.unitId);
    if (!unit)
        return unit.error();
    if (actor.role == core::Role::Officer && d.unitId != actor.unitId)
        return GOVDESK_ERROR(
            "permission.unit",
            QT_TRANSLATE_NOOP("OutgoingService", "An officer drafts documents only for their own unit"));
    const bool organItself = unit->id == identity->orgUnitId;
    // The issuing organ: the agency, or one of its advisory bodies.
    QString organAbbr = identity->orgAbbreviation;
    QString bodyBook;
    d.bodyId = d.bodyId.trimmed();
    if (!d.bodyId.isEmpty()) {
        Sql b(db, QStringLiteral("SELECT abbr, book_id, active, name FROM issuing_bodies WHERE id = ?"));
        b << d.bodyId;
        if (auto r = b.exec(); !r)
            return r;
        if (!b.next())
            return GOVDESK_ERROR(
                "outgoing.body",
                QT_TRANSLATE_NOOP("OutgoingService", "There is no advisory body %1 issuing documents"),
                d.bodyId);
        if (b.value(2).toInt() == 0 && d.bodyId != keptBodyId)
            return GOVDESK_ERROR(
                "outgoing.body-inactive",
                QT_TRANSLATE_NOOP("OutgoingService", "The advisory body %1 no longer issues documents"),
                b.value(3).toString());
        organAbbr = b.value(0).toString();
        bodyBook = b.value(1).toString();
    }
    if (bookId)
        *bookId = bookFor(d.typeAbbr, d.secrecy, bodyBook);
    if (d.notation.isEmpty()) {
        if (!type->hasAbbreviation && !organItself && unit->abbreviation.trimmed().isEmpty())
            return GOVDESK_ERROR(
                "outgoing.unit-abbreviation",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "The unit %1 has no abbreviation for the notation of a Công văn"),
                unit->name);
        d.notation = outgoingNotation(d.typeAbbr, type->hasAbbreviation, organAbbr,
                                      organItself ? QString() : unit->abbreviation);
    }
    if (d.notation.size() > 30 || d.notation.contains(QLatin1Char('/')))
        return GOVDESK_ERROR(
            "outgoing.notation",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Invalid notation \"%1\": at most 30 characters, without the number or \"/\""),
            d.notation);

    QStringList codes;
    QStringList names;
    for (const QString &c : d.recipientCodes) {
        const QString code = c.trimmed();
        if (code.isEmpty())
            continue;
        if (!core::OrganCode::isValid(code))
            return GOVDESK_ERROR(
                "outgoing.recipient",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "\"%1\" is not an organ code (mã định danh) such as 000.00.00.H16"),
                code);
        if (!codes.contains(code)) {
            codes << code;
            if (auto known = m_accounts.findUnit(code); known)
                names << known->name;
        }
    }
    d.recipientCodes = codes;
    if (d.recipients.isEmpty())
        d.recipients = names.join(QStringLiteral("; "));

    const auto prefix = OutgoingVocabulary::authorityPrefixFromText(d.authorityPrefix);
    if (!prefix)
        return GOVDESK_ERROR(
            "outgoing.authority",
            QT_TRANSLATE_NOOP(
                "OutgoingService",
                "The signing authority must be TM., Q., KT., TL. or TUQ. (or none), not \"%1\""),
            d.authorityPrefix);
    d.authorityPrefix = *prefix;

    // Phụ lục VI gives IssuedAmount three digits.
    if (d.copies < 0 || d.copies > 999)
        return GOVDESK_ERROR(
            "outgoing.copies",
            QT_TRANSLATE_NOOP("OutgoingService", "The number of copies must be between 1 and 999, not %1"),
            QString::number(d.copies));
    if (checkDueDate && d.dueDate.isValid() && d.dueDate < QDate::currentDate())
        return GOVDESK_ERROR("outgoing.due-date",
                             QT_TRANSLATE_NOOP("OutgoingService", "The due date %1 is already past"),
                             shortDate(d.dueDate));
    if (d.archiveHolder.isEmpty())
        d.archiveHolder = defaultArchiveHolder(organItself ? QString() : unit->name);
    if (d.archiveHolder.size() > 200)
        return GOVDESK_ERROR("outgoing.archive-holder",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "The holder of the archive copy is longer than %1 characters"),
                             QStringLiteral("200"));

    if (!d.replyToId.isEmpty()) {
        Sql in(db, QStringLiteral("SELECT 1 FROM incoming_documents WHERE id = ?"));
        in << d.replyToId;
        if (auto r = in.exec(); !r)
            return r.error();
        if (!in.next())
            return GOVDESK_ERROR(
                "outgoing.reply-to",
                QT_TRANSLATE_NOOP("OutgoingService", "There is no incoming document %1 to answer"),
                d.replyToId);
    }
    return {};
}

Result<OutgoingDocument> OutgoingService::draft(const User &actor, OutgoingDraft input)
{
    return createDraft(actor, std::move(input), {}, {});
}

Result<OutgoingDocument> OutgoingService::createDraft(const User &actor, OutgoingDraft input,
                                                      const QString &templateTypeAbbr,
                                                      const QString &templateName)
{
    if (!actor.can(Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    auto file = readDraftFile(input.file);
    if (!file)
        return file.error();
    const int pages = pageCount(file->data);

    auto result = m_db.write<OutgoingDocument>([&](QSqlDatabase &db) -> Result<OutgoingDocument> {
        OutgoingDraft d = input;
        if (d.typeAbbr.trimmed().isEmpty() && !templateTypeAbbr.isEmpty())
            d.typeAbbr = templateTypeAbbr;
        QString book;
        if (auto r = normaliseDraft(db, actor, d, true, &book); !r)
            return r.error();
        if (!templateTypeAbbr.isEmpty() && d.typeAbbr != templateTypeAbbr)
            return GOVDESK_ERROR("outgoing.template-type",
                                 QT_TRANSLATE_NOOP("OutgoingService",
                                                   "The template \"%1\" is for documents of type %2, not %3"),
                                 templateName, templateTypeAbbr, d.typeAbbr);

        const QString id = core::newId();
        const QString now = documentTimestamp();
        Sql ins(db,
                QStringLiteral(
                    "INSERT INTO outgoing_documents (id, book_id, notation, type_abbr, subject, unit_id, "
                    "drafter_id, drafter_name, secrecy, urgency, recipients, recipient_codes, status, "
                    "signer_name, signer_position, authority_prefix, reply_to_id, created_by, created_at, "
                    "updated_at, version, copies, pages, archive_holder, due_date, body_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"));
        ins << id << book << d.notation << d.typeAbbr << d.subject << d.unitId << actor.id << actor.username
            << Vocabulary::key(d.secrecy) << Vocabulary::key(d.urgency) << d.recipients
            << d.recipientCodes.join(QLatin1Char(',')) << OutgoingVocabulary::key(OutgoingStatus::Draft)
            << d.signerName << d.signerPosition << d.authorityPrefix << textOrNull(d.replyToId)
            << actor.username << now << now << d.copies << pages << d.archiveHolder
            << textOrNull(d.dueDate.isValid() ? d.dueDate.toString(Qt::ISODate) : QString())
            << textOrNull(d.bodyId);
        if (auto r = ins.exec(); !r)
            return r.error();
        if (auto r = addFile(m_db, db, id, 1, file.value(), actor.username); !r)
            return r.error();
        const QString note = templateName.isEmpty()
                                 ? file->fileName
                                 : QStringLiteral("%1 (%2)").arg(file->fileName, templateName);
        if (auto r = addHistory(db, id, actor.username, QStringLiteral("draft"), note); !r)
            return r.error();
        auto doc = load(db, id);
        if (!doc)
            return doc.error();
        if (auto r = storage::FullTextIndex::put(m_db, db, kSearchKind, id, doc->searchText()); !r)
            return r.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.draft"), kEntity,
                                               id, {}, doc->toJson());
            !a)
            return a.error();
        return doc;
    });
    if (result)
        Q_EMIT documentChanged(result->id);
    return result;
}

Result<OutgoingDocument>
OutgoingService::transition(const User &actor, const QString &id, const QString &action,
                            const std::function<Result<void>(QSqlDatabase &, OutgoingDocument &)> &change)
{
    const DocumentTable table{
        QStringLiteral("outgoing_documents"), kEntity, kSearchKind,
        GOVDESK_ERROR("outgoing.concurrent",
                      QT_TRANSLATE_NOOP("OutgoingService", "Someone else changed this document "
                                                           "meanwhile; reopen it and try again"))};
    auto result = m_db.write<OutgoingDocument>([&](QSqlDatabase &db) {
        return changeDocument<OutgoingDocument>(
            m_db, db, actor, table, id, action,
            [this](QSqlDatabase &d, const QString &i) { return load(d, i); },
            [this](const User &a, const OutgoingDocument &doc) { return checkVisible(a, doc); }, change);
    });
    if (result)
        Q_EMIT documentChanged(id);
    return result;
}

static Result<void> setStatus(QSqlDatabase &db, const QString &id, OutgoingStatus status)
{
    Sql u(db, QStringLiteral("UPDATE outgoing_documents SET status = ? WHERE id = ?"));
    u << OutgoingVocabulary::key(status) << id;
    return u.exec();
}

Result<OutgoingDocument> OutgoingService::submit(const User &actor, const QString &id, const QString &comment)
{
    return transition(actor, id, QStringLiteral("outgoing.submit"),
                      [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
                          if (auto p = checkDrafter(actor, doc); !p)
                              return p;
                          if (doc.status != OutgoingStatus::Draft && doc.status != OutgoingStatus::Returned)
                              return stateError(doc.status);
                          if (auto r = setStatus(db, id, OutgoingStatus::Submitted); !r)
                              return r;
                          return addComment(db, doc, actor.username, QStringLiteral("submit"), comment);
                      });
}

Result<OutgoingDocument> OutgoingService::approve(const User &actor, const QString &id,
                                                  const QString &comment)
{
    if (!actor.can(Permission::ApproveOutgoing))
        return GOVDESK_ERROR(
            "permission.approve",
            QT_TRANSLATE_NOOP("OutgoingService", "Only a leader can approve or return a draft"));
    return transition(actor, id, QStringLiteral("outgoing.approve"),
                      [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
                          if (doc.status != OutgoingStatus::Submitted)
                              return stateError(doc.status);
                          if (auto r = setStatus(db, id, OutgoingStatus::Approved); !r)
                              return r;
                          if (doc.signerName.isEmpty()) {
                              // By default the approving leader is the one who signs.
                              Sql s(db, QStringLiteral("UPDATE outgoing_documents SET signer_name = ?, "
                                                       "signer_position = ? WHERE id = ?"));
                              s << actor.fullName << actor.position << id;
                              if (auto r = s.exec(); !r)
                                  return r;
                          }
                          return addComment(db, doc, actor.username, QStringLiteral("approve"), comment);
                      });
}

Result<OutgoingDocument> OutgoingService::returnForRevision(const User &actor, const QString &id,
                                                            const QString &comment)
{
    if (!actor.can(Permission::ApproveOutgoing))
        return GOVDESK_ERROR(
            "permission.approve",
            QT_TRANSLATE_NOOP("OutgoingService", "Only a leader can approve or return a draft"));
    return transition(actor, id, QStringLiteral("outgoing.return"),
                      [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
                          if (doc.status != OutgoingStatus::Submitted &&
                              doc.status != OutgoingStatus::Approved)
                              return stateError(doc.status);
                          if (comment.trimmed().isEmpty())
                              return GOVDESK_ERROR(
                                  "outgoing.comment",
                                  QT_TRANSLATE_NOOP("OutgoingService",
                                                    "Say what must be revised before returning the draft"));
                          if (auto r = setStatus(db, id, OutgoingStatus::Returned); !r)
                              return r;
                          return addComment(db, doc, actor.username, QStringLiteral("return"), comment);
                      });
}

Result<OutgoingDocument> OutgoingService::revise(const User &actor, const QString &id,
                                                 AttachmentSource source, const QString &comment,
                                                 int expectedVersion)
{
    if (!actor.can(Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    auto file = readDraftFile(source);
    if (!file)
        return file.error();
    const int pages = pageCount(file->data);
    return transition(
        actor, id, QStringLiteral("outgoing.revise"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (auto p = checkDrafter(actor, doc); !p)
                return p;
            if (expectedVersion > 0 && doc.version != expectedVersion)
                return GOVDESK_ERROR(
                    "outgoing.concurrent",
                    QT_TRANSLATE_NOOP(
                        "OutgoingService",
                        "Someone else changed this document meanwhile; reopen it and try again"));
            if (doc.status != OutgoingStatus::Draft && doc.status != OutgoingStatus::Returned)
                return stateError(doc.status);
            const int version = doc.files.isEmpty() ? 1 : doc.files.last().version + 1;
            if (auto r = addFile(m_db, db, id, version, file.value(), actor.username); !r)
                return r;
            if (auto r = setStatus(db, id, OutgoingStatus::Draft); !r)
                return r;
            Sql p(db, QStringLiteral("UPDATE outgoing_documents SET pages = ? WHERE id = ?"));
            p << pages << id;
            if (auto r = p.exec(); !r)
                return r;
            doc.files << DraftFileVersion{version, file->fileName, {}, 0, actor.username, {}};
            return addComment(db, doc, actor.username, QStringLiteral("revise"), comment);
        });
}

// ---------------------------------------------------------------- signing

Result<OutgoingDocument> OutgoingService::sign(const User &actor, const QString &id,
                                               signing::TokenSigner &signer, signing::SignOptions options,
                                               const QString &comment)
{
    if (!actor.can(Permission::ApproveOutgoing))
        return GOVDESK_ERROR("permission.sign",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "Only the competent leader signs a document with the personal "
                                               "signature"));
    auto doc = get(actor, id);
    if (!doc)
        return doc.error();
    if (doc->status != OutgoingStatus::Approved)
        return stateError(doc->status);
    if (doc->files.isEmpty())
        return GOVDESK_ERROR("outgoing.no-file",
                             QT_TRANSLATE_NOOP("OutgoingService", "The document has no file to sign"));
    const DraftFileVersion latest = doc->files.last();
    auto pdf = fileData(actor, id, latest.version);
    if (!pdf)
        return pdf.error();
    // The token works outside the transaction; the row is changed only if it is still the version signed.
    options.role = signing::SignatureRole::Personal;
    if (options.title.isEmpty())
        options.title = doc->signerPosition;
    if (options.name.isEmpty())
        options.name = doc->signerName;
    signing::SignOutcome outcome;
    auto signedPdf = signer.signBytes(pdf.value(), options, &outcome);
    if (!signedPdf)
        return signedPdf.error();
    LoadedFile file{QFileInfo(latest.fileName).completeBaseName() + QStringLiteral("_da-ky.pdf"),
                    signedPdf.value()};
    return transition(actor, id, QStringLiteral("outgoing.sign"),
                      [&](QSqlDatabase &db, OutgoingDocument &d) -> Result<void> {
                          if (d.status != OutgoingStatus::Approved || d.files.isEmpty() ||
                              d.files.last().version != latest.version)
                              return GOVDESK_ERROR("outgoing.concurrent",
                                                   QT_TRANSLATE_NOOP("OutgoingService",
                                                                     "Someone else changed this document "
                                                                     "meanwhile; reopen it and try again"));
                          const int version = latest.version + 1;
                          if (auto r = addFile(m_db, db, id, version, file, actor.username); !r)
                              return r;
                          if (auto r = setStatus(db, id, OutgoingStatus::Signed); !r)
                              return r;
                          d.files << DraftFileVersion{version, file.fileName, {}, 0, actor.username, {}};
                          const QString note = QStringLiteral("%1, %2").arg(outcome.level, outcome.fieldName);
                          return addComment(db, d, actor.username, QStringLiteral("sign"),
                                            comment.isEmpty()
                                                ? note
                                                : comment + QStringLiteral(" (") + note + QLatin1Char(')'));
                      });
}

// ---------------------------------------------------------------- numbering

Result<int> OutgoingService::nextNumber(const QString &bookId, int year)
{
    QSqlDatabase db = m_db.connection();
    return nextRegistryNumber(db, bookId.isEmpty() ? QStringLiteral("outgoing") : bookId, year);
}

static bool beforeNumbering(OutgoingStatus s)
{
    return s == OutgoingStatus::Draft || s == OutgoingStatus::Submitted || s == OutgoingStatus::Returned ||
           s == OutgoingStatus::Approved || s == OutgoingStatus::Signed;
}

Result<OutgoingDocument> OutgoingService::reserveNumber(const User &actor, const QString &id,
                                                        const QString &reason, const QDate &onDate)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    const QDate date = onDate.isValid() ? onDate : QDate::currentDate();
    return transition(
        actor, id, QStringLiteral("outgoing.reserve"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (!beforeNumbering(doc.status))
                return stateError(doc.status);
            if (doc.reservedNumber > 0)
                return GOVDESK_ERROR(
                    "outgoing.reserved",
                    QT_TRANSLATE_NOOP("OutgoingService", "Number %1 is already reserved for this document"),
                    formatNumber(QString::number(doc.reservedNumber)));
            if (reason.trimmed().isEmpty())
                return GOVDESK_ERROR(
                    "outgoing.reason",
                    QT_TRANSLATE_NOOP("OutgoingService", "Give the reason for reserving a number"));
            auto n = takeRegistryNumber(db, doc.bookId, date.year());
            if (!n)
                return n.error();
            if (auto r = recordNumber(db, doc, date.year(), n.value(), QStringLiteral("reserved"),
                                      reason.trimmed(), actor.username);
                !r)
                return r;
            Sql u(db,
                  QStringLiteral(
                      "UPDATE outgoing_documents SET reserved_year = ?, reserved_number = ? WHERE id = ?"));
            u << date.year() << n.value() << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("reserve"),
                              QStringLiteral("%1 (%2): %3")
                                  .arg(formatReference(QString::number(n.value()), doc.notation))
                                  .arg(date.year())
                                  .arg(reason.trimmed()));
        });
}

Result<OutgoingDocument> OutgoingService::cancelReservation(const User &actor, const QString &id,
                                                            const QString &reason)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    return transition(
        actor, id, QStringLiteral("outgoing.cancel-reservation"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (doc.reservedNumber <= 0)
                return GOVDESK_ERROR(
                    "outgoing.not-reserved",
                    QT_TRANSLATE_NOOP("OutgoingService", "No number is reserved for this document"));
            if (reason.trimmed().isEmpty())
                return GOVDESK_ERROR(
                    "outgoing.reason",
                    QT_TRANSLATE_NOOP("OutgoingService", "Give the reason for cancelling the reservation"));
            Sql n(db, QStringLiteral("UPDATE outgoing_numbers SET state = 'cancelled', cancelled_by = ?, "
                                     "cancelled_at = ?, cancel_reason = ? "
                                     "WHERE book_id = ? AND year = ? AND number = ? AND state = 'reserved'"));
            n << actor.username << documentTimestamp() << reason.trimmed() << doc.bookId << doc.reservedYear
              << doc.reservedNumber;
            if (auto r = n.exec(); !r)
                return r;
            Sql u(db,
                  QStringLiteral("UPDATE outgoing_documents SET reserved_year = NULL, reserved_number = NULL "
                                 "WHERE id = ?"));
            u << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("cancel-reservation"),
                              QStringLiteral("%1 (%2): %3")
                                  .arg(formatReference(QString::number(doc.reservedNumber), doc.notation))
                                  .arg(doc.reservedYear)
                                  .arg(reason.trimmed()));
        });
}

/// Gives `doc` its number in the issue date's year — the reserved one, or the next of its book — and the
/// issue date, status da-cap-so; refuses a number + notation already issued that year.
static Result<int> numberDocument(QSqlDatabase &db, OutgoingDocument &doc, const QDate &date,
                                  const QString &user)
{
    // Numbers run from 01 on 1 January: the number belongs to the issue date's year.
    const int year = date.year();
    int number = 0;
    if (doc.reservedNumber > 0) {
        if (doc.reservedYear != year)
            return GOVDESK_ERROR(
                "outgoing.reserved-year",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "The number reserved for this document belongs to %1, not to the "
                                  "issue year %2; cancel the reservation first"),
                QString::number(doc.reservedYear), QString::number(year));
        number = doc.reservedNumber;
        Sql n(db, QStringLiteral("UPDATE outgoing_numbers SET state = 'issued' WHERE book_id = ? AND "
                                 "year = ? AND number = ? AND state = 'reserved'"));
        n << doc.bookId << year << number;
        if (auto r = n.exec(); !r)
            return r.error();
    } else {
        auto n = takeRegistryNumber(db, doc.bookId, year);
        if (!n)
            return n.error();
        number = n.value();
        if (auto r = recordNumber(db, doc, year, number, QStringLiteral("issued"), {}, user); !r)
            return r.error();
    }
    if (doc.bookId != QLatin1String("outgoing-secret")) {
        Sql taken(db, QStringLiteral("SELECT 1 FROM outgoing_documents WHERE year = ? AND number = ? "
                                     "AND notation = ? AND book_id <> 'outgoing-secret'"));
        taken << year << number << doc.notation;
        if (auto r = taken.exec(); !r)
            return r.error();
        if (taken.next())
            return GOVDESK_ERROR("outgoing.reference-taken",
                                 QT_TRANSLATE_NOOP("OutgoingService", "%1 was already issued in %2"),
                                 formatReference(QString::number(number), doc.notation),
                                 QString::number(year));
    }
    Sql u(db, QStringLiteral("UPDATE outgoing_documents SET year = ?, number = ?, issued_date = ?, "
                             "status = ?, reserved_year = NULL, reserved_number = NULL WHERE id = ?"));
    u << year << number << date.toString(Qt::ISODate) << OutgoingVocabulary::key(OutgoingStatus::Issued)
      << doc.id;
    if (auto r = u.exec(); !r)
        return r.error();
    doc.year = year;
    doc.number = number;
    doc.issuedDate = date;
    doc.status = OutgoingStatus::Issued;
    return number;
}

/// The reply is issued: the incoming document it answers is completed with the reply's number.
Result<void> OutgoingService::closeAnsweredDocument(QSqlDatabase &db, const User &actor,
                                                    const OutgoingDocument &doc)
{
    if (doc.replyToId.isEmpty())
        return {};
    IncomingService incoming(m_db);
    auto closed = incoming.closeByReply(db, actor, doc.replyToId, doc.reference());
    if (!closed)
        return closed.error();
    return {};
}

Result<OutgoingDocument> OutgoingService::issueNumber(const User &actor, const QString &id,
                                                      const QDate &issuedDate)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    const QDate date = issuedDate.isValid() ? issuedDate : QDate::currentDate();
    if (date > QDate::currentDate())
        return GOVDESK_ERROR("outgoing.date-future",
                             QT_TRANSLATE_NOOP("OutgoingService", "The issue date %1 is in the future"),
                             shortDate(date));
    return transition(
        actor, id, QStringLiteral("outgoing.issue-number"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (doc.status != OutgoingStatus::Approved && doc.status != OutgoingStatus::Signed)
                return GOVDESK_ERROR(
                    "outgoing.state",
                    QT_TRANSLATE_NOOP(
                        "OutgoingService",
                        "Only an approved or signed document can be given a number (it is \"%1\")"),
                    OutgoingVocabulary::displayName(doc.status));
            auto number = numberDocument(db, doc, date, actor.username);
            if (!number)
                return number.error();
            if (auto r = closeAnsweredDocument(db, actor, doc); !r)
                return r;
            return addHistory(
                db, id, actor.username, QStringLiteral("issue-number"),
                QStringLiteral("%1, %2").arg(formatReference(QString::number(number.value()), doc.notation),
                                             shortDate(date)));
        });
}

// ---------------------------------------------------------------- issuing

Result<OutgoingDocument> OutgoingService::issue(const User &actor, const QString &id,
                                                const IssueOptions &options)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    const QDate today = QDate::currentDate();
    const QDate requested = options.issuedDate.isValid() ? options.issuedDate : today;
    if (requested > today)
        return GOVDESK_ERROR("outgoing.date-future",
                             QT_TRANSLATE_NOOP("OutgoingService", "The issue date %1 is in the future"),
                             shortDate(requested));
    // The token and the PDF work happen outside the transaction, on the number the document will get; the
    // transaction then takes that number. When another clerk took it meanwhile, the transaction rolls back
    // (no number is lost) and the second attempt makes the file inside the transaction, holding the book's
    // counter, so a busy book cannot starve a clerk.
    constexpr int kAttempts = 2;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        auto current = get(actor, id);
        if (!current)
            return current.error();
        const OutgoingDocument &doc = current.value();
        const bool numbered = doc.isNumbered();
        if (doc.status != OutgoingStatus::Approved && doc.status != OutgoingStatus::Signed &&
            doc.status != OutgoingStatus::Issued)
            return GOVDESK_ERROR("outgoing.state",
                                 QT_TRANSLATE_NOOP("OutgoingService",
                                                   "Only an approved or signed document can be issued (it is "
                                                   "\"%1\")"),
                                 OutgoingVocabulary::displayName(doc.status));
        if (doc.files.isEmpty())
            return GOVDESK_ERROR("outgoing.no-file",
                                 QT_TRANSLATE_NOOP("OutgoingService", "The document has no file to issue"));
        const QDate date = numbered ? doc.issuedDate : requested;
        int number = 0;
        if (numbered) {
            number = doc.number;
        } else if (doc.reservedNumber > 0) {
            if (doc.reservedYear != date.year())
                return GOVDESK_ERROR(
                    "outgoing.reserved-year",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "The number reserved for this document belongs to %1, not to the "
                                      "issue year %2; cancel the reservation first"),
                    QString::number(doc.reservedYear), QString::number(date.year()));
            number = doc.reservedNumber;
        } else {
            auto next = nextNumber(doc.bookId, date.year());
            if (!next)
                return next.error();
            number = next.value();
        }

        const DraftFileVersion latest = doc.files.last();
        auto original = fileData(actor, id, latest.version);
        if (!original)
            return original.error();
        const QByteArray pdf = original.value();
        if (options.sealSigner) {
            // Decree 30 order: the organisation signs after the competent person, once.
            auto existing = signing::readPdfSignatures(pdf);
            if (!existing)
                return existing.error();
            const bool sealed = std::any_of(existing->cbegin(), existing->cend(), [](const auto &e) {
                return e.fieldName.startsWith(QLatin1String("ChuKy_CoQuan"));
            });
            if (existing->isEmpty())
                return GOVDESK_ERROR(
                    "outgoing.not-signed",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "The document does not carry the competent person's signature yet; the "
                                      "organisation signs after the person"));
            if (sealed)
                return GOVDESK_ERROR("outgoing.already-sealed",
                                     QT_TRANSLATE_NOOP("OutgoingService",
                                                       "The document already carries the organisation's "
                                                       "signature"));
        } else if (numbered && !options.stamp) {
            return GOVDESK_ERROR("outgoing.state",
                                 QT_TRANSLATE_NOOP("OutgoingService", "This step is not possible while the "
                                                                      "document is \"%1\""),
                                 OutgoingVocabulary::displayName(doc.status));
        }
        // The file as issued: number and date written in, then the organisation signature.
        QStringList notes;
        auto produce = [&](int n) -> Result<QByteArray> {
            notes.clear();
            QByteArray out = pdf;
            if (options.stamp) {
                QStringList warnings;
                auto stamped = signing::stampIssueDetails(out, n, date, &warnings);
                if (!stamped)
                    return stamped.error();
                out = stamped.value();
                notes << warnings;
            }
            if (options.sealSigner) {
                signing::SignOptions seal = options.seal;
                seal.role = signing::SignatureRole::Organisation;
                if (seal.reason.isEmpty())
                    seal.reason = QStringLiteral("Phát hành văn bản %1")
                                      .arg(formatReference(QString::number(n), doc.notation));
                signing::SignOutcome outcome;
                auto sealed = options.sealSigner->signBytes(out, seal, &outcome);
                if (!sealed)
                    return sealed.error();
                out = sealed.value();
                notes << QStringLiteral("%1, %2").arg(outcome.level, outcome.fieldName);
            }
            return out;
        };
        // First the file is made outside the transaction, on the number expected; when another clerk took
        // that number meanwhile, the second attempt makes it inside the transaction, holding the counter.
        const bool insideTransaction = attempt > 0;
        QByteArray issuedPdf;
        if (!insideTransaction) {
            auto made = produce(number);
            if (!made)
                return made.error();
            issuedPdf = made.value();
        }
        const QString fileName =
            QFileInfo(latest.fileName).completeBaseName().remove(QStringLiteral("_da-ky")) +
            QStringLiteral("_ban-hanh.pdf");

        auto result = transition(
            actor, id, QStringLiteral("outgoing.issue"),
            [&](QSqlDatabase &db, OutgoingDocument &d) -> Result<void> {
                if (d.status != doc.status || d.files.isEmpty() || d.files.last().version != latest.version ||
                    d.number != doc.number)
                    return GOVDESK_ERROR("outgoing.concurrent",
                                         QT_TRANSLATE_NOOP("OutgoingService",
                                                           "Someone else changed this document "
                                                           "meanwhile; reopen it and try again"));
                if (!numbered) {
                    auto taken = numberDocument(db, d, date, actor.username);
                    if (!taken)
                        return taken.error();
                    if (taken.value() != number && !insideTransaction)
                        return GOVDESK_ERROR(
                            "outgoing.number-moved",
                            QT_TRANSLATE_NOOP("OutgoingService", "Another clerk took number %1 meanwhile"),
                            QString::number(number));
                    number = taken.value();
                    if (auto r = closeAnsweredDocument(db, actor, d); !r)
                        return r;
                }
                if (insideTransaction) {
                    auto made = produce(number);
                    if (!made)
                        return made.error();
                    issuedPdf = made.value();
                }
                if (issuedPdf != pdf) {
                    const LoadedFile file{fileName, issuedPdf};
                    if (auto r = addFile(m_db, db, id, latest.version + 1, file, actor.username); !r)
                        return r;
                    d.files << DraftFileVersion{latest.version + 1, file.fileName, {}, 0, actor.username, {}};
                }
                return addHistory(
                    db, id, actor.username, QStringLiteral("issue"),
                    QStringLiteral("%1, %2%3")
                        .arg(formatReference(QString::number(number), doc.notation), shortDate(date),
                             notes.isEmpty() ? QString()
                                             : QStringLiteral(" (") + notes.join(QStringLiteral("; ")) +
                                                   QLatin1Char(')')));
            });
        if (!result && result.error().code() == QLatin1String("outgoing.number-moved"))
            continue;
        return result;
    }
    return GOVDESK_ERROR("outgoing.busy",
                         QT_TRANSLATE_NOOP("OutgoingService",
                                           "Other clerks kept taking the next number while this document was "
                                           "being issued; try again"));
}

// ---------------------------------------------------------------- after issue

Result<OutgoingDocument> OutgoingService::markSent(const User &actor, const QString &id, SendChannel channel,
                                                   const QString &note)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    if (channel == SendChannel::Post) {
        // Every sending by post is an entry of the Sổ gửi văn bản đi bưu điện.
        PostDetails post;
        post.note = note;
        return markSentByPost(actor, id, post);
    }
    return transition(
        actor, id, QStringLiteral("outgoing.send"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (doc.status != OutgoingStatus::Issued)
                return GOVDESK_ERROR("outgoing.state",
                                     QT_TRANSLATE_NOOP("OutgoingService",
                                                       "Only a numbered document can be sent (it is \"%1\")"),
                                     OutgoingVocabulary::displayName(doc.status));
            if (doc.isSecret() && channel == SendChannel::Exchange)
                return GOVDESK_ERROR(
                    "outgoing.secret-exchange",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "A classified document is never sent over the document exchange"));
            Sql u(
                db,
                QStringLiteral(
                    "UPDATE outgoing_documents SET status = ?, sent_channel = ?, sent_at = ? WHERE id = ?"));
            u << OutgoingVocabulary::key(OutgoingStatus::Sent) << OutgoingVocabulary::key(channel)
              << documentTimestamp() << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("send"),
                              QStringList{OutgoingVocabulary::key(channel), note.trimmed()}
                                  .join(QLatin1Char(' '))
                                  .trimmed());
        });
}

Result<OutgoingDocument> OutgoingService::recall(const User &actor, const QString &id, const QString &reason)
{
    if (!actor.can(Permission::RecallOutgoing))
        return GOVDESK_ERROR("permission.recall",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "Only a leader or the clerk (văn thư) can recall a document"));
    return transition(
        actor, id, QStringLiteral("outgoing.recall"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (doc.status != OutgoingStatus::Issued && doc.status != OutgoingStatus::Sent)
                return GOVDESK_ERROR(
                    "outgoing.state",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "Only an issued document can be recalled (it is \"%1\")"),
                    OutgoingVocabulary::displayName(doc.status));
            if (reason.trimmed().isEmpty())
                return GOVDESK_ERROR("outgoing.reason",
                                     QT_TRANSLATE_NOOP("OutgoingService", "Give the reason for the recall"));
            Sql u(db, QStringLiteral("UPDATE outgoing_documents SET status = ?, recall_reason = ?, "
                                     "recalled_at = ? WHERE id = ?"));
            u << OutgoingVocabulary::key(OutgoingStatus::Recalled) << reason.trimmed() << documentTimestamp()
              << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("recall"), reason.trimmed());
        });
}

Result<OutgoingDocument> OutgoingService::link(const User &actor, const QString &newId, const QString &oldId,
                                               LinkKind kind, const QString &note)
{
    if (newId == oldId)
        return GOVDESK_ERROR("outgoing.link-self",
                             QT_TRANSLATE_NOOP("OutgoingService", "A document cannot replace itself"));
    return transition(
        actor, newId, QStringLiteral("outgoing.link"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (doc.drafterId != actor.id && !actor.can(Permission::IssueOutgoing) &&
                !actor.can(Permission::ApproveOutgoing))
                return GOVDESK_ERROR(
                    "permission.link",
                    QT_TRANSLATE_NOOP(
                        "OutgoingService",
                        "Only its drafter, a leader or the clerk can relate this document to another"));
            auto old = load(db, oldId);
            if (!old)
                return old.error();
            if (auto v = checkVisible(actor, old.value()); !v)
                return v;
            if (!old->isNumbered())
                return GOVDESK_ERROR(
                    "outgoing.link-target",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "Only an issued document can be replaced, updated or corrected"));
            Sql dup(db,
                    QStringLiteral(
                        "SELECT 1 FROM outgoing_links WHERE document_id = ? AND target_id = ? AND kind = ?"));
            dup << newId << oldId << OutgoingVocabulary::key(kind);
            if (auto r = dup.exec(); !r)
                return r;
            if (dup.next())
                return GOVDESK_ERROR(
                    "outgoing.link-exists",
                    QT_TRANSLATE_NOOP("OutgoingService", "This relation to %1 is already recorded"),
                    old->reference());
            Sql ins(db, QStringLiteral("INSERT INTO outgoing_links (id, document_id, target_id, kind, "
                                       "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
            ins << core::newId() << newId << oldId << OutgoingVocabulary::key(kind) << actor.username
                << documentTimestamp();
            if (auto r = ins.exec(); !r)
                return r;
            const QString what = QStringLiteral("%1 %2 %3")
                                     .arg(OutgoingVocabulary::key(kind), old->reference(), note.trimmed());
            if (auto r = addHistory(db, newId, actor.username, QStringLiteral("link"), what.trimmed()); !r)
                return r;
            return addHistory(db, oldId, actor.username, QStringLiteral("linked-by"),
                              QStringLiteral("%1 %2").arg(OutgoingVocabulary::key(kind), doc.id));
        });
}

// ---------------------------------------------------------------- queries

Result<OutgoingDocument> OutgoingService::get(const User &actor, const QString &id)
{
    QSqlDatabase db = m_db.connection();
    auto doc = load(db, id);
    if (!doc)
        return doc;
    if (auto v = checkVisible(actor, doc.value()); !v)
        return v.error();
    return doc;
}

/// The FROM … WHERE part of a list or count query and its parameters; nullopt when nothing can match.
struct OutgoingQuery
{
    QString from; // "FROM outgoing_documents d …" (joined to the search results when searching)
    QString where;
    QVariantList params;
    bool ranked = false;
};

std::optional<OutgoingQuery> OutgoingService::query(const User &actor, const OutgoingFilter &f) const
{
    OutgoingQuery out;
    out.from = QStringLiteral("FROM outgoing_documents d ");
    const auto match = storage::FullTextIndex::match(m_db.engine(), kSearchKind, f.search);
    if (match) {
        out.from = QStringLiteral("FROM (") + match->subquery +
                   QStringLiteral(") s JOIN outgoing_documents d ON d.id = s.ref_id ");
        out.params = match->params;
        out.ranked = true;
    } else if (!f.search.trimmed().isEmpty()) {
        return std::nullopt;
    }
    QStringList w;
    QVariantList &params = out.params;
    if (f.year > 0) {
        w << QStringLiteral("(d.year = ? OR (d.year IS NULL AND d.created_at LIKE ?))");
        params << f.year << QStringLiteral("%1-%").arg(f.year);
    }
    if (!f.bookId.isEmpty()) {
        w << QStringLiteral("d.book_id = ?");
        params << f.bookId;
    }
    if (!f.statuses.isEmpty()) {
        QStringList marks;
        for (OutgoingStatus s : f.statuses) {
            marks << QStringLiteral("?");
            params << OutgoingVocabulary::key(s);
        }
        w << QStringLiteral("d.status IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (!f.unitId.isEmpty()) {
        w << QStringLiteral("d.unit_id = ?");
        params << f.unitId;
    }
    if (!f.drafterId.isEmpty()) {
        w << QStringLiteral("d.drafter_id = ?");
        params << f.drafterId;
    }
    if (f.awaitingActor) {
        QStringList mine;
        auto statusIn = [&](std::initializer_list<OutgoingStatus> statuses) {
            QStringList marks;
            for (OutgoingStatus s : statuses) {
                marks << QStringLiteral("?");
                params << OutgoingVocabulary::key(s);
            }
            return QStringLiteral("d.status IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
        };
        if (actor.can(Permission::ApproveOutgoing))
            mine << statusIn({OutgoingStatus::Submitted, OutgoingStatus::Approved});
        if (actor.can(Permission::IssueOutgoing))
            mine << statusIn({OutgoingStatus::Signed, OutgoingStatus::Issued});
        if (actor.can(Permission::DraftOutgoing)) {
            mine << QStringLiteral("(d.drafter_id = ? AND ") +
                        statusIn({OutgoingStatus::Draft, OutgoingStatus::Returned}) + QLatin1Char(')');
            params.insert(params.size() - 2, actor.id);
        }
        if (mine.isEmpty())
            return std::nullopt;
        w << QLatin1Char('(') + mine.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (const QString vis = visibilityClause(actor, params); !vis.isEmpty())
        w << vis;
    if (!w.isEmpty())
        out.where = QStringLiteral("WHERE ") + w.join(QStringLiteral(" AND "));
    return out;
}

Result<QList<OutgoingDocument>> OutgoingService::list(const User &actor, const OutgoingFilter &f)
{
    const auto q0 = query(actor, f);
    if (!q0)
        return QList<OutgoingDocument>{};
    QString sql = QString::fromLatin1(kColumns);
    sql.replace(QStringLiteral("FROM outgoing_documents d "), q0->from);
    sql += q0->where;
    sql +=
        q0->ranked
            ? QStringLiteral(" ORDER BY s.rank, d.created_at DESC")
            : QStringLiteral(" ORDER BY d.year IS NULL DESC, d.year DESC, d.number DESC, d.created_at DESC");
    if (f.limit > 0)
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(f.limit).arg(f.offset);
    QSqlDatabase db = m_db.connection();
    Sql q(db, sql);
    for (const QVariant &p : q0->params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<OutgoingDocument> out;
    while (q.next())
        out << readRow(q);
    return out;
}

Result<int> OutgoingService::count(const User &actor, const OutgoingFilter &f)
{
    const auto q0 = query(actor, f);
    if (!q0)
        return 0;
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT COUNT(*) ") + q0->from + q0->where);
    for (const QVariant &p : q0->params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    return q.next() ? q.value(0).toInt() : 0;
}

Result<QList<ProgressEntry>> OutgoingService::history(const User &actor, const QString &id)
{
    auto doc = get(actor, id);
    if (!doc)
        return doc.error();
    QSqlDatabase db = m_db.connection();
    Sql q(db,
          QStringLiteral(
              "SELECT at, username, kind, note FROM outgoing_history WHERE document_id = ? ORDER BY at, id"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<ProgressEntry> out;
    while (q.next())
        out << ProgressEntry{QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs),
                             q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    return out;
}

Result<QByteArray> OutgoingService::fileData(const User &actor, const QString &id, int fileVersion)
{
    auto doc = get(actor, id);
    if (!doc)
        return doc.error();
    for (auto it = doc->files.crbegin(); it != doc->files.crend(); ++it)
        if (fileVersion <= 0 || it->version == fileVersion)
            return m_db.blobs().get(it->sha256);
    return GOVDESK_ERROR("outgoing.file-version",
                         QT_TRANSLATE_NOOP("OutgoingService", "The document has no version %1 of its draft"),
                         QString::number(fileVersion));
}

Result<QList<NumberEntry>> OutgoingService::numberLog(const User &actor, const QString &bookId, int year)
{
    if (!actor.can(Permission::IssueOutgoing) && !actor.can(Permission::PrintRegisters))
        return GOVDESK_ERROR(
            "permission.register-view",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Only the clerk, a leader or an administrator can read the book"));
    QSqlDatabase db = m_db.connection();
    Sql b(db, QStringLiteral("SELECT secret FROM registry_books WHERE id = ? AND kind = 'outgoing'"));
    b << bookId;
    if (auto r = b.exec(); !r)
        return r.error();
    if (!b.next())
        return GOVDESK_ERROR("outgoing.book",
                             QT_TRANSLATE_NOOP("OutgoingService", "Unknown outgoing registry book \"%1\""),
                             bookId);
    if (b.value(0).toInt() != 0 && !actor.can(Permission::ViewSecret))
        return GOVDESK_ERROR(
            "permission.secret",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Only the clerk and the leaders may read the classified book"));
    Sql q(db, QStringLiteral("SELECT number, state, document_id, notation, reason, taken_by, taken_at, "
                             "cancelled_by, cancelled_at, cancel_reason FROM outgoing_numbers "
                             "WHERE book_id = ? AND year = ? ORDER BY number"));
    q << bookId << year;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<NumberEntry> out;
    while (q.next()) {
        NumberEntry e;
        e.bookId = bookId;
        e.year = year;
        e.number = q.value(0).toInt();
        e.state = q.value(1).toString();
        e.documentId = q.value(2).toString();
        e.notation = q.value(3).toString();
        e.reason = q.value(4).toString();
        e.takenBy = q.value(5).toString();
        e.takenAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
        e.cancelledBy = q.value(7).toString();
        e.cancelledAt = QDateTime::fromString(q.value(8).toString(), Qt::ISODateWithMs);
        e.cancelReason = q.value(9).toString();
        out << e;
    }
    return out;
}

} // namespace govdesk::documents

// ---------------------------------------------------------------- editing a draft's metadata

namespace govdesk::documents {

Result<OutgoingDocument> OutgoingService::update(const User &actor, const QString &id,
                                                 const OutgoingDraftChanges &changes, int expectedVersion)
{
    if (!actor.can(Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    if (changes.isEmpty())
        return GOVDESK_ERROR(
            "outgoing.no-change",
            QT_TRANSLATE_NOOP("OutgoingService", "Nothing to change: give at least one field"));
    return transition(
        actor, id, QStringLiteral("outgoing.update"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            if (auto p = checkDrafter(actor, doc); !p)
                return p;
            if (expectedVersion > 0 && doc.version != expectedVersion)
                return GOVDESK_ERROR(
                    "outgoing.concurrent",
                    QT_TRANSLATE_NOOP(
                        "OutgoingService",
                        "Someone else changed this document meanwhile; reopen it and try again"));
            if (doc.status != OutgoingStatus::Draft && doc.status != OutgoingStatus::Returned)
                return stateError(doc.status);

            OutgoingDraft d;
            d.subject = changes.subject.value_or(doc.subject);
            d.typeAbbr = changes.typeAbbr.value_or(doc.typeAbbr);
            d.unitId = changes.unitId.value_or(doc.unitId);
            if (d.unitId.isEmpty())
                d.unitId = actor.unitId;
            d.secrecy = changes.secrecy.value_or(doc.secrecy);
            d.urgency = changes.urgency.value_or(doc.urgency);
            d.recipients = changes.recipients.value_or(doc.recipients);
            d.recipientCodes = changes.recipientCodes.value_or(doc.recipientCodes);
            d.signerName = changes.signerName.value_or(doc.signerName);
            d.signerPosition = changes.signerPosition.value_or(doc.signerPosition);
            d.authorityPrefix = changes.authorityPrefix.value_or(doc.authorityPrefix);
            d.copies = changes.copies.value_or(doc.copies);
            d.dueDate = changes.dueDate.value_or(doc.dueDate);
            d.replyToId = doc.replyToId;
            d.bodyId = changes.bodyId.value_or(doc.bodyId).trimmed();

            // A new type, unit or issuing body gives a new notation, unless the drafter writes one.
            bool typeChanged = false;
            if (changes.typeAbbr) {
                auto type = resolveDocumentType(db, *changes.typeAbbr);
                if (!type)
                    return type.error();
                typeChanged = type->abbr != doc.typeAbbr;
            }
            const bool unitChanged = d.unitId != doc.unitId;
            const bool bodyChanged = d.bodyId != doc.bodyId;
            if (changes.notation)
                d.notation = *changes.notation;
            else if (!typeChanged && !unitChanged && !bodyChanged)
                d.notation = doc.notation;
            // The default holder of the archive copy follows the drafting unit.
            if (changes.archiveHolder)
                d.archiveHolder = *changes.archiveHolder;
            else if (!unitChanged || (doc.archiveHolder != defaultArchiveHolder(doc.unitName) &&
                                      doc.archiveHolder != defaultArchiveHolder({})))
                d.archiveHolder = doc.archiveHolder;
            QString book;
            if (auto r = normaliseDraft(db, actor, d, changes.dueDate.has_value(), &book, doc.bodyId); !r)
                return r;

            if (doc.reservedNumber > 0 && book != doc.bookId)
                return GOVDESK_ERROR(
                    "outgoing.reserved-book",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "Number %1 is reserved for this document in its book; cancel the "
                                      "reservation before changing its type, classification or issuing body"),
                    formatNumber(QString::number(doc.reservedNumber)));

            QStringList changed;
            auto note = [&](bool differs, const char *field) {
                if (differs)
                    changed << QLatin1String(field);
            };
            note(d.subject != doc.subject, "subject");
            note(d.typeAbbr != doc.typeAbbr, "type");
            note(d.notation != doc.notation, "notation");
            note(d.unitId != doc.unitId, "unit");
            note(d.secrecy != doc.secrecy, "secrecy");
            note(d.urgency != doc.urgency, "urgency");
            note(d.recipients != doc.recipients, "recipients");
            note(d.recipientCodes != doc.recipientCodes, "recipientCodes");
            note(d.signerName != doc.signerName, "signerName");
            note(d.signerPosition != doc.signerPosition, "signerPosition");
            note(d.authorityPrefix != doc.authorityPrefix, "authorityPrefix");
            note(d.copies != doc.copies, "copies");
            note(d.archiveHolder != doc.archiveHolder, "archiveHolder");
            note(d.dueDate != doc.dueDate, "dueDate");
            note(bodyChanged, "issuingBody");
            if (changed.isEmpty())
                return GOVDESK_ERROR(
                    "outgoing.no-change",
                    QT_TRANSLATE_NOOP("OutgoingService", "Nothing to change: the document already says so"));

            Sql u(db,
                  QStringLiteral(
                      "UPDATE outgoing_documents SET book_id = ?, notation = ?, type_abbr = ?, subject = ?, "
                      "unit_id = ?, secrecy = ?, urgency = ?, recipients = ?, recipient_codes = ?, "
                      "signer_name = ?, signer_position = ?, authority_prefix = ?, copies = ?, "
                      "archive_holder = ?, due_date = ?, body_id = ? WHERE id = ?"));
            u << book << d.notation << d.typeAbbr << d.subject << d.unitId << Vocabulary::key(d.secrecy)
              << Vocabulary::key(d.urgency) << d.recipients << d.recipientCodes.join(QLatin1Char(','))
              << d.signerName << d.signerPosition << d.authorityPrefix << d.copies << d.archiveHolder
              << textOrNull(d.dueDate.isValid() ? d.dueDate.toString(Qt::ISODate) : QString())
              << textOrNull(d.bodyId) << id;
            if (auto r = u.exec(); !r)
                return r;
            if (doc.reservedNumber > 0 && d.notation != doc.notation) {
                // The reserved number keeps pointing at the document under its new notation.
                Sql n(db, QStringLiteral("UPDATE outgoing_numbers SET notation = ? WHERE book_id = ? AND "
                                         "year = ? AND number = ? AND state = 'reserved'"));
                n << d.notation << doc.bookId << doc.reservedYear << doc.reservedNumber;
                if (auto r = n.exec(); !r)
                    return r;
            }
            return addHistory(db, id, actor.username, QStringLiteral("update"),
                              changed.join(QStringLiteral(", ")));
        });
}

// ---------------------------------------------------------------- drafting from a template

Result<OutgoingDocument> OutgoingService::draftFromTemplate(const User &actor, OutgoingDraft draft,
                                                            const QString &templateId)
{
    if (!actor.can(Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    OutgoingTemplates templates(m_db);
    auto tpl = templates.get(actor, templateId);
    if (!tpl)
        return tpl.error();
    if (!tpl->active)
        return GOVDESK_ERROR(
            "template.removed",
            QT_TRANSLATE_NOOP("OutgoingTemplates", "The template \"%1\" was removed and cannot be used"),
            tpl->name);
    // The conversion (LibreOffice) runs before the transaction: a slow or failed conversion holds no lock
    // and leaves nothing behind.
    auto pdf = templates.pdfOf(actor, tpl.value());
    if (!pdf)
        return pdf.error();
    draft.file = AttachmentSource{
        {}, QFileInfo(tpl->fileName).completeBaseName() + QStringLiteral(".pdf"), pdf.value()};
    return createDraft(actor, std::move(draft), tpl->typeAbbr, tpl->name);
}

// ---------------------------------------------------------------- Sổ gửi văn bản đi bưu điện

static const QString kPostEntity = QStringLiteral("outgoing_post_sending");
static const QString kLoanEntity = QStringLiteral("outgoing_archive_loan");

static Result<void> periodClause(const RegisterPeriod &period, const QString &column, QStringList &where,
                                 QVariantList &params)
{
    if (!period.isValid())
        return GOVDESK_ERROR(
            "outgoing.period",
            QT_TRANSLATE_NOOP("OutgoingService", "Give a year, or a first and a last date of the period"));
    const QDate from = period.year > 0 ? QDate(period.year, 1, 1) : period.from;
    const QDate to = period.year > 0 ? QDate(period.year, 12, 31) : period.to;
    where << column + QStringLiteral(" >= ?") << column + QStringLiteral(" <= ?");
    params << from.toString(Qt::ISODate) << to.toString(Qt::ISODate);
    return {};
}

static core::Error registerViewError()
{
    return GOVDESK_ERROR("permission.register-view",
                         QT_TRANSLATE_NOOP("OutgoingService",
                                           "Only the clerk, a leader or an administrator can read the book"));
}

Result<OutgoingDocument> OutgoingService::markSentByPost(const User &actor, const QString &id,
                                                         const PostDetails &post)
{
    if (!actor.can(Permission::IssueOutgoing))
        return issuePermissionError();
    const QDate today = QDate::currentDate();
    const QDate sentOn = post.sentOn.isValid() ? post.sentOn : today;
    if (sentOn > today)
        return GOVDESK_ERROR("outgoing.date-future",
                             QT_TRANSLATE_NOOP("OutgoingService", "The sending date %1 is in the future"),
                             shortDate(sentOn));
    if (post.envelopes < 1 || post.envelopes > 999)
        return GOVDESK_ERROR(
            "outgoing.envelopes",
            QT_TRANSLATE_NOOP("OutgoingService", "The number of envelopes must be between 1 and 999, not %1"),
            QString::number(post.envelopes));
    const QString note = post.note.simplified();
    return transition(
        actor, id, QStringLiteral("outgoing.send"),
        [&](QSqlDatabase &db, OutgoingDocument &doc) -> Result<void> {
            // A document already sent may go out again by post, to further recipients.
            if (doc.status != OutgoingStatus::Issued && doc.status != OutgoingStatus::Sent)
                return GOVDESK_ERROR("outgoing.state",
                                     QT_TRANSLATE_NOOP("OutgoingService",
                                                       "Only a numbered document can be sent (it is \"%1\")"),
                                     OutgoingVocabulary::displayName(doc.status));
            if (doc.issuedDate.isValid() && sentOn < doc.issuedDate)
                return GOVDESK_ERROR(
                    "outgoing.date-before-issue",
                    QT_TRANSLATE_NOOP("OutgoingService",
                                      "The document was issued on %1; it cannot have been sent on %2"),
                    shortDate(doc.issuedDate), shortDate(sentOn));
            PostSending s;
            s.id = core::newId();
            s.documentId = id;
            s.reference = doc.reference();
            s.issuedDate = doc.issuedDate;
            s.sentOn = sentOn;
            s.recipients =
                post.recipients.simplified().isEmpty() ? doc.recipients : post.recipients.simplified();
            s.envelopes = post.envelopes;
            s.note = note;
            s.recordedBy = actor.username;
            s.recordedAt = QDateTime::currentDateTimeUtc();
            Sql ins(db, QStringLiteral(
                            "INSERT INTO outgoing_post_sendings (id, document_id, sent_on, recipients, "
                            "envelopes, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
            ins << s.id << id << sentOn.toString(Qt::ISODate) << s.recipients << s.envelopes << s.note
                << actor.username << s.recordedAt.toString(Qt::ISODateWithMs);
            if (auto r = ins.exec(); !r)
                return r;
            if (doc.status == OutgoingStatus::Issued) {
                Sql u(db, QStringLiteral(
                              "UPDATE outgoing_documents SET status = ?, sent_channel = ?, sent_at = ? "
                              "WHERE id = ?"));
                u << OutgoingVocabulary::key(OutgoingStatus::Sent)
                  << OutgoingVocabulary::key(SendChannel::Post) << documentTimestamp() << id;
                if (auto r = u.exec(); !r)
                    return r;
            }
            if (auto a =
                    storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.post-sending"),
                                              kPostEntity, s.id, {}, s.toJson());
                !a)
                return a.error();
            QString what =
                QStringLiteral("%1 (%2)").arg(OutgoingVocabulary::key(SendChannel::Post)).arg(s.envelopes);
            if (!s.recipients.isEmpty())
                what += QStringLiteral(": ") + s.recipients;
            if (!note.isEmpty())
                what += QStringLiteral(" — ") + note;
            return addHistory(db, id, actor.username, QStringLiteral("send"), what);
        });
}

Result<QList<PostSending>> OutgoingService::postSendings(const User &actor, const RegisterPeriod &period)
{
    if (!actor.can(Permission::IssueOutgoing) && !actor.can(Permission::PrintRegisters))
        return registerViewError();
    QStringList where;
    QVariantList params;
    if (auto r = periodClause(period, QStringLiteral("s.sent_on"), where, params); !r)
        return r.error();
    if (const QString vis = visibilityClause(actor, params); !vis.isEmpty())
        where << vis;
    QSqlDatabase db = m_db.connection();
    Sql q(db,
          QStringLiteral("SELECT s.id, s.document_id, d.number, d.notation, d.issued_date, s.sent_on, "
                         "s.recipients, s.envelopes, s.note, s.recorded_by, s.recorded_at "
                         "FROM outgoing_post_sendings s JOIN outgoing_documents d ON d.id = s.document_id "
                         "WHERE ") +
              where.join(QStringLiteral(" AND ")) +
              QStringLiteral(" ORDER BY s.sent_on, s.recorded_at, s.id"));
    for (const QVariant &p : params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<PostSending> out;
    while (q.next()) {
        PostSending s;
        s.id = q.value(0).toString();
        s.documentId = q.value(1).toString();
        if (q.value(2).toInt() > 0)
            s.reference = formatReference(QString::number(q.value(2).toInt()), q.value(3).toString());
        s.issuedDate = QDate::fromString(q.value(4).toString(), Qt::ISODate);
        s.sentOn = QDate::fromString(q.value(5).toString(), Qt::ISODate);
        s.recipients = q.value(6).toString();
        s.envelopes = q.value(7).toInt();
        s.note = q.value(8).toString();
        s.recordedBy = q.value(9).toString();
        s.recordedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
        out << s;
    }
    return out;
}

// ---------------------------------------------------------------- Sổ sử dụng bản lưu

static const char *kLoanColumns =
    "SELECT l.id, l.document_id, d.number, d.notation, d.issued_date, t.name, d.subject, l.borrower_name, "
    "l.file_ref, l.permitted_by, l.note, l.lent_on, l.lent_by, l.returned_on, l.returned_by "
    "FROM outgoing_archive_loans l JOIN outgoing_documents d ON d.id = l.document_id "
    "JOIN document_types t ON t.abbr = d.type_abbr ";

static ArchiveLoan readLoan(Sql &q)
{
    ArchiveLoan l;
    l.id = q.value(0).toString();
    l.documentId = q.value(1).toString();
    if (q.value(2).toInt() > 0)
        l.reference = formatReference(QString::number(q.value(2).toInt()), q.value(3).toString());
    l.issuedDate = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    l.typeName = q.value(5).toString();
    l.subject = q.value(6).toString();
    l.borrowerName = q.value(7).toString();
    l.fileRef = q.value(8).toString();
    l.permittedBy = q.value(9).toString();
    l.note = q.value(10).toString();
    l.lentOn = QDate::fromString(q.value(11).toString(), Qt::ISODate);
    l.lentBy = q.value(12).toString();
    l.returnedOn = QDate::fromString(q.value(13).toString(), Qt::ISODate);
    l.returnedBy = q.value(14).toString();
    return l;
}

Result<ArchiveLoan> OutgoingService::loadLoan(QSqlDatabase &db, const QString &loanId)
{
    Sql q(db, QLatin1String(kLoanColumns) + QStringLiteral("WHERE l.id = ?"));
    q << loanId;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("outgoing.loan-unknown",
                             QT_TRANSLATE_NOOP("OutgoingService", "There is no use of an archive copy %1"),
                             loanId);
    return readLoan(q);
}

static core::Error archiveUsePermissionError()
{
    return GOVDESK_ERROR("permission.archive-use",
                         QT_TRANSLATE_NOOP("OutgoingService", "Only the clerk (văn thư) or an administrator "
                                                              "can record the use of archive copies"));
}

Result<ArchiveLoan> OutgoingService::lendArchiveCopy(const User &actor, const QString &id,
                                                     const QString &borrowerName, const QString &fileRef,
                                                     const QString &permittedBy, const QString &note)
{
    if (!actor.can(Permission::IssueOutgoing))
        return archiveUsePermissionError();
    const QString borrower = borrowerName.simplified();
    const QString permitted = permittedBy.simplified();
    if (borrower.isEmpty())
        return GOVDESK_ERROR("outgoing.borrower",
                             QT_TRANSLATE_NOOP("OutgoingService",
                                               "Give the full name of the person using the "
                                               "archive copy"));
    if (permitted.isEmpty())
        return GOVDESK_ERROR(
            "outgoing.permitted-by",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Give the name of the person who allowed the use of the archive "
                              "copy"));
    auto result = m_db.write<ArchiveLoan>([&](QSqlDatabase &db) -> Result<ArchiveLoan> {
        auto doc = load(db, id);
        if (!doc)
            return doc.error();
        if (auto v = checkVisible(actor, doc.value()); !v)
            return v.error();
        if (!doc->isNumbered())
            return GOVDESK_ERROR(
                "outgoing.archive-not-issued",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "Only an issued document has an archive copy to use (it is "
                                  "\"%1\")"),
                OutgoingVocabulary::displayName(doc->status));
        Sql out(db, QStringLiteral("SELECT borrower_name, lent_on FROM outgoing_archive_loans "
                                   "WHERE document_id = ? AND returned_on IS NULL"));
        out << id;
        if (auto r = out.exec(); !r)
            return r.error();
        if (out.next())
            return GOVDESK_ERROR(
                "outgoing.archive-out",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "The archive copy of %1 is with %2 since %3; record its return first"),
                doc->reference(), out.value(0).toString(),
                shortDate(QDate::fromString(out.value(1).toString(), Qt::ISODate)));
        const QString loanId = core::newId();
        Sql ins(db, QStringLiteral(
                        "INSERT INTO outgoing_archive_loans (id, document_id, borrower_name, file_ref, "
                        "permitted_by, note, lent_on, lent_by, lent_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        ins << loanId << id << borrower << fileRef.simplified() << permitted << note.simplified()
            << QDate::currentDate().toString(Qt::ISODate) << actor.username << documentTimestamp();
        if (auto r = ins.exec(); !r)
            return r.error();
        auto loan = loadLoan(db, loanId);
        if (!loan)
            return loan.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.archive-lend"),
                                               kLoanEntity, loanId, {}, loan->toJson());
            !a)
            return a.error();
        if (auto h = addHistory(db, id, actor.username, QStringLiteral("archive-lend"),
                                QStringLiteral("%1 (%2)").arg(borrower, permitted));
            !h)
            return h.error();
        return loan;
    });
    if (result)
        Q_EMIT documentChanged(id);
    return result;
}

Result<ArchiveLoan> OutgoingService::returnArchiveCopy(const User &actor, const QString &loanId,
                                                       const QDate &returnedOn)
{
    if (!actor.can(Permission::IssueOutgoing))
        return archiveUsePermissionError();
    const QDate today = QDate::currentDate();
    const QDate date = returnedOn.isValid() ? returnedOn : today;
    if (date > today)
        return GOVDESK_ERROR("outgoing.date-future",
                             QT_TRANSLATE_NOOP("OutgoingService", "The return date %1 is in the future"),
                             shortDate(date));
    auto result = m_db.write<ArchiveLoan>([&](QSqlDatabase &db) -> Result<ArchiveLoan> {
        auto before = loadLoan(db, loanId);
        if (!before)
            return before.error();
        auto doc = load(db, before->documentId);
        if (!doc)
            return doc.error();
        if (auto v = checkVisible(actor, doc.value()); !v)
            return v.error();
        if (before->isReturned())
            return GOVDESK_ERROR("outgoing.loan-returned",
                                 QT_TRANSLATE_NOOP("OutgoingService",
                                                   "The archive copy lent to %1 was already returned on %2"),
                                 before->borrowerName, shortDate(before->returnedOn));
        if (date < before->lentOn)
            return GOVDESK_ERROR(
                "outgoing.loan-date",
                QT_TRANSLATE_NOOP("OutgoingService",
                                  "The archive copy was lent on %1; it cannot be returned on %2"),
                shortDate(before->lentOn), shortDate(date));
        Sql u(db, QStringLiteral("UPDATE outgoing_archive_loans SET returned_on = ?, returned_by = ?, "
                                 "returned_at = ? WHERE id = ? AND returned_on IS NULL"));
        u << date.toString(Qt::ISODate) << actor.username << documentTimestamp() << loanId;
        if (auto r = u.exec(); !r)
            return r.error();
        if (u.rowsAffected() != 1)
            return GOVDESK_ERROR("outgoing.concurrent",
                                 QT_TRANSLATE_NOOP("OutgoingService", "Someone else changed this document "
                                                                      "meanwhile; reopen it and try again"));
        auto after = loadLoan(db, loanId);
        if (!after)
            return after.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.archive-return"),
                                               kLoanEntity, loanId, before->toJson(), after->toJson());
            !a)
            return a.error();
        if (auto h = addHistory(db, before->documentId, actor.username, QStringLiteral("archive-return"),
                                QStringLiteral("%1, %2").arg(before->borrowerName, shortDate(date)));
            !h)
            return h.error();
        return after;
    });
    if (result)
        Q_EMIT documentChanged(result->documentId);
    return result;
}

Result<QList<ArchiveLoan>> OutgoingService::archiveLoans(const User &actor, const RegisterPeriod &period)
{
    if (!actor.can(Permission::IssueOutgoing) && !actor.can(Permission::PrintRegisters))
        return registerViewError();
    QStringList where;
    QVariantList params;
    if (auto r = periodClause(period, QStringLiteral("l.lent_on"), where, params); !r)
        return r.error();
    if (const QString vis = visibilityClause(actor, params); !vis.isEmpty())
        where << vis;
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(kLoanColumns) + QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")) +
                  QStringLiteral(" ORDER BY l.lent_on, l.lent_at, l.id"));
    for (const QVariant &p : params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<ArchiveLoan> out;
    while (q.next())
        out << readLoan(q);
    return out;
}

// ---------------------------------------------------------------- advisory bodies issuing documents

static const QString kBodyEntity = QStringLiteral("issuing_body");

static IssuingBody readBody(Sql &q)
{
    IssuingBody b;
    b.id = q.value(0).toString();
    b.name = q.value(1).toString();
    b.abbr = q.value(2).toString();
    b.bookId = q.value(3).toString();
    b.active = q.value(4).toInt() != 0;
    return b;
}

static Result<IssuingBody> findBody(QSqlDatabase &db, const QString &idOrAbbr)
{
    Sql q(db, QStringLiteral("SELECT id, name, abbr, book_id, active FROM issuing_bodies "
                             "WHERE id = ? OR abbr = ?"));
    q << idOrAbbr.trimmed() << idOrAbbr.trimmed().toUpper();
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR(
            "outgoing.body",
            QT_TRANSLATE_NOOP("OutgoingService", "There is no advisory body %1 issuing documents"), idOrAbbr);
    return readBody(q);
}

static Result<void> checkBodyManager(const User &actor)
{
    if (actor.role != core::Role::Admin)
        return GOVDESK_ERROR(
            "permission.body",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Only an administrator can configure the advisory bodies issuing documents"));
    return {};
}

Result<IssuingBody> OutgoingService::addIssuingBody(const User &actor, const QString &name,
                                                    const QString &abbr)
{
    if (auto p = checkBodyManager(actor); !p)
        return p.error();
    const QString title = name.simplified();
    const QString code = abbr.trimmed().toUpper();
    if (title.isEmpty() || title.size() > 200)
        return GOVDESK_ERROR(
            "outgoing.body-name",
            QT_TRANSLATE_NOOP("OutgoingService", "Give the advisory body a name of at most %1 characters"),
            QStringLiteral("200"));
    if (!IssuingBody::isValidAbbreviation(code))
        return GOVDESK_ERROR(
            "outgoing.body-abbr",
            QT_TRANSLATE_NOOP("OutgoingService",
                              "Invalid abbreviation \"%1\": capital letters, Đ, digits and \"-\", at most 20 "
                              "characters, such as HĐTĐKT"),
            abbr);
    auto identity = m_accounts.identity();
    if (!identity)
        return identity.error();

    return m_db.write<IssuingBody>([&](QSqlDatabase &db) -> Result<IssuingBody> {
        Sql dup(db, QStringLiteral("SELECT name FROM issuing_bodies WHERE abbr = ?"));
        dup << code;
        if (auto r = dup.exec(); !r)
            return r.error();
        QString holder;
        if (dup.next())
            holder = dup.value(0).toString();
        else if (code == identity->orgAbbreviation.trimmed().toUpper())
            holder = identity->orgName;
        if (!holder.isEmpty())
            return GOVDESK_ERROR(
                "outgoing.body-duplicate",
                QT_TRANSLATE_NOOP("OutgoingService", "The abbreviation %1 is already used by %2"), code,
                holder);
        IssuingBody b;
        b.id = core::newId();
        b.name = title;
        b.abbr = code;
        b.bookId = IssuingBody::bookIdFor(b.id);
        // The name of the book is data written into the register, in the register's language.
        Sql book(db, QStringLiteral("INSERT INTO registry_books (id, kind, name, secret) "
                                    "VALUES (?, 'outgoing', ?, 0)"));
        book << b.bookId << QStringLiteral("Sổ đăng ký văn bản đi của %1").arg(title);
        if (auto r = book.exec(); !r)
            return r.error();
        Sql ins(db, QStringLiteral("INSERT INTO issuing_bodies (id, name, abbr, book_id, active, created_by, "
                                   "created_at) VALUES (?, ?, ?, ?, 1, ?, ?)"));
        ins << b.id << b.name << b.abbr << b.bookId << actor.username << documentTimestamp();
        if (auto r = ins.exec(); !r)
            return r.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.body-add"),
                                               kBodyEntity, b.id, {}, b.toJson());
            !a)
            return a.error();
        return b;
    });
}

Result<QList<IssuingBody>> OutgoingService::issuingBodies(bool includeInactive)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT id, name, abbr, book_id, active FROM issuing_bodies %1 ORDER BY abbr")
                  .arg(includeInactive ? QString() : QStringLiteral("WHERE active = 1")));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<IssuingBody> out;
    while (q.next())
        out << readBody(q);
    return out;
}

Result<IssuingBody> OutgoingService::issuingBody(const QString &idOrAbbr)
{
    QSqlDatabase db = m_db.connection();
    return findBody(db, idOrAbbr);
}

Result<IssuingBody> OutgoingService::deactivateIssuingBody(const User &actor, const QString &idOrAbbr)
{
    if (auto p = checkBodyManager(actor); !p)
        return p.error();
    return m_db.write<IssuingBody>([&](QSqlDatabase &db) -> Result<IssuingBody> {
        auto found = findBody(db, idOrAbbr);
        if (!found)
            return found.error();
        IssuingBody body = found.value();
        if (!body.active)
            return body;
        const QJsonObject before = body.toJson();
        Sql u(db, QStringLiteral("UPDATE issuing_bodies SET active = 0 WHERE id = ?"));
        u << body.id;
        if (auto r = u.exec(); !r)
            return r.error();
        body.active = false;
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.body-deactivate"),
                                               kBodyEntity, body.id, before, body.toJson());
            !a)
            return a.error();
        return body;
    });
}

} // namespace govdesk::documents
