#include "ScanPipeline.h"

#include "ImageImport.h"

#include <QFileInfo>

namespace govdesk::scanning {

using core::Result;

Result<PdfSummary> scanToPdf(ScannerBackend &backend, const ScanRequest &request, const PdfOptions &options,
                             const QString &outPath, const ScanHooks &hooks, const CancelFlag *cancel)
{
    if (options.electronicCopy)
        if (auto r = checkElectronicCopy(request.resolution, request.mode); !r)
            return r.error();
    PdfFromScans pdf(options);
    ScanCallbacks callbacks;
    callbacks.progress = hooks.progress;
    callbacks.pageScanned = [&](ScannedPage &&page) -> Result<void> {
        if (hooks.pageScanned)
            hooks.pageScanned(page);
        return pdf.addPage(std::move(page));
    };
    const CancelFlag never;
    auto scanned = backend.scan(request, callbacks, cancel ? *cancel : never);
    if (!scanned)
        return scanned.error();
    if (cancel && cancel->isCancelled())
        return cancelledError();
    return pdf.save(outPath);
}

Result<PdfSummary> importToPdf(const QStringList &files, const PdfOptions &options, const QString &outPath,
                               const CancelFlag *cancel)
{
    PdfFromScans pdf(options);
    for (const QString &path : files) {
        if (cancel && cancel->isCancelled())
            return cancelledError();
        auto file = ImageImport::load(path);
        if (!file)
            return file.error();
        if (file->isPdf()) {
            if (auto r = pdf.addPdf(file->pdf, QFileInfo(path).fileName()); !r)
                return r.error();
            continue;
        }
        for (ScannedPage &page : file.value().pages)
            if (auto r = pdf.addPage(std::move(page)); !r)
                return r.error();
    }
    return pdf.save(outPath);
}

} // namespace govdesk::scanning
