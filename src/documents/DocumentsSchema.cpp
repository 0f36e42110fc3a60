#include "DocumentsSchema.h"

#include "DocumentTypes.h"

namespace govdesk::documents {

static QString quote(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

storage::MigrationSet documentsSchema()
{
    storage::MigrationSet set;
    set.module = QStringLiteral("documents");

    storage::Migration m1;
    m1.version = 1;
    m1.description = QStringLiteral("document types, registry books, incoming documents");
    m1.statements = {
        QStringLiteral(
            "CREATE TABLE document_types (abbr TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "has_abbreviation INTEGER NOT NULL, type_group TEXT NOT NULL, sort_order INTEGER NOT NULL, "
            "active INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral(
            "CREATE TABLE registry_books (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, "
            "secret INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("INSERT INTO registry_books (id, kind, name, secret) VALUES "
                       "('incoming', 'incoming', 'Sổ đăng ký văn bản đến', 0), "
                       "('incoming-secret', 'incoming', 'Sổ đăng ký văn bản đến mật', 1)"),
        // One row per book and year; the UPDATE … RETURNING on it is what makes số đến gap- and
        // duplicate-free.
        QStringLiteral("CREATE TABLE registry_counters (book_id TEXT NOT NULL REFERENCES registry_books(id), "
                       "year INTEGER NOT NULL, last_number INTEGER NOT NULL, PRIMARY KEY (book_id, year))"),
        QStringLiteral(
            "CREATE TABLE incoming_documents ("
            "id TEXT PRIMARY KEY, book_id TEXT NOT NULL REFERENCES registry_books(id), year INTEGER NOT "
            "NULL, "
            "arrival_number INTEGER, arrival_date TEXT NOT NULL, "
            "author_name TEXT NOT NULL, author_code TEXT NOT NULL DEFAULT '', "
            "number TEXT NOT NULL DEFAULT '', notation TEXT NOT NULL DEFAULT '', document_date TEXT, "
            "type_abbr TEXT NOT NULL REFERENCES document_types(abbr), subject TEXT NOT NULL, "
            "urgency TEXT NOT NULL DEFAULT '', secrecy TEXT NOT NULL DEFAULT '', page_count INTEGER NOT NULL "
            "DEFAULT 0, "
            "recipients TEXT NOT NULL DEFAULT '', signer_name TEXT NOT NULL DEFAULT '', "
            "signer_position TEXT NOT NULL DEFAULT '', deadline TEXT, receive_method TEXT NOT NULL DEFAULT "
            "'paper', "
            "notes TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, "
            "lead_user_id TEXT REFERENCES users(id), lead_unit_id TEXT REFERENCES org_units(id), "
            "handler_name TEXT NOT NULL DEFAULT '', handed_over_at TEXT, "
            "reply_reference TEXT NOT NULL DEFAULT '', completed_at TEXT, "
            "duplicate_key TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, "
            "updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, "
            "UNIQUE (book_id, year, arrival_number))"),
        QStringLiteral("CREATE INDEX incoming_year_number ON incoming_documents(year, arrival_number)"),
        QStringLiteral("CREATE INDEX incoming_arrival ON incoming_documents(arrival_date, arrival_number)"),
        QStringLiteral("CREATE INDEX incoming_status ON incoming_documents(status, deadline)"),
        QStringLiteral("CREATE INDEX incoming_duplicate ON incoming_documents(duplicate_key)"),
        QStringLiteral("CREATE INDEX incoming_lead_user ON incoming_documents(lead_user_id)"),
        QStringLiteral("CREATE TABLE incoming_attachments (id TEXT PRIMARY KEY, "
                       "document_id TEXT NOT NULL REFERENCES incoming_documents(id), "
                       "sha256 TEXT NOT NULL REFERENCES blobs(sha256), file_name TEXT NOT NULL, "
                       "mime_type TEXT NOT NULL, size BIGINT NOT NULL, sort_order INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX incoming_attachments_doc ON incoming_attachments(document_id)"),
        QStringLiteral(
            "CREATE TABLE incoming_assignments (id TEXT PRIMARY KEY, "
            "document_id TEXT NOT NULL REFERENCES incoming_documents(id), "
            "lead_user_id TEXT REFERENCES users(id), lead_unit_id TEXT REFERENCES org_units(id), "
            "coop_unit_ids TEXT NOT NULL DEFAULT '', deadline TEXT, opinion TEXT NOT NULL DEFAULT '', "
            "assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX incoming_assignments_doc ON incoming_assignments(document_id)"),
        QStringLiteral("CREATE TABLE incoming_history (id TEXT PRIMARY KEY, "
                       "document_id TEXT NOT NULL REFERENCES incoming_documents(id), at TEXT NOT NULL, "
                       "username TEXT NOT NULL, kind TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX incoming_history_doc ON incoming_history(document_id, at)"),
    };
    for (const DocumentType &t : decree30DocumentTypes())
        m1.statements << QStringLiteral(
                             "INSERT INTO document_types (abbr, name, has_abbreviation, type_group, "
                             "sort_order) VALUES (%1, %2, %3, %4, %5)")
                             .arg(quote(t.abbr), quote(t.name), QString::number(int(t.hasAbbreviation)),
                                  quote(t.group), QString::number(t.order));
    set.migrations << m1;

    storage::Migration m2;
    m2.version = 2;
    m2.description =
        QStringLiteral("verdict of the digital signatures of each attachment, kept at registration");
    m2.statements = {
        QStringLiteral(
            "ALTER TABLE incoming_attachments ADD COLUMN signature_verdict TEXT NOT NULL DEFAULT ''"),
        QStringLiteral(
            "ALTER TABLE incoming_attachments ADD COLUMN signature_report TEXT NOT NULL DEFAULT ''"),
    };
    set.migrations << m2;

    storage::Migration m3;
    m3.version = 3;
    m3.description = QStringLiteral("outgoing documents: books, numbers, draft files, review, history");
    m3.statements = {
        // Ordinary documents, classified documents (their own sequence, Điều 15) and copies (one sequence
        // for sao y, trích sao and sao lục, Phụ lục I Phần II.II.1.c). Each is counted per year in
        // registry_counters like the incoming books.
        QStringLiteral("INSERT INTO registry_books (id, kind, name, secret) VALUES "
                       "('outgoing', 'outgoing', 'Sổ đăng ký văn bản đi', 0), "
                       "('outgoing-secret', 'outgoing', 'Sổ đăng ký văn bản đi mật', 1), "
                       "('outgoing-copy', 'outgoing', 'Sổ đăng ký bản sao văn bản', 0)"),
        QStringLiteral(
            "CREATE TABLE outgoing_documents ("
            "id TEXT PRIMARY KEY, book_id TEXT NOT NULL REFERENCES registry_books(id), "
            "year INTEGER, number INTEGER, notation TEXT NOT NULL, "
            "type_abbr TEXT NOT NULL REFERENCES document_types(abbr), subject TEXT NOT NULL, "
            "unit_id TEXT NOT NULL REFERENCES org_units(id), drafter_id TEXT NOT NULL REFERENCES users(id), "
            "drafter_name TEXT NOT NULL, secrecy TEXT NOT NULL DEFAULT '', urgency TEXT NOT NULL DEFAULT '', "
            "recipients TEXT NOT NULL DEFAULT '', recipient_codes TEXT NOT NULL DEFAULT '', "
            "status TEXT NOT NULL, signer_name TEXT NOT NULL DEFAULT '', "
            "signer_position TEXT NOT NULL DEFAULT '', authority_prefix TEXT NOT NULL DEFAULT '', "
            "issued_date TEXT, reply_to_id TEXT REFERENCES incoming_documents(id), "
            "reserved_year INTEGER, reserved_number INTEGER, "
            "sent_channel TEXT NOT NULL DEFAULT '', sent_at TEXT, "
            "recall_reason TEXT NOT NULL DEFAULT '', recalled_at TEXT, "
            "created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
            "version INTEGER NOT NULL DEFAULT 1, "
            "UNIQUE (book_id, year, number))"),
        // Số + ký hiệu are unique within the year (Điều 15). The classified book repeats the numbers of the
        // ordinary one by law, so it is kept apart by its own sequence (the UNIQUE above) instead.
        QStringLiteral("CREATE UNIQUE INDEX outgoing_reference ON outgoing_documents(year, number, notation) "
                       "WHERE number IS NOT NULL AND book_id <> 'outgoing-secret'"),
        QStringLiteral("CREATE INDEX outgoing_status ON outgoing_documents(status, created_at)"),
        QStringLiteral("CREATE INDEX outgoing_unit ON outgoing_documents(unit_id)"),
        QStringLiteral("CREATE INDEX outgoing_drafter ON outgoing_documents(drafter_id)"),
        // Every number taken from a book, and what became of it: issued, reserved (kept for a document not
        // yet issued) or cancelled (never given again, so the register shows the hole with its reason).
        QStringLiteral(
            "CREATE TABLE outgoing_numbers (book_id TEXT NOT NULL REFERENCES registry_books(id), "
            "year INTEGER NOT NULL, number INTEGER NOT NULL, state TEXT NOT NULL, "
            "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), notation TEXT NOT NULL DEFAULT '', "
            "reason TEXT NOT NULL DEFAULT '', taken_by TEXT NOT NULL, taken_at TEXT NOT NULL, "
            "cancelled_by TEXT, cancelled_at TEXT, cancel_reason TEXT NOT NULL DEFAULT '', "
            "PRIMARY KEY (book_id, year, number))"),
        QStringLiteral("CREATE INDEX outgoing_numbers_doc ON outgoing_numbers(document_id)"),
        QStringLiteral(
            "CREATE TABLE outgoing_files (id TEXT PRIMARY KEY, "
            "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), version INTEGER NOT NULL, "
            "sha256 TEXT NOT NULL REFERENCES blobs(sha256), file_name TEXT NOT NULL, size BIGINT NOT NULL, "
            "uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL, UNIQUE (document_id, version))"),
        QStringLiteral("CREATE TABLE outgoing_comments (id TEXT PRIMARY KEY, "
                       "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), at TEXT NOT NULL, "
                       "username TEXT NOT NULL, kind TEXT NOT NULL, file_version INTEGER NOT NULL, "
                       "comment TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX outgoing_comments_doc ON outgoing_comments(document_id, at)"),
        QStringLiteral("CREATE TABLE outgoing_links (id TEXT PRIMARY KEY, "
                       "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), "
                       "target_id TEXT NOT NULL REFERENCES outgoing_documents(id), kind TEXT NOT NULL, "
                       "created_by TEXT NOT NULL, created_at TEXT NOT NULL, "
                       "UNIQUE (document_id, target_id, kind))"),
        QStringLiteral("CREATE INDEX outgoing_links_target ON outgoing_links(target_id)"),
        QStringLiteral("CREATE TABLE outgoing_history (id TEXT PRIMARY KEY, "
                       "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), at TEXT NOT NULL, "
                       "username TEXT NOT NULL, kind TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX outgoing_history_doc ON outgoing_history(document_id, at)"),
    };
    set.migrations << m3;

    storage::Migration m4;
    m4.version = 4;
    m4.description =
        QStringLiteral("outgoing documents: copies, pages, archive holder, due date; post sendings, "
                       "use of archive copies, templates per document type");
    m4.statements = {
        QStringLiteral("ALTER TABLE outgoing_documents ADD COLUMN copies INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE outgoing_documents ADD COLUMN pages INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE outgoing_documents ADD COLUMN archive_holder TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE outgoing_documents ADD COLUMN due_date TEXT"),
        // Sổ gửi văn bản đi bưu điện: one row per sending (a document may go out in several batches).
        QStringLiteral(
            "CREATE TABLE outgoing_post_sendings (id TEXT PRIMARY KEY, "
            "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), sent_on TEXT NOT NULL, "
            "recipients TEXT NOT NULL DEFAULT '', envelopes INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', "
            "recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX outgoing_post_sent_on ON outgoing_post_sendings(sent_on)"),
        QStringLiteral("CREATE INDEX outgoing_post_doc ON outgoing_post_sendings(document_id)"),
        // Sổ sử dụng bản lưu: who used the archive copy, with whose permission, and when it came back.
        QStringLiteral(
            "CREATE TABLE outgoing_archive_loans (id TEXT PRIMARY KEY, "
            "document_id TEXT NOT NULL REFERENCES outgoing_documents(id), borrower_name TEXT NOT NULL, "
            "file_ref TEXT NOT NULL DEFAULT '', permitted_by TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', "
            "lent_on TEXT NOT NULL, lent_by TEXT NOT NULL, lent_at TEXT NOT NULL, returned_on TEXT, "
            "returned_by TEXT, returned_at TEXT)"),
        QStringLiteral("CREATE INDEX outgoing_archive_lent_on ON outgoing_archive_loans(lent_on)"),
        // One archive copy: it is with one person at a time.
        QStringLiteral("CREATE UNIQUE INDEX outgoing_archive_out ON outgoing_archive_loans(document_id) "
                       "WHERE returned_on IS NULL"),
        // The agency's templates (.pdf, .docx, .odt) per document type; removing one only deactivates it, so
        // drafts started from it keep a name to point to.
        QStringLiteral(
            "CREATE TABLE outgoing_templates (id TEXT PRIMARY KEY, "
            "type_abbr TEXT NOT NULL REFERENCES document_types(abbr), name TEXT NOT NULL, "
            "file_name TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES blobs(sha256), "
            "size BIGINT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL, "
            "active INTEGER NOT NULL DEFAULT 1, removed_by TEXT, removed_at TEXT)"),
        QStringLiteral("CREATE INDEX outgoing_templates_type ON outgoing_templates(type_abbr, active)"),
    };
    set.migrations << m4;

    storage::Migration m5;
    m5.version = 5;
    m5.description = QStringLiteral("advisory bodies issuing documents with their own outgoing books");
    m5.statements = {
        // Hội đồng, ban chỉ đạo … of the agency allowed to issue documents (Điều 15): each has its own book
        // (outgoing-body-<id> in registry_books, counted per year in registry_counters) and its abbreviation
        // in the notation. Their classified documents still go to the outgoing-secret book.
        QStringLiteral(
            "CREATE TABLE issuing_bodies (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "abbr TEXT NOT NULL UNIQUE, book_id TEXT NOT NULL REFERENCES registry_books(id), "
            "active INTEGER NOT NULL DEFAULT 1, created_by TEXT NOT NULL, created_at TEXT NOT NULL)"),
        QStringLiteral(
            "ALTER TABLE outgoing_documents ADD COLUMN body_id TEXT REFERENCES issuing_bodies(id)"),
    };
    set.migrations << m5;
    return set;
}

} // namespace govdesk::documents
