#pragma once

#include "core/Error.h"
#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/ScannerBackend.h"

#include <QImage>
#include <QObject>

#include <memory>

namespace govdesk::scanning {

/// A scan to PDF running on the global thread pool, for the GUI: start() returns at once, the signals
/// arrive on the thread the job lives in (the UI thread), cancel() may be called any time. Exactly one of
/// finished / failed is emitted; a cancelled job fails with scan.cancelled (see isCancelled()). Deleting
/// the job cancels it; the worker then ends on its own and writes nothing.
class ScanJob : public QObject
{
    Q_OBJECT
public:
    ScanJob(std::shared_ptr<ScannerBackend> backend, ScanRequest request, PdfOptions options, QString outPath,
            QObject *parent = nullptr);
    ~ScanJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    /// Blocks until the worker has finished (-1: no limit); true when it has. For shutdown and tests.
    bool wait(int timeoutMs = -1);

    const ScanRequest &request() const;
    const QString &outputPath() const;

Q_SIGNALS:
    /// Page `page` of `pages` (0 = until the feeder is empty), `percent` of that page read.
    void progress(int page, int pages, int percent);
    /// A page was read; `preview` is at most 800 pixels on its longer side.
    void pageScanned(int page, const QImage &preview);
    void finished(const govdesk::scanning::PdfSummary &summary);
    void failed(const govdesk::core::Error &error);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    ScanRequest m_request;
    QString m_outPath;
};

} // namespace govdesk::scanning
