#pragma once

// Internal to the PDF layer: the widget appearance (form XObject) of a signature.

#include "PdfSigner.h"
#include "PdfSyntax.h"

namespace govdesk::signing::pdf {

/// Writes the appearance of `appearance` for a widget of `rect` on a page turned by `rotation` degrees
/// (drawn upright as the page is displayed) and what it uses (image, subset font) into `writer`; returns
/// the form XObject's object number. Errors: signing.pdf-font, signing.pdf-image.
core::Result<int> writeAppearance(IncrementalWriter &writer, const SignatureAppearance &appearance,
                                  const QRectF &rect, int rotation);

} // namespace govdesk::signing::pdf
