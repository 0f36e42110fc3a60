#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "scanning/scan/PdfFromScans.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace govdesk::scanning {

struct WatchedFolderOptions
{
    QString inbox;  ///< where scanners (scan-to-folder) and clerks drop files
    QString outDir; ///< where the PDFs go
    PdfOptions pdf;
    int stableMs = 2000; ///< a file is taken once its size and time have not changed for this long
    int rescanMs = 5000; ///< periodic look, for network shares where change notices do not arrive
};

/// What happened to one dropped file.
struct WatchedFileResult
{
    QString source;  ///< the file as it was dropped
    QString movedTo; ///< where it is now (done/ or failed/)
    QString pdf;     ///< the PDF made (empty on failure)
    core::Error error;
    bool ok() const { return error.isNull(); }
};

/// A PDF the watched folder made, in the output folder, waiting to be registered.
struct PendingScan
{
    QString pdf;        ///< absolute path
    QString sourceName; ///< the file that was dropped ("scan0001.tif")
    int pages = 0;
    qint64 bytes = 0;
    QDateTime made; ///< when the PDF was written

    /// {pdf, source, pages, bytes, made (ISO 8601)}
    QJsonObject toJson() const;
};

/// A dropped file that could not be read: it waits in `failed/` with the reason beside it.
struct FailedScan
{
    QString file;   ///< absolute path in failed/
    QString reason; ///< the reason as written when it failed (Vietnamese and English lines)
    QDateTime when;

    /// {file, reason, when (ISO 8601)}
    QJsonObject toJson() const;
};

/// What became of a pending PDF.
enum class ScanSettlement
{
    Registered, ///< it is now the file of a registered document: kept in `registered/`
    Discarded,  ///< the clerk put it aside (a blank or a duplicate scan): kept in `discarded/`
};

/// A scan-to-folder inbox. Each new file (PNG, JPEG, multi-page TIFF, PDF) whose size has been stable for
/// ~2 s becomes a PDF in the output folder through the same code as the import; the file is then moved to
/// `done/`, or, when it cannot be read, to `failed/` with `NAME.error.txt` beside it giving the reason in
/// Vietnamese and English. The move is the record that a file was handled, so a restart never handles it
/// again; a PDF already made from the same file (same SHA-256, kept in the PDF) is not made twice either.
class WatchedFolder : public QObject
{
    Q_OBJECT
public:
    explicit WatchedFolder(WatchedFolderOptions options, QObject *parent = nullptr);
    ~WatchedFolder() override;

    /// Creates the folders and starts watching; files are processed on the thread pool, one at a time.
    core::Result<void> start();
    void stop();

    /// Handles the files in the inbox now (each once it is stable), waiting at most `timeoutMs` for files
    /// still being written; returns what happened to each. For `govdesk-cli scan --watch --once`.
    QList<WatchedFileResult> runOnce(int timeoutMs = 120000);

    /// Makes the PDF from one file and moves the file to done/ or failed/. The single step both modes use.
    static WatchedFileResult processFile(const QString &path, const WatchedFolderOptions &options);

    const WatchedFolderOptions &options() const { return m_options; }

    /// The folders are usable together: both given, and the PDFs do not go into the inbox itself or its
    /// done/ or failed/ (they would be taken as new drops, or hidden among handled files).
    static core::Result<void> checkFolders(const WatchedFolderOptions &options);

    /// The PDFs waiting in the output folder to be registered, oldest first.
    static QList<PendingScan> pending(const QString &outDir);
    /// How many PDFs wait in the output folder (without opening them).
    static int pendingCount(const QString &outDir);
    /// The files in the inbox's failed/ with their reasons, newest first.
    static QList<FailedScan> failures(const QString &inbox);
    /// Takes a pending PDF off the list: moves it to `registered/` or `discarded/` in the output folder, and
    /// returns where it now is. Refused for a file that is not a pending PDF of `outDir`.
    static core::Result<QString> settle(const QString &pdf, const QString &outDir, ScanSettlement how);
    /// Puts a failed file back into the inbox to be read once more (after the clerk fixed the cause, e.g. a
    /// scanner that wrote the file in a format it cannot read); its reason file goes away. Returns the path.
    static core::Result<QString> retry(const QString &failedFile, const QString &inbox);

Q_SIGNALS:
    void fileProcessed(const QString &source, const QString &pdf);
    void fileFailed(const QString &source, const govdesk::core::Error &error);

private:
    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
        qint64 stableSince = 0; ///< ms on the monotonic clock
    };
    void look();
    /// The files of the inbox that are ready (stable), updating the bookkeeping.
    QStringList readyFiles(qint64 now, bool *waiting);
    void processNext();

    struct Guard;
    WatchedFolderOptions m_options;
    std::shared_ptr<Guard> m_guard;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_rescan = nullptr;
    QTimer *m_settle = nullptr;
    QHash<QString, Seen> m_seen;
    QStringList m_queue;
    QString m_current;       ///< the file being made into a PDF now
    QSet<QString> m_handled; ///< files that could not be moved away: never again in this run
    bool m_busy = false;
};

} // namespace govdesk::scanning
