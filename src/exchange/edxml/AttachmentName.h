#pragma once

#include <QString>

namespace govdesk::exchange::edxml {

/// Attachment names come from other systems and end up as file names on the clerk's disk, so they are
/// made safe first.
class AttachmentName
{
public:
    /// The longest name kept, in UTF-8 bytes (the extension is kept when shortening).
    static constexpr int MaxBytes = 200;

    /// A name safe on Windows, macOS and Linux: the base name only (no folder, "/", "\", drive letter or
    /// ".."), no control or invisible formatting characters, none of < > : " | ? *, Windows device names
    /// (CON, PRN, AUX, NUL, COM1–9, LPT1–9) prefixed with "_", no trailing dots or spaces, at most MaxBytes
    /// UTF-8 bytes keeping the extension, in Unicode NFC. An empty result becomes "tep-dinh-kem-<index>".
    static QString sanitise(const QString &name, int index);
};

} // namespace govdesk::exchange::edxml
