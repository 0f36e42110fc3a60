#include "CcittG4.h"

#include "ImageOps.h"
#include "TiffMemory.h"

#include <tiffio.h>

#include <vector>

namespace govdesk::scanning {

using core::Result;

Result<CcittG4> CcittG4::encode(const QImage &image)
{
    const QImage mono = ImageOps::toCanonicalMono(image);
    if (mono.isNull())
        return GOVDESK_ERROR("pdf.empty-image", QT_TRANSLATE_NOOP("Scanning", "The page has no image"));
    const int width = mono.width();
    const int height = mono.height();

    TiffMemory memory;
    TIFF *out = memory.open("w");
    if (!out)
        return memory.error();
    TIFFSetField(out, TIFFTAG_IMAGEWIDTH, uint32_t(width));
    TIFFSetField(out, TIFFTAG_IMAGELENGTH, uint32_t(height));
    TIFFSetField(out, TIFFTAG_BITSPERSAMPLE, uint16_t(1));
    TIFFSetField(out, TIFFTAG_SAMPLESPERPIXEL, uint16_t(1));
    TIFFSetField(out, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(out, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    // Fax convention: 0 is white, 1 is black — the canonical mono layout, row by row as it is.
    TIFFSetField(out, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(out, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(out, TIFFTAG_ROWSPERSTRIP, uint32_t(height));
    TIFFSetField(out, TIFFTAG_T6OPTIONS, uint32_t(0));
    std::vector<uchar> row(size_t((width + 7) / 8));
    for (int y = 0; y < height; ++y) {
        std::copy_n(mono.constScanLine(y), row.size(), row.begin());
        if (TIFFWriteScanline(out, row.data(), uint32_t(y), 0) < 0) {
            TIFFClose(out);
            return memory.error();
        }
    }
    TIFFClose(out);

    // Read the one strip back raw: that is the T.6 stream the PDF holds.
    TIFF *in = memory.open("r");
    if (!in)
        return memory.error();
    uint64_t *counts = nullptr;
    if (!TIFFGetField(in, TIFFTAG_STRIPBYTECOUNTS, &counts) || !counts || TIFFNumberOfStrips(in) != 1) {
        TIFFClose(in);
        return memory.error();
    }
    QByteArray strip(qsizetype(counts[0]), Qt::Uninitialized);
    const tmsize_t got = TIFFReadRawStrip(in, 0, strip.data(), tmsize_t(strip.size()));
    TIFFClose(in);
    if (got != tmsize_t(strip.size()))
        return memory.error();
    return CcittG4{strip, width, height};
}

} // namespace govdesk::scanning
