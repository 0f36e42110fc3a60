#include "RegistryCounter.h"

#include "storage/Database.h"

namespace govdesk::documents {

using core::Result;
using storage::Sql;

Result<int> takeRegistryNumber(QSqlDatabase &db, const QString &bookId, int year)
{
    Sql ensure(db,
               QStringLiteral("INSERT INTO registry_counters (book_id, year, last_number) VALUES (?, ?, 0) "
                              "ON CONFLICT (book_id, year) DO NOTHING"));
    ensure << bookId << year;
    if (auto r = ensure.exec(); !r)
        return r.error();
    Sql next(db, QStringLiteral("UPDATE registry_counters SET last_number = last_number + 1 "
                                "WHERE book_id = ? AND year = ? RETURNING last_number"));
    next << bookId << year;
    if (auto r = next.exec(); !r)
        return r.error();
    if (!next.next())
        return GOVDESK_ERROR(
            "registry.counter",
            QT_TRANSLATE_NOOP("RegistryCounter", "The registry counter could not be advanced"));
    return next.value(0).toInt();
}

Result<int> nextRegistryNumber(QSqlDatabase &db, const QString &bookId, int year)
{
    Sql q(db, QStringLiteral("SELECT last_number FROM registry_counters WHERE book_id = ? AND year = ?"));
    q << bookId << year;
    if (auto r = q.exec(); !r)
        return r.error();
    return q.next() ? q.value(0).toInt() + 1 : 1;
}

} // namespace govdesk::documents
