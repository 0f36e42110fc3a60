#include "ScanDialog.h"

#include "gui/Async.h"
#include "scanning/scan/ScanJob.h"
#include "scanning/scan/ScanPipeline.h"
#include "ui_ScanDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QThreadPool>

namespace govdesk::gui {

using scanning::ColorMode;
using scanning::DeviceCapabilities;
using scanning::ScanSource;

namespace {

const QString kDeviceKey = QStringLiteral("scanning/device");
const QString kSourceKey = QStringLiteral("scanning/source");
const QString kModeKey = QStringLiteral("scanning/mode");
const QString kResolutionKey = QStringLiteral("scanning/resolution");
const QString kDeskewKey = QStringLiteral("scanning/deskew");
const QString kCropKey = QStringLiteral("scanning/crop");
const QString kCopyKey = QStringLiteral("scanning/electronicCopy");

/// Decree 30/2020: an electronic copy is scanned in colour at 200 dpi or more.
constexpr int kDefaultResolution = 200;

QString deviceText(const scanning::ScannerDevice &d)
{
    QStringList parts;
    for (const QString &s : {d.vendor, d.model})
        if (!s.isEmpty())
            parts << s;
    const QString name = parts.join(QLatin1Char(' '));
    return name.isEmpty() ? d.id : QStringLiteral("%1 (%2)").arg(name, d.id);
}

} // namespace

ScanDialog::ScanDialog(QString outPath, QWidget *parent, std::shared_ptr<scanning::ScannerBackend> backend)
    : QDialog(parent), m_ui(std::make_unique<Ui::ScanDialog>()), m_backend(std::move(backend)),
      m_outPath(std::move(outPath))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("scanDialog"));
    m_scanButton = m_ui->buttonBox->addButton(tr("&Scan"), QDialogButtonBox::ActionRole);
    m_scanButton->setObjectName(QStringLiteral("startScanButton"));
    m_scanButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->addButton(tr("S&top scanning"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(QStringLiteral("cancelScanButton"));
    m_cancelButton->setVisible(false);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(m_scanButton, &QPushButton::clicked, this, &ScanDialog::startScan);
    connect(m_cancelButton, &QPushButton::clicked, this, &ScanDialog::cancelScan);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ScanDialog::reject);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &ScanDialog::findDevices);
    connect(m_ui->deviceCombo, &QComboBox::currentIndexChanged, this, &ScanDialog::loadCapabilities);
    connect(m_ui->sourceCombo, &QComboBox::currentIndexChanged, this, &ScanDialog::onSourceChanged);
    connect(m_ui->electronicCopyCheck, &QCheckBox::toggled, this, [this](bool copy) {
        m_ui->electronicCopyCheck->setToolTip(
            copy
                ? tr("The scan is kept as the electronic copy of the paper document: Decree 30/2020 asks for "
                     "colour at 200 dpi or more, at 100 % scale")
                : QString());
    });
    m_ui->previewLabel->setText(tr("The scanned page appears here."));
    m_ui->previewLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    const QSettings settings;
    m_ui->deskewCheck->setChecked(settings.value(kDeskewKey, true).toBool());
    m_ui->cropCheck->setChecked(settings.value(kCropKey, false).toBool());
    m_ui->electronicCopyCheck->setChecked(settings.value(kCopyKey, true).toBool());
    Q_EMIT m_ui->electronicCopyCheck->toggled(m_ui->electronicCopyCheck->isChecked());
    m_ui->sourceCombo->setEnabled(false);
    m_ui->modeCombo->setEnabled(false);
    m_ui->resolutionCombo->setEnabled(false);
    m_scanButton->setEnabled(false);
    findDevices();
}

ScanDialog::~ScanDialog() = default;

void ScanDialog::findDevices()
{
    if (isScanning())
        return;
    const int generation = ++m_listGeneration;
    m_ui->deviceCombo->clear();
    m_ui->deviceCombo->setEnabled(false);
    m_ui->refreshButton->setEnabled(false);
    m_scanButton->setEnabled(false);
    m_ui->errorLabel->hide();
    showStatus(tr("Looking for scanners…"));
    std::shared_ptr<scanning::ScannerBackend> backend = m_backend;
    runInWorker(
        QThreadPool::globalInstance(), this, [backend] { return backend->devices(); },
        [this, generation](const core::Result<QList<scanning::ScannerDevice>> &devices) {
            if (generation != m_listGeneration)
                return;
            m_ui->refreshButton->setEnabled(true);
            if (!devices) {
                showStatus({});
                showError(devices.error());
                Q_EMIT devicesListed(0);
                return;
            }
            if (devices->isEmpty()) {
                showStatus(tr("No scanner was found: check that it is switched on, connected and its driver "
                              "installed, then look again. Existing scans can be imported as files."));
                Q_EMIT devicesListed(0);
                return;
            }
            const QString last = QSettings().value(kDeviceKey).toString();
            {
                const QSignalBlocker block(m_ui->deviceCombo);
                for (const scanning::ScannerDevice &d : devices.value())
                    m_ui->deviceCombo->addItem(deviceText(d), d.id);
                const int i = m_ui->deviceCombo->findData(last);
                m_ui->deviceCombo->setCurrentIndex(i >= 0 ? i : 0);
            }
            m_ui->deviceCombo->setEnabled(true);
            showStatus({});
            loadCapabilities();
            Q_EMIT devicesListed(int(devices->size()));
        });
}

void ScanDialog::loadCapabilities()
{
    const QString id = m_ui->deviceCombo->currentData().toString();
    if (id.isEmpty())
        return;
    const int generation = ++m_capsGeneration;
    m_scanButton->setEnabled(false);
    m_ui->errorLabel->hide();
    showStatus(tr("Asking the scanner what it can do…"));
    std::shared_ptr<scanning::ScannerBackend> backend = m_backend;
    runInWorker(
        QThreadPool::globalInstance(), this, [backend, id] { return backend->capabilities(id); },
        [this, generation](const core::Result<DeviceCapabilities> &caps) {
            if (generation != m_capsGeneration)
                return;
            showStatus({});
            if (!caps) {
                showError(caps.error());
                return;
            }
            applyCapabilities(caps.value());
        });
}

void ScanDialog::applyCapabilities(const DeviceCapabilities &caps)
{
    const QSettings settings;
    auto fill = [](QComboBox *combo, const QList<std::pair<QString, QVariant>> &items, const QVariant &wanted,
                   const QVariant &fallback) {
        const QSignalBlocker block(combo);
        combo->clear();
        for (const auto &[text, data] : items)
            combo->addItem(text, data);
        int i = combo->findData(wanted);
        if (i < 0)
            i = combo->findData(fallback);
        combo->setCurrentIndex(std::max(0, i));
        combo->setEnabled(combo->count() > 0);
    };
    QList<std::pair<QString, QVariant>> sources;
    for (ScanSource s : caps.sources)
        sources.append({scanning::scanSourceText(s), scanning::scanSourceKey(s)});
    fill(m_ui->sourceCombo, sources, settings.value(kSourceKey),
         scanning::scanSourceKey(ScanSource::Flatbed));
    QList<std::pair<QString, QVariant>> modes;
    for (ColorMode m : caps.modes)
        modes.append({scanning::colorModeText(m), scanning::colorModeKey(m)});
    fill(m_ui->modeCombo, modes, settings.value(kModeKey), scanning::colorModeKey(ColorMode::Color));
    QList<int> resolutions = caps.resolutions;
    if (resolutions.isEmpty())
        resolutions << kDefaultResolution;
    QList<std::pair<QString, QVariant>> dpis;
    for (int r : resolutions)
        dpis.append({tr("%1 dpi").arg(r), r});
    // The nearest offered resolution at or above 200 dpi when the usual one is not offered.
    int fallback = resolutions.last();
    for (int r : resolutions)
        if (r >= kDefaultResolution) {
            fallback = r;
            break;
        }
    fill(m_ui->resolutionCombo, dpis, settings.value(kResolutionKey, kDefaultResolution), fallback);
    onSourceChanged();
    m_scanButton->setEnabled(true);
}

void ScanDialog::onSourceChanged()
{
    // A feeder scans until it is empty unless a number is given; the glass holds one sheet at a time.
    const bool feeder =
        m_ui->sourceCombo->currentData().toString() != scanning::scanSourceKey(ScanSource::Flatbed);
    // The special text shows at the minimum: "until empty" only where 0 is allowed.
    m_ui->pagesSpin->setSpecialValueText(feeder ? tr("Until the feeder is empty") : QString());
    m_ui->pagesSpin->setMinimum(feeder ? 0 : 1);
    if (feeder && m_ui->pagesSpin->value() == 1)
        m_ui->pagesSpin->setValue(0);
    m_ui->pagesSpin->setToolTip(feeder ? tr("0: every sheet in the feeder")
                                       : tr("More than one: the pages are laid on the glass one after the "
                                            "other"));
}

void ScanDialog::startScan()
{
    if (isScanning() || m_merging || m_ui->deviceCombo->currentData().toString().isEmpty())
        return;
    scanning::ScanRequest request;
    request.deviceId = m_ui->deviceCombo->currentData().toString();
    request.source = scanning::scanSourceFromKey(m_ui->sourceCombo->currentData().toString())
                         .value_or(ScanSource::Flatbed);
    request.mode =
        scanning::colorModeFromKey(m_ui->modeCombo->currentData().toString()).value_or(ColorMode::Color);
    request.resolution = m_ui->resolutionCombo->currentData().toInt();
    request.pages = m_ui->pagesSpin->value();
    scanning::PdfOptions options;
    options.deskew = m_ui->deskewCheck->isChecked();
    options.crop = m_ui->cropCheck->isChecked();
    options.electronicCopy = m_ui->electronicCopyCheck->isChecked();
    options.title = tr("Scanned document");
    rememberSettings();

    // On the glass the clerk lays one sheet after the other: one scan per page, put together at the end.
    QString out = m_outPath;
    m_glassPages = request.source == ScanSource::Flatbed && request.pages > 1 ? request.pages : 0;
    if (m_glassPages > 0) {
        request.pages = 1;
        out = m_outPath + QStringLiteral(".page-%1.pdf").arg(m_parts.size() + 1);
    }
    const int pageOffset = int(m_parts.size());
    const int pageTotal = m_glassPages;

    m_lastError = core::Error();
    m_ui->errorLabel->hide();
    m_ui->previewLabel->setPixmap({});
    m_ui->previewLabel->setText(tr("The scanned page appears here."));
    m_job = new scanning::ScanJob(m_backend, request, options, out, this);
    connect(m_job, &scanning::ScanJob::progress, this,
            [this, pageOffset, pageTotal](int page, int pages, int percent) {
                if (pageTotal > 0) {
                    page += pageOffset;
                    pages = pageTotal;
                }
                if (pages > 0) {
                    m_ui->scanProgress->setRange(0, pages * 100);
                    m_ui->scanProgress->setValue((page - 1) * 100 + percent);
                    showStatus(tr("Scanning page %1 of %2 — %3 %").arg(page).arg(pages).arg(percent));
                } else {
                    m_ui->scanProgress->setRange(0, 100);
                    m_ui->scanProgress->setValue(percent);
                    showStatus(tr("Scanning page %1 — %2 %").arg(page).arg(percent));
                }
            });
    connect(m_job, &scanning::ScanJob::pageScanned, this,
            [this, pageOffset](int page, const QImage &preview) {
                const QSize box = m_ui->previewLabel->size() - QSize(8, 8);
                m_ui->previewLabel->setPixmap(
                    QPixmap::fromImage(preview.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
                m_ui->previewLabel->setToolTip(tr("Page %1").arg(page + pageOffset));
            });
    connect(m_job, &scanning::ScanJob::finished, this, [this](const scanning::PdfSummary &summary) {
        m_job->deleteLater();
        m_job = nullptr;
        setScanning(false);
        if (m_glassPages == 0) {
            m_summary = summary;
            showStatus(tr("%n page(s) scanned.", nullptr, summary.pages));
            accept();
            return;
        }
        if (m_parts.isEmpty())
            m_summary = summary;
        m_parts << summary.path;
        if (m_parts.size() < m_glassPages) {
            showStatus(tr("Page %1 of %2 is scanned. Put page %3 on the glass and press \"Scan next page\".")
                           .arg(m_parts.size())
                           .arg(m_glassPages)
                           .arg(m_parts.size() + 1));
            m_scanButton->setText(tr("&Scan next page"));
            m_scanButton->setFocus();
            lockSettings(true);
            return;
        }
        mergeParts();
    });
    connect(m_job, &scanning::ScanJob::failed, this, [this](const core::Error &error) {
        m_job->deleteLater();
        m_job = nullptr;
        setScanning(false);
        m_lastError = error;
        if (scanning::isCancelled(error)) {
            discardParts();
            showStatus(tr("Scanning stopped; nothing was kept."));
        } else {
            showStatus({});
            showError(error);
            // The pages already on file stay for another try of this one.
            lockSettings(!m_parts.isEmpty());
        }
        Q_EMIT scanFailed(error);
    });
    setScanning(true);
    showStatus(tr("Scanning…"));
    m_job->start();
}

void ScanDialog::mergeParts()
{
    m_merging = true;
    m_scanButton->setEnabled(false);
    showStatus(tr("Putting the %n page(s) together…", nullptr, int(m_parts.size())));
    const QStringList parts = m_parts;
    const QString out = m_outPath;
    runInWorker(
        QThreadPool::globalInstance(), this,
        [parts, out] { return scanning::importToPdf(parts, scanning::PdfOptions{}, out); },
        [this](const core::Result<scanning::PdfSummary> &merged) {
            m_merging = false;
            m_scanButton->setEnabled(true);
            if (!merged) {
                discardParts();
                m_lastError = merged.error();
                showError(merged.error());
                Q_EMIT scanFailed(merged.error());
                return;
            }
            // Resolution and colour are those the pages were scanned with.
            const scanning::PdfSummary first = m_summary;
            m_summary = merged.value();
            m_summary.dpi = first.dpi;
            m_summary.mode = first.mode;
            discardParts();
            showStatus(tr("%n page(s) scanned.", nullptr, m_summary.pages));
            accept();
        });
}

void ScanDialog::discardParts()
{
    for (const QString &part : std::as_const(m_parts))
        QFile::remove(part);
    m_parts.clear();
    m_glassPages = 0;
    m_scanButton->setText(tr("&Scan"));
    lockSettings(false);
}

void ScanDialog::cancelScan()
{
    if (m_job) {
        m_job->cancel();
        m_cancelButton->setEnabled(false);
        showStatus(tr("Stopping…"));
    } else if (!m_parts.isEmpty()) {
        discardParts();
        showStatus(tr("Scanning stopped; nothing was kept."));
        m_lastError = scanning::cancelledError();
        Q_EMIT scanFailed(m_lastError);
    }
}

void ScanDialog::reject()
{
    // Closing stops the scan; the job's worker ends on its own and writes nothing.
    if (m_job) {
        m_job->cancel();
        delete m_job;
        m_job = nullptr;
    }
    discardParts();
    QDialog::reject();
}

void ScanDialog::lockSettings(bool locked)
{
    // Between the pages of one document on the glass only the next page can be scanned, or all stopped.
    for (QWidget *w : {static_cast<QWidget *>(m_ui->deviceCombo), static_cast<QWidget *>(m_ui->refreshButton),
                       static_cast<QWidget *>(m_ui->sourceCombo), static_cast<QWidget *>(m_ui->modeCombo),
                       static_cast<QWidget *>(m_ui->resolutionCombo), static_cast<QWidget *>(m_ui->pagesSpin),
                       static_cast<QWidget *>(m_ui->electronicCopyCheck),
                       static_cast<QWidget *>(m_ui->deskewCheck), static_cast<QWidget *>(m_ui->cropCheck)})
        w->setEnabled(!locked);
    m_cancelButton->setVisible(locked);
    m_cancelButton->setEnabled(locked);
}

void ScanDialog::setScanning(bool scanning)
{
    lockSettings(scanning);
    m_scanButton->setVisible(!scanning);
    m_ui->scanProgress->setVisible(scanning);
    m_ui->scanProgress->setValue(0);
    if (scanning)
        m_cancelButton->setFocus();
    else
        m_scanButton->setFocus();
}

void ScanDialog::showError(const core::Error &error)
{
    m_ui->errorLabel->setText(error.bilingual());
    m_ui->errorLabel->show();
}

void ScanDialog::showStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
}

void ScanDialog::rememberSettings() const
{
    QSettings settings;
    settings.setValue(kDeviceKey, m_ui->deviceCombo->currentData());
    settings.setValue(kSourceKey, m_ui->sourceCombo->currentData());
    settings.setValue(kModeKey, m_ui->modeCombo->currentData());
    settings.setValue(kResolutionKey, m_ui->resolutionCombo->currentData());
    settings.setValue(kDeskewKey, m_ui->deskewCheck->isChecked());
    settings.setValue(kCropKey, m_ui->cropCheck->isChecked());
    settings.setValue(kCopyKey, m_ui->electronicCopyCheck->isChecked());
}

} // namespace govdesk::gui
