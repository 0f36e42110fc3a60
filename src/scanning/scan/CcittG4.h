#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QImage>

namespace govdesk::scanning {

/// A bi-level image compressed with CCITT Group 4 (T.6), as one strip: what a PDF image stream with
/// /Filter /CCITTFaxDecode and /DecodeParms << /K -1 /Columns width /Rows height >> holds (black pixels are
/// encoded as black, so /BlackIs1 stays false). Encoded by libtiff in memory.
struct CcittG4
{
    QByteArray data;
    int columns = 0;
    int rows = 0;

    /// Encodes `image` (converted to canonical mono first: bit 1 = black).
    static core::Result<CcittG4> encode(const QImage &image);
};

} // namespace govdesk::scanning
