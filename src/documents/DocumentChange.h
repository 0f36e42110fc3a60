#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "core/User.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/FullTextIndex.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <functional>

namespace govdesk::documents {

/// Where a kind of registered document lives: its table (with `version` and `updated_at` columns), its
/// audit-trail entity, its full-text kind, and the error shown when someone else changed it meanwhile.
struct DocumentTable
{
    QString table;
    QString entity;
    QString searchKind;
    core::Error concurrentChange;
};

/// Time stamps of document rows and their history: UTC, ISO 8601 with milliseconds.
inline QString documentTimestamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

/// One change to a registered document inside the caller's write transaction: loads it, checks that `actor`
/// may see it, applies `change`, raises the optimistic version (refused when another user changed the row
/// meanwhile), reloads it, re-indexes it for search and appends the before/after entry to the audit trail.
template<typename Doc>
core::Result<Doc>
changeDocument(storage::Database &database, QSqlDatabase &db, const core::User &actor,
               const DocumentTable &table, const QString &id, const QString &action,
               const std::function<core::Result<Doc>(QSqlDatabase &, const QString &)> &load,
               const std::function<core::Result<void>(const core::User &, const Doc &)> &visible,
               const std::function<core::Result<void>(QSqlDatabase &, Doc &)> &change)
{
    auto before = load(db, id);
    if (!before)
        return before.error();
    if (auto v = visible(actor, before.value()); !v)
        return v.error();
    Doc doc = before.value();
    if (auto r = change(db, doc); !r)
        return r.error();
    storage::Sql bump(db,
                      QStringLiteral("UPDATE %1 SET version = version + 1, updated_at = ? WHERE id = ? AND "
                                     "version = ?")
                          .arg(table.table));
    bump << documentTimestamp() << id << before->version;
    if (auto r = bump.exec(); !r)
        return r.error();
    if (bump.rowsAffected() != 1)
        return table.concurrentChange;
    auto after = load(db, id);
    if (!after)
        return after.error();
    if (auto r = storage::FullTextIndex::put(database, db, table.searchKind, id, after->searchText()); !r)
        return r.error();
    if (auto a = storage::AuditLog::append(db, actor.username, action, table.entity, id, before->toJson(),
                                           after->toJson());
        !a)
        return a.error();
    return after;
}

} // namespace govdesk::documents
