#include "GenerateWorkspace.h"

#include "BenchCommon.h"
#include "core/Ids.h"
#include "core/TextFold.h"

#include <QSqlQuery>
#include <QTimeZone>

namespace govdesk::bench {

bool ensureLargeWorkspace(const QString &dir, int count)
{
    auto db = openWorkspace(dir);
    ensureClerk(*db);
    QSqlDatabase sql = db->connection();
    {
        QSqlQuery q(sql);
        q.exec(QStringLiteral("SELECT COUNT(*) FROM incoming_documents"));
        if (q.next() && q.value(0).toInt() >= count)
            return true;
    }
    {
        QSqlQuery q(sql);
        q.exec(QStringLiteral("SELECT COUNT(*) FROM incoming_documents"));
        if (q.next() && q.value(0).toInt() > 0) {
            out() << "workspace " << dir << " is partly filled; remove it and run again" << Qt::endl;
            return false;
        }
    }
    out() << "generating " << count << " documents in " << dir << " …" << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator rng(1000000);
    // Ten years of traffic, numbered per year as the service does.
    const int years = 10;
    const int perYear = count / years;
    const int lastYear = QDate::currentDate().year();
    QSqlQuery exec(sql);
    exec.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    int done = 0;
    for (int y = 0; y < years; ++y) {
        const int year = lastYear - years + 1 + y;
        const int inYear = y == years - 1 ? count - done : perYear;
        const QDate start(year, 1, 1);
        const int span = year == lastYear ? int(start.daysTo(QDate::currentDate())) + 1 : start.daysInYear();
        for (int chunk = 0; chunk < inYear; chunk += 50000) {
            exec.exec(QStringLiteral("BEGIN"));
            QSqlQuery ins(sql), map(sql), fts(sql);
            ins.prepare(
                QStringLiteral("INSERT INTO incoming_documents (id, book_id, year, arrival_number, "
                               "arrival_date, author_name, author_code, "
                               "number, notation, document_date, type_abbr, subject, urgency, secrecy, "
                               "page_count, recipients, "
                               "signer_name, signer_position, deadline, receive_method, notes, status, "
                               "handler_name, duplicate_key, "
                               "created_by, created_at, updated_at, version) VALUES (?, 'incoming', ?, ?, ?, "
                               "?, '', ?, ?, ?, ?, ?, ?, '', ?, "
                               "'UBND tỉnh', '', '', ?, 'electronic', '', ?, ?, ?, 'vanthu', ?, ?, 1)"));
            map.prepare(
                QStringLiteral("INSERT INTO search_docs (rowid, ref_id, kind) VALUES (?, ?, 'incoming')"));
            fts.prepare(QStringLiteral("INSERT INTO search_fts (rowid, body) VALUES (?, ?)"));
            const int end = std::min(inYear, chunk + 50000);
            for (int i = chunk; i < end; ++i) {
                const int number = i + 1;
                const QDate arrival = start.addDays(qint64(i) * span / inYear);
                auto d = randomDraft(rng, arrival, number);
                const QString id = core::newId();
                static const char *statuses[] = {"hoan-thanh", "hoan-thanh",   "hoan-thanh",
                                                 "dang-xu-ly", "da-phan-cong", "da-vao-so"};
                const QString status = year < lastYear ? QStringLiteral("hoan-thanh")
                                                       : QString::fromLatin1(statuses[rng.bounded(6)]);
                const QString urgency =
                    rng.bounded(10) == 0 ? QStringLiteral("khan") : QString(QLatin1String(""));
                const QString now =
                    QDateTime(arrival, QTime(8, 0), QTimeZone::UTC).toString(Qt::ISODateWithMs);
                ins.addBindValue(id);
                ins.addBindValue(year);
                ins.addBindValue(number);
                ins.addBindValue(arrival.toString(Qt::ISODate));
                ins.addBindValue(d.authorName);
                ins.addBindValue(d.number);
                ins.addBindValue(d.notation);
                ins.addBindValue(d.documentDate.toString(Qt::ISODate));
                ins.addBindValue(d.typeAbbr);
                ins.addBindValue(d.subject);
                ins.addBindValue(urgency);
                ins.addBindValue(d.pageCount);
                ins.addBindValue(rng.bounded(4) == 0 ? QVariant(arrival.addDays(10).toString(Qt::ISODate))
                                                     : QVariant(QMetaType(QMetaType::QString)));
                ins.addBindValue(status);
                ins.addBindValue(status == QLatin1String("da-vao-so") ? QString(QLatin1String(""))
                                                                      : QStringLiteral("Phạm Thị Lan"));
                ins.addBindValue(
                    documents::IncomingService::duplicateKey(d.number, d.notation, d.authorName, year));
                ins.addBindValue(now);
                ins.addBindValue(now);
                if (!ins.exec()) {
                    out() << "insert failed" << Qt::endl;
                    return false;
                }
                const qint64 rowid = qint64(done) + i + 1;
                map.addBindValue(rowid);
                map.addBindValue(id);
                map.exec();
                fts.addBindValue(rowid);
                fts.addBindValue(core::foldForSearch(
                    QStringList{documents::formatReference(d.number, d.notation), d.number, d.subject,
                                d.authorName, QStringLiteral("Phạm Thị Lan")}
                        .join(QLatin1Char(' '))));
                fts.exec();
            }
            exec.exec(QStringLiteral("COMMIT"));
            out() << "  " << year << ": " << end << "/" << inYear << " (" << timer.elapsed() / 1000 << " s)"
                  << Qt::endl;
        }
        QSqlQuery counter(sql);
        counter.prepare(QStringLiteral(
            "INSERT INTO registry_counters (book_id, year, last_number) VALUES ('incoming', ?, ?)"));
        counter.addBindValue(year);
        counter.addBindValue(inYear);
        counter.exec();
        done += inYear;
    }
    exec.exec(QStringLiteral("INSERT INTO search_fts(search_fts) VALUES ('optimize')"));
    exec.exec(QStringLiteral("ANALYZE"));
    out() << "generated " << done << " documents in " << timer.elapsed() / 1000 << " s" << Qt::endl;
    return true;
}

} // namespace govdesk::bench
