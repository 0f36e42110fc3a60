#include "RegistersDialog.h"

#include "documents/OutgoingRegisters.h"
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
using documents::OutgoingRegisters;

/// What an entry of the register list carries: which register, the incoming kind, the book.
static QVariantList choice(RegistersDialog::Register r, IncomingRegisters::Kind kind, const QString &book)
{
    return QVariantList{int(r), int(kind), book};
}

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
    const bool secrets = m_session.user().can(core::Permission::ViewSecret);
    QComboBox *kinds = m_ui->kindCombo;
    kinds->addItem(tr("Register of incoming documents"),
                   choice(Register::Incoming, IncomingRegisters::Kind::Registry, general));
    if (!secret.isEmpty() && secrets)
        kinds->addItem(tr("Register of incoming classified documents"),
                       choice(Register::Incoming, IncomingRegisters::Kind::Registry, secret));
    kinds->addItem(tr("Register of the handling of incoming documents"),
                   choice(Register::Incoming, IncomingRegisters::Kind::Tracking, general));
    // The outgoing registers: one per outgoing book, then the post and archive-use books.
    kinds->insertSeparator(kinds->count());
    const auto registry = IncomingRegisters::Kind::Registry;
    kinds->addItem(tr("Register of outgoing documents"),
                   choice(Register::OutgoingBook, registry, QStringLiteral("outgoing")));
    if (secrets)
        kinds->addItem(tr("Register of outgoing classified documents"),
                       choice(Register::OutgoingBook, registry, QStringLiteral("outgoing-secret")));
    kinds->addItem(tr("Register of copies of documents"),
                   choice(Register::OutgoingBook, registry, QStringLiteral("outgoing-copy")));
    kinds->addItem(tr("Register of outgoing documents sent by post"), choice(Register::Post, registry, {}));
    kinds->addItem(tr("Register of the use of archive copies"), choice(Register::ArchiveUse, registry, {}));
    connect(kinds, &QComboBox::currentIndexChanged, this, &RegistersDialog::registerChosen);

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
    resize(sizeHint().expandedTo(QSize(600, 0)));
}

void RegistersDialog::registerChosen()
{
    // The register of an outgoing book follows its numbering, which restarts each year.
    const bool yearOnly = chosenRegister() == Register::OutgoingBook;
    if (yearOnly)
        m_ui->yearRadio->setChecked(true);
    m_ui->rangeRadio->setEnabled(!yearOnly);
    m_ui->rangeRadio->setToolTip(yearOnly
                                     ? tr("A register of outgoing documents covers a whole year, as their "
                                          "numbers restart on 1 January")
                                     : QString());
}

RegistersDialog::Register RegistersDialog::chosenRegister() const
{
    return Register(m_ui->kindCombo->currentData().toList().value(0).toInt());
}

IncomingRegisters::Request RegistersDialog::request() const
{
    IncomingRegisters::Request r;
    const QVariantList chosen = m_ui->kindCombo->currentData().toList();
    r.kind = IncomingRegisters::Kind(chosen.value(1).toInt());
    r.bookId = chosen.value(2).toString();
    if (m_ui->rangeRadio->isChecked()) {
        r.from = m_ui->fromEdit->date();
        r.to = m_ui->toEdit->date();
    } else {
        r.year = m_ui->yearSpin->value();
    }
    return r;
}

RegistersDialog::~RegistersDialog() = default;

void RegistersDialog::setBusy(bool busy, const QString &status)
{
    m_busy.set(busy);
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
    if (m_busy.isBusy())
        return;
    showError({});
    setBusy(true, tr("Gathering the register…"));
    Session *session = &m_session;
    const IncomingRegisters::Request req = request();
    const Register chosen = chosenRegister();
    documents::RegisterPeriod period;
    period.year = req.year;
    period.from = req.from;
    period.to = req.to;
    m_session.run(
        this,
        [session, req, chosen, period]() -> core::Result<reports::RegisterReport> {
            const core::User &user = session->user();
            OutgoingRegisters outgoing(session->outgoing(), session->accounts());
            switch (chosen) {
            case Register::Incoming:
                break;
            case Register::OutgoingBook:
                return outgoing.build(user, req.bookId, req.year);
            case Register::Post:
                return outgoing.buildPost(user, period);
            case Register::ArchiveUse:
                return outgoing.buildArchiveUse(user, period);
            }
            return IncomingRegisters(session->incoming(), session->accounts()).build(user, req);
        },
        [this, then](const core::Result<reports::RegisterReport> &report) {
            setBusy(false, QStringLiteral(" "));
            if (!report) {
                showError(report.error().bilingual());
                return;
            }
            m_ui->statusLabel->setText(
                tr("%n entry(ies) in the register.", nullptr, int(report->rows.size())));
            Q_EMIT built(report.value());
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
    QString name;
    switch (chosenRegister()) {
    case Register::Incoming:
        name =
            req.kind == IncomingRegisters::Kind::Tracking ? tr("tracking-register") : tr("incoming-register");
        break;
    case Register::OutgoingBook:
        name = tr("outgoing-register");
        break;
    case Register::Post:
        name = tr("post-register");
        break;
    case Register::ArchiveUse:
        name = tr("archive-use-register");
        break;
    }
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QDir::separator() + name +
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
                    showError(written.error().bilingual());
                    return;
                }
                m_ui->statusLabel->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
            });
    });
}

} // namespace govdesk::gui
