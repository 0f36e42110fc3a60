#pragma once

#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace govdesk::scanning {

/// One recognised word. The box is in points (1/72 inch) from the top-left corner of the page as it is
/// displayed (the same coordinates as Poppler's text boxes), so the GUI can highlight it on a rendered page
/// by scaling with dpi / 72.
struct OcrWord
{
    QString text;          ///< NFC
    QRectF box;            ///< points, top-left origin
    double confidence = 0; ///< 0–1
    int line = -1;         ///< index of the recogniser's text line on the page (reading order)
};

/// Tesseract's page segmentation: the default automatic layout analysis (PSM 3) or one uniform block of
/// text (PSM 6). Auto runs both where needed and keeps the better one (see OcrEngine).
enum class Segmentation
{
    Auto,
    Layout = 3,
    Block = 6
};

struct OcrPage
{
    int index = 0;        ///< 0-based
    QSizeF size;          ///< points, as displayed
    double dpi = 0;       ///< resolution the page image was recognised at (0: it had text)
    bool hadText = false; ///< the page already carried text and was left as it was (its words come from it)
    int psm = 0;          ///< segmentation mode whose result was kept (3 or 6; 0 when it had text)
    /// Degrees (0, 90, 180, 270) the scan was turned clockwise to read upright: the sheet went into the
    /// scanner sideways or upside down. The output page is shown turned (/Rotate) and the words lie on the
    /// page as shown; the page image itself is not touched.
    int turned = 0;
    QList<OcrWord> words; ///< in reading order
    /// What each mode gave (Auto records both where both ran): recognised characters, their mean confidence
    /// and the share of the page's ink inside recognised words; -1 when the mode did not run.
    int layoutCharacters = -1;
    double layoutConfidence = -1;
    double layoutCoverage = -1;
    int blockCharacters = -1;
    double blockConfidence = -1;
    double blockCoverage = -1;

    /// The words, one recognised text line per line.
    QString text() const;
    /// Recognised characters (spaces not counted).
    int characterCount() const;
    /// Mean word confidence weighted by characters, 0–1 (1 for a page that had text, 0 without words).
    double meanConfidence() const;
};

/// One register field read off the page: its value, how sure the reading is (0–1: the recognition
/// confidence of its words times how well the expected pattern matched), where it came from (0-based page,
/// box in points as OcrWord::box). An empty value means the field was not found.
struct OcrField
{
    QString value;
    double confidence = 0;
    int page = -1;
    QRectF box;

    bool isFound() const { return !value.isEmpty(); }
    QJsonObject toJson() const;
};

/// The fields a clerk copies into the incoming register (Decree 30/2020 Phụ lục IV): cơ quan ban hành, số,
/// ký hiệu, địa danh, ngày tháng (ISO 8601 value), tên loại and trích yếu.
struct RegisterFields
{
    OcrField organ;
    OcrField number;   ///< "15" (no leading zero)
    OcrField notation; ///< "QĐ-UBND"
    OcrField place;
    OcrField date;    ///< "2026-01-05"
    OcrField type;    ///< "Quyết định"
    QString typeAbbr; ///< abbreviation of the type as in Phụ lục III ("QĐ"; "" for a công văn)
    OcrField subject;

    QJsonObject toJson() const;
};

struct OcrOptions
{
    /// Tesseract language(s), e.g. "vie" or "vie+eng".
    QString language = QStringLiteral("vie");
    Segmentation segmentation = Segmentation::Auto;
    /// Detect sheets scanned sideways or upside down and turn their pages upright (not in a signed PDF,
    /// which is kept byte for byte).
    bool turnPages = true;
    /// Pages recognised at once, one recogniser each; 0 = one per processor core.
    int threads = 0;
    /// Folder holding <language>.traineddata; empty = TESSDATA_PREFIX, else the system's folder.
    QString tessdataPath;
};

/// What OCR of one file gave.
struct OcrOutcome
{
    QString outputPath;
    QList<OcrPage> pages;
    RegisterFields fields;
    qint64 outputBytes = 0;
    /// The input is a digitally signed PDF: it was kept byte for byte (a text layer would break the
    /// signatures); pages and fields were still read.
    bool signedOriginalKept = false;

    int characters() const;
    /// Character-weighted mean confidence of the recognised pages, 0–1.
    double meanConfidence() const;
    /// Pages that were recognised (not already carrying text).
    int recognisedPages() const;
    /// The `govdesk-cli ocr --json` document.
    QJsonObject toJson() const;
};

QString segmentationKey(Segmentation s); ///< "auto", "3", "6"

} // namespace govdesk::scanning
