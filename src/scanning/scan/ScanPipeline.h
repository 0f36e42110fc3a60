#pragma once

#include "core/Result.h"
#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/ScannerBackend.h"

#include <functional>

namespace govdesk::scanning {

/// What a caller of the pipeline may watch. `pageScanned` sees each page (as scanned, before deskew and
/// compression) on the working thread; keep it short (a thumbnail).
struct ScanHooks
{
    std::function<void(const ScanProgress &)> progress;
    std::function<void(const ScannedPage &)> pageScanned;
};

/// Scans with `backend` and writes the pages to `outPath` as one PDF. Refuses an electronic copy below
/// 200 dpi or not in colour before the scanner moves. On any failure (feeder empty, device gone, cancel,
/// disk full) nothing is written: no file, not even a partial one. Blocking: call it on a worker thread
/// (ScanJob) or from the CLI.
core::Result<PdfSummary> scanToPdf(ScannerBackend &backend, const ScanRequest &request,
                                   const PdfOptions &options, const QString &outPath,
                                   const ScanHooks &hooks = {}, const CancelFlag *cancel = nullptr);

/// Builds one PDF from existing image and PDF files, in order (the import and the watched folder): images
/// become pages as scans do, PDF pages are copied unchanged. Nothing is written unless every file is read.
core::Result<PdfSummary> importToPdf(const QStringList &files, const PdfOptions &options,
                                     const QString &outPath, const CancelFlag *cancel = nullptr);

} // namespace govdesk::scanning
