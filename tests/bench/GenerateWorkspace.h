#pragma once

#include <QString>

namespace govdesk::bench {

/// Fills the SQLite workspace in `dir` with `count` registered incoming documents (bulk insert through SQL in
/// large transactions, with the same columns, duplicate keys and search index rows the service writes),
/// unless it already holds that many. Returns false on failure. Used by the search and GUI benchmarks.
bool ensureLargeWorkspace(const QString &dir, int count);

} // namespace govdesk::bench
