#pragma once

#include <QImage>
#include <QRect>

namespace govdesk::scanning {

/// Page-image operations of the scan pipeline. Images are the three formats of ScannedPage: Format_Mono
/// with colour table {white, black}, Format_Grayscale8, Format_RGB888; results keep the input's format and
/// resolution.
namespace ImageOps {

/// Any image as Format_Grayscale8 (transparent areas become white).
QImage toGray(const QImage &image);
/// Any image as Format_RGB888 (transparent areas become white).
QImage toRgb(const QImage &image);
/// Format_Mono with colour table {white, black}: the form lineart pages and the CCITT encoder use.
QImage toCanonicalMono(const QImage &image);
/// Otsu's threshold of a grey image (0–255): the level that best separates ink from paper.
int otsuThreshold(const QImage &gray);
/// Black where darker than `threshold` (Otsu's when negative); canonical mono.
QImage binarize(const QImage &image, int threshold = -1);
/// A grey copy whose longer side is at most `maxSide` pixels (area-averaged).
QImage downscaledGray(const QImage &image, int maxSide);

/// The skew of the text on a page in degrees, within ±maxDegrees: the angle by which upright content
/// appears turned (positive = clockwise on screen, QTransform::rotate's sense). Estimated from the
/// projection profile of a downscaled bi-level copy; 0 for a page without enough ink to tell.
double estimateSkew(const QImage &page, double maxDegrees = 5.0);
/// The page turned by `degrees` (clockwise on screen) about its centre, same size, uncovered corners white.
QImage rotate(const QImage &page, double degrees);
/// Straightens the page (no change below 0.05°); the angle found goes to `angle`.
QImage deskew(const QImage &page, double *angle = nullptr, double maxDegrees = 5.0);

/// The paper without the dark scanner background around it (the lid left open, a smaller sheet).
QRect paperBounds(const QImage &page);
/// The part of the page holding ink, with `marginPx` of paper kept around it; the whole rect if blank.
QRect contentBounds(const QImage &page, int marginPx);
/// Crops the dark border, then the empty white margin down to `marginMm` at `dpi`.
QImage cropBorders(const QImage &page, double dpi, double marginMm = 5.0);

/// True when the page shows colour (stamps, signatures in blue, photos), not just black on white.
bool hasColour(const QImage &page);

} // namespace ImageOps

} // namespace govdesk::scanning
