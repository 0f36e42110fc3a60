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

    /// How many of the newest matches are ranked by relevance (SQLite). A query matching more documents than
    /// this lists the newest RankWindow of them; `countSql` still counts them all.
    static constexpr int RankWindow = 5000;

    /// A sub-select yielding (ref_id, rank) for the query, lower rank = better, to join with a feature's own
    /// table and filters. Empty when the query has no searchable word.
    struct Match
    {
        QString subquery;
        QVariantList params;
    };
    /// `topN` > 0: only the best topN (for a first page when no other filter applies), so the feature's own
    /// table is read for those rows only.
    static std::optional<Match> match(Engine engine, const QString &kind, const QString &userQuery,
                                      int topN = 0);

    /// A sub-select yielding ref_id of every match (no ranking, no window), for counting.
    static std::optional<Match> matchAll(Engine engine, const QString &kind, const QString &userQuery);

    /// Folded words of a query, as the index sees them.
    static QStringList terms(const QString &userQuery);
};

} // namespace govdesk::storage
