#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "scanning/scan/PdfFromScans.h"

#include <QDateTime>
#include <QHash>
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
    QSet<QString> m_handled; ///< files that could not be moved away: never again in this run
    bool m_busy = false;
};

} // namespace govdesk::scanning
