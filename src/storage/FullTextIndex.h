#pragma once

#include "core/Result.h"
#include "storage/Database.h"

#include <QVariantList>

#include <optional>

namespace govdesk::storage {

/// Ranked full-text search that ignores Vietnamese diacritics (đ included) on both engines: text is folded
/// (core::foldForSearch) before it is indexed and before it is queried. SQLite uses FTS5 with BM25,
/// PostgreSQL a tsvector ('simple' configuration) with a GIN index and ts_rank. Every word of the query must
/// match; the last word also matches as a prefix, so results appear while the user is still typing.
class FullTextIndex
{
public:
    /// (Re)indexes one record of `kind`; call inside the transaction that writes the record.
    static core::Result<void> put(Database &database, QSqlDatabase &db, const QString &kind,
                                  const QString &refId, const QString &text);
    static core::Result<void> remove(Database &database, QSqlDatabase &db, const QString &kind,
                                     const QString &refId);

    /// A sub-select yielding (ref_id, rank) for the query, lower rank = better, to join with a feature's own
    /// table and filters. Empty when the query has no searchable word.
    struct Match
    {
        QString subquery;
        QVariantList params;
    };
    static std::optional<Match> match(Engine engine, const QString &kind, const QString &userQuery);

    /// Folded words of a query, as the index sees them.
    static QStringList terms(const QString &userQuery);
};

} // namespace govdesk::storage
