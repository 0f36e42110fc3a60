#pragma once

// Shared helpers of the benchmark programs: a workspace with a clerk, realistic document text, percentiles.

#include "core/User.h"
#include "documents/IncomingService.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <memory>

namespace govdesk::bench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

/// Opens (creating if needed) a SQLite workspace with both schemas.
std::shared_ptr<storage::Database> openWorkspace(const QString &dir);
/// Initialises the workspace (if new) and returns a clerk to act as.
core::User ensureClerk(storage::Database &db);

/// A plausible incoming document (organ, type, subject built from real vocabulary).
documents::IncomingDraft randomDraft(QRandomGenerator &rng, const QDate &arrival, int serial);

inline double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i = std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace govdesk::bench
