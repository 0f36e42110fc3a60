#pragma once

#include "core/AuditRecord.h"
#include "core/Result.h"
#include "storage/Database.h"

namespace govdesk::storage {

/// The append-only, hash-chained audit trail. `append` runs inside the caller's transaction, so a change and
/// its audit entry commit or vanish together; the chain head row serialises writers (one lock, always taken
/// last in a transaction). The tables refuse UPDATE and DELETE through triggers; `verify` recomputes the
/// chain and names the first entry that does not match.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)
public:
    static core::Result<core::AuditRecord> append(QSqlDatabase &db, const QString &actor,
                                                  const QString &action, const QString &entity,
                                                  const QString &entityId, const QJsonObject &before,
                                                  const QJsonObject &after);

    struct Report
    {
        qint64 entries = 0;
        QString headHash;
    };
    static core::Result<Report> verify(Database &database);

    static core::Result<QList<core::AuditRecord>> entriesFor(Database &database, const QString &entityId);
};

} // namespace govdesk::storage
