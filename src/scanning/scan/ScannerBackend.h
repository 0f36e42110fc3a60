#pragma once

#include "core/Result.h"
#include "scanning/scan/ScanTypes.h"

#include <functional>
#include <memory>

namespace govdesk::scanning {

/// What a running scan reports. `pageScanned` receives each page as soon as it is read and takes it over
/// (e.g. compresses it into the PDF); an error it returns stops the scan. Both are called on the scanning
/// thread.
struct ScanCallbacks
{
    std::function<void(const ScanProgress &)> progress;
    std::function<core::Result<void>(ScannedPage &&)> pageScanned;
};

/// A scanner driver stack: SANE on Linux (SaneBackend); WIA/TWAIN on Windows plug in here. Nothing of the
/// driver's API shows through. `scan` blocks: run it on a worker thread (ScanJob does), never the UI thread.
class ScannerBackend
{
public:
    virtual ~ScannerBackend();

    virtual QString name() const = 0;
    /// The scanners attached now (network ones included).
    virtual core::Result<QList<ScannerDevice>> devices() = 0;
    virtual core::Result<DeviceCapabilities> capabilities(const QString &deviceId) = 0;
    /// Scans the requested pages, handing each to `callbacks.pageScanned`; returns how many were scanned.
    /// Errors: feeder empty (scan.feeder-empty), feeder ran out before the requested count
    /// (scan.feeder-ran-out), device gone mid-job (scan.device-lost), cancelled (scan.cancelled) …
    virtual core::Result<int> scan(const ScanRequest &request, const ScanCallbacks &callbacks,
                                   const CancelFlag &cancel) = 0;
};

/// The backend of this platform (SANE on Linux), shared by the process.
std::shared_ptr<ScannerBackend> defaultScannerBackend();

/// True for the error a cancelled scan ends with (which a screen should not show as a failure).
bool isCancelled(const core::Error &error);
core::Error cancelledError();

} // namespace govdesk::scanning
