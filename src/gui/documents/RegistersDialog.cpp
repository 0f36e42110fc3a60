#include "RegistersDialog.h"

#include "gui/Session.h"
#include "reports/RegisterReport.h"
#include "ui_RegistersDialog.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QStandardPaths>

namespace govdesk::gui {

using documents::IncomingRegisters;

RegistersDialog::RegistersDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RegistersDialog>()), m_session(session)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("registersDialog"));
    QString general, secret;
    for (const auto &b : m_session.data().books) {
        if (b.secret && secret.isEmpty())
            secret = b.id;
        if (!b.secret && general.isEmpty())
            general = b.id;
    }
    m_ui->kindCombo->addItem(tr("Register of incoming documents"),
                             QVariantList{int(IncomingRegisters::Kind::Registry), general});
    if (!secret.isEmpty() && m_session.user().can(core::Permission::ViewSecret))
        m_ui->kindCombo->addItem(tr("Register of incoming classified documents"),
                                 QVariantList{int(IncomingRegisters::Kind::Registry), secret});
    m_ui->kindCombo->addItem(tr("Register of the handling of incoming documents"),
                             QVariantList{int(IncomingRegisters::Kind::Tracking), general});

    const QDate today = QDate::currentDate();
    m_ui->yearSpin->setValue(today.year());
    m_ui->fromEdit->setDate(QDate(today.year(), today.month(), 1));
    m_ui->toEdit->setDate(today);
    connect(m_ui->rangeRadio, &QRadioButton::toggled, this, [this](bool range) {
        m_ui->fromEdit->setEnabled(range);
        m_ui->toEdit->setEnabled(range);
        m_ui->yearSpin->setEnabled(!range);
    });
    connect(m_ui->previewButton, &QPushButton::clicked, this, &RegistersDialog::preview);
    connect(m_ui->printButton, &QPushButton::clicked, this, &RegistersDialog::print);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &RegistersDialog::exportPdf);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &RegistersDialog::reject);
    m_ui->statusLabel->setText(tr("Registers print on A4 landscape with a cover page, as Decree 30/2020 "
                                  "prescribes."));
    m_ui->kindCombo->setFocus();
}

RegistersDialog::~RegistersDialog()
{
    if (m_busy)
        QApplication::restoreOverrideCursor();
}

IncomingRegisters::Request RegistersDialog::request() const
{
    IncomingRegisters::Request r;
    const QVariantList choice = m_ui->kindCombo->currentData().toList();
    r.kind = IncomingRegisters::Kind(choice.value(0).toInt());
    r.bookId = choice.value(1).toString();
    if (m_ui->rangeRadio->isChecked()) {
        r.from = m_ui->fromEdit->date();
        r.to = m_ui->toEdit->date();
    } else {
        r.year = m_ui->yearSpin->value();
    }
    return r;
}

void RegistersDialog::setBusy(bool busy, const QString &status)
{
    if (busy != m_busy) {
        if (busy)
            QApplication::setOverrideCursor(Qt::BusyCursor);
        else
            QApplication::restoreOverrideCursor();
    }
    m_busy = busy;
    for (QWidget *w : {static_cast<QWidget *>(m_ui->previewButton), static_cast<QWidget *>(m_ui->printButton),
                       static_cast<QWidget *>(m_ui->exportButton)})
        w->setEnabled(!busy);
    if (!status.isEmpty())
        m_ui->statusLabel->setText(status);
}

void RegistersDialog::showError(const QString &message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void RegistersDialog::build(std::function<void(const reports::RegisterReport &)> then)
{
    if (m_busy)
        return;
    showError({});
    setBusy(true, tr("Gathering the register…"));
    Session *session = &m_session;
    const IncomingRegisters::Request req = request();
    m_session.run(
        this,
        [session, req]() {
            IncomingRegisters registers(session->incoming(), session->accounts());
            return registers.build(session->user(), req);
        },
        [this, then](const core::Result<reports::RegisterReport> &report) {
            setBusy(false, QStringLiteral(" "));
            if (!report) {
                showError(report.error().text());
                return;
            }
            m_ui->statusLabel->setText(
                tr("%n entry(ies) in the register.", nullptr, int(report->rows.size())));
            then(report.value());
        });
}

void RegistersDialog::preview()
{
    build([this](const reports::RegisterReport &report) {
        QPrinter printer(QPrinter::PrinterResolution);
        // The register lays out at the resolution govdesk-cli exports with; at 1200 dpi the printed
        // register breaks its table over many more pages.
        printer.setResolution(300);
        printer.setDocName(report.title);
        QPrintPreviewDialog dialog(&printer, this);
        dialog.setWindowTitle(tr("Print preview — %1").arg(report.title));
        dialog.resize(1100, 800);
        connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
                [report](QPrinter *p) { reports::RegisterPrinter::print(report, p); });
        dialog.exec();
    });
}

void RegistersDialog::print()
{
    build([this](const reports::RegisterReport &report) {
        QPrinter printer(QPrinter::PrinterResolution);
        // The register lays out at the resolution govdesk-cli exports with; at 1200 dpi the printed
        // register breaks its table over many more pages.
        printer.setResolution(300);
        printer.setDocName(report.title);
        QPrintDialog dialog(&printer, this);
        if (dialog.exec() == QDialog::Accepted)
            reports::RegisterPrinter::print(report, &printer);
    });
}

void RegistersDialog::exportPdf()
{
    const IncomingRegisters::Request req = request();
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QDir::separator() +
        (req.kind == IncomingRegisters::Kind::Tracking ? tr("tracking-register") : tr("incoming-register")) +
        QStringLiteral("-%1.pdf").arg(req.year > 0 ? QString::number(req.year)
                                                   : req.from.toString(QStringLiteral("yyyyMMdd")));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export register as PDF"), suggested,
                                                      tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    build([this, path](const reports::RegisterReport &report) {
        setBusy(true, tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
        m_session.run(
            this, [report, path]() { return reports::RegisterPrinter::writePdf(report, path); },
            [this, path](const core::Result<void> &written) {
                setBusy(false);
                if (!written) {
                    showError(written.error().text());
                    return;
                }
                m_ui->statusLabel->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
            });
    });
}

} // namespace govdesk::gui
