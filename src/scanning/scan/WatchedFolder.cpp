#include "WatchedFolder.h"

#include "ScanPipeline.h"
#include "ScannerBackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMutex>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

namespace govdesk::scanning {

using core::Error;
using core::Result;

namespace {

const QString kDigestKey = QStringLiteral("GovDeskSourceSHA256");
const QString kSourceNameKey = QStringLiteral("GovDeskSourceName");
const QString kRegisteredDir = QStringLiteral("registered");
const QString kDiscardedDir = QStringLiteral("discarded");

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

/// Files another program is still writing under a temporary name, and our own bookkeeping.
bool ignored(const QFileInfo &fi)
{
    const QString name = fi.fileName();
    if (name.startsWith(QLatin1Char('.')) || name.startsWith(QLatin1Char('~')))
        return true;
    const QString suffix = fi.suffix().toLower();
    return suffix == QLatin1String("part") || suffix == QLatin1String("tmp") ||
           suffix == QLatin1String("crdownload") || suffix == QLatin1String("partial") ||
           name.endsWith(QLatin1String(".error.txt"));
}

/// `dir/name`, or `dir/base (2).ext`, … when taken.
QString freeName(const QString &dir, const QString &name)
{
    const QFileInfo fi(name);
    const QString base = fi.completeBaseName();
    const QString suffix = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
    QString candidate = QDir(dir).filePath(name);
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = QDir(dir).filePath(QStringLiteral("%1 (%2)%3").arg(base).arg(n).arg(suffix));
    return candidate;
}

/// What the watched folder wrote into a PDF it made: the source's digest and name, and its page count.
struct MadeInfo
{
    QString digest;
    QString sourceName;
    int pages = 0;
    bool readable = false;
};

MadeInfo madeInfoOf(const QString &pdfPath)
{
    MadeInfo made;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(QFile::encodeName(pdfPath).constData());
        made.readable = true;
        made.pages = int(pdf.getAllPages().size());
        QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
        if (!info.isDictionary())
            return made;
        auto text = [&info](const QString &key) {
            QPDFObjectHandle value = info.getKey(("/" + key).toStdString());
            return value.isString() ? QString::fromStdString(value.getUTF8Value()) : QString();
        };
        made.digest = text(kDigestKey);
        made.sourceName = text(kSourceNameKey);
    } catch (const std::exception &) {
    }
    return made;
}

/// The PDF for a source with `digest`: one made from it before (a restart after the PDF was written but
/// before the file was moved), or a free name.
QString outputFor(const QString &outDir, const QString &base, const QString &digest, bool *alreadyMade)
{
    *alreadyMade = false;
    QString candidate = QDir(outDir).filePath(base + QStringLiteral(".pdf"));
    for (int n = 2; QFileInfo::exists(candidate); ++n) {
        if (madeInfoOf(candidate).digest == digest) {
            *alreadyMade = true;
            return candidate;
        }
        candidate = QDir(outDir).filePath(QStringLiteral("%1 (%2).pdf").arg(base).arg(n));
    }
    return candidate;
}

Result<void> ensureFolders(const WatchedFolderOptions &o)
{
    if (auto r = WatchedFolder::checkFolders(o); !r)
        return r;
    for (const QString &dir : {o.inbox, o.outDir, QDir(o.inbox).filePath(QStringLiteral("done")),
                               QDir(o.inbox).filePath(QStringLiteral("failed"))})
        if (!QDir().mkpath(dir))
            return GOVDESK_ERROR("watch.folder", QT_TRANSLATE_NOOP("Scanning", "Cannot create the folder %1"),
                                 dir);
    return {};
}

} // namespace

QJsonObject PendingScan::toJson() const
{
    return {{QStringLiteral("pdf"), pdf},
            {QStringLiteral("source"), sourceName},
            {QStringLiteral("pages"), pages},
            {QStringLiteral("bytes"), bytes},
            {QStringLiteral("made"), made.toString(Qt::ISODate)}};
}

QJsonObject FailedScan::toJson() const
{
    return {{QStringLiteral("file"), file},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("when"), when.toString(Qt::ISODate)}};
}

Result<void> WatchedFolder::checkFolders(const WatchedFolderOptions &o)
{
    if (o.inbox.trimmed().isEmpty() || o.outDir.trimmed().isEmpty())
        return GOVDESK_ERROR(
            "watch.folders",
            QT_TRANSLATE_NOOP("Scanning", "Choose both the scan folder and the folder for the PDFs"));
    const QString inbox = QDir::cleanPath(QDir(o.inbox).absolutePath());
    const QString out = QDir::cleanPath(QDir(o.outDir).absolutePath());
    const QString done = inbox + QStringLiteral("/done");
    const QString failed = inbox + QStringLiteral("/failed");
    auto within = [](const QString &path, const QString &folder) {
        return path == folder || path.startsWith(folder + QLatin1Char('/'));
    };
    if (out == inbox || within(out, done) || within(out, failed))
        return GOVDESK_ERROR("watch.same-folder",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "The PDFs cannot go into the scan folder %1 itself or its "
                                               "done/ and failed/ folders; choose another folder, "
                                               "e.g. a subfolder \"pdf\""),
                             o.inbox);
    return {};
}

int WatchedFolder::pendingCount(const QString &outDir)
{
    if (outDir.isEmpty())
        return 0;
    return int(
        QDir(outDir)
            .entryList({QStringLiteral("*.pdf"), QStringLiteral("*.PDF")}, QDir::Files | QDir::NoDotAndDotDot)
            .size());
}

QList<PendingScan> WatchedFolder::pending(const QString &outDir)
{
    QList<PendingScan> list;
    if (outDir.isEmpty())
        return list;
    const QFileInfoList files =
        QDir(outDir).entryInfoList({QStringLiteral("*.pdf"), QStringLiteral("*.PDF")},
                                   QDir::Files | QDir::NoDotAndDotDot, QDir::Time | QDir::Reversed);
    for (const QFileInfo &fi : files) {
        const MadeInfo made = madeInfoOf(fi.absoluteFilePath());
        PendingScan p;
        p.pdf = fi.absoluteFilePath();
        p.sourceName = made.sourceName;
        p.pages = made.pages;
        p.bytes = fi.size();
        p.made = fi.lastModified();
        list << p;
    }
    return list;
}

QList<FailedScan> WatchedFolder::failures(const QString &inbox)
{
    QList<FailedScan> list;
    if (inbox.isEmpty())
        return list;
    const QDir failed(QDir(inbox).filePath(QStringLiteral("failed")));
    const QFileInfoList files = failed.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Time);
    for (const QFileInfo &fi : files) {
        if (fi.fileName().endsWith(QLatin1String(".error.txt")))
            continue;
        FailedScan f;
        f.file = fi.absoluteFilePath();
        f.when = fi.lastModified();
        QFile why(f.file + QStringLiteral(".error.txt"));
        if (why.open(QIODevice::ReadOnly)) {
            QStringList lines;
            for (const QString &line : QString::fromUtf8(why.readAll()).split(QLatin1Char('\n'))) {
                // The last line is the code and the time, for the IT officer.
                if (!line.trimmed().isEmpty() && !line.startsWith(QLatin1Char('[')))
                    lines << line.trimmed();
            }
            f.reason = lines.join(QLatin1Char('\n'));
            f.when = why.fileTime(QFileDevice::FileModificationTime);
        }
        list << f;
    }
    return list;
}

Result<QString> WatchedFolder::settle(const QString &pdf, const QString &outDir, ScanSettlement how)
{
    const QFileInfo fi(pdf);
    if (outDir.isEmpty() || !fi.isFile() ||
        QDir::cleanPath(fi.absolutePath()) != QDir::cleanPath(QDir(outDir).absolutePath()))
        return GOVDESK_ERROR("watch.not-pending",
                             QT_TRANSLATE_NOOP("Scanning", "%1 is no longer waiting in the scan folder"),
                             pdf);
    const QString dir =
        QDir(outDir).filePath(how == ScanSettlement::Registered ? kRegisteredDir : kDiscardedDir);
    if (!QDir().mkpath(dir))
        return GOVDESK_ERROR("watch.folder", QT_TRANSLATE_NOOP("Scanning", "Cannot create the folder %1"),
                             dir);
    const QString target = freeName(dir, fi.fileName());
    if (!QFile::rename(fi.absoluteFilePath(), target))
        return GOVDESK_ERROR("watch.move", QT_TRANSLATE_NOOP("Scanning", "Cannot move %1 to %2"), pdf, dir);
    return target;
}

Result<QString> WatchedFolder::retry(const QString &failedFile, const QString &inbox)
{
    const QFileInfo fi(failedFile);
    const QString failedDir = QDir(inbox).filePath(QStringLiteral("failed"));
    if (inbox.isEmpty() || !fi.isFile() ||
        QDir::cleanPath(fi.absolutePath()) != QDir::cleanPath(QDir(failedDir).absolutePath()))
        return GOVDESK_ERROR(
            "watch.not-failed",
            QT_TRANSLATE_NOOP("Scanning", "%1 is not among the files the scan folder could not read"),
            failedFile);
    const QString target = freeName(inbox, fi.fileName());
    if (!QFile::rename(fi.absoluteFilePath(), target))
        return GOVDESK_ERROR("watch.move", QT_TRANSLATE_NOOP("Scanning", "Cannot move %1 to %2"), failedFile,
                             inbox);
    QFile::remove(fi.absoluteFilePath() + QStringLiteral(".error.txt"));
    return target;
}

WatchedFileResult WatchedFolder::processFile(const QString &path, const WatchedFolderOptions &options)
{
    WatchedFileResult result;
    result.source = path;
    const QFileInfo fi(path);
    const QString doneDir = QDir(options.inbox).filePath(QStringLiteral("done"));
    const QString failedDir = QDir(options.inbox).filePath(QStringLiteral("failed"));

    QString digest;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = GOVDESK_ERROR("import.unreadable",
                                         QT_TRANSLATE_NOOP("Scanning", "Cannot read the file %1: %2"), path,
                                         file.errorString());
            return result;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        digest = QString::fromLatin1(hash.result().toHex());
    }

    bool alreadyMade = false;
    const QString out = outputFor(options.outDir, fi.completeBaseName(), digest, &alreadyMade);
    if (!alreadyMade) {
        PdfOptions pdf = options.pdf;
        pdf.info.insert(kDigestKey, digest);
        pdf.info.insert(kSourceNameKey, fi.fileName());
        if (pdf.title.isEmpty())
            pdf.title = fi.completeBaseName();
        auto made = importToPdf({path}, pdf, out);
        if (!made) {
            result.error = made.error();
            // The output folder refusing the PDF is not the file's fault: leave it for the next try.
            if (made.error().code() == QLatin1String("pdf.save"))
                return result;
            const QString target = freeName(failedDir, fi.fileName());
            if (QFile::rename(path, target)) {
                result.movedTo = target;
                QSaveFile why(target + QStringLiteral(".error.txt"));
                if (why.open(QIODevice::WriteOnly)) {
                    const Error &e = made.error();
                    QString text = e.text() + QLatin1Char('\n');
                    if (e.english() != e.text())
                        text += e.english() + QLatin1Char('\n');
                    text += QStringLiteral("[%1] %2\n")
                                .arg(e.code(), QDateTime::currentDateTime().toString(Qt::ISODate));
                    why.write(text.toUtf8());
                    why.commit();
                }
            }
            return result;
        }
    }
    result.pdf = out;
    const QString target = freeName(doneDir, fi.fileName());
    if (QFile::rename(path, target))
        result.movedTo = target;
    return result;
}

struct WatchedFolder::Guard
{
    QMutex mutex;
    WatchedFolder *owner = nullptr; // cleared by the destructor, under the mutex
};

WatchedFolder::WatchedFolder(WatchedFolderOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_guard(std::make_shared<Guard>())
{
    m_guard->owner = this;
}

WatchedFolder::~WatchedFolder()
{
    stop();
    QMutexLocker lock(&m_guard->mutex);
    m_guard->owner = nullptr;
}

Result<void> WatchedFolder::start()
{
    if (auto r = ensureFolders(m_options); !r)
        return r;
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &WatchedFolder::look);
        m_rescan = new QTimer(this);
        connect(m_rescan, &QTimer::timeout, this, &WatchedFolder::look);
        m_settle = new QTimer(this);
        m_settle->setSingleShot(true);
        connect(m_settle, &QTimer::timeout, this, &WatchedFolder::look);
    }
    m_watcher->addPath(m_options.inbox);
    m_rescan->start(std::max(500, m_options.rescanMs));
    look();
    return {};
}

void WatchedFolder::stop()
{
    if (m_watcher)
        m_watcher->removePaths(m_watcher->directories());
    if (m_rescan)
        m_rescan->stop();
    if (m_settle)
        m_settle->stop();
    m_queue.clear();
}

QStringList WatchedFolder::readyFiles(qint64 now, bool *waiting)
{
    *waiting = false;
    QStringList ready;
    QSet<QString> present;
    const QFileInfoList entries =
        QDir(m_options.inbox).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : entries) {
        if (ignored(fi))
            continue;
        const QString path = fi.absoluteFilePath();
        present.insert(path);
        if (m_handled.contains(path))
            continue;
        Seen &s = m_seen[path];
        const QDateTime modified = fi.lastModified();
        if (s.size != fi.size() || s.modified != modified) {
            s.size = fi.size();
            s.modified = modified;
            s.stableSince = now;
            *waiting = true;
        } else if (now - s.stableSince >= m_options.stableMs) {
            ready << path;
        } else {
            *waiting = true;
        }
    }
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = present.contains(it.key()) ? std::next(it) : m_seen.erase(it);
    return ready;
}

void WatchedFolder::look()
{
    bool waiting = false;
    const QStringList ready = readyFiles(monotonicMs(), &waiting);
    // The file being made into a PDF is still in the inbox until it is moved: not queued once more.
    for (const QString &path : ready)
        if (!m_queue.contains(path) && path != m_current)
            m_queue << path;
    processNext();
    if (waiting && m_settle)
        m_settle->start(std::clamp(m_options.stableMs / 4, 100, 500));
}

void WatchedFolder::processNext()
{
    if (m_busy || m_queue.isEmpty())
        return;
    const QString path = m_queue.takeFirst();
    if (!QFileInfo::exists(path)) {
        // Taken away (by another workstation watching the same share, or by hand) while it waited.
        m_seen.remove(path);
        processNext();
        return;
    }
    m_busy = true;
    m_current = path;
    QThreadPool::globalInstance()->start([guard = m_guard, path, options = m_options] {
        WatchedFileResult result = processFile(path, options);
        QMutexLocker lock(&guard->mutex);
        if (WatchedFolder *folder = guard->owner)
            QMetaObject::invokeMethod(
                folder,
                [folder, result] {
                    folder->m_busy = false;
                    folder->m_current.clear();
                    folder->m_seen.remove(result.source);
                    if (QFileInfo::exists(result.source))
                        folder->m_handled.insert(result.source);
                    if (result.ok())
                        Q_EMIT folder->fileProcessed(result.source, result.pdf);
                    else
                        Q_EMIT folder->fileFailed(result.source, result.error);
                    folder->processNext();
                },
                Qt::QueuedConnection);
    });
}

QList<WatchedFileResult> WatchedFolder::runOnce(int timeoutMs)
{
    QList<WatchedFileResult> results;
    if (auto r = ensureFolders(m_options); !r) {
        WatchedFileResult failed;
        failed.source = m_options.inbox;
        failed.error = r.error();
        results << failed;
        return results;
    }
    QElapsedTimer elapsed;
    elapsed.start();
    for (;;) {
        bool waiting = false;
        const QStringList ready = readyFiles(monotonicMs(), &waiting);
        for (const QString &path : ready) {
            WatchedFileResult r = processFile(path, m_options);
            m_seen.remove(path);
            if (QFileInfo::exists(path))
                m_handled.insert(path);
            if (r.ok())
                Q_EMIT fileProcessed(r.source, r.pdf);
            else
                Q_EMIT fileFailed(r.source, r.error);
            results << r;
        }
        if ((!waiting && ready.isEmpty()) || elapsed.elapsed() > timeoutMs)
            break;
        if (ready.isEmpty())
            QThread::msleep(std::clamp(m_options.stableMs / 8, 20, 250));
    }
    return results;
}

} // namespace govdesk::scanning
