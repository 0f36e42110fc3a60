// Registers N incoming documents (default 10,000) one transaction each, as a clerk does, and prints the
// throughput and the latency distribution of one registration.
#include "BenchCommon.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace govdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = app.arguments().value(1, QStringLiteral("10000")).toInt();
    QTemporaryDir dir;
    auto db = bench::openWorkspace(dir.path());
    const core::User clerk = bench::ensureClerk(*db);
    documents::IncomingService service(*db);
    QRandomGenerator rng(20261127);
    const QDate today = QDate::currentDate();
    QList<double> ms;
    ms.reserve(n);
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < n; ++i) {
        const QDate arrival =
            QDate(today.year(), 1, 1).addDays(qint64(i) * (QDate(today.year(), 1, 1).daysTo(today)) / n);
        auto draft = bench::randomDraft(rng, arrival, i + 1);
        QElapsedTimer t;
        t.start();
        auto r = service.registerDocument(clerk, draft);
        ms << t.nsecsElapsed() / 1e6;
        if (!r) {
            bench::out() << "registration failed: " << r.error().english() << Qt::endl;
            return 1;
        }
    }
    const double seconds = total.nsecsElapsed() / 1e9;
    bench::out() << QStringLiteral(
                        "register: %1 documents in %2 s = %3 documents/s; per registration median %4 ms, "
                        "p95 %5 ms, max %6 ms (SQLite, WAL, synchronous=FULL)")
                        .arg(n)
                        .arg(seconds, 0, 'f', 2)
                        .arg(n / seconds, 0, 'f', 0)
                        .arg(bench::percentile(ms, 0.5), 0, 'f', 2)
                        .arg(bench::percentile(ms, 0.95), 0, 'f', 2)
                        .arg(bench::percentile(ms, 1.0), 0, 'f', 2)
                 << Qt::endl;
    return 0;
}
