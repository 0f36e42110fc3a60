// govdesk-cli scan: paper into compact PDFs (SANE scanners, image/PDF import, a watched scan-to-folder
// inbox). Needs no workspace.
#include "Cli.h"
#include "CliCommon.h"

#include "scanning/scan/ScanPipeline.h"
#include "scanning/scan/WatchedFolder.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace govdesk::cli {

using core::Error;
using namespace govdesk::scanning;

namespace {

std::atomic_bool g_stopWatching{false};

extern "C" void stopWatching(int)
{
    g_stopWatching.store(true);
}

QString describe(const ScannerDevice &d)
{
    QStringList parts;
    for (const QString &s : {d.vendor, d.model})
        if (!s.isEmpty())
            parts << s;
    QString text = d.id;
    if (!parts.isEmpty())
        text += QStringLiteral(" — ") + parts.join(QLatin1Char(' '));
    if (!d.type.isEmpty())
        text += QStringLiteral(" (%1)").arg(d.type);
    return text;
}

QJsonObject resultJson(const WatchedFileResult &r)
{
    QJsonObject j{{QStringLiteral("source"), r.source},
                  {QStringLiteral("movedTo"), r.movedTo},
                  {QStringLiteral("pdf"), r.pdf},
                  {QStringLiteral("ok"), r.ok()}};
    if (!r.ok()) {
        j.insert(QStringLiteral("code"), r.error.code());
        j.insert(QStringLiteral("error"), r.error.bilingual());
    }
    return j;
}

} // namespace

int Cli::cmdScan(const QStringList &args)
{
    const Options o = parse(args,
                            {QStringLiteral("device"), QStringLiteral("pages"), QStringLiteral("out"),
                             QStringLiteral("source"), QStringLiteral("mode"), QStringLiteral("resolution"),
                             QStringLiteral("page-size"), QStringLiteral("quality"), QStringLiteral("option"),
                             QStringLiteral("watch"), QStringLiteral("out-dir"), QStringLiteral("title")},
                            {QStringLiteral("list"), QStringLiteral("import"), QStringLiteral("once"),
                             QStringLiteral("deskew"), QStringLiteral("crop"), QStringLiteral("copy"),
                             QStringLiteral("keep-colour")});
    const QString usageText = tr(
        "scan --list | scan [--device ID|test] [--pages N] --out F.pdf [--source flatbed|adf|duplex] [--mode "
        "color|gray|lineart] [--resolution DPI] [--option NAME=VALUE]… | scan --import FILE… --out F.pdf | "
        "scan --watch DIR --out-dir DIR [--once]; for all: [--deskew] [--crop] [--copy] [--page-size "
        "a4|scanned] [--quality 1-100] [--keep-colour] [--title TEXT]");
    const bool importing = o.has(QStringLiteral("import"));
    const bool watching = o.has(QStringLiteral("watch"));
    if (!o.error.isEmpty() || (!importing && !o.positional.isEmpty()))
        return usage(
            tr("scan: unexpected argument %1").arg(o.error.isEmpty() ? o.positional.value(0) : o.error) +
            QLatin1Char('\n') + usageText);

    std::shared_ptr<ScannerBackend> backend = defaultScannerBackend();
    if (o.has(QStringLiteral("list"))) {
        auto devices = backend->devices();
        if (!devices)
            return fail(devices.error());
        QJsonArray list;
        QString text;
        for (const ScannerDevice &d : devices.value()) {
            list.append(QJsonObject{{QStringLiteral("id"), d.id},
                                    {QStringLiteral("vendor"), d.vendor},
                                    {QStringLiteral("model"), d.model},
                                    {QStringLiteral("type"), d.type}});
            text += describe(d) + QLatin1Char('\n');
        }
        if (list.isEmpty())
            text = tr("No scanner was found.");
        print(list, text);
        return 0;
    }

    PdfOptions pdf;
    pdf.deskew = o.has(QStringLiteral("deskew"));
    pdf.crop = o.has(QStringLiteral("crop"));
    pdf.electronicCopy = o.has(QStringLiteral("copy"));
    pdf.grayWhenNoColour = !o.has(QStringLiteral("keep-colour"));
    pdf.title = o.value(QStringLiteral("title"));
    if (const QString size = o.value(QStringLiteral("page-size")); !size.isEmpty()) {
        if (size == QLatin1String("a4"))
            pdf.pageSize = PdfOptions::PageSize::A4;
        else if (size == QLatin1String("scanned"))
            pdf.pageSize = PdfOptions::PageSize::Scanned;
        else
            return usage(tr("--page-size is a4 or scanned") + QLatin1Char('\n') + usageText);
    }
    if (o.has(QStringLiteral("quality"))) {
        bool ok = false;
        pdf.jpegQuality = o.value(QStringLiteral("quality")).toInt(&ok);
        if (!ok || pdf.jpegQuality < 1 || pdf.jpegQuality > 100)
            return usage(tr("--quality is a number from 1 to 100") + QLatin1Char('\n') + usageText);
    }

    if (watching) {
        WatchedFolderOptions w;
        w.inbox = o.value(QStringLiteral("watch"));
        w.outDir = o.value(QStringLiteral("out-dir"));
        w.pdf = pdf;
        if (w.outDir.isEmpty())
            return usage(tr("scan --watch needs --out-dir") + QLatin1Char('\n') + usageText);
        WatchedFolder folder(w);
        auto report = [this](const WatchedFileResult &r) {
            if (r.ok())
                err() << tr("%1 → %2").arg(r.source, r.pdf) << Qt::endl;
            else
                err() << tr("%1 was not converted: %2").arg(r.source, r.error.bilingual()) << Qt::endl;
        };
        if (o.has(QStringLiteral("once"))) {
            const QList<WatchedFileResult> results = folder.runOnce();
            QJsonArray list;
            QString text;
            bool allOk = true;
            for (const WatchedFileResult &r : results) {
                list.append(resultJson(r));
                report(r);
                allOk = allOk && r.ok();
                if (r.ok())
                    text += r.pdf + QLatin1Char('\n');
            }
            if (results.isEmpty())
                text = tr("No file was waiting in %1.").arg(w.inbox);
            print(list, text);
            return allOk ? 0 : 1;
        }
        QObject::connect(&folder, &WatchedFolder::fileProcessed,
                         [this](const QString &source, const QString &out) {
                             WatchedFileResult r;
                             r.source = source;
                             r.pdf = out;
                             err() << tr("%1 → %2").arg(r.source, r.pdf) << Qt::endl;
                             if (m_json)
                                 print(resultJson(r), QString());
                         });
        QObject::connect(&folder, &WatchedFolder::fileFailed, [this](const QString &source, const Error &e) {
            WatchedFileResult r;
            r.source = source;
            r.error = e;
            err() << tr("%1 was not converted: %2").arg(r.source, e.bilingual()) << Qt::endl;
            if (m_json)
                print(resultJson(r), QString());
        });
        if (auto r = folder.start(); !r)
            return fail(r.error());
        err() << tr("Watching %1; PDFs go to %2. Press Ctrl+C to stop.").arg(w.inbox, w.outDir) << Qt::endl;
        std::signal(SIGINT, stopWatching);
        std::signal(SIGTERM, stopWatching);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
            if (g_stopWatching.load())
                loop.quit();
        });
        poll.start(200);
        loop.exec();
        folder.stop();
        return 0;
    }

    const QString out = o.value(QStringLiteral("out"));
    if (out.isEmpty())
        return usage(tr("scan needs --out FILE.pdf") + QLatin1Char('\n') + usageText);

    core::Result<PdfSummary> result = Error();
    if (importing) {
        if (o.positional.isEmpty())
            return usage(tr("scan --import needs at least one file") + QLatin1Char('\n') + usageText);
        result = importToPdf(o.positional, pdf, out);
    } else {
        ScanRequest request;
        request.deviceId = o.value(QStringLiteral("device"));
        // "test" is the SANE test backend's first virtual scanner.
        if (request.deviceId == QLatin1String("test"))
            request.deviceId = QStringLiteral("test:0");
        if (const QString s = o.value(QStringLiteral("source")); !s.isEmpty()) {
            const auto source = scanSourceFromKey(s);
            if (!source)
                return usage(tr("--source is flatbed, adf or duplex") + QLatin1Char('\n') + usageText);
            request.source = *source;
        }
        if (const QString m = o.value(QStringLiteral("mode")); !m.isEmpty()) {
            const auto mode = colorModeFromKey(m);
            if (!mode)
                return usage(tr("--mode is color, gray or lineart") + QLatin1Char('\n') + usageText);
            request.mode = *mode;
        }
        if (o.has(QStringLiteral("resolution"))) {
            bool ok = false;
            request.resolution = o.value(QStringLiteral("resolution")).toInt(&ok);
            if (!ok || request.resolution < 1)
                return usage(tr("--resolution is a number of dots per inch") + QLatin1Char('\n') + usageText);
        }
        request.pages = request.source == ScanSource::Flatbed ? 1 : 0;
        if (o.has(QStringLiteral("pages"))) {
            bool ok = false;
            request.pages = o.value(QStringLiteral("pages")).toInt(&ok);
            if (!ok || request.pages < 0)
                return usage(tr("--pages is a number (0: until the feeder is empty)") + QLatin1Char('\n') +
                             usageText);
        }
        for (const QString &opt : o.all(QStringLiteral("option"))) {
            const qsizetype eq = opt.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return usage(tr("--option is NAME=VALUE") + QLatin1Char('\n') + usageText);
            request.deviceOptions.insert(opt.left(eq), opt.mid(eq + 1));
        }
        ScanHooks hooks;
        int lastPage = 0;
        int lastStep = -1;
        hooks.progress = [&](const ScanProgress &p) {
            const int step = p.percent / 25;
            if (p.page == lastPage && step == lastStep)
                return;
            lastPage = p.page;
            lastStep = step;
            if (p.pages > 0)
                err() << tr("Scanning page %1 of %2: %3%").arg(p.page).arg(p.pages).arg(p.percent)
                      << Qt::endl;
            else
                err() << tr("Scanning page %1: %2%").arg(p.page).arg(p.percent) << Qt::endl;
        };
        result = scanToPdf(*backend, request, pdf, out, hooks);
    }
    const int code = result ? 0 : fail(result.error());
    if (result) {
        const PdfSummary &s = result.value();
        print(s.toJson(), tr("%1: %2 pages, %3 KB").arg(s.path).arg(s.pages).arg((s.bytes + 1023) / 1024));
    }
    return code;
}

} // namespace govdesk::cli
