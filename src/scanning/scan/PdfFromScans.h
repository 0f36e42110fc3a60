#pragma once

#include "core/Result.h"
#include "scanning/scan/ScanTypes.h"

#include <QJsonObject>
#include <QMap>

#include <memory>

namespace govdesk::scanning {

/// How scanned pages become a PDF.
struct PdfOptions
{
    enum class PageSize
    {
        A4,      ///< A4, portrait or landscape as the image is; the image at its true size from the top-left
        Scanned, ///< the page is the image's own physical size
    };
    PageSize pageSize = PageSize::A4;
    int jpegQuality = 75;         ///< colour and grey pages are JPEG (DCTDecode); lineart is CCITT G4
    bool deskew = false;          ///< straighten pages skewed up to ±5°
    bool crop = false;            ///< cut the dark scanner border and the empty margin (5 mm kept)
    bool grayWhenNoColour = true; ///< store a colour page without colour as grey (never for a copy)
    /// An electronic copy (bản sao điện tử, Decree 30/2020 Phần II.I.2): every page must be colour and at
    /// least 200 dpi, placed at 100 % scale; anything else is refused.
    bool electronicCopy = false;
    bool keepPages = false; ///< keep the processed page images (for OCR) in PdfSummary::pages
    QString title;          ///< document information /Title
    /// Extra document information entries (PDF name without the slash → text).
    QMap<QString, QString> info;
};

/// The finished file.
struct PdfSummary
{
    QString path;
    int pages = 0;
    qint64 bytes = 0;
    double dpi = 0;                ///< of the first image page (0 for pages copied from a PDF)
    QString mode;                  ///< colorModeKey of the image pages, "mixed", or empty when none
    QList<ScannedPage> pageImages; ///< with PdfOptions::keepPages: the pages as written (after deskew/crop)
    QList<double> skewAngles;      ///< the skew corrected on each image page (degrees; 0 when none)

    /// {out, pages, bytes, dpi, mode}: what `govdesk-cli scan --json` prints.
    QJsonObject toJson() const;
};

/// The lowest resolution and the mode Decree 30/2020 requires of an electronic copy's scan.
inline constexpr double kElectronicCopyMinDpi = 200.0;
/// Refuses what an electronic copy may not be made from (below 200 dpi, not colour); ok otherwise.
core::Result<void> checkElectronicCopy(int dpi, ColorMode mode);

/// Builds a PDF (1.4, written with qpdf, with a classic xref table) from scanned pages, one page per image:
/// JPEG for colour and grey, CCITT Group 4 for black and white, the image at its physical size from its dpi.
/// Pages of existing PDFs can be appended as they are. Each page is compressed when added, so a long job
/// does not hold every raw image in memory.
class PdfFromScans
{
public:
    explicit PdfFromScans(PdfOptions options = {});
    ~PdfFromScans();
    PdfFromScans(const PdfFromScans &) = delete;
    PdfFromScans &operator=(const PdfFromScans &) = delete;

    /// Processes (crop, deskew, grey) and compresses one page, then adds it.
    core::Result<void> addPage(ScannedPage page);
    /// Appends every page of an existing PDF unchanged; `name` is for error messages.
    core::Result<void> addPdf(const QByteArray &pdf, const QString &name);
    int pageCount() const;

    /// The finished PDF.
    core::Result<QByteArray> toPdf();
    /// Writes the PDF atomically (QSaveFile): on any failure no file, and no partial file, is left.
    core::Result<PdfSummary> save(const QString &path);

    const PdfOptions &options() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace govdesk::scanning
