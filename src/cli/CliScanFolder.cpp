// govdesk-cli scan-folder: the scan-to-folder inbox as the window's "Scan folder…" shows it: the PDFs waiting
// to be registered, the files that could not be read, and the same actions (registered, put aside, try
// again). Needs no workspace.
#include "Cli.h"
#include "CliCommon.h"

#include "scanning/scan/WatchedFolder.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace govdesk::cli {

using namespace govdesk::scanning;

int Cli::cmdScanFolder(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1), {QStringLiteral("inbox"), QStringLiteral("out-dir")}, {});
    const QString usageText = tr("scan-folder pending --out-dir DIR | scan-folder failed --inbox DIR | "
                                 "scan-folder registered|put-aside "
                                 "PDF --out-dir DIR | scan-folder retry FILE --inbox DIR");
    if (!o.error.isEmpty())
        return usage(tr("scan-folder: unexpected argument %1").arg(o.error) + QLatin1Char('\n') + usageText);
    const QString inbox = o.value(QStringLiteral("inbox"));
    const QString outDir = o.value(QStringLiteral("out-dir"));

    if (sub == QLatin1String("pending") && !outDir.isEmpty() && o.positional.isEmpty()) {
        QJsonArray list;
        QString text;
        for (const PendingScan &p : WatchedFolder::pending(outDir)) {
            list.append(p.toJson());
            text += tr("%1 — %n page(s), from %2, %3\n", nullptr, p.pages)
                        .arg(QDir::toNativeSeparators(p.pdf),
                             p.sourceName.isEmpty() ? tr("(unknown)") : p.sourceName,
                             p.made.toString(QStringLiteral("dd/MM/yyyy HH:mm")));
        }
        if (list.isEmpty())
            text = tr("Nothing waits to be registered.");
        print(list, text);
        return 0;
    }
    if (sub == QLatin1String("failed") && !inbox.isEmpty() && o.positional.isEmpty()) {
        QJsonArray list;
        QString text;
        for (const FailedScan &f : WatchedFolder::failures(inbox)) {
            list.append(f.toJson());
            text += tr("%1: %2\n")
                        .arg(QDir::toNativeSeparators(f.file),
                             QString(f.reason).replace(QLatin1Char('\n'), QLatin1String(" / ")));
        }
        if (list.isEmpty())
            text = tr("No file failed.");
        print(list, text);
        return 0;
    }
    if ((sub == QLatin1String("registered") || sub == QLatin1String("put-aside")) && !outDir.isEmpty() &&
        o.positional.size() == 1) {
        auto r = WatchedFolder::settle(QDir(o.positional.first()).absolutePath(), outDir,
                                       sub == QLatin1String("registered") ? ScanSettlement::Registered
                                                                          : ScanSettlement::Discarded);
        if (!r)
            return fail(r.error());
        print(QJsonObject{{QStringLiteral("movedTo"), r.value()}},
              tr("Moved to %1").arg(QDir::toNativeSeparators(r.value())));
        return 0;
    }
    if (sub == QLatin1String("retry") && !inbox.isEmpty() && o.positional.size() == 1) {
        auto r = WatchedFolder::retry(QDir(o.positional.first()).absolutePath(), inbox);
        if (!r)
            return fail(r.error());
        print(QJsonObject{{QStringLiteral("movedTo"), r.value()}},
              tr("Back in the scan folder: %1").arg(QDir::toNativeSeparators(r.value())));
        return 0;
    }
    return usage(usageText);
}

} // namespace govdesk::cli
