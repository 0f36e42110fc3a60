// Throughput of a whole exchange round through the national-axis protocol: N packets of about 50 KB sent
// A→B through a local govdesk-sandbox, then listed, fetched and acknowledged by B, each call a real HTTP
// request signed with the XroadVnpt HMAC headers. Prints packets/s and MB/s per phase.
// Usage: bench_sandbox_sync [packets=1000] [packet-bytes=51200]
#include "SandboxProcess.h"
#include "exchange/transport/VxpTransport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSet>

#include <cstdio>

using namespace govdesk;
using namespace govdesk::exchange;

namespace {

void report(const char *phase, int packets, qint64 bytes, qint64 ms)
{
    const double seconds = qMax<qint64>(ms, 1) / 1000.0;
    std::printf("%-28s %6d packets  %8.1f packets/s  %7.2f MB/s  (%lld ms)\n", phase, packets,
                packets / seconds, bytes / seconds / (1024.0 * 1024.0), static_cast<long long>(ms));
}

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_sandbox_sync: %s\n", what.toLocal8Bit().constData());
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.size() > 1 ? args[1].toInt() : 1000;
    const int size = args.size() > 2 ? args[2].toInt() : 50 * 1024;

    test::SandboxProcess sandbox(QStringLiteral(GOVDESK_SANDBOX_PATH));
    const auto agencies = test::standardAgencies();
    QString error;
    if (!sandbox.start(agencies, {}, &error))
        return fail(error);
    auto config = [&](const test::SandboxAgency &a) {
        TransportConfig c;
        c.kind = TransportKind::Vxp;
        c.endpoint = sandbox.endpoint(QStringLiteral("/vxp"));
        c.systemId = a.systemId;
        c.secret = a.secret;
        c.proxy = QStringLiteral("none");
        return c;
    };
    VxpTransport sender(config(agencies[0]));
    VxpTransport receiver(config(agencies[1]));

    QList<QByteArray> packets;
    qint64 total = 0;
    for (int i = 0; i < count; ++i) {
        packets << test::samplePacket(agencies[0].code, {agencies[1].code}, QStringLiteral("bench-%1").arg(i),
                                      size);
        total += packets.last().size();
    }
    std::printf("bench_sandbox_sync: %d packets, %.1f KB average, VXP over HTTP on 127.0.0.1\n", count,
                total / 1024.0 / qMax(count, 1));

    QElapsedTimer all;
    all.start();
    QElapsedTimer t;
    t.start();
    for (const QByteArray &p : std::as_const(packets)) {
        const auto sent = sender.send(p, MessageType::Edoc, {agencies[1].code});
        if (!sent)
            return fail(sent.error().english());
    }
    report("send", count, total, t.restart());

    const auto list = receiver.listReceived(MessageType::Edoc);
    if (!list)
        return fail(list.error().english());
    if (list->size() != count)
        return fail(QStringLiteral("listed %1 packets, expected %2").arg(list->size()).arg(count));
    report("list", count, 0, t.restart());

    QSet<QByteArray> sentHashes, fetchedHashes;
    for (const QByteArray &p : std::as_const(packets))
        sentHashes.insert(QCryptographicHash::hash(p, QCryptographicHash::Sha256));
    qint64 fetchedBytes = 0;
    for (const ReceivedItem &item : list.value()) {
        const auto bytes = receiver.fetch(item.docId);
        if (!bytes)
            return fail(bytes.error().english());
        fetchedBytes += bytes->size();
        fetchedHashes.insert(QCryptographicHash::hash(bytes.value(), QCryptographicHash::Sha256));
    }
    report("fetch", count, fetchedBytes, t.restart());
    if (fetchedHashes != sentHashes)
        return fail(QStringLiteral("the fetched packets differ from the sent ones"));

    for (const ReceivedItem &item : list.value()) {
        const auto ack = receiver.acknowledge(item.docId, TransportAck::Done);
        if (!ack)
            return fail(ack.error().english());
    }
    report("acknowledge", count, 0, t.restart());
    const auto left = receiver.listReceived(MessageType::Edoc);
    if (!left || !left->isEmpty())
        return fail(QStringLiteral("the inbox is not empty after acknowledging"));

    report("whole round (send→ack)", count, total, all.elapsed());
    return 0;
}
