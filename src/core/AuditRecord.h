#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace govdesk::core {

/// One entry of the append-only audit trail: who did what to which record, with the state before and after.
/// Entries are chained: hash = SHA-256(previous hash || canonical bytes of this entry), so changing,
/// removing or reordering any entry breaks every hash after it, which `verify` reports.
struct AuditRecord
{
    qint64 sequence = 0;
    QDateTime at;   // UTC, millisecond precision
    QString actor;  // user name ("system" for start-up work)
    QString action; // e.g. "incoming.register"
    QString entity; // table or kind, e.g. "incoming_document"
    QString entityId;
    QJsonObject before;
    QJsonObject after;
    QString previousHash; // hex; empty for the first entry
    QString hash;         // hex

    /// The bytes the hash covers (stable across engines: compact JSON with sorted keys).
    QByteArray canonicalBytes() const;
    QString computeHash() const;
};

} // namespace govdesk::core
