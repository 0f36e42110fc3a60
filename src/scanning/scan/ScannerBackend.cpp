#include "ScannerBackend.h"

#include "SaneBackend.h"

namespace govdesk::scanning {

ScannerBackend::~ScannerBackend() = default;

std::shared_ptr<ScannerBackend> defaultScannerBackend()
{
    static const std::shared_ptr<ScannerBackend> backend = std::make_shared<SaneBackend>();
    return backend;
}

bool isCancelled(const core::Error &error)
{
    return error.code() == QLatin1String("scan.cancelled");
}

core::Error cancelledError()
{
    return GOVDESK_ERROR("scan.cancelled", QT_TRANSLATE_NOOP("Scanning", "The scan was cancelled"));
}

} // namespace govdesk::scanning
