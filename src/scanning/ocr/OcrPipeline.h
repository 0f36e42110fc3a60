#pragma once

#include "core/Result.h"
#include "scanning/ocr/OcrTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>

namespace govdesk::scanning {

/// Called from worker threads as pages finish: pages done so far (pages that already had text count at
/// once) and the page count.
using OcrProgress = std::function<void(int pagesDone, int pageCount)>;

struct OcrDocument
{
    QByteArray pdf; ///< the searchable PDF (for a PDF whose pages all had text, or a signed one: the input)
    OcrOutcome outcome;
};

/// The blocking OCR of one file for the CLI and for workers (OcrJob runs it in the background).
class OcrPipeline
{
    Q_DECLARE_TR_FUNCTIONS(OcrPipeline)
public:
    /// OCR of a PDF or an image (PNG, JPEG, TIFF with one or more pages, …) held in memory. PDF pages that
    /// already carry text are left as they are and their words are read from the text; the other pages
    /// are rendered with Poppler at their scanned image's own resolution (300 dpi when it is not one
    /// image) and recognised in parallel, one engine per worker thread. Images become a PDF with one page
    /// per image. A digitally signed PDF is never changed (its signatures would break): its words and
    /// fields still come back, `outcome.signedOriginalKept` says so. `name` names the input in messages.
    static core::Result<OcrDocument> run(const QByteArray &data, const QString &name,
                                         const OcrOptions &options, const OcrProgress &progress = {},
                                         const std::atomic_bool *cancel = nullptr);

    /// Reads `input`, runs the OCR and writes the searchable PDF to `output` with QSaveFile: on any failure
    /// or cancellation nothing is written.
    static core::Result<OcrOutcome> runFile(const QString &input, const QString &output,
                                            const OcrOptions &options, const OcrProgress &progress = {},
                                            const std::atomic_bool *cancel = nullptr);

    /// Largest input accepted.
    static constexpr qint64 kMaxInputSize = 512ll * 1024 * 1024;
    /// Resolution pages are rendered at when they are not one scanned image, or when that image's own
    /// resolution is below kMinDpi or above kMaxDpi.
    static constexpr double kRenderDpi = 300;
    static constexpr double kMinDpi = 150;
    static constexpr double kMaxDpi = 600;
};

} // namespace govdesk::scanning
