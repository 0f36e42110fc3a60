#include "FullTextIndex.h"

#include "core/TextFold.h"

namespace govdesk::storage {

using core::Result;

QStringList FullTextIndex::terms(const QString &userQuery)
{
    return core::foldForSearch(userQuery).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

Result<void> FullTextIndex::put(Database &database, QSqlDatabase &db, const QString &kind,
                                const QString &refId, const QString &text)
{
    const QString body = core::foldForSearch(text);
    if (database.engine() == Engine::PostgreSQL) {
        Sql q(db, QStringLiteral(
                      "INSERT INTO search_index (ref_id, kind, body) VALUES (?, ?, ?) "
                      "ON CONFLICT (ref_id) DO UPDATE SET kind = EXCLUDED.kind, body = EXCLUDED.body"));
        q << refId << kind << body;
        return q.exec();
    }
    // FTS5 rows are addressed by rowid; search_docs maps our ids to them.
    Sql find(db, QStringLiteral("SELECT rowid FROM search_docs WHERE ref_id = ?"));
    find << refId;
    if (auto r = find.exec(); !r)
        return r;
    if (find.next()) {
        const qint64 rowid = find.value(0).toLongLong();
        Sql del(db, QStringLiteral("DELETE FROM search_fts WHERE rowid = ?"));
        del << rowid;
        if (auto r = del.exec(); !r)
            return r;
        Sql ins(db, QStringLiteral("INSERT INTO search_fts (rowid, body) VALUES (?, ?)"));
        ins << rowid << body;
        return ins.exec();
    }
    Sql map(db, QStringLiteral("INSERT INTO search_docs (ref_id, kind) VALUES (?, ?)"));
    map << refId << kind;
    if (auto r = map.exec(); !r)
        return r;
    const qint64 rowid = map.query().lastInsertId().toLongLong();
    Sql ins(db, QStringLiteral("INSERT INTO search_fts (rowid, body) VALUES (?, ?)"));
    ins << rowid << body;
    return ins.exec();
}

Result<void> FullTextIndex::remove(Database &database, QSqlDatabase &db, const QString &kind,
                                   const QString &refId)
{
    if (database.engine() == Engine::PostgreSQL) {
        Sql q(db, QStringLiteral("DELETE FROM search_index WHERE ref_id = ? AND kind = ?"));
        q << refId << kind;
        return q.exec();
    }
    Sql del(db,
            QStringLiteral(
                "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_docs WHERE ref_id = ?)"));
    del << refId;
    if (auto r = del.exec(); !r)
        return r;
    Sql map(db, QStringLiteral("DELETE FROM search_docs WHERE ref_id = ?"));
    map << refId;
    return map.exec();
}

std::optional<FullTextIndex::Match> FullTextIndex::matchAll(Engine engine, const QString &kind,
                                                            const QString &userQuery)
{
    auto m = match(engine, kind, userQuery, 0);
    if (m && engine == Engine::SQLite)
        m->subquery = QStringLiteral("SELECT m.ref_id AS ref_id, 0 AS rank FROM search_fts "
                                     "JOIN search_docs m ON m.rowid = search_fts.rowid "
                                     "WHERE search_fts MATCH ? AND m.kind = ?");
    return m;
}

std::optional<FullTextIndex::Match> FullTextIndex::match(Engine engine, const QString &kind,
                                                         const QString &userQuery, int topN)
{
    const QStringList words = terms(userQuery);
    if (words.isEmpty())
        return std::nullopt;
    Match m;
    if (engine == Engine::SQLite) {
        QStringList parts;
        for (int i = 0; i < words.size(); ++i)
            parts << QLatin1Char('"') + words[i] + QLatin1Char('"') +
                         (i == words.size() - 1 ? QStringLiteral("*") : QString());
        // BM25 over every match of a common word costs ~0.1 s per million documents, so relevance is computed
        // over the newest RankWindow matches (FTS5 walks its index in rowid order and stops there early).
        m.subquery =
            QStringLiteral(
                "SELECT m.ref_id AS ref_id, w.r AS rank FROM (SELECT rowid, rank AS r FROM search_fts "
                "WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT %1) w "
                "JOIN search_docs m ON m.rowid = w.rowid WHERE m.kind = ?%2")
                .arg(RankWindow)
                .arg(topN > 0 ? QStringLiteral(" ORDER BY w.r LIMIT %1").arg(topN) : QString());
        m.params << parts.join(QLatin1Char(' ')) << kind;
    } else {
        QStringList parts;
        for (int i = 0; i < words.size(); ++i)
            parts << words[i] + (i == words.size() - 1 ? QStringLiteral(":*") : QString());
        m.subquery = QStringLiteral("SELECT si.ref_id AS ref_id, -ts_rank(si.tsv, tq.q) AS rank "
                                    "FROM search_index si, to_tsquery('simple', ?) AS tq(q) "
                                    "WHERE si.tsv @@ tq.q AND si.kind = ?%1")
                         .arg(topN > 0 ? QStringLiteral(" ORDER BY 2 LIMIT %1").arg(topN) : QString());
        m.params << parts.join(QStringLiteral(" & ")) << kind;
    }
    return m;
}

} // namespace govdesk::storage
