#pragma once

#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace govdesk::scanning::testing {

/// A private SANE configuration (dll.conf naming the backends, test.conf for the test backend) in a
/// temporary folder, put into SANE_CONFIG_DIR. Install it before the first SANE call of the process.
class SaneTestConfig
{
public:
    /// `backends` go into dll.conf; `testConf` lines into test.conf (one device, and a 1 ms pause after each
    /// block of data, are always there: see the .cpp).
    bool install(const QStringList &backends = {QStringLiteral("test")}, const QStringList &testConf = {},
                 bool setEnvironment = true);
    QString path() const { return m_dir.path(); }
    bool write(const QString &name, const QString &content) const;

private:
    QTemporaryDir m_dir;
};

/// One image XObject of a PDF as qpdf reports it.
struct PdfImageInfo
{
    QString filter;     ///< "/DCTDecode", "/CCITTFaxDecode" …
    QString colorSpace; ///< "/DeviceRGB", "/DeviceGray"
    int width = 0;
    int height = 0;
    int bitsPerComponent = 0;
    QJsonObject decodeParms;
};

/// The image XObjects of a PDF, read with `qpdf --json=2`; empty (and `error` set) when qpdf fails.
QList<PdfImageInfo> pdfImages(const QString &pdf, QString *error = nullptr);
/// `qpdf --check` passes.
bool qpdfCheck(const QString &pdf, QString *output = nullptr);
/// `pdfinfo` reads the file; its "PDF version" (e.g. "1.4") goes to `version`.
bool pdfinfoReads(const QString &pdf, QString *version = nullptr);
/// Page sizes in points, from Poppler.
QList<QSizeF> pdfPageSizes(const QString &pdf);
/// Page `index` rendered by Poppler at `dpi`.
QImage renderPdfPage(const QString &pdf, int index, double dpi);

/// How many squares of the SANE test backend's "Grid" picture (10 mm black/white squares, white at the top
/// left) differ in `page` (an image of the scanned area at `dpi`, its top-left corner at the glass's);
/// `squares` per side are checked.
int gridMismatches(const QImage &page, double dpi, int squares = 20);

/// A generated A4 page of Vietnamese administrative text at `dpi` (Format_Grayscale8), the text turned by
/// `rotateDegrees` (clockwise on screen) about the page centre; what a clerk's typical scanned page holds.
QImage textPage(double dpi, double rotateDegrees = 0.0, bool colourStamp = false);

} // namespace govdesk::scanning::testing
