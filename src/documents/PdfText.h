#pragma once

#include <QByteArray>
#include <QString>

namespace govdesk::documents {

/// The text of a PDF, page after page, for the full-text index: at most `maxChars` characters, so a huge
/// file costs a bounded time and index size. Empty for a PDF without text (a scan not yet OCRed), a
/// damaged or password-protected one, or bytes that are not a PDF.
QString pdfText(const QByteArray &pdf, int maxChars = 200000);

} // namespace govdesk::documents
