// edXML codec throughput: parse and write every well-formed packet of the conformance corpus ROUNDS times
// (the SDK packets carry a 380 KB zipped attachment, the status packets a few lines), then one large packet
// with a 40 MB scan. Prints MB/s and packets/s; asserts nothing.
// Usage: bench_edxml [ROUNDS]   (corpus from GOVDESK_SHARED_DIR, else the shared folder beside the sources)
#include "exchange/edxml/EdxmlReader.h"
#include "exchange/edxml/EdxmlWriter.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>

using namespace govdesk::exchange::edxml;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

struct Figures
{
    qint64 bytes = 0;
    qint64 packets = 0;
    qint64 nanoseconds = 0;
};

void report(const char *what, const Figures &f)
{
    const double seconds = double(f.nanoseconds) / 1e9;
    out() << QStringLiteral("%1: %2 packets, %3 MB in %4 s — %5 MB/s, %6 packets/s")
                 .arg(QString::fromLatin1(what))
                 .arg(f.packets)
                 .arg(double(f.bytes) / 1e6, 0, 'f', 1)
                 .arg(seconds, 0, 'f', 3)
                 .arg(double(f.bytes) / 1e6 / std::max(seconds, 1e-9), 0, 'f', 1)
                 .arg(double(f.packets) / std::max(seconds, 1e-9), 0, 'f', 0)
          << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 20;
    QString shared = qEnvironmentVariable("GOVDESK_SHARED_DIR");
    if (shared.isEmpty())
        shared = QStringLiteral(GOVDESK_SHARED_DIR);
    QList<QByteArray> packets;
    QList<QByteArray> statusPackets;
    QDirIterator it(shared + QStringLiteral("/conformance/edxml"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.fileName().endsWith(QLatin1String(".md")) || !f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        if (!EdxmlReader::parse(data).ok())
            continue; // the malformed ones
        (data.contains("StatusCode") ? statusPackets : packets) << data;
    }
    if (packets.isEmpty()) {
        out() << "No corpus in " << shared << "/conformance/edxml" << Qt::endl;
        return 1;
    }
    out() << QStringLiteral("bench_edxml: %1 document and %2 status packets, %3 rounds")
                 .arg(packets.size())
                 .arg(statusPackets.size())
                 .arg(rounds)
          << Qt::endl;

    auto parseAll = [&](const QList<QByteArray> &set, const char *label) {
        Figures f;
        QElapsedTimer t;
        t.start();
        for (int r = 0; r < rounds; ++r)
            for (const QByteArray &p : set) {
                auto parsed = EdxmlReader::parse(p);
                f.bytes += p.size();
                f.packets += parsed.ok() ? 1 : 0;
            }
        f.nanoseconds = t.nsecsElapsed();
        report(label, f);
    };
    parseAll(packets, "parse documents");
    parseAll(statusPackets, "parse status packets");

    QList<Packet> models;
    for (const QByteArray &p : std::as_const(packets))
        models << EdxmlReader::parse(p).value();
    Figures w;
    QElapsedTimer t;
    t.start();
    for (int r = 0; r < rounds; ++r)
        for (const Packet &m : std::as_const(models)) {
            auto bytes = EdxmlWriter::write(m);
            w.bytes += bytes.ok() ? bytes->size() : 0;
            ++w.packets;
        }
    w.nanoseconds = t.nsecsElapsed();
    report("write documents (zip + base64)", w);

    // One large packet: a 40 MB scan of noisy grey pixels (deflates a little, like real scans).
    Packet big = models.first();
    big.attachments.clear();
    Attachment scan;
    scan.contentId = QStringLiteral("scan-40mb");
    scan.name = QStringLiteral("ban-scan.tif");
    scan.contentType = QStringLiteral("image/tiff");
    scan.data.resize(40 << 20);
    QRandomGenerator rng(2026);
    for (qsizetype i = 0; i < scan.data.size(); ++i)
        scan.data[i] = char(0x80 + int(rng.bounded(24)));
    big.attachments << scan;
    Figures bw;
    t.restart();
    auto bigBytes = EdxmlWriter::write(big);
    bw.nanoseconds = t.nsecsElapsed();
    bw.bytes = bigBytes.ok() ? bigBytes->size() : 0;
    bw.packets = 1;
    report("write one 40 MB scan", bw);
    Figures br;
    t.restart();
    auto bigParsed = EdxmlReader::parse(bigBytes.value());
    br.nanoseconds = t.nsecsElapsed();
    br.bytes = bigBytes->size();
    br.packets = bigParsed.ok() ? 1 : 0;
    report("parse one 40 MB scan", br);
    return 0;
}
