#pragma once

#include "core/Result.h"
#include "scanning/ocr/OcrTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QList>

namespace govdesk::scanning {

/// What OCR needs to know of a PDF before rendering it.
struct PdfPageFacts
{
    QSizeF size;      ///< points, as displayed (crop box, page rotation applied)
    int rotation = 0; ///< /Rotate: 0, 90, 180, 270
    double imageDpi =
        0; ///< resolution of the page's one image when the page is a single scanned image, else 0
};

struct PdfFacts
{
    QList<PdfPageFacts> pages;
    bool isSigned = false; ///< carries at least one digital signature
};

/// Writes invisible text (render mode 3) over PDF pages so viewers can search and select the words where
/// they stand on the page images, which stay untouched; nothing else of the file changes. The font is a
/// glyph-less Type 0 font whose ToUnicode map is the identity on UTF-16, so extracted text keeps its
/// Vietnamese diacritics exactly as recognised.
class SearchablePdf
{
    Q_DECLARE_TR_FUNCTIONS(SearchablePdf)
public:
    /// Page sizes, rotations, scanned-image resolutions and whether the file is signed; fails on a damaged
    /// or password-protected file.
    static core::Result<PdfFacts> inspect(const QByteArray &pdf);

    /// Adds the words of every page with words that did not already carry text (`hadText` false), and
    /// turns the pages OCR found turned (`OcrPage::turned`, added to their /Rotate).
    /// `fontProgram` is the glyph-less TrueType font (tesseract's pdf.ttf); when empty the font is
    /// referenced without being embedded.
    static core::Result<QByteArray> addTextLayer(const QByteArray &pdf, const QList<OcrPage> &pages,
                                                 const QByteArray &fontProgram);

    /// A PDF with one page per image, each page the image's size at its resolution: grey and colour images
    /// as JPEG, black-and-white ones as 1-bit Flate.
    static core::Result<QByteArray> fromImages(const QList<QImage> &images, const QList<double> &dpis);
};

} // namespace govdesk::scanning
