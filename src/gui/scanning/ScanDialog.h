#pragma once

#include "core/Error.h"
#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/ScannerBackend.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class ScanDialog;
}

namespace govdesk::scanning {
class ScanJob;
}

namespace govdesk::gui {

/// "Quét văn bản": the clerk picks the scanner (listed on a worker), the paper source (glass, feeder, both
/// sides), colour, resolution (200 dpi colour by default: an electronic copy under Decree 30/2020 may not be
/// less, and the scanning service refuses it with its reason) and the number of pages, then scans into one
/// PDF at `outPath` (several pages on the glass are scanned one by one, the clerk laying each sheet and
/// pressing "Scan next page"). Progress shows page k of n; Cancel stops at once. A failure (empty feeder,
/// scanner gone) is shown in Vietnamese and English and nothing is written; the dialog is accepted only with
/// the PDF made.
class ScanDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScanDialog(
        QString outPath, QWidget *parent = nullptr,
        std::shared_ptr<scanning::ScannerBackend> backend = scanning::defaultScannerBackend());
    ~ScanDialog() override;

    /// The PDF made (after the dialog was accepted).
    const scanning::PdfSummary &summary() const { return m_summary; }
    /// Where the PDF is written; nothing is there unless the scan succeeded.
    const QString &outputPath() const { return m_outPath; }
    bool isScanning() const { return m_job != nullptr; }
    /// Pages laid on the glass one by one: those scanned so far while the next is awaited.
    int pagesWaiting() const { return int(m_parts.size()); }
    /// The error the last scan ended with (null when none).
    const core::Error &lastError() const { return m_lastError; }

public Q_SLOTS:
    /// Lists the scanners again (on a worker).
    void findDevices();
    /// Scans with the settings shown.
    void startScan();
    /// Stops the running scan; nothing is kept.
    void cancelScan();
    void reject() override;

Q_SIGNALS:
    void devicesListed(int count);
    void scanFailed(const govdesk::core::Error &error);

private:
    void loadCapabilities();
    void applyCapabilities(const scanning::DeviceCapabilities &caps);
    void onSourceChanged();
    void setScanning(bool scanning);
    void lockSettings(bool locked);
    void mergeParts();
    void discardParts();
    void showError(const core::Error &error);
    void showStatus(const QString &text);
    void rememberSettings() const;

    std::unique_ptr<Ui::ScanDialog> m_ui;
    std::shared_ptr<scanning::ScannerBackend> m_backend;
    QString m_outPath;
    QPushButton *m_scanButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    scanning::ScanJob *m_job = nullptr;
    scanning::PdfSummary m_summary;
    core::Error m_lastError;
    /// Pages laid on the glass one by one: how many the clerk asked for, and those scanned so far.
    int m_glassPages = 0;
    QStringList m_parts;
    bool m_merging = false;
    int m_listGeneration = 0;
    int m_capsGeneration = 0;
};

} // namespace govdesk::gui
