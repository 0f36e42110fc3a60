#include "ImageImport.h"

#include "ImageOps.h"
#include "TiffMemory.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <cmath>
#include <vector>

namespace govdesk::scanning {

using core::Error;
using core::Result;

namespace {

Error damaged(const QString &name, const QString &why)
{
    return GOVDESK_ERROR("import.damaged",
                         QT_TRANSLATE_NOOP("Scanning", "The image %1 is damaged or incomplete: %2"), name,
                         why);
}

quint32 be32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}

/// The resolution a PNG declares in its pHYs chunk (metres), or 0.
double pngDpi(const QByteArray &data)
{
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    qsizetype i = 8;
    while (i + 12 <= data.size()) {
        const quint32 length = be32(p + i);
        const QByteArray type = data.mid(i + 4, 4);
        if (type == "pHYs" && length >= 9 && i + 8 + 9 <= data.size()) {
            const quint32 x = be32(p + i + 8);
            // Pixels per metre are whole numbers: 5906 is 150.01 dpi, meant as 150.
            return p[i + 16] == 1 ? std::round(x * 0.0254 * 10) / 10 : 0.0;
        }
        if (type == "IDAT" || type == "IEND")
            break;
        i += 12 + qsizetype(length);
    }
    return 0;
}

/// The resolution a JPEG declares in its JFIF header (dots per inch or per cm), or 0.
double jpegDpi(const QByteArray &data)
{
    const qsizetype at = data.indexOf(QByteArray("JFIF\0", 5));
    if (at < 0 || at > 64 || at + 12 > data.size())
        return 0;
    const auto *p = reinterpret_cast<const uchar *>(data.constData()) + at;
    const int units = p[7];
    const int x = (p[8] << 8) | p[9];
    if (units == 1)
        return x;
    if (units == 2)
        return std::round(x * 2.54 * 10) / 10;
    return 0;
}

/// A JPEG cut short still decodes (grey below the cut); the end-of-image marker says it is whole.
bool jpegComplete(const QByteArray &data)
{
    qsizetype end = data.size();
    while (end > 2 && (data[end - 1] == '\0' || data[end - 1] == '\n' || data[end - 1] == '\r'))
        --end;
    return end >= 4 && uchar(data[end - 2]) == 0xFF && uchar(data[end - 1]) == 0xD9;
}

ColorMode modeOf(const QImage &image)
{
    if (image.format() == QImage::Format_Mono || image.format() == QImage::Format_MonoLSB)
        return ColorMode::Lineart;
    if (image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16 ||
        (image.colorCount() > 0 && image.isGrayscale()))
        return ColorMode::Gray;
    return ColorMode::Color;
}

ScannedPage pageFrom(QImage image, double dpi, int number)
{
    ScannedPage page;
    page.mode = modeOf(image);
    switch (page.mode) {
    case ColorMode::Lineart:
        image = ImageOps::toCanonicalMono(image);
        break;
    case ColorMode::Gray:
        image = ImageOps::toGray(image);
        break;
    case ColorMode::Color:
        image = ImageOps::toRgb(image);
        break;
    }
    page.dpi = dpi > 0 ? dpi : ImageImport::kAssumedDpi;
    page.image = withResolution(std::move(image), page.dpi);
    page.number = number;
    return page;
}

} // namespace

QStringList ImageImport::knownSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"),  QStringLiteral("jpeg"),
            QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("pdf")};
}

Result<ImportedFile> ImageImport::load(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("import.unreadable",
                             QT_TRANSLATE_NOOP("Scanning", "Cannot read the file %1: %2"), path,
                             file.errorString());
    if (file.size() > kMaxFileSize)
        return GOVDESK_ERROR("import.too-large",
                             QT_TRANSLATE_NOOP("Scanning", "The file %1 is too large (more than %2 MB)"),
                             name, QString::number(kMaxFileSize / (1024 * 1024)));
    const QByteArray data = file.readAll();
    auto r = fromData(data, name);
    if (r)
        r.value().path = path;
    return r;
}

Result<ImportedFile> ImageImport::fromData(const QByteArray &data, const QString &name)
{
    ImportedFile out;
    if (data.isEmpty())
        return GOVDESK_ERROR("import.empty", QT_TRANSLATE_NOOP("Scanning", "The file %1 is empty"), name);
    if (data.left(1024).contains("%PDF-")) {
        out.pdf = data;
        return out;
    }
    if (data.startsWith(QByteArray("II*\0", 4)) || data.startsWith(QByteArray("MM\0*", 4))) {
        auto pages = decodeTiff(data, name);
        if (!pages)
            return pages.error();
        out.pages = pages.value();
        return out;
    }
    const bool png = data.startsWith("\x89PNG\r\n\x1a\n");
    const bool jpeg = data.startsWith("\xFF\xD8\xFF");
    if (!png && !jpeg)
        return GOVDESK_ERROR("import.unsupported",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "The file %1 is neither an image (PNG, JPEG, TIFF) nor "
                                               "a PDF"),
                             name);
    if (jpeg && !jpegComplete(data))
        return damaged(name, QStringLiteral("JPEG end marker missing"));
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, png ? "png" : "jpeg");
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return damaged(name, reader.errorString());
    out.pages.append(pageFrom(std::move(image), png ? pngDpi(data) : jpegDpi(data), 1));
    return out;
}

Result<QList<ScannedPage>> ImageImport::decodeTiff(const QByteArray &data, const QString &name)
{
    TiffMemory memory(data);
    TIFF *tif = memory.open("r");
    if (!tif)
        return damaged(name, memory.message());
    QList<ScannedPage> pages;
    constexpr int kMaxPages = 2000;
    do {
        uint32_t w = 0, h = 0;
        uint16_t bps = 1, spp = 1, photometric = PHOTOMETRIC_MINISBLACK, unit = RESUNIT_INCH;
        float xres = 0;
        TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
        TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
        TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
        TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
        TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
        TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
        double dpi = 0;
        if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xres) && xres > 0)
            dpi = std::round((unit == RESUNIT_CENTIMETER ? xres * 2.54
                              : unit == RESUNIT_INCH     ? xres
                                                         : 0) *
                             10) /
                  10;
        if (w == 0 || h == 0 || quint64(w) * h > 400ull * 1000 * 1000) {
            TIFFClose(tif);
            return damaged(name, QStringLiteral("image size %1×%2").arg(w).arg(h));
        }
        std::vector<uint32_t> raster(size_t(w) * h);
        if (!TIFFReadRGBAImageOriented(tif, w, h, raster.data(), ORIENTATION_TOPLEFT, 0)) {
            const QString why = memory.message();
            TIFFClose(tif);
            return damaged(name, why);
        }
        const bool gray = spp == 1 && photometric != PHOTOMETRIC_PALETTE;
        QImage image(int(w), int(h), gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        for (uint32_t y = 0; y < h; ++y) {
            const uint32_t *s = raster.data() + size_t(y) * w;
            uchar *d = image.scanLine(int(y));
            for (uint32_t x = 0; x < w; ++x) {
                if (gray) {
                    d[x] = uchar(TIFFGetR(s[x]));
                } else {
                    d[3 * x] = uchar(TIFFGetR(s[x]));
                    d[3 * x + 1] = uchar(TIFFGetG(s[x]));
                    d[3 * x + 2] = uchar(TIFFGetB(s[x]));
                }
            }
        }
        if (gray && bps == 1)
            image = ImageOps::binarize(image, 128);
        pages.append(pageFrom(std::move(image), dpi, int(pages.size()) + 1));
        memory.clearMessage();
    } while (pages.size() < kMaxPages && TIFFReadDirectory(tif));
    // The end of the pages is silent; a broken next page is not.
    const QString late = memory.message();
    TIFFClose(tif);
    if (!late.isEmpty())
        return damaged(name, late);
    return pages;
}

} // namespace govdesk::scanning
