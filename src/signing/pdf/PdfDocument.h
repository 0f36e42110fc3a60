#pragma once

// Internal to the PDF layer: a PDF opened with qpdf (the qpdf types stay in the .cpp files).

#include "core/Result.h"

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <memory>

class QPDF;
class QPDFObjectHandle;

namespace govdesk::signing::pdf {

struct LoadedPdf
{
    QByteArray bytes;           ///< kept alive: qpdf reads from this buffer
    std::shared_ptr<QPDF> qpdf; ///< null when the file needs a password
    bool needsPassword = false;
    bool encrypted = false;
    bool damaged = false;
    QString damageDetail;
};

/// Opens `pdf` with qpdf (warnings collected, not printed) and walks its page tree so that damage shows.
/// Errors: signing.pdf-unreadable.
core::Result<LoadedPdf> loadPdf(const QByteArray &pdf);

/// The checks before appending an update: readable, not encrypted, not damaged.
core::Result<LoadedPdf> loadForUpdate(const QByteArray &pdf);

/// A PDF rectangle array ([x1 y1 x2 y2], corners in any order) as a normalised QRectF; empty when malformed.
QRectF rectangleOf(const QPDFObjectHandle &array);

} // namespace govdesk::signing::pdf
