// Search over a large workspace (default 1,000,000 documents, generated once and kept in the given folder):
// two-word diacritic-free queries through IncomingService::list as the GUI's search box issues them (first
// page of 50, ranked), and the count of all matches. Prints median and p95.
#include "BenchCommon.h"
#include "GenerateWorkspace.h"

#include <QCoreApplication>

using namespace govdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString dir = app.arguments().value(1, QStringLiteral("bench-1m"));
    const int count = app.arguments().value(2, QStringLiteral("1000000")).toInt();
    if (!bench::ensureLargeWorkspace(dir, count))
        return 1;
    auto db = bench::openWorkspace(dir);
    const core::User clerk = bench::ensureClerk(*db);
    documents::IncomingService service(*db);
    const QStringList queries = {
        QStringLiteral("chuyen doi"), QStringLiteral("ngan sach"),  QStringLiteral("tiem chung"),
        QStringLiteral("nong thon"),  QStringLiteral("thien tai"),  QStringLiteral("cai cach"),
        QStringLiteral("giao thong"), QStringLiteral("giam ngheo"), QStringLiteral("dong nai"),
        QStringLiteral("bao hiem"),   QStringLiteral("dau tu"),     QStringLiteral("moi truong"),
        QStringLiteral("dich vu"),    QStringLiteral("ca phe"),     QStringLiteral("ho tieu"),
        QStringLiteral("khoang san"), QStringLiteral("du lich"),    QStringLiteral("xay dung"),
        QStringLiteral("thu hoi"),    QStringLiteral("tai chinh"),  QStringLiteral("so noi"),
        QStringLiteral("huyen dak"),  QStringLiteral("ke hoach"),   QStringLiteral("gia nghia"),
    };
    // Warm the page cache once, as a running client would have it.
    for (const QString &q : queries) {
        documents::IncomingFilter f;
        f.search = q;
        f.limit = 50;
        (void)service.list(clerk, f);
    }
    QList<double> pageMs, countMs;
    int rounds = 5;
    qint64 matches = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const QString &q : queries) {
            documents::IncomingFilter f;
            f.search = q;
            f.sort = documents::IncomingFilter::Sort::Relevance;
            f.limit = 50;
            QElapsedTimer t;
            t.start();
            auto page = service.list(clerk, f);
            pageMs << t.nsecsElapsed() / 1e6;
            if (!page || page->isEmpty()) {
                bench::out() << "query \"" << q << "\" found nothing" << Qt::endl;
                return 1;
            }
            t.restart();
            auto n = service.count(clerk, f);
            countMs << t.nsecsElapsed() / 1e6;
            if (r == 0 && n)
                matches += n.value();
        }
    }
    bench::out() << QStringLiteral(
                        "search over %1 documents, %2 two-word queries x %3: first page (50, ranked) median "
                        "%4 ms, p95 %5 ms; count of all matches median %6 ms, p95 %7 ms; mean matches per "
                        "query %8")
                        .arg(count)
                        .arg(queries.size())
                        .arg(rounds)
                        .arg(bench::percentile(pageMs, 0.5), 0, 'f', 1)
                        .arg(bench::percentile(pageMs, 0.95), 0, 'f', 1)
                        .arg(bench::percentile(countMs, 0.5), 0, 'f', 1)
                        .arg(bench::percentile(countMs, 0.95), 0, 'f', 1)
                        .arg(matches / queries.size())
                 << Qt::endl;
    return 0;
}
