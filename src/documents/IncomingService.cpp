#include "IncomingService.h"

#include "DocumentChange.h"
#include "IncomingSignatures.h"
#include "PdfText.h"
#include "RegistryCounter.h"

#include "core/Ids.h"
#include "core/TextFold.h"
#include "storage/AuditLog.h"
#include "storage/BlobStore.h"
#include "storage/FullTextIndex.h"

#include <QFileInfo>
#include <QMimeDatabase>
#include <QRegularExpression>

namespace govdesk::documents {

using core::Permission;
using core::Result;
using core::User;
using storage::Sql;

static const QString kSearchKind = QStringLiteral("incoming");

// The full-text entry of an incoming document: its register fields and the text of its main PDF (the first
// attached PDF, e.g. a scan made searchable by OCR), so a search finds it by what it says too.
static QString searchEntry(const IncomingDocument &doc, const QString &pdfText)
{
    return pdfText.isEmpty() ? doc.searchText() : doc.searchText() + QLatin1Char('\n') + pdfText;
}

static bool isPdfAttachment(const QString &fileName, const QByteArray &data)
{
    static const QMimeDatabase mimes;
    return mimes.mimeTypeForFileNameAndData(fileName, data).name() == QLatin1String("application/pdf");
}

// changeDocument re-indexes the register fields only; this puts the main PDF's text back.
static Result<void> indexPdfText(storage::Database &database, QSqlDatabase &db, const IncomingDocument &doc)
{
    for (const Attachment &a : doc.attachments) {
        if (a.mimeType != QLatin1String("application/pdf"))
            continue;
        auto data = database.blobs().get(a.sha256);
        const QString text = data ? pdfText(data.value()) : QString();
        if (text.isEmpty())
            return {};
        return storage::FullTextIndex::put(database, db, kSearchKind, doc.id, searchEntry(doc, text));
    }
    return {};
}

static QVariant dateOrNull(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

static QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

IncomingDraft draftFrom(const IncomingDocument &doc)
{
    IncomingDraft d;
    d.bookId = doc.bookId;
    d.arrivalDate = doc.arrivalDate;
    d.authorName = doc.authorName;
    d.authorCode = doc.authorCode;
    d.number = doc.number;
    d.notation = doc.notation;
    d.documentDate = doc.documentDate;
    d.typeAbbr = doc.typeAbbr;
    d.subject = doc.subject;
    d.urgency = doc.urgency;
    d.secrecy = doc.secrecy;
    d.pageCount = doc.pageCount;
    d.recipients = doc.recipients;
    d.signerName = doc.signerName;
    d.signerPosition = doc.signerPosition;
    d.deadline = doc.deadline;
    d.receiveMethod = doc.receiveMethod;
    d.notes = doc.notes;
    return d;
}

IncomingService::IncomingService(storage::Database &db, QObject *parent)
    : QObject(parent), m_db(db), m_accounts(db)
{}

QString IncomingService::duplicateKey(const QString &number, const QString &notation, const QString &author,
                                      int year)
{
    // "05" and "5" are the same number; notation and organ compare without case, spacing or diacritics.
    QString n = number.trimmed();
    while (n.size() > 1 && n.startsWith(QLatin1Char('0')))
        n.remove(0, 1);
    return QStringLiteral("%1|%2|%3|%4")
        .arg(year)
        .arg(n.toLower(), core::foldForSearch(notation), core::foldForSearch(author));
}

// ---------------------------------------------------------------- reading

static const char *kColumns =
    "SELECT d.id, d.book_id, b.name, d.year, d.arrival_number, d.arrival_date, d.author_name, d.author_code, "
    "d.number, d.notation, d.document_date, d.type_abbr, t.name, d.subject, d.urgency, d.secrecy, "
    "d.page_count, "
    "d.recipients, d.signer_name, d.signer_position, d.deadline, d.receive_method, d.notes, d.status, "
    "d.lead_user_id, d.lead_unit_id, d.handler_name, d.handed_over_at, d.reply_reference, d.completed_at, "
    "d.created_by, d.created_at, d.version "
    "FROM incoming_documents d JOIN registry_books b ON b.id = d.book_id "
    "JOIN document_types t ON t.abbr = d.type_abbr ";

static IncomingDocument readRow(Sql &q)
{
    IncomingDocument d;
    int i = 0;
    d.id = q.value(i++).toString();
    d.bookId = q.value(i++).toString();
    d.bookName = q.value(i++).toString();
    d.year = q.value(i++).toInt();
    d.arrivalNumber = q.value(i++).toInt();
    d.arrivalDate = QDate::fromString(q.value(i++).toString(), Qt::ISODate);
    d.authorName = q.value(i++).toString();
    d.authorCode = q.value(i++).toString();
    d.number = q.value(i++).toString();
    d.notation = q.value(i++).toString();
    d.documentDate = QDate::fromString(q.value(i++).toString(), Qt::ISODate);
    d.typeAbbr = q.value(i++).toString();
    d.typeName = q.value(i++).toString();
    d.subject = q.value(i++).toString();
    d.urgency = Vocabulary::urgencyFromKey(q.value(i++).toString()).value_or(Urgency::Normal);
    d.secrecy = Vocabulary::secrecyFromKey(q.value(i++).toString()).value_or(Secrecy::None);
    d.pageCount = q.value(i++).toInt();
    d.recipients = q.value(i++).toString();
    d.signerName = q.value(i++).toString();
    d.signerPosition = q.value(i++).toString();
    d.deadline = QDate::fromString(q.value(i++).toString(), Qt::ISODate);
    d.receiveMethod = q.value(i++).toString();
    d.notes = q.value(i++).toString();
    d.status = Vocabulary::statusFromKey(q.value(i++).toString()).value_or(IncomingStatus::Registered);
    const QString leadUser = q.value(i++).toString();
    const QString leadUnit = q.value(i++).toString();
    if (!leadUser.isEmpty() || !leadUnit.isEmpty()) {
        Assignment a;
        a.leadUserId = leadUser;
        a.leadUnitId = leadUnit;
        d.assignment = a;
    }
    d.handlerName = q.value(i++).toString();
    d.handedOverAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.replyReference = q.value(i++).toString();
    d.completedAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.createdBy = q.value(i++).toString();
    d.createdAt = QDateTime::fromString(q.value(i++).toString(), Qt::ISODateWithMs);
    d.version = q.value(i++).toInt();
    return d;
}

Result<IncomingDocument> IncomingService::load(QSqlDatabase &db, const QString &id)
{
    Sql q(db, QLatin1String(kColumns) + QStringLiteral("WHERE d.id = ?"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("incoming.unknown",
                             QT_TRANSLATE_NOOP("IncomingService", "There is no incoming document %1"), id);
    IncomingDocument d = readRow(q);
    Sql a(db, QStringLiteral(
                  "SELECT id, file_name, mime_type, sha256, size, signature_verdict, "
                  "signature_report FROM incoming_attachments WHERE document_id = ? ORDER BY sort_order"));
    a << id;
    if (auto r = a.exec(); !r)
        return r.error();
    while (a.next()) {
        Attachment att;
        att.id = a.value(0).toString();
        att.fileName = a.value(1).toString();
        att.mimeType = a.value(2).toString();
        att.sha256 = a.value(3).toString();
        att.size = a.value(4).toLongLong();
        att.signatureVerdict = a.value(5).toString();
        att.signatureReport = a.value(6).toString();
        d.attachments << att;
    }
    Sql s(db, QStringLiteral(
                  "SELECT lead_user_id, lead_unit_id, coop_unit_ids, deadline, opinion, assigned_by, "
                  "assigned_at FROM incoming_assignments WHERE document_id = ? ORDER BY assigned_at DESC"));
    s << id;
    if (auto r = s.exec(); !r)
        return r.error();
    if (s.next()) {
        Assignment as;
        as.leadUserId = s.value(0).toString();
        as.leadUnitId = s.value(1).toString();
        as.coopUnitIds = s.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        as.deadline = QDate::fromString(s.value(3).toString(), Qt::ISODate);
        as.opinion = s.value(4).toString();
        as.assignedBy = s.value(5).toString();
        as.assignedAt = QDateTime::fromString(s.value(6).toString(), Qt::ISODateWithMs);
        d.assignment = as;
    }
    return d;
}

// ---------------------------------------------------------------- permissions and visibility

Result<void> IncomingService::checkVisible(const User &actor, const IncomingDocument &doc)
{
    const bool mine =
        doc.assignment && (doc.assignment->leadUserId == actor.id ||
                           (!actor.unitId.isEmpty() && (doc.assignment->leadUnitId == actor.unitId ||
                                                        doc.assignment->coopUnitIds.contains(actor.unitId))));
    if (doc.isSecret() && !actor.can(Permission::ViewSecret) &&
        !(doc.assignment && doc.assignment->leadUserId == actor.id))
        return GOVDESK_ERROR(
            "permission.secret",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "This document is classified; only the clerk, the leaders and its handler may open it"));
    if (!actor.can(Permission::ViewAll) && !mine)
        return GOVDESK_ERROR(
            "permission.view",
            QT_TRANSLATE_NOOP("IncomingService", "This document has not been assigned to you or your unit"));
    return {};
}

QString IncomingService::visibilityClause(const User &actor, QVariantList &params) const
{
    QStringList parts;
    if (!actor.can(Permission::ViewAll)) {
        // A user without a unit sees only what names them: an empty unit id would match every assignment
        // without cooperating units (",," LIKE "%,,%").
        if (actor.unitId.isEmpty()) {
            parts << QStringLiteral("d.lead_user_id = ?");
            params << actor.id;
        } else {
            parts << QStringLiteral(
                "(d.lead_user_id = ? OR d.lead_unit_id = ? OR EXISTS (SELECT 1 FROM incoming_assignments a "
                "WHERE a.document_id = d.id AND (',' || a.coop_unit_ids || ',') LIKE ?))");
            params << actor.id << actor.unitId << QStringLiteral("%,") + actor.unitId + QStringLiteral(",%");
        }
    }
    if (!actor.can(Permission::ViewSecret)) {
        parts << QStringLiteral("(d.secrecy = '' OR d.lead_user_id = ?)");
        params << actor.id;
    }
    return parts.join(QStringLiteral(" AND "));
}

Result<void> IncomingService::checkHandler(const User &actor, const IncomingDocument &doc)
{
    if (!actor.can(Permission::HandleAssigned))
        return GOVDESK_ERROR("permission.handle",
                             QT_TRANSLATE_NOOP("IncomingService", "Your role cannot handle documents"));
    if (actor.role == core::Role::Leader || actor.role == core::Role::Admin)
        return {};
    const bool mine =
        doc.assignment && (doc.assignment->leadUserId == actor.id ||
                           (!actor.unitId.isEmpty() && doc.assignment->leadUnitId == actor.unitId));
    if (!mine)
        return GOVDESK_ERROR(
            "permission.handle",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "Only the person or unit assigned to lead this document can record its handling"));
    return {};
}

// ---------------------------------------------------------------- validation

Result<void> IncomingService::validate(IncomingDraft &d, QSqlDatabase &db)
{
    d.authorName = d.authorName.simplified();
    d.subject = d.subject.simplified();
    d.number = d.number.trimmed();
    d.notation = d.notation.trimmed().remove(QLatin1Char(' '));
    d.typeAbbr = d.typeAbbr.trimmed();
    if (!d.arrivalDate.isValid())
        d.arrivalDate = QDate::currentDate();

    if (d.authorName.isEmpty())
        return GOVDESK_ERROR(
            "incoming.author",
            QT_TRANSLATE_NOOP("IncomingService", "The issuing organisation (author) is required"));
    if (d.authorName.size() > 200)
        return GOVDESK_ERROR(
            "incoming.author",
            QT_TRANSLATE_NOOP("IncomingService",
                              "The issuing organisation's name is longer than %1 characters"),
            QStringLiteral("200"));
    if (d.subject.isEmpty())
        return GOVDESK_ERROR("incoming.subject",
                             QT_TRANSLATE_NOOP("IncomingService", "The summary (trích yếu) is required"));
    if (d.subject.size() > 500)
        return GOVDESK_ERROR("incoming.subject",
                             QT_TRANSLATE_NOOP("IncomingService", "The summary is longer than %1 characters"),
                             QStringLiteral("500"));
    if (d.number.size() > 11)
        return GOVDESK_ERROR(
            "incoming.number",
            QT_TRANSLATE_NOOP("IncomingService", "The document number is longer than %1 characters"),
            QStringLiteral("11"));
    if (!d.number.isEmpty() &&
        !QRegularExpression(QStringLiteral("^[0-9A-Za-z.]+$")).match(d.number).hasMatch())
        return GOVDESK_ERROR(
            "incoming.number",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "Invalid document number \"%1\": digits (and letters) only, without the notation"),
            d.number);
    if (d.notation.size() > 30)
        return GOVDESK_ERROR(
            "incoming.notation",
            QT_TRANSLATE_NOOP("IncomingService", "The notation is longer than %1 characters"),
            QStringLiteral("30"));
    if (d.notation.contains(QLatin1Char('/')) && d.number.isEmpty()) {
        // "15/QĐ-UBND" typed into the notation field: split it.
        const int slash = d.notation.indexOf(QLatin1Char('/'));
        d.number = d.notation.left(slash);
        d.notation = d.notation.mid(slash + 1);
    }
    if (d.arrivalDate > QDate::currentDate())
        return GOVDESK_ERROR("incoming.arrival-future",
                             QT_TRANSLATE_NOOP("IncomingService", "The arrival date %1 is in the future"),
                             d.arrivalDate.toString(QStringLiteral("dd/MM/yyyy")));
    if (d.documentDate.isValid() && d.documentDate > d.arrivalDate)
        return GOVDESK_ERROR(
            "incoming.date-order",
            QT_TRANSLATE_NOOP("IncomingService", "The document is dated %1, after its arrival date %2"),
            d.documentDate.toString(QStringLiteral("dd/MM/yyyy")),
            d.arrivalDate.toString(QStringLiteral("dd/MM/yyyy")));
    if (d.deadline.isValid() && d.deadline < d.arrivalDate)
        return GOVDESK_ERROR(
            "incoming.deadline",
            QT_TRANSLATE_NOOP("IncomingService", "The handling deadline %1 is before the arrival date"),
            d.deadline.toString(QStringLiteral("dd/MM/yyyy")));
    if (d.pageCount < 0 || d.pageCount > 9999)
        return GOVDESK_ERROR(
            "incoming.pages",
            QT_TRANSLATE_NOOP("IncomingService", "The page count must be between 0 and 9999"));
    if (d.receiveMethod != QLatin1String("paper") && d.receiveMethod != QLatin1String("electronic"))
        return GOVDESK_ERROR(
            "incoming.method",
            QT_TRANSLATE_NOOP("IncomingService", "The way of receipt must be \"paper\" or \"electronic\""));

    Sql t(db, QStringLiteral("SELECT abbr FROM document_types WHERE abbr = ? AND active = 1"));
    t << d.typeAbbr;
    if (auto r = t.exec(); !r)
        return r;
    if (!t.next()) {
        // Accept the type's name or a case variant of its abbreviation ("qd", "Quyết định").
        Sql all(db, QStringLiteral("SELECT abbr, name FROM document_types WHERE active = 1"));
        if (auto r = all.exec(); !r)
            return r;
        QString found;
        const QString key = core::foldForSearch(d.typeAbbr);
        while (all.next())
            if (core::foldForSearch(all.value(0).toString()) == key ||
                core::foldForSearch(all.value(1).toString()) == key)
                found = all.value(0).toString();
        if (found.isEmpty())
            return GOVDESK_ERROR("incoming.type",
                                 QT_TRANSLATE_NOOP("IncomingService", "Unknown document type \"%1\""),
                                 d.typeAbbr);
        d.typeAbbr = found;
    }
    if (d.bookId.isEmpty())
        d.bookId =
            d.secrecy == Secrecy::None ? QStringLiteral("incoming") : QStringLiteral("incoming-secret");
    Sql b(db, QStringLiteral(
                  "SELECT secret FROM registry_books WHERE id = ? AND kind = 'incoming' AND active = 1"));
    b << d.bookId;
    if (auto r = b.exec(); !r)
        return r;
    if (!b.next())
        return GOVDESK_ERROR("incoming.book",
                             QT_TRANSLATE_NOOP("IncomingService", "Unknown incoming registry book \"%1\""),
                             d.bookId);
    if (b.value(0).toInt() == 0 && d.secrecy != Secrecy::None)
        return GOVDESK_ERROR(
            "incoming.book-secret",
            QT_TRANSLATE_NOOP("IncomingService",
                              "A classified document must be registered in a book for classified documents"));
    return {};
}

// ---------------------------------------------------------------- numbering and duplicates

Result<int> IncomingService::nextArrivalNumber(const QString &bookId, int year)
{
    QSqlDatabase db = m_db.connection();
    return nextRegistryNumber(db, bookId.isEmpty() ? QStringLiteral("incoming") : bookId, year);
}

Result<QList<DuplicateHit>> IncomingService::findDuplicates(const QString &number, const QString &notation,
                                                            const QString &author, int year,
                                                            const QString &excludeId)
{
    QList<DuplicateHit> out;
    if (number.trimmed().isEmpty() && notation.trimmed().isEmpty())
        return out;
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral(
                  "SELECT id, year, arrival_number, arrival_date, number, notation, author_name "
                  "FROM incoming_documents WHERE duplicate_key = ? AND id <> ? ORDER BY arrival_date"));
    q << duplicateKey(number, notation, author, year) << excludeId;
    if (auto r = q.exec(); !r)
        return r.error();
    while (q.next()) {
        DuplicateHit h;
        h.id = q.value(0).toString();
        h.year = q.value(1).toInt();
        h.arrivalNumber = q.value(2).toInt();
        h.arrivalDate = QDate::fromString(q.value(3).toString(), Qt::ISODate);
        h.reference = formatReference(q.value(4).toString(), q.value(5).toString());
        h.authorName = q.value(6).toString();
        out << h;
    }
    return out;
}

// ---------------------------------------------------------------- writing

Result<IncomingDocument> IncomingService::registerDocument(const User &actor, IncomingDraft draft)
{
    if (!actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR(
            "permission.register",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "Only the clerk (văn thư) or an administrator can register documents into the book"));
    return insert(actor, std::move(draft), true);
}

Result<IncomingDocument> IncomingService::receive(const User &actor, IncomingDraft draft,
                                                  const AlsoWrite &also)
{
    if (!actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR(
            "permission.register",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "Only the clerk (văn thư) or an administrator can register documents into the book"));
    return insert(actor, std::move(draft), false, also);
}

Result<IncomingDocument> IncomingService::insert(const User &actor, IncomingDraft draft, bool intoBook,
                                                 const AlsoWrite &also)
{
    // Read attachment files before the transaction: a missing file fails fast and holds no lock.
    struct Loaded
    {
        QString fileName;
        QByteArray data;
        SignatureCheck signatures;
    };
    QList<Loaded> files;
    for (const AttachmentSource &src : draft.attachments) {
        Loaded l;
        if (!src.path.isEmpty()) {
            QFile f(src.path);
            if (!f.open(QIODevice::ReadOnly))
                return GOVDESK_ERROR("incoming.attachment",
                                     QT_TRANSLATE_NOOP("IncomingService", "Cannot read the file %1: %2"),
                                     src.path, f.errorString());
            if (f.size() > storage::BlobStore::MaxBlobSize)
                return GOVDESK_ERROR("incoming.attachment-size",
                                     QT_TRANSLATE_NOOP("IncomingService", "The file %1 is too large"),
                                     src.path);
            l.data = f.readAll();
            l.fileName = src.fileName.isEmpty() ? QFileInfo(src.path).fileName() : src.fileName;
        } else {
            l.data = src.data;
            l.fileName = src.fileName;
        }
        // No paths or control characters in stored names.
        l.fileName = QFileInfo(l.fileName).fileName();
        l.fileName.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
        if (l.fileName.isEmpty())
            l.fileName = QStringLiteral("attachment");
        // Every incoming document's signatures are verified before it is processed (NĐ 68/2024, S-DT Đ.8).
        l.signatures = checkSignatures(l.data);
        files << l;
    }
    QString mainPdfText;
    for (const Loaded &f : files)
        if (isPdfAttachment(f.fileName, f.data)) {
            mainPdfText = pdfText(f.data);
            break;
        }

    auto result = m_db.write<IncomingDocument>([&](QSqlDatabase &db) -> Result<IncomingDocument> {
        IncomingDraft d = draft;
        if (auto v = validate(d, db); !v)
            return v.error();
        // Resolve an organisation given by code/abbreviation to its name and code.
        if (d.authorCode.isEmpty()) {
            if (auto unit = m_accounts.findUnit(d.authorName); unit && !unit->code.isEmpty()) {
                d.authorCode = unit->code;
                d.authorName = unit->name;
            }
        }
        const int docYear = d.documentDate.isValid() ? d.documentDate.year() : d.arrivalDate.year();
        const QString dupKey = duplicateKey(d.number, d.notation, d.authorName, docYear);
        if (!d.allowDuplicate && (!d.number.isEmpty() || !d.notation.isEmpty())) {
            Sql dup(db, QStringLiteral("SELECT year, arrival_number, arrival_date FROM incoming_documents "
                                       "WHERE duplicate_key = ? ORDER BY arrival_date LIMIT 1"));
            dup << dupKey;
            if (auto r = dup.exec(); !r)
                return r.error();
            if (dup.next())
                return GOVDESK_ERROR(
                    "incoming.duplicate",
                    QT_TRANSLATE_NOOP(
                        "IncomingService",
                        "Possible duplicate: %1 of %2 was already registered as arrival number %3 on %4. "
                        "Register it again only if it really is a second document"),
                    formatReference(d.number, d.notation), d.authorName,
                    QString::number(dup.value(1).toInt()),
                    QDate::fromString(dup.value(2).toString(), Qt::ISODate)
                        .toString(QStringLiteral("dd/MM/yyyy")));
        }
        const int year = d.arrivalDate.year();
        QVariant arrival(QMetaType(QMetaType::Int));
        if (intoBook) {
            auto n = takeRegistryNumber(db, d.bookId, year);
            if (!n)
                return n.error();
            arrival = n.value();
        }
        const QString id = core::newId();
        const QString now = documentTimestamp();
        const IncomingStatus status = intoBook ? IncomingStatus::Registered : IncomingStatus::New;
        Sql ins(
            db,
            QStringLiteral(
                "INSERT INTO incoming_documents (id, book_id, year, arrival_number, arrival_date, "
                "author_name, "
                "author_code, number, notation, document_date, type_abbr, subject, urgency, secrecy, "
                "page_count, recipients, signer_name, signer_position, deadline, receive_method, notes, "
                "status, duplicate_key, created_by, created_at, updated_at, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"));
        ins << id << d.bookId << year << arrival << d.arrivalDate.toString(Qt::ISODate) << d.authorName
            << d.authorCode << d.number << d.notation << dateOrNull(d.documentDate) << d.typeAbbr << d.subject
            << Vocabulary::key(d.urgency) << Vocabulary::key(d.secrecy) << d.pageCount << d.recipients
            << d.signerName << d.signerPosition << dateOrNull(d.deadline) << d.receiveMethod << d.notes
            << Vocabulary::key(status) << dupKey << actor.username << now << now;
        if (auto r = ins.exec(); !r)
            return r.error();
        static const QMimeDatabase mimes;
        int order = 0;
        for (const Loaded &f : files) {
            auto sha = m_db.blobs().put(db, f.data);
            if (!sha)
                return sha.error();
            Sql a(db, QStringLiteral(
                          "INSERT INTO incoming_attachments (id, document_id, sha256, file_name, mime_type, "
                          "size, sort_order, signature_verdict, signature_report) VALUES (?, ?, ?, ?, ?, ?, "
                          "?, ?, ?)"));
            a << core::newId() << id << sha.value() << f.fileName
              << mimes.mimeTypeForFileNameAndData(f.fileName, f.data).name() << qint64(f.data.size())
              << order++ << f.signatures.verdict << f.signatures.report;
            if (auto r = a.exec(); !r)
                return r.error();
        }
        Sql h(db, QStringLiteral("INSERT INTO incoming_history (id, document_id, at, username, kind, note) "
                                 "VALUES (?, ?, ?, ?, ?, '')"));
        h << core::newId() << id << now << actor.username
          << (intoBook ? QStringLiteral("register") : QStringLiteral("receive"));
        if (auto r = h.exec(); !r)
            return r.error();
        auto doc = load(db, id);
        if (!doc)
            return doc.error();
        if (auto r =
                storage::FullTextIndex::put(m_db, db, kSearchKind, id, searchEntry(doc.value(), mainPdfText));
            !r)
            return r.error();
        if (auto a = storage::AuditLog::append(db, actor.username,
                                               intoBook ? QStringLiteral("incoming.register")
                                                        : QStringLiteral("incoming.receive"),
                                               QStringLiteral("incoming_document"), id, {}, doc->toJson());
            !a)
            return a.error();
        if (also)
            if (auto r = also(db, doc.value()); !r)
                return r.error();
        return doc;
    });
    if (result)
        Q_EMIT documentChanged(result->id);
    return result;
}

Result<IncomingDocument>
IncomingService::transition(const User &actor, const QString &id, const QString &action,
                            const std::function<Result<void>(QSqlDatabase &, IncomingDocument &)> &change)
{
    auto result = m_db.write<IncomingDocument>(
        [&](QSqlDatabase &db) { return this->change(db, actor, id, action, change, true); });
    if (result)
        Q_EMIT documentChanged(id);
    return result;
}

Result<IncomingDocument>
IncomingService::change(QSqlDatabase &db, const User &actor, const QString &id, const QString &action,
                        const std::function<Result<void>(QSqlDatabase &, IncomingDocument &)> &change,
                        bool checkVisibility)
{
    const DocumentTable table{
        QStringLiteral("incoming_documents"), QStringLiteral("incoming_document"), kSearchKind,
        GOVDESK_ERROR("incoming.concurrent",
                      QT_TRANSLATE_NOOP("IncomingService", "Someone else changed this document "
                                                           "meanwhile; reopen it and try again"))};
    auto after = changeDocument<IncomingDocument>(
        m_db, db, actor, table, id, action, [this](QSqlDatabase &d, const QString &i) { return load(d, i); },
        [this, checkVisibility](const User &a, const IncomingDocument &doc) {
            return checkVisibility ? checkVisible(a, doc) : Result<void>();
        },
        change);
    if (!after)
        return after;
    if (auto r = indexPdfText(m_db, db, after.value()); !r)
        return r.error();
    return after;
}

static Result<void> addHistory(QSqlDatabase &db, const QString &docId, const QString &user,
                               const QString &kind, const QString &note)
{
    Sql h(db, QStringLiteral("INSERT INTO incoming_history (id, document_id, at, username, kind, note) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    h << core::newId() << docId << documentTimestamp() << user << kind << note;
    return h.exec();
}

Result<IncomingDocument> IncomingService::update(const User &actor, const QString &id, IncomingDraft changes,
                                                 int expectedVersion)
{
    if (!actor.can(Permission::EditRegistered))
        return GOVDESK_ERROR(
            "permission.edit",
            QT_TRANSLATE_NOOP("IncomingService",
                              "Only the clerk (văn thư) or an administrator can change a registered entry"));
    return transition(
        actor, id, QStringLiteral("incoming.update"),
        [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
            if (doc.version != expectedVersion)
                return GOVDESK_ERROR(
                    "incoming.concurrent",
                    QT_TRANSLATE_NOOP("IncomingService",
                                      "Someone else changed this document meanwhile; reopen it and try "
                                      "again"));
            changes.bookId = doc.bookId;
            if (!changes.arrivalDate.isValid())
                changes.arrivalDate = doc.arrivalDate;
            if (changes.arrivalDate.year() != doc.year)
                return GOVDESK_ERROR(
                    "incoming.year",
                    QT_TRANSLATE_NOOP("IncomingService",
                                      "The arrival date cannot move the entry to another year's book"));
            if (auto v = validate(changes, db); !v)
                return v;
            const int docYear =
                changes.documentDate.isValid() ? changes.documentDate.year() : changes.arrivalDate.year();
            Sql u(db, QStringLiteral(
                          "UPDATE incoming_documents SET arrival_date = ?, author_name = ?, "
                          "author_code = ?, number = ?, notation = ?, document_date = ?, type_abbr = ?, "
                          "subject = ?, urgency = ?, secrecy = ?, page_count = ?, recipients = ?, "
                          "signer_name = ?, signer_position = ?, deadline = ?, receive_method = ?, "
                          "notes = ?, duplicate_key = ? WHERE id = ?"));
            u << changes.arrivalDate.toString(Qt::ISODate) << changes.authorName << changes.authorCode
              << changes.number << changes.notation << dateOrNull(changes.documentDate) << changes.typeAbbr
              << changes.subject << Vocabulary::key(changes.urgency) << Vocabulary::key(changes.secrecy)
              << changes.pageCount << changes.recipients << changes.signerName << changes.signerPosition
              << dateOrNull(changes.deadline) << changes.receiveMethod << changes.notes
              << duplicateKey(changes.number, changes.notation, changes.authorName, docYear) << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("update"), {});
        });
}

Result<IncomingDocument> IncomingService::registerArrived(const User &actor, const QString &id)
{
    if (!actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR(
            "permission.register",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "Only the clerk (văn thư) or an administrator can register documents into the book"));
    return transition(actor, id, QStringLiteral("incoming.register"),
                      [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
                          if (doc.status != IncomingStatus::New)
                              return GOVDESK_ERROR("incoming.state",
                                                   QT_TRANSLATE_NOOP("IncomingService",
                                                                     "This document is already registered"));
                          const QDate today = QDate::currentDate();
                          auto n = takeRegistryNumber(db, doc.bookId, today.year());
                          if (!n)
                              return n.error();
                          Sql u(db,
                                QStringLiteral("UPDATE incoming_documents SET arrival_number = ?, year = ?, "
                                               "arrival_date = ?, status = ? WHERE id = ?"));
                          u << n.value() << today.year() << today.toString(Qt::ISODate)
                            << Vocabulary::key(IncomingStatus::Registered) << id;
                          if (auto r = u.exec(); !r)
                              return r;
                          return addHistory(db, id, actor.username, QStringLiteral("register"), {});
                      });
}

Result<IncomingDocument> IncomingService::assign(const User &actor, const QString &id, Assignment a)
{
    if (!actor.can(Permission::AssignIncoming))
        return GOVDESK_ERROR(
            "permission.assign",
            QT_TRANSLATE_NOOP("IncomingService", "Only a leader can assign documents for handling"));
    return transition(
        actor, id, QStringLiteral("incoming.assign"),
        [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
            if (doc.status == IncomingStatus::New)
                return GOVDESK_ERROR(
                    "incoming.state",
                    QT_TRANSLATE_NOOP("IncomingService",
                                      "Register the document into the book before assigning it"));
            if (doc.isClosed())
                return GOVDESK_ERROR(
                    "incoming.state",
                    QT_TRANSLATE_NOOP("IncomingService", "This document is already closed (%1)"),
                    Vocabulary::displayName(doc.status));
            QString handler;
            if (!a.leadUserId.isEmpty()) {
                auto u = m_accounts.userById(a.leadUserId);
                if (!u)
                    return u.error();
                if (!u->active)
                    return GOVDESK_ERROR("incoming.assignee",
                                         QT_TRANSLATE_NOOP("IncomingService", "The account %1 is disabled"),
                                         u->username);
                if (doc.isSecret() && !core::Roles::can(u->role, Permission::HandleAssigned))
                    return GOVDESK_ERROR("incoming.assignee",
                                         QT_TRANSLATE_NOOP("IncomingService", "%1 cannot handle documents"),
                                         u->fullName);
                handler = u->fullName;
                if (a.leadUnitId.isEmpty())
                    a.leadUnitId = u->unitId;
            }
            if (!a.leadUnitId.isEmpty()) {
                auto unit = m_accounts.unitById(a.leadUnitId);
                if (!unit)
                    return unit.error();
                if (handler.isEmpty())
                    handler = unit->name;
            }
            if (handler.isEmpty())
                return GOVDESK_ERROR(
                    "incoming.assignee",
                    QT_TRANSLATE_NOOP("IncomingService", "Name the person or unit who leads the handling"));
            for (const QString &coop : a.coopUnitIds)
                if (auto unit = m_accounts.unitById(coop); !unit)
                    return unit.error();
            if (a.deadline.isValid() && a.deadline < doc.arrivalDate)
                return GOVDESK_ERROR("incoming.deadline",
                                     QT_TRANSLATE_NOOP("IncomingService",
                                                       "The handling deadline %1 is before the arrival date"),
                                     a.deadline.toString(QStringLiteral("dd/MM/yyyy")));
            const QString now = documentTimestamp();
            Sql ins(db, QStringLiteral("INSERT INTO incoming_assignments (id, document_id, lead_user_id, "
                                       "lead_unit_id, coop_unit_ids, deadline, opinion, assigned_by, "
                                       "assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            ins << core::newId() << id << textOrNull(a.leadUserId) << textOrNull(a.leadUnitId)
                << a.coopUnitIds.join(QLatin1Char(',')) << dateOrNull(a.deadline) << a.opinion
                << actor.username << now;
            if (auto r = ins.exec(); !r)
                return r;
            Sql u(db, QStringLiteral("UPDATE incoming_documents SET status = ?, lead_user_id = ?, "
                                     "lead_unit_id = ?, handler_name = ?, handed_over_at = ?, "
                                     "deadline = COALESCE(?, deadline) WHERE id = ?"));
            u << Vocabulary::key(IncomingStatus::Assigned) << textOrNull(a.leadUserId)
              << textOrNull(a.leadUnitId) << handler << now << dateOrNull(a.deadline) << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("assign"),
                              a.opinion.isEmpty() ? handler : handler + QStringLiteral(": ") + a.opinion);
        });
}

Result<IncomingDocument> IncomingService::recordProgress(const User &actor, const QString &id,
                                                         const QString &note)
{
    return transition(
        actor, id, QStringLiteral("incoming.progress"),
        [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
            if (auto p = checkHandler(actor, doc); !p)
                return p;
            if (doc.status != IncomingStatus::Assigned && doc.status != IncomingStatus::InProgress)
                return GOVDESK_ERROR(
                    "incoming.state",
                    QT_TRANSLATE_NOOP("IncomingService",
                                      "Progress can only be recorded on an assigned document"));
            if (note.trimmed().isEmpty())
                return GOVDESK_ERROR("incoming.note",
                                     QT_TRANSLATE_NOOP("IncomingService", "Describe the progress made"));
            Sql u(db, QStringLiteral("UPDATE incoming_documents SET status = ? WHERE id = ?"));
            u << Vocabulary::key(IncomingStatus::InProgress) << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("progress"), note.trimmed());
        });
}

Result<IncomingDocument> IncomingService::complete(const User &actor, const QString &id, const QString &reply,
                                                   const QString &note)
{
    return transition(
        actor, id, QStringLiteral("incoming.complete"),
        [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
            if (auto p = checkHandler(actor, doc); !p)
                return p;
            if (doc.status != IncomingStatus::Assigned && doc.status != IncomingStatus::InProgress)
                return GOVDESK_ERROR(
                    "incoming.state",
                    QT_TRANSLATE_NOOP("IncomingService",
                                      "Only an assigned document can be completed (it is %1)"),
                    Vocabulary::displayName(doc.status));
            Sql u(db, QStringLiteral("UPDATE incoming_documents SET status = ?, reply_reference = ?, "
                                     "completed_at = ? WHERE id = ?"));
            u << Vocabulary::key(IncomingStatus::Completed) << reply.trimmed() << documentTimestamp() << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("complete"),
                              QStringList{reply.trimmed(), note.trimmed()}.join(QLatin1Char(' ')).trimmed());
        });
}

Result<bool> IncomingService::closeByReply(QSqlDatabase &db, const User &actor, const QString &id,
                                           const QString &replyReference)
{
    bool closed = false;
    // The reply is issued by the clerk, who may not see a classified request: whether the reply may be
    // issued is the outgoing service's rule.
    auto r = change(
        db, actor, id, QStringLiteral("incoming.complete"),
        [&](QSqlDatabase &d, IncomingDocument &doc) -> Result<void> {
            if (doc.status != IncomingStatus::Assigned && doc.status != IncomingStatus::InProgress)
                return {};
            Sql u(d, QStringLiteral("UPDATE incoming_documents SET status = ?, reply_reference = ?, "
                                    "completed_at = ? WHERE id = ?"));
            u << Vocabulary::key(IncomingStatus::Completed) << replyReference << documentTimestamp() << id;
            if (auto e = u.exec(); !e)
                return e;
            closed = true;
            return addHistory(d, id, actor.username, QStringLiteral("complete"), replyReference);
        },
        false);
    if (!r)
        return r.error();
    return closed;
}

Result<IncomingDocument> IncomingService::returnToSender(const User &actor, const QString &id,
                                                         const QString &reason)
{
    if (!actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR(
            "permission.return",
            QT_TRANSLATE_NOOP("IncomingService",
                              "Only the clerk (văn thư) can return a wrongly sent document"));
    return transition(
        actor, id, QStringLiteral("incoming.return"),
        [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
            if (reason.trimmed().isEmpty())
                return GOVDESK_ERROR(
                    "incoming.reason",
                    QT_TRANSLATE_NOOP("IncomingService", "Give the reason for returning the document"));
            if (doc.isClosed())
                return GOVDESK_ERROR(
                    "incoming.state",
                    QT_TRANSLATE_NOOP("IncomingService", "This document is already closed (%1)"),
                    Vocabulary::displayName(doc.status));
            Sql u(db, QStringLiteral("UPDATE incoming_documents SET status = ? WHERE id = ?"));
            u << Vocabulary::key(IncomingStatus::Returned) << id;
            if (auto r = u.exec(); !r)
                return r;
            return addHistory(db, id, actor.username, QStringLiteral("return"), reason.trimmed());
        });
}

Result<IncomingDocument> IncomingService::withdraw(const User &actor, const QString &id,
                                                   const QString &reason)
{
    if (!actor.can(Permission::RegisterIncoming))
        return GOVDESK_ERROR("permission.withdraw",
                             QT_TRANSLATE_NOOP("IncomingService",
                                               "Only the clerk (văn thư) can accept a recall by the sender"));
    return transition(actor, id, QStringLiteral("incoming.withdraw"),
                      [&](QSqlDatabase &db, IncomingDocument &doc) -> Result<void> {
                          if (doc.status == IncomingStatus::Withdrawn)
                              return GOVDESK_ERROR("incoming.state",
                                                   QT_TRANSLATE_NOOP("IncomingService",
                                                                     "This document is already closed (%1)"),
                                                   Vocabulary::displayName(doc.status));
                          Sql u(db, QStringLiteral("UPDATE incoming_documents SET status = ? WHERE id = ?"));
                          u << Vocabulary::key(IncomingStatus::Withdrawn) << id;
                          if (auto r = u.exec(); !r)
                              return r;
                          return addHistory(db, id, actor.username, QStringLiteral("withdraw"),
                                            reason.trimmed());
                      });
}

// ---------------------------------------------------------------- queries

Result<IncomingDocument> IncomingService::get(const User &actor, const QString &id)
{
    QSqlDatabase db = m_db.connection();
    auto doc = load(db, id);
    if (!doc)
        return doc;
    if (auto v = checkVisible(actor, doc.value()); !v)
        return v.error();
    return doc;
}

QString IncomingService::whereClause(const User &actor, const IncomingFilter &f, QVariantList &params) const
{
    QStringList w;
    if (f.year > 0) {
        w << QStringLiteral("d.year = ?");
        params << f.year;
    }
    if (f.from.isValid()) {
        w << QStringLiteral("d.arrival_date >= ?");
        params << f.from.toString(Qt::ISODate);
    }
    if (f.to.isValid()) {
        w << QStringLiteral("d.arrival_date <= ?");
        params << f.to.toString(Qt::ISODate);
    }
    if (!f.bookId.isEmpty()) {
        w << QStringLiteral("d.book_id = ?");
        params << f.bookId;
    }
    if (!f.statuses.isEmpty()) {
        QStringList marks;
        for (IncomingStatus s : f.statuses) {
            marks << QStringLiteral("?");
            params << Vocabulary::key(s);
        }
        w << QStringLiteral("d.status IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (f.urgency && *f.urgency != Urgency::Normal) {
        QStringList marks;
        for (Urgency u : {Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc})
            if (int(u) >= int(*f.urgency)) {
                marks << QStringLiteral("?");
                params << Vocabulary::key(u);
            }
        w << QStringLiteral("d.urgency IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (!f.unitId.isEmpty()) {
        w << QStringLiteral("(d.lead_unit_id = ? OR EXISTS (SELECT 1 FROM incoming_assignments a "
                            "WHERE a.document_id = d.id AND (',' || a.coop_unit_ids || ',') LIKE ?))");
        params << f.unitId << QStringLiteral("%,") + f.unitId + QStringLiteral(",%");
    }
    if (!f.leadUserId.isEmpty()) {
        w << QStringLiteral("d.lead_user_id = ?");
        params << f.leadUserId;
    }
    if (f.overdueOnly) {
        w << QStringLiteral("d.deadline < ? AND d.status NOT IN ('hoan-thanh', 'tra-lai')");
        params << QDate::currentDate().toString(Qt::ISODate);
    }
    const QString vis = visibilityClause(actor, params);
    if (!vis.isEmpty())
        w << vis;
    return w.isEmpty() ? QString() : QStringLiteral("WHERE ") + w.join(QStringLiteral(" AND "));
}

static QString orderBy(const IncomingFilter &f, bool searching)
{
    const QString dir = f.order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    switch (f.sort) {
    case IncomingFilter::Sort::Relevance:
        if (searching)
            return QStringLiteral(" ORDER BY s.rank, d.arrival_date DESC, d.arrival_number DESC");
        [[fallthrough]];
    case IncomingFilter::Sort::ArrivalNumber:
        return QStringLiteral(" ORDER BY d.year") + dir + QStringLiteral(", d.arrival_number") + dir;
    case IncomingFilter::Sort::ArrivalDate:
        return QStringLiteral(" ORDER BY d.arrival_date") + dir + QStringLiteral(", d.arrival_number") + dir;
    case IncomingFilter::Sort::Author:
        return QStringLiteral(" ORDER BY d.author_name") + dir + QStringLiteral(", d.arrival_number DESC");
    case IncomingFilter::Sort::Reference:
        return QStringLiteral(" ORDER BY d.notation") + dir + QStringLiteral(", d.number") + dir;
    case IncomingFilter::Sort::DocumentDate:
        return QStringLiteral(" ORDER BY d.document_date") + dir + QStringLiteral(", d.arrival_number DESC");
    case IncomingFilter::Sort::Subject:
        return QStringLiteral(" ORDER BY d.subject") + dir;
    case IncomingFilter::Sort::Deadline:
        return QStringLiteral(" ORDER BY d.deadline IS NULL, d.deadline") + dir +
               QStringLiteral(", d.arrival_number DESC");
    case IncomingFilter::Sort::Status:
        return QStringLiteral(" ORDER BY d.status") + dir + QStringLiteral(", d.arrival_number DESC");
    }
    return {};
}

/// True when nothing but the search words narrows the result (and the user sees every document), so the
/// ranking and counting can be done in the search index alone.
static bool searchOnly(const IncomingFilter &f, const QString &visibility)
{
    return visibility.isEmpty() && f.year == 0 && !f.from.isValid() && !f.to.isValid() &&
           f.statuses.isEmpty() && (!f.urgency || *f.urgency == Urgency::Normal) && f.unitId.isEmpty() &&
           f.leadUserId.isEmpty() && !f.overdueOnly && f.bookId.isEmpty();
}

Result<QList<IncomingDocument>> IncomingService::list(const User &actor, const IncomingFilter &f)
{
    QVariantList params;
    QString from = QLatin1String(kColumns);
    QVariantList ignored;
    const bool pushDown = f.sort == IncomingFilter::Sort::Relevance && f.limit > 0 &&
                          searchOnly(f, visibilityClause(actor, ignored));
    const auto match = storage::FullTextIndex::match(m_db.engine(), kSearchKind, f.search,
                                                     pushDown ? f.offset + f.limit : 0);
    QVariantList matchParams;
    if (match) {
        from.replace(QStringLiteral("FROM incoming_documents d "),
                     QStringLiteral("FROM (") + match->subquery +
                         QStringLiteral(") s JOIN incoming_documents d ON d.id = s.ref_id "));
        matchParams = match->params;
    } else if (!f.search.trimmed().isEmpty()) {
        // The query has no searchable word (punctuation only): nothing matches it.
        return QList<IncomingDocument>{};
    }
    const QString where = whereClause(actor, f, params);
    QString sql = from + where + orderBy(f, bool(match));
    if (f.limit > 0)
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(f.limit).arg(f.offset);
    QSqlDatabase db = m_db.connection();
    Sql q(db, sql);
    for (const QVariant &p : matchParams)
        q << p;
    for (const QVariant &p : params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<IncomingDocument> out;
    while (q.next())
        out << readRow(q);
    return out;
}

Result<int> IncomingService::count(const User &actor, const IncomingFilter &f)
{
    QVariantList params;
    QString from = QStringLiteral("SELECT COUNT(*) FROM incoming_documents d ");
    const auto match = storage::FullTextIndex::matchAll(m_db.engine(), kSearchKind, f.search);
    QVariantList matchParams;
    QVariantList ignored;
    if (match && searchOnly(f, visibilityClause(actor, ignored))) {
        QSqlDatabase db = m_db.connection();
        Sql q(db, QStringLiteral("SELECT COUNT(*) FROM (") + match->subquery + QStringLiteral(") s"));
        for (const QVariant &p : match->params)
            q << p;
        if (auto r = q.exec(); !r)
            return r.error();
        return q.next() ? q.value(0).toInt() : 0;
    }
    if (match) {
        from = QStringLiteral("SELECT COUNT(*) FROM (") + match->subquery +
               QStringLiteral(") s JOIN incoming_documents d ON d.id = s.ref_id ");
        matchParams = match->params;
    } else if (!f.search.trimmed().isEmpty()) {
        return 0;
    }
    const QString where = whereClause(actor, f, params);
    QSqlDatabase db = m_db.connection();
    Sql q(db, from + where);
    for (const QVariant &p : matchParams)
        q << p;
    for (const QVariant &p : params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    return q.next() ? q.value(0).toInt() : 0;
}

Result<QList<ProgressEntry>> IncomingService::history(const User &actor, const QString &id)
{
    auto doc = get(actor, id);
    if (!doc)
        return doc.error();
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral(
                  "SELECT at, username, kind, note FROM incoming_history WHERE document_id = ? ORDER BY at"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<ProgressEntry> out;
    while (q.next())
        out << ProgressEntry{QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs),
                             q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    return out;
}

Result<QByteArray> IncomingService::attachmentData(const User &actor, const QString &documentId,
                                                   const QString &attachmentId)
{
    auto doc = get(actor, documentId);
    if (!doc)
        return doc.error();
    for (const Attachment &a : doc->attachments)
        if (a.id == attachmentId)
            return m_db.blobs().get(a.sha256);
    return GOVDESK_ERROR("incoming.attachment-unknown",
                         QT_TRANSLATE_NOOP("IncomingService", "The document has no attachment %1"),
                         attachmentId);
}

Result<QList<DocumentType>> IncomingService::documentTypes()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db,
          QStringLiteral("SELECT abbr, name, has_abbreviation, type_group, sort_order FROM document_types "
                         "WHERE active = 1 ORDER BY sort_order"));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<DocumentType> out;
    while (q.next())
        out << DocumentType{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0,
                            q.value(3).toString(), q.value(4).toInt()};
    return out;
}

Result<QList<IncomingService::Book>> IncomingService::books()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db,
          QStringLiteral("SELECT id, name, secret FROM registry_books WHERE kind = 'incoming' AND active = 1 "
                         "ORDER BY secret, name"));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<Book> out;
    while (q.next())
        out << Book{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0};
    return out;
}

} // namespace govdesk::documents
