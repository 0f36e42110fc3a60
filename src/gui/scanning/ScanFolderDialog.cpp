#include "ScanFolderDialog.h"
#include "ui_ScanFolderDialog.h"

#include "ScanFolder.h"
#include "gui/Async.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace govdesk::gui {

using scanning::FailedScan;
using scanning::PendingScan;

namespace {

struct Lists
{
    QList<PendingScan> pending;
    QList<FailedScan> failed;
};

QTableWidgetItem *cell(const QString &text, const QString &tip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(tip.isEmpty() ? text : tip);
    return item;
}

QString when(const QDateTime &t)
{
    return t.toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

} // namespace

ScanFolderDialog::ScanFolderDialog(ScanFolder &folder, QWidget *parent)
    : QDialog(parent), m_folder(folder), m_ui(std::make_unique<Ui::ScanFolderDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("scanFolderDialog"));
    m_ui->inboxEdit->setText(folder.inbox());
    m_ui->pdfEdit->setText(folder.outDir());
    for (QTableWidget *table : {m_ui->pendingTable, m_ui->failedTable}) {
        table->horizontalHeader()->setHighlightSections(false);
        table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    }
    m_ui->pendingTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_ui->pendingTable->horizontalHeader()->setStretchLastSection(false);
    for (int c = 1; c < 4; ++c)
        m_ui->pendingTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_ui->failedTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->failedTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_ui->failedTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_ui->failedTable->horizontalHeader()->setStretchLastSection(false);

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->inboxBrowseButton, &QPushButton::clicked, this, [this] { browse(true); });
    connect(m_ui->pdfBrowseButton, &QPushButton::clicked, this, [this] { browse(false); });
    connect(m_ui->watchButton, &QPushButton::clicked, this, &ScanFolderDialog::applyFolders);
    connect(m_ui->stopButton, &QPushButton::clicked, this, [this] {
        m_folder.turnOff();
        m_ui->inboxEdit->clear();
        m_ui->pdfEdit->clear();
    });
    connect(m_ui->registerScanButton, &QPushButton::clicked, this, &ScanFolderDialog::registerSelected);
    connect(m_ui->pendingTable, &QTableWidget::cellDoubleClicked, this, &ScanFolderDialog::registerSelected);
    connect(m_ui->openScanButton, &QPushButton::clicked, this, &ScanFolderDialog::openSelected);
    connect(m_ui->discardScanButton, &QPushButton::clicked, this, &ScanFolderDialog::discardSelected);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &ScanFolderDialog::retrySelected);
    connect(m_ui->openFailedFolderButton, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QDir(m_folder.inbox()).filePath(QStringLiteral("failed"))));
    });
    for (QTableWidget *table : {m_ui->pendingTable, m_ui->failedTable})
        connect(table, &QTableWidget::itemSelectionChanged, this, &ScanFolderDialog::updateButtons);
    for (QLineEdit *edit : {m_ui->inboxEdit, m_ui->pdfEdit})
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_error.clear();
            showFolderState();
        });
    connect(m_ui->inboxEdit, &QLineEdit::textChanged, this, &ScanFolderDialog::showFolderState);
    connect(m_ui->pdfEdit, &QLineEdit::textChanged, this, &ScanFolderDialog::showFolderState);
    connect(&m_folder, &ScanFolder::changed, this, &ScanFolderDialog::reload);
    showFolderState();
    reload();
}

ScanFolderDialog::~ScanFolderDialog() = default;

int ScanFolderDialog::pendingRows() const
{
    return m_ui->pendingTable->rowCount();
}

int ScanFolderDialog::failedRows() const
{
    return m_ui->failedTable->rowCount();
}

void ScanFolderDialog::showFolderState()
{
    const bool edited =
        QDir::cleanPath(m_ui->inboxEdit->text().trimmed()) != QDir::cleanPath(m_folder.inbox()) ||
        QDir::cleanPath(m_ui->pdfEdit->text().trimmed()) != QDir::cleanPath(m_folder.outDir());
    QString text;
    QString colour;
    if (!m_error.isEmpty()) {
        text = m_error;
        colour = QStringLiteral("#c6001f");
    } else if (!m_folder.problem().isNull()) {
        text = tr("The folders cannot be watched: %1").arg(m_folder.problem().text());
        colour = QStringLiteral("#c6001f");
    } else if (m_folder.isWatching()) {
        text =
            tr("Watching %1: each new file there becomes a PDF in %2.")
                .arg(QDir::toNativeSeparators(m_folder.inbox()), QDir::toNativeSeparators(m_folder.outDir()));
        colour = QStringLiteral("#1b7a3a");
    } else {
        text = tr("No folder is watched on this computer.");
    }
    if (edited && m_error.isEmpty() && !m_ui->inboxEdit->text().trimmed().isEmpty()) {
        text = tr("Press \"Watch these folders\" to use the folders above.");
        colour.clear();
    }
    m_ui->folderStatusLabel->setText(text);
    m_ui->folderStatusLabel->setStyleSheet(colour.isEmpty() ? QString()
                                                            : QStringLiteral("color: %1").arg(colour));
    m_ui->watchButton->setEnabled(!m_ui->inboxEdit->text().trimmed().isEmpty() &&
                                  !m_ui->pdfEdit->text().trimmed().isEmpty() &&
                                  (edited || !m_folder.isWatching()));
    m_ui->stopButton->setEnabled(m_folder.isConfigured());
}

void ScanFolderDialog::browse(bool inbox)
{
    QLineEdit *edit = inbox ? m_ui->inboxEdit : m_ui->pdfEdit;
    QString start = edit->text();
    if (start.isEmpty() && !inbox && !m_ui->inboxEdit->text().isEmpty())
        start = m_ui->inboxEdit->text();
    const QString dir = QFileDialog::getExistingDirectory(
        this, inbox ? tr("The folder the scanners save to") : tr("The folder for the PDFs"), start);
    if (dir.isEmpty())
        return;
    edit->setText(QDir::toNativeSeparators(dir));
    // The usual place for the PDFs: a folder of their own inside the scan folder.
    if (inbox && m_ui->pdfEdit->text().isEmpty())
        m_ui->pdfEdit->setText(QDir::toNativeSeparators(QDir(dir).filePath(QStringLiteral("pdf"))));
}

void ScanFolderDialog::applyFolders()
{
    m_error.clear();
    auto r = m_folder.configure(QDir::fromNativeSeparators(m_ui->inboxEdit->text()),
                                QDir::fromNativeSeparators(m_ui->pdfEdit->text()));
    if (!r)
        showError(r.error());
}

void ScanFolderDialog::reload()
{
    showFolderState();
    const int generation = ++m_generation;
    const QString inbox = m_folder.inbox();
    const QString outDir = m_folder.outDir();
    runInWorker(
        QThreadPool::globalInstance(), this,
        [inbox, outDir] {
            return Lists{scanning::WatchedFolder::pending(outDir), scanning::WatchedFolder::failures(inbox)};
        },
        [this, generation](const Lists &lists) {
            if (generation != m_generation)
                return;
            const QString keepPending = selectedPending();
            const QString keepFailed = selectedFailed();
            m_pending = lists.pending;
            m_failed = lists.failed;
            const QLocale locale;
            m_ui->pendingTable->setRowCount(int(m_pending.size()));
            for (int row = 0; row < m_pending.size(); ++row) {
                const PendingScan &p = m_pending.at(row);
                const QString name = QFileInfo(p.pdf).fileName();
                QString shown = p.sourceName.isEmpty() || p.sourceName == name
                                    ? name
                                    : tr("%1 (from %2)").arg(name, p.sourceName);
                if (m_folder.isBeingRegistered(p.pdf))
                    shown = tr("%1 — being registered").arg(shown);
                m_ui->pendingTable->setItem(row, 0, cell(shown, QDir::toNativeSeparators(p.pdf)));
                m_ui->pendingTable->setItem(row, 1, cell(QString::number(p.pages)));
                m_ui->pendingTable->setItem(row, 2, cell(locale.formattedDataSize(p.bytes)));
                m_ui->pendingTable->setItem(row, 3, cell(when(p.made)));
                for (int c = 1; c < 4; ++c)
                    m_ui->pendingTable->item(row, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (p.pdf == keepPending)
                    m_ui->pendingTable->selectRow(row);
            }
            m_ui->failedTable->setRowCount(int(m_failed.size()));
            for (int row = 0; row < m_failed.size(); ++row) {
                const FailedScan &f = m_failed.at(row);
                const QString reason = f.reason.isEmpty() ? tr("(no reason was written)") : f.reason;
                m_ui->failedTable->setItem(
                    row, 0, cell(QFileInfo(f.file).fileName(), QDir::toNativeSeparators(f.file)));
                m_ui->failedTable->setItem(row, 1, cell(reason.section(QLatin1Char('\n'), 0, 0), reason));
                m_ui->failedTable->setItem(row, 2, cell(when(f.when)));
                if (f.file == keepFailed)
                    m_ui->failedTable->selectRow(row);
            }
            if (m_ui->pendingTable->currentRow() < 0 && !m_pending.isEmpty())
                m_ui->pendingTable->selectRow(0);
            m_ui->listsTabs->setTabText(0, tr("Waiting to be registered (%1)").arg(m_pending.size()));
            m_ui->listsTabs->setTabText(1, tr("Could not be read (%1)").arg(m_failed.size()));
            updateButtons();
            Q_EMIT reloaded();
        });
}

QString ScanFolderDialog::selectedPending() const
{
    const QList<QTableWidgetItem *> items = m_ui->pendingTable->selectedItems();
    const int row = items.isEmpty() ? -1 : items.first()->row();
    return row >= 0 && row < m_pending.size() ? m_pending.at(row).pdf : QString();
}

QString ScanFolderDialog::selectedFailed() const
{
    const QList<QTableWidgetItem *> items = m_ui->failedTable->selectedItems();
    const int row = items.isEmpty() ? -1 : items.first()->row();
    return row >= 0 && row < m_failed.size() ? m_failed.at(row).file : QString();
}

void ScanFolderDialog::updateButtons()
{
    const QString pdf = selectedPending();
    m_ui->registerScanButton->setEnabled(!pdf.isEmpty() && !m_folder.isBeingRegistered(pdf));
    m_ui->openScanButton->setEnabled(!pdf.isEmpty());
    m_ui->discardScanButton->setEnabled(!pdf.isEmpty() && !m_folder.isBeingRegistered(pdf));
    m_ui->retryButton->setEnabled(!selectedFailed().isEmpty());
    m_ui->openFailedFolderButton->setEnabled(m_folder.isConfigured());
}

void ScanFolderDialog::registerSelected()
{
    const QString pdf = selectedPending();
    if (pdf.isEmpty() || m_folder.isBeingRegistered(pdf))
        return;
    Q_EMIT registerRequested(pdf);
}

void ScanFolderDialog::openSelected()
{
    const QString pdf = selectedPending();
    if (!pdf.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(pdf));
}

void ScanFolderDialog::discardSelected()
{
    const QString pdf = selectedPending();
    if (pdf.isEmpty() || m_folder.isBeingRegistered(pdf))
        return;
    auto *ask =
        new QMessageBox(QMessageBox::Question, tr("Put the scan aside"),
                        tr("Put %1 aside? It leaves this list and is kept in the folder \"discarded\".")
                            .arg(QFileInfo(pdf).fileName()),
                        QMessageBox::NoButton, this);
    ask->setObjectName(QStringLiteral("discardScanQuestion"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = ask->addButton(tr("Put aside"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("discardButton"));
    ask->addButton(QMessageBox::Cancel);
    connect(ask, &QMessageBox::buttonClicked, this, [this, yes, pdf](QAbstractButton *button) {
        if (button != yes)
            return;
        m_error.clear();
        if (auto r = m_folder.settle(pdf, scanning::ScanSettlement::Discarded); !r)
            showError(r.error());
    });
    ask->open();
}

void ScanFolderDialog::retrySelected()
{
    const QString file = selectedFailed();
    if (file.isEmpty())
        return;
    m_error.clear();
    if (auto r = m_folder.retry(file); !r)
        showError(r.error());
}

void ScanFolderDialog::showError(const core::Error &error)
{
    m_error = error.bilingual();
    showFolderState();
}

} // namespace govdesk::gui
