// The sync engine end to end through a local govdesk-sandbox over the national-axis protocol: agency A
// (SQLite workspace) issues N công văn to agency B (another SQLite workspace), queues them, and one sync
// cycle sends them; B's cycle fetches every packet, stores it, parses it, verifies the attached PDF's
// signatures (none here), creates N incoming documents in "mới đến", acknowledges them and sends status 01
// for each; A's next cycle takes the N statuses. Prints the time and rate of each cycle and checks the counts
// (nothing lost, nothing doubled). Usage: bench_exchange_sync [documents=1000]
#include "ExchangeFixtures.h"
#include "SandboxProcess.h"
#include "documents/IncomingService.h"
#include "exchange/sync/ExchangeService.h"
#include "exchange/sync/ExchangeSettings.h"
#include "support/TestSupport.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <cstdio>

using namespace govdesk;

namespace {

const QString kCodeA = QStringLiteral("000.00.00.H16");
const QString kCodeB = QStringLiteral("000.00.02.H16");

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_exchange_sync: %s\n", what.toLocal8Bit().constData());
    return 1;
}

void report(const char *phase, int items, qint64 ms)
{
    std::printf("%-44s %6d  %8.1f per s  (%lld ms)\n", phase, items, items / (qMax<qint64>(ms, 1) / 1000.0),
                static_cast<long long>(ms));
}

struct Agency
{
    test::Office office;
    std::unique_ptr<exchange::ExchangeTransport> transport;
};

core::Result<void> configure(Agency &agency, const test::SandboxProcess &sandbox,
                             const test::SandboxAgency &who, const char *env)
{
    qputenv(env, who.secret.toUtf8());
    exchange::ExchangeSettings s;
    s.transport.kind = exchange::TransportKind::Vxp;
    s.transport.endpoint = sandbox.endpoint(QStringLiteral("/vxp"));
    s.transport.systemId = who.systemId;
    s.transport.secretEnv = QString::fromLatin1(env);
    s.transport.proxy = QStringLiteral("none");
    s.place = QStringLiteral("Đắk Nông");
    if (auto r = exchange::ExchangeSettings::save(*agency.office.db, agency.office.admin, s); !r)
        return r.error();
    auto loaded = exchange::ExchangeSettings::load(*agency.office.db);
    if (!loaded)
        return loaded.error();
    auto t = loaded->connect(agency.office.identity.orgCode);
    if (!t)
        return t.error();
    agency.transport = std::move(t.value());
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    // The PDFs are drawn with Qt's fonts: a GUI application, without a screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = app.arguments().size() > 1 ? app.arguments()[1].toInt() : 1000;
    if (count <= 0)
        return fail(QStringLiteral("the number of documents must be positive"));

    const QList<test::SandboxAgency> agencies = test::standardAgencies();
    test::SandboxProcess sandbox(QStringLiteral(GOVDESK_SANDBOX_PATH));
    QString error;
    if (!sandbox.start(agencies, {}, &error))
        return fail(error);

    test::Workspaces spaces;
    Agency a, b;
    auto wa = spaces.fresh(storage::Engine::SQLite);
    auto wb = spaces.fresh(storage::Engine::SQLite);
    if (!wa || !wb)
        return fail(QStringLiteral("no workspace"));
    auto officeA = test::createOffice(wa.value());
    auto officeB = test::createOffice(
        wb.value(), {kCodeB, QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"), QStringLiteral("SNV"), {}});
    if (!officeA || !officeB)
        return fail((officeA ? officeB.error() : officeA.error()).english());
    a.office = officeA.value();
    b.office = officeB.value();
    if (auto r = configure(a, sandbox, agencies[0], "GOVDESK_BENCH_SECRET_A"); !r)
        return fail(r.error().english());
    if (auto r = configure(b, sandbox, agencies[1], "GOVDESK_BENCH_SECRET_B"); !r)
        return fail(r.error().english());

    // N issued công văn of A to B, each with its own one-page PDF (about 30 KB).
    exchange::ExchangeService exchangeA(*a.office.db), exchangeB(*b.office.db);
    QElapsedTimer timer;
    timer.start();
    QStringList ids;
    for (int i = 1; i <= count; ++i) {
        auto id = test::issuedCongVan(
            a.office, QStringLiteral("Về việc báo cáo số liệu biên chế công chức, đợt %1").arg(i), kCodeB,
            QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"), i);
        if (!id)
            return fail(id.error().english());
        ids << id.value();
    }
    std::printf("bench_exchange_sync: %d documents A → B through govdesk-sandbox (VXP over HTTP on "
                "127.0.0.1), SQLite workspaces\n",
                count);
    report("A drafts, approves and numbers (setup)", count, timer.restart());

    for (const QString &id : std::as_const(ids))
        if (auto r = exchangeA.send(a.office.clerk, id); !r)
            return fail(r.error().english());
    report("A queues the packets (edXML written, stored)", count, timer.restart());

    exchange::SyncOptions options;
    options.ignoreBackoff = true;
    auto sentA = exchangeA.sync(a.office.clerk, *a.transport, options);
    const qint64 sendMs = timer.restart();
    if (!sentA || !sentA->errors.isEmpty())
        return fail(sentA ? sentA->errors.first().english() : sentA.error().english());
    report("A's cycle sends", sentA->sent, sendMs);

    auto receivedB = exchangeB.sync(b.office.clerk, *b.transport, options);
    const qint64 receiveMs = timer.restart();
    if (!receivedB || !receivedB->errors.isEmpty())
        return fail(receivedB ? receivedB->errors.first().english() : receivedB.error().english());
    report("B's cycle receives, files as new, sends 01", receivedB->received, receiveMs);

    auto statusesA = exchangeA.sync(a.office.clerk, *a.transport, options);
    const qint64 statusMs = timer.restart();
    if (!statusesA || !statusesA->errors.isEmpty())
        return fail(statusesA ? statusesA->errors.first().english() : statusesA.error().english());
    report("A's cycle takes the statuses", statusesA->statuses, statusMs);
    report("whole round (send, file as new, 01 back)", count, sendMs + receiveMs + statusMs);

    documents::IncomingFilter all;
    auto arrived = documents::IncomingService(*b.office.db).count(b.office.clerk, all);
    const bool exact = sentA->sent == count && receivedB->received == count && receivedB->sent == count &&
                       statusesA->statuses == count && arrived && arrived.value() == count &&
                       receivedB->duplicates == 0;
    std::printf("counts: sent %d, received %d, incoming documents at B %d, statuses back %d, duplicates %d — "
                "%s\n",
                sentA->sent, receivedB->received, arrived ? arrived.value() : -1, statusesA->statuses,
                receivedB->duplicates, exact ? "nothing lost or doubled" : "MISMATCH");
    return exact ? 0 : 1;
}
