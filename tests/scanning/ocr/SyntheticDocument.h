#pragma once

// Decree-30-style administrative documents drawn with Qt at 300 dpi in Liberation Serif (the layout of
// Phụ lục I/III: issuing organ top-left, Quốc hiệu top-right, "Số: …" and the place-and-date line, title,
// trích yếu, body, nơi nhận and signer), degraded the way office scanners and fax copies degrade them, with
// every drawn word's box kept as ground truth. Shared by the OCR tests and the OCR benchmark.

#include "scanning/ocr/OcrTypes.h"

#include <QDate>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace govdesk::test::ocr {

struct DrawnWord
{
    QString text;
    QRectF box; ///< ink box, points, top-left origin of the page
};

struct DrawnLine
{
    QString text;
    QList<DrawnWord> words;
};

/// What a document says; the register fields a clerk would copy from it.
struct DocumentSpec
{
    QStringList organLines; ///< "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI CHÍNH"
    QString number;         ///< "15" (drawn with a leading zero below 10)
    QString notation;       ///< "QĐ-STC"
    QString place;          ///< "Đắk Nông"
    QDate date;
    QString typeName; ///< "Quyết định"; "Công văn" has no title line
    QString typeAbbr; ///< "QĐ"; empty for a công văn
    QString subject;  ///< trích yếu as the register keeps it (a công văn's without "V/v")
    QString authority;
    QString recipient; ///< Kính gửi (công văn)
    QStringList paragraphs;
    QString signerTitle;
    QString signerName;

    QString organ() const { return organLines.join(QLatin1Char(' ')); }
};

/// A varied but deterministic document: organ, type, number, date, subject and body depend on `variant`.
DocumentSpec documentSpec(int variant);

struct SyntheticPage
{
    QImage image; ///< 8-bit grayscale, dots-per-metre set to `dpi`
    int dpi = 300;
    QList<DrawnLine> lines;
    DocumentSpec spec;

    /// The drawn text, one line per drawn line.
    QString text() const;
    int characterCount() const;
};

/// Renders the document on an A4 page at 300 dpi.
SyntheticPage renderPage(const DocumentSpec &spec);

/// One way a scan degrades: lower resolution, sensor noise and dust, blur, a skewed sheet, a fax-like
/// black-and-white copy.
struct Degradation
{
    QString name;
    int dpi = 300;
    double noiseSigma = 0; ///< grey levels of Gaussian noise
    double speckle = 0;    ///< fraction of pixels flipped to black or white
    double blurSigma = 0;  ///< pixels at the target resolution
    double angle = 0;      ///< degrees, clockwise
    bool binarize = false;
};

/// clean 300 dpi; 200 dpi; + noise; + blur; + 1.5° rotation; combined (all of them, binarised).
QList<Degradation> degradationLevels();
Degradation degradationLevel(const QString &name);

/// The page as scanned with `d`; the same seed gives the same pixels. Ground-truth boxes follow the page.
SyntheticPage degrade(const SyntheticPage &clean, const Degradation &d, quint32 seed);

/// Character error rate of recognised words against the drawn lines, independent of reading order: every
/// recognised word goes to the drawn word nearest to its centre, the words of each drawn line are read left
/// to right, and the edit distance to the drawn line is summed; recognised words far from any drawn word
/// count as insertions. Returns errors / drawn characters.
double characterErrorRate(const SyntheticPage &truth, const scanning::OcrPage &page);

/// Levenshtein distance on code points (NFC).
int editDistance(const QString &a, const QString &b);

/// A PDF of page images, one page each at `dpi` (as a scanner's software writes it), written by Qt's own PDF
/// engine so the OCR reads a PDF it did not make.
QByteArray imagePdf(const QList<QImage> &images, int dpi);

} // namespace govdesk::test::ocr
