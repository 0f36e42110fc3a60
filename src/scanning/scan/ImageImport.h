#pragma once

#include "core/Result.h"
#include "scanning/scan/ScanTypes.h"

#include <QByteArray>
#include <QStringList>

namespace govdesk::scanning {

/// A file brought in instead of scanned: page images (PNG, JPEG, TIFF with all its pages) or a PDF kept as
/// it is.
struct ImportedFile
{
    QString path;
    QList<ScannedPage> pages;
    QByteArray pdf;

    bool isPdf() const { return !pdf.isEmpty(); }
};

/// Reads image and PDF files for the import and the watched folder. The type is recognised from the
/// content, not the name; damaged files (truncated JPEG, broken PNG or TIFF) are refused with the reason.
class ImageImport
{
public:
    /// The resolution assumed for an image that does not say (a PNG without pHYs, a JPEG without JFIF
    /// density): a typical office scan.
    static constexpr double kAssumedDpi = 200.0;
    /// Files larger than this are refused before they are read.
    static constexpr qint64 kMaxFileSize = 512ll * 1024 * 1024;

    static core::Result<ImportedFile> load(const QString &path);
    static core::Result<ImportedFile> fromData(const QByteArray &data, const QString &name);
    /// Every page of a TIFF file, through libtiff.
    static core::Result<QList<ScannedPage>> decodeTiff(const QByteArray &data, const QString &name);
    /// The suffixes the watched folder takes (lower case, no dot).
    static QStringList knownSuffixes();
};

} // namespace govdesk::scanning
