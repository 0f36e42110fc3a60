#pragma once

#include "scanning/scan/ScannerBackend.h"

namespace govdesk::scanning {

/// Scanners through libsane. SANE is initialised once per process on first use (SANE_CONFIG_DIR must be
/// set before that) and left at exit. Device listing, opening and closing are serialised; one device is
/// scanned by one job at a time.
///
/// Mapping to SANE options: `source` (Flatbed / ADF / ADF Duplex, or a `duplex` switch), `mode` (Color /
/// Gray / Lineart; a device without a lineart mode is asked for 1-bit grey, or scanned grey and thresholded),
/// `depth` 8, `resolution`, `tl-x`/`tl-y`/`br-x`/`br-y` (and `page-width`/`page-height` on sheet-fed
/// devices). Frames GRAY, RGB and three-pass RED/GREEN/BLUE at 1, 8 or 16 bits are read.
class SaneBackend final : public ScannerBackend
{
public:
    SaneBackend();
    ~SaneBackend() override;

    QString name() const override;
    core::Result<QList<ScannerDevice>> devices() override;
    core::Result<DeviceCapabilities> capabilities(const QString &deviceId) override;
    core::Result<int> scan(const ScanRequest &request, const ScanCallbacks &callbacks,
                           const CancelFlag &cancel) override;

    /// The libsane version ("1.2.1"), or empty before the first use.
    static QString version();
};

} // namespace govdesk::scanning
