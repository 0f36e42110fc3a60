#include "OcrJob.h"

#include "scanning/ocr/OcrPipeline.h"

#include <QMetaObject>
#include <QMutex>
#include <QThreadPool>

#include <atomic>

namespace govdesk::scanning {

/// What the worker shares with the job: the cancel flag, and the job while it exists (cleared under the
/// lock by the job's destructor, so the worker never posts to a deleted object).
struct OcrJob::Shared
{
    std::atomic_bool cancel{false};
    QMutex lock;
    OcrJob *job = nullptr;

    template<typename F> void post(F &&f)
    {
        QMutexLocker l(&lock);
        if (job)
            QMetaObject::invokeMethod(job, std::forward<F>(f), Qt::QueuedConnection);
    }
};

OcrJob::OcrJob(QString input, QString output, OcrOptions options, QObject *parent)
    : QObject(parent), m_input(std::move(input)), m_output(std::move(output)), m_options(std::move(options)),
      m_shared(std::make_shared<Shared>())
{
    m_shared->job = this;
}

OcrJob::~OcrJob()
{
    m_shared->cancel = true;
    QMutexLocker l(&m_shared->lock);
    m_shared->job = nullptr;
}

void OcrJob::start(QThreadPool *pool)
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    std::shared_ptr<Shared> shared = m_shared;
    const QString input = m_input, output = m_output;
    const OcrOptions options = m_options;
    (pool ? pool : QThreadPool::globalInstance())->start([shared, input, output, options] {
        auto result = OcrPipeline::runFile(
            input, output, options,
            [shared](int done, int count) {
                shared->post([shared, done, count] {
                    if (shared->job)
                        Q_EMIT shared->job->progress(done, count);
                });
            },
            &shared->cancel);
        shared->post([shared, result] {
            OcrJob *job = shared->job;
            if (!job)
                return;
            job->m_running = false;
            if (result)
                Q_EMIT job->finished(result.value());
            else
                Q_EMIT job->failed(result.error());
        });
    });
}

void OcrJob::cancel()
{
    m_shared->cancel = true;
}

} // namespace govdesk::scanning
