#pragma once

#include "core/Error.h"
#include "scanning/ocr/OcrTypes.h"

#include <QObject>
#include <QString>

#include <memory>

class QThreadPool;

namespace govdesk::scanning {

/// OCR of one file in the background, so the clerk keeps working meanwhile: runs OcrPipeline::runFile on
/// a thread pool and reports in the thread the job lives in (the UI thread). Exactly one of finished or
/// failed follows start(); cancel() ends the work early with failed("ocr.cancelled") and nothing written.
/// Deleting a running job cancels it; its worker then finishes on its own without touching the job.
class OcrJob : public QObject
{
    Q_OBJECT
public:
    OcrJob(QString input, QString output, OcrOptions options = {}, QObject *parent = nullptr);
    ~OcrJob() override;

    /// Starts on `pool` (the global pool when null). A job runs once.
    void start(QThreadPool *pool = nullptr);
    /// Thread-safe; the running page stops at its next word.
    void cancel();
    bool isRunning() const { return m_running; }

    QString input() const { return m_input; }
    QString output() const { return m_output; }

Q_SIGNALS:
    void progress(int pagesDone, int pageCount);
    void finished(const govdesk::scanning::OcrOutcome &outcome);
    void failed(const govdesk::core::Error &error);

private:
    struct Shared;
    QString m_input;
    QString m_output;
    OcrOptions m_options;
    std::shared_ptr<Shared> m_shared;
    bool m_running = false;
    bool m_started = false;
};

} // namespace govdesk::scanning
