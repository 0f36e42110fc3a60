#pragma once

#include "core/Result.h"
#include "scanning/ocr/OcrTypes.h"

#include <QCoreApplication>
#include <QImage>

#include <atomic>
#include <memory>

namespace govdesk::scanning {

/// The folder holding the recogniser's model for every language of `language` ("vie", "vie+eng"):
/// `explicitPath` when given, else TESSDATA_PREFIX when set (the folder itself or its tessdata/ subfolder),
/// else the system's folders. Fails with a bilingual message naming the missing model.
core::Result<QString> findTessdata(const QString &language, const QString &explicitPath = {});

/// The word split in two where the recogniser lost the space between two Vietnamese syllables
/// ("ĐẮKNÔNG" -> "ĐẮK", "NÔNG", each with its share of the box); the word itself otherwise.
QList<OcrWord> splitMergedSyllables(const OcrWord &word);

/// One Tesseract recogniser (LSTM, Vietnamese model by default). Not thread-safe: each worker thread owns
/// its own. Recognition runs single-threaded inside, so several engines share the cores without
/// oversubscribing them.
class OcrEngine
{
    Q_DECLARE_TR_FUNCTIONS(OcrEngine)
public:
    static core::Result<std::unique_ptr<OcrEngine>> create(const OcrOptions &options);
    ~OcrEngine();
    OcrEngine(const OcrEngine &) = delete;
    OcrEngine &operator=(const OcrEngine &) = delete;

    /// Recognises one page image (any format; read as 8-bit grey) scanned at `dpi`. With Auto, PSM 3 runs
    /// first; when its words leave part of the page's ink unread or its confidence is low, PSM 6 runs too
    /// and the reading that covers more ink with confident words is kept (see chooseSegmentation). Fails
    /// with "ocr.cancelled" when `cancel` becomes true.
    core::Result<OcrPage> recognize(const QImage &image, double dpi, Segmentation mode,
                                    const std::atomic_bool *cancel = nullptr);

    /// How far (0, 90, 180 or 270 degrees clockwise) the page image must be turned for its text to read
    /// upright, from Tesseract's orientation detection; 0 when the text is upright, when the detection is
    /// unsure (too little text) or when the tessdata folder has no osd model.
    int uprightTurn(const QImage &image, double dpi);

    /// What orientation detection says of a page image, before any threshold.
    struct Orientation
    {
        bool found = false;    ///< the detector reached a verdict (enough text, osd model present)
        int turn = 0;          ///< degrees clockwise that would make the text upright
        double confidence = 0; ///< Tesseract's orientation confidence (not a probability)
    };
    Orientation orientation(const QImage &image, double dpi);

    QString tessdataPath() const { return m_tessdata; }
    QString language() const { return m_language; }

    /// Auto keeps PSM 3 without trying PSM 6 when its words cover at least this share of the page's ink
    /// (connected components larger than dust) and their mean confidence reaches kLayoutConfidence.
    static constexpr double kLayoutCoverage = 0.97;
    static constexpr double kLayoutConfidence = 0.80;
    /// Orientation detection turns a page only from this confidence on (Tesseract's scale; a full page of
    /// text turned a quarter scores far above it, a page with a few words below).
    static constexpr double kOrientationConfidence = 2.0;
    /// Orientation detection looks at the page at most at this resolution.
    static constexpr double kOrientationDpi = 200;

    /// The Auto decision between two readings of one page: true keeps the PSM 3 reading.
    static bool chooseLayout(const OcrPage &layout, const OcrPage &block);

private:
    struct Api;
    OcrEngine(std::unique_ptr<Api> api, QString tessdata, QString language);
    core::Result<OcrPage> run(const QImage &gray, double dpi, Segmentation mode,
                              const std::atomic_bool *cancel);

    std::unique_ptr<Api> m_api;
    QString m_tessdata;
    QString m_language;
};

} // namespace govdesk::scanning
