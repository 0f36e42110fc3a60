#include "StorageSchema.h"

namespace govdesk::storage {

MigrationSet storageSchema()
{
    MigrationSet set;
    set.module = QStringLiteral("storage");

    Migration m1;
    m1.version = 1;
    m1.description = QStringLiteral("workspace, organisation, users, audit trail, blobs, search");
    m1.statements = {
        QStringLiteral("CREATE TABLE workspace_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE org_units (id TEXT PRIMARY KEY, code TEXT UNIQUE, name TEXT NOT NULL, "
                       "abbreviation TEXT NOT NULL DEFAULT '', parent_id TEXT REFERENCES org_units(id), "
                       "level INTEGER NOT NULL DEFAULT 1, internal INTEGER NOT NULL DEFAULT 0, "
                       "demo INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX org_units_parent ON org_units(parent_id)"),
        QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, "
                       "full_name TEXT NOT NULL, role TEXT NOT NULL, unit_id TEXT REFERENCES org_units(id), "
                       "position TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL, "
                       "active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
            "action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
            "before_json TEXT NOT NULL, after_json TEXT NOT NULL, prev_hash TEXT NOT NULL, "
            "hash TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX audit_log_entity ON audit_log(entity_id)"),
        QStringLiteral("CREATE TABLE audit_head (id INTEGER PRIMARY KEY, last_seq BIGINT NOT NULL, "
                       "last_hash TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '')"),
    };
    m1.sqliteOnly = {
        QStringLiteral("CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, ref_id TEXT NOT NULL UNIQUE, "
                       "kind TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61', prefix = '2 3')"),
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
    };
    m1.postgresOnly = {
        QStringLiteral(
            "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, data BYTEA NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE search_index (ref_id TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)"),
        QStringLiteral("CREATE INDEX search_index_tsv ON search_index USING GIN (tsv)"),
        QStringLiteral("CREATE FUNCTION govdesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       "BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$"),
        QStringLiteral("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                       "FOR EACH ROW EXECUTE FUNCTION govdesk_audit_append_only()"),
    };
    set.migrations << m1;
    return set;
}

} // namespace govdesk::storage
