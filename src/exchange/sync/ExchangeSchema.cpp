#include "ExchangeSchema.h"

namespace govdesk::exchange {

storage::MigrationSet exchangeSchema()
{
    storage::MigrationSet set;
    set.module = QStringLiteral("exchange");

    storage::Migration m1;
    m1.version = 1;
    m1.description = QStringLiteral("exchange outbox, inbox, statuses and requests");
    m1.statements = {
        // kind: edoc | status; document_id: our outgoing document (edoc) or the incoming document the status
        // is about; purpose: new, revoke, update, replace, or the status code; UNIQUE makes sending
        // idempotent: a packet is never queued twice for one document, recipient and purpose.
        QStringLiteral(
            "CREATE TABLE exchange_outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, document_id TEXT NOT "
            "NULL, "
            "recipient TEXT NOT NULL, purpose TEXT NOT NULL, packet_document_id TEXT NOT NULL, "
            "edxml_sha256 TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
            "next_attempt_at TEXT NOT NULL, claimed_at TEXT NOT NULL DEFAULT '', "
            "last_error TEXT NOT NULL DEFAULT '', last_error_code TEXT NOT NULL DEFAULT '', "
            "transport_id TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL, created_at TEXT NOT NULL, "
            "sent_at TEXT NOT NULL DEFAULT '', UNIQUE (document_id, recipient, kind, purpose))"),
        QStringLiteral("CREATE INDEX exchange_outbox_due ON exchange_outbox(state, next_attempt_at)"),
        QStringLiteral("CREATE INDEX exchange_outbox_packet ON exchange_outbox(packet_document_id)"),
        // state: stored (bytes kept, not yet processed) | done | duplicate | failed | orphan;
        // document_key: "<sender organ>|<edXML DocumentId>", what makes a second delivery of the same
        // document
        // a duplicate; reported: the status codes already queued back to the sender.
        QStringLiteral(
            "CREATE TABLE exchange_inbox (id TEXT PRIMARY KEY, transport_id TEXT NOT NULL UNIQUE, "
            "kind TEXT NOT NULL, sender TEXT NOT NULL, edxml_sha256 TEXT NOT NULL, size BIGINT NOT NULL, "
            "received_at TEXT NOT NULL, state TEXT NOT NULL, document_key TEXT NOT NULL DEFAULT '', "
            "business_type INTEGER NOT NULL DEFAULT 0, incoming_id TEXT NOT NULL DEFAULT '', "
            "reported TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', "
            "acknowledged INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX exchange_inbox_key ON exchange_inbox(document_key)"),
        QStringLiteral("CREATE INDEX exchange_inbox_incoming ON exchange_inbox(incoming_id)"),
        QStringLiteral("CREATE TABLE exchange_statuses (id TEXT PRIMARY KEY, outgoing_id TEXT NOT NULL, "
                       "organ TEXT NOT NULL, "
                       "code TEXT NOT NULL, description TEXT NOT NULL, status_at TEXT NOT NULL, received_at "
                       "TEXT NOT NULL, "
                       "inbox_id TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX exchange_statuses_outgoing ON exchange_statuses(outgoing_id)"),
        // kind: recall (status 13) | revoke | update | replace (business types 1/2/3); state: open | accepted
        // |
        // refused.
        QStringLiteral(
            "CREATE TABLE exchange_requests (id TEXT PRIMARY KEY, inbox_id TEXT NOT NULL, kind TEXT NOT "
            "NULL, "
            "incoming_id TEXT NOT NULL, new_incoming_id TEXT NOT NULL DEFAULT '', sender TEXT NOT NULL, "
            "reason TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL, "
            "decided_by TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL DEFAULT '', "
            "note TEXT NOT NULL DEFAULT '')"),
    };
    set.migrations << m1;
    return set;
}

} // namespace govdesk::exchange
