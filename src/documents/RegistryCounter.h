#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace govdesk::documents {

/// The number counters of the registry books (incoming and outgoing): one row per book and year in
/// registry_counters, so numbers restart at 01 on 1 January.

/// Takes the next number of `bookId` in `year` inside the caller's transaction. The counter row is created
/// on first use and advanced with UPDATE … RETURNING: the row lock taken here is held to commit, so a second
/// clerk waits and then reads the committed value, and a rolled-back transaction gives its number back.
core::Result<int> takeRegistryNumber(QSqlDatabase &db, const QString &bookId, int year);

/// The number the next take in `bookId` for `year` will give (no lock; for display).
core::Result<int> nextRegistryNumber(QSqlDatabase &db, const QString &bookId, int year);

} // namespace govdesk::documents
