#include "ScanJob.h"

#include "ScanPipeline.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QThreadPool>
#include <QWaitCondition>

namespace govdesk::scanning {

struct ScanJob::Shared
{
    QMutex mutex;
    QWaitCondition done;
    ScanJob *owner = nullptr; // cleared by the job's destructor, under the mutex
    bool running = false;
    CancelFlag cancel;
    std::shared_ptr<ScannerBackend> backend;
    PdfOptions options;

    /// Runs `fn(job)` on the job's thread, unless the job is gone (Qt drops calls queued to a deleted
    /// object).
    template<typename Fn> void post(Fn fn)
    {
        QMutexLocker lock(&mutex);
        if (ScanJob *job = owner)
            QMetaObject::invokeMethod(
                job, [job, fn = std::move(fn)] { fn(job); }, Qt::QueuedConnection);
    }
};

ScanJob::ScanJob(std::shared_ptr<ScannerBackend> backend, ScanRequest request, PdfOptions options,
                 QString outPath, QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()), m_request(std::move(request)),
      m_outPath(std::move(outPath))
{
    m_shared->owner = this;
    m_shared->backend = std::move(backend);
    m_shared->options = std::move(options);
}

ScanJob::~ScanJob()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->owner = nullptr;
    m_shared->cancel.cancel();
}

void ScanJob::start()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        if (m_shared->running)
            return;
        m_shared->running = true;
    }
    QThreadPool::globalInstance()->start([shared = m_shared, request = m_request, out = m_outPath] {
        ScanHooks hooks;
        hooks.progress = [&](const ScanProgress &p) {
            shared->post([p](ScanJob *job) { Q_EMIT job->progress(p.page, p.pages, p.percent); });
        };
        hooks.pageScanned = [&](const ScannedPage &page) {
            QImage preview = page.image;
            if (std::max(preview.width(), preview.height()) > 800)
                preview = preview.scaled(800, 800, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            shared->post([n = page.number, preview](ScanJob *job) { Q_EMIT job->pageScanned(n, preview); });
        };
        auto result = scanToPdf(*shared->backend, request, shared->options, out, hooks, &shared->cancel);
        if (result)
            shared->post([summary = result.value()](ScanJob *job) { Q_EMIT job->finished(summary); });
        else
            shared->post([error = result.error()](ScanJob *job) { Q_EMIT job->failed(error); });
        QMutexLocker lock(&shared->mutex);
        shared->running = false;
        shared->done.wakeAll();
    });
}

void ScanJob::cancel()
{
    m_shared->cancel.cancel();
}

bool ScanJob::isRunning() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->running;
}

bool ScanJob::wait(int timeoutMs)
{
    QMutexLocker lock(&m_shared->mutex);
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(timeoutMs));
    while (m_shared->running)
        if (!m_shared->done.wait(&m_shared->mutex, deadline))
            return !m_shared->running;
    return true;
}

const ScanRequest &ScanJob::request() const
{
    return m_request;
}

const QString &ScanJob::outputPath() const
{
    return m_outPath;
}

} // namespace govdesk::scanning
