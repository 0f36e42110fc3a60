#include "IncomingScanPanel.h"

#include "core/TextFold.h"
#include "gui/Async.h"
#include "gui/Session.h"
#include "gui/scanning/FieldProposalRow.h"
#include "gui/scanning/ScanDialog.h"
#include "gui/scanning/ScanPagePreview.h"
#include "gui/widgets/PdfPages.h"
#include "scanning/ocr/OcrJob.h"
#include "scanning/scan/ScanPipeline.h"
#include "ui_IncomingScanPanel.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cmath>

namespace govdesk::gui {

using scanning::OcrOutcome;

namespace {

/// The page is rendered sharp enough for a closer look at the box a value was read from.
constexpr double kPreviewDpi = 110;

QString folded(const QString &s)
{
    return core::foldForSearch(s);
}

struct Opened
{
    std::shared_ptr<PdfPages> pages;
    QString error;
};

} // namespace

IncomingScanPanel::IncomingScanPanel(Session &session, Form form, QWidget *parent)
    : QGroupBox(parent), m_session(session), m_form(std::move(form)),
      m_ui(std::make_unique<Ui::IncomingScanPanel>()),
      m_renderer(new PdfPageRenderer(QThreadPool::globalInstance(), this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("incomingScanPanel"));
    m_ui->preview->clear(tr("Scan the paper or import its images or PDF: the text is recognised and the "
                            "register fields are proposed beside the form."));
    m_ui->scanButton->setToolTip(tr("Scan the paper document with a scanner attached to this computer"));
    m_ui->importButton->setToolTip(tr("Images (PNG, JPEG, TIFF) or PDF files of pages already scanned"));
    m_ui->useAllButton->setToolTip(tr("Put every proposal into its field"));
    m_ui->useAllButton->setEnabled(false);
    m_ui->previousPageButton->setToolTip(tr("Previous page"));
    m_ui->nextPageButton->setToolTip(tr("Next page"));
    m_ui->previousPageButton->hide();
    m_ui->nextPageButton->hide();
    m_ui->pageLabel->hide();
    setStatus({});

    connect(m_ui->scanButton, &QPushButton::clicked, this, &IncomingScanPanel::scan);
    connect(m_ui->importButton, &QPushButton::clicked, this, &IncomingScanPanel::importFiles);
    connect(m_ui->useAllButton, &QPushButton::clicked, this, &IncomingScanPanel::useAll);
    connect(m_ui->cancelOcrButton, &QPushButton::clicked, this, &IncomingScanPanel::cancelRecognition);
    connect(m_ui->previousPageButton, &QToolButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_ui->nextPageButton, &QToolButton::clicked, this, [this] { showPage(m_page + 1); });
    connect(m_renderer, &PdfPageRenderer::rendered, this, [this](int page, const QImage &image) {
        if (page != m_page || !m_renderer->pages())
            return;
        m_ui->preview->setPage(image, m_renderer->pages()->pageSize(page));
        m_ui->preview->setHighlight({});
        if (m_selected)
            for (const FieldProposal &p : m_proposals)
                if (p.field == *m_selected && p.page == page)
                    m_ui->preview->setHighlight(p.box);
        updateZoom();
    });
    connect(m_renderer, &PdfPageRenderer::openFailed, this,
            [this](const QString &message) { m_ui->preview->clear(message); });

    // One proposal row under each field the recognition can fill.
    const std::pair<ProposedField, QBoxLayout *> places[] = {
        {ProposedField::Organ, m_form.authorLayout},
        {ProposedField::Reference, m_form.referenceLayout},
        {ProposedField::DocumentDate, m_form.documentDateLayout},
        {ProposedField::Type, m_form.typeLayout},
        {ProposedField::Subject, m_form.subjectLayout},
    };
    static const char *const names[] = {"proposalOrgan", "proposalReference", "proposalDocumentDate",
                                        "proposalType", "proposalSubject"};
    for (const auto &[field, layout] : places) {
        auto *row = new FieldProposalRow(layout ? layout->parentWidget() : this);
        row->setObjectName(QString::fromLatin1(names[int(field)]));
        if (layout)
            layout->insertWidget(1, row);
        m_rows.insert(field, row);
        connect(row, &FieldProposalRow::selectRequested, this, [this, field] { select(field); });
        connect(row, &FieldProposalRow::useRequested, this, [this, field] { use(field); });
    }

    // Whatever changes a field from now on, other than a proposal being used, is the clerk's typing.
    connect(m_form.author, &QComboBox::editTextChanged, this, [this] { markTyped(ProposedField::Organ); });
    connect(m_form.number, &QLineEdit::textChanged, this, [this] { markTyped(ProposedField::Reference); });
    connect(m_form.notation, &QLineEdit::textChanged, this, [this] { markTyped(ProposedField::Reference); });
    connect(m_form.documentDate, &QDateEdit::dateChanged, this,
            [this] { markTyped(ProposedField::DocumentDate); });
    connect(m_form.type, &QComboBox::currentIndexChanged, this, [this] { markTyped(ProposedField::Type); });
    connect(m_form.subject, &QPlainTextEdit::textChanged, this,
            [this] { markTyped(ProposedField::Subject); });
}

IncomingScanPanel::~IncomingScanPanel()
{
    // Deleting a running job stops it; its worker ends on its own and writes nothing.
    delete m_ocr;
}

ScanPagePreview *IncomingScanPanel::preview() const
{
    return m_ui->preview;
}

bool IncomingScanPanel::isBusy() const
{
    return m_importing || m_ocr != nullptr;
}

void IncomingScanPanel::markTyped(ProposedField field)
{
    if (m_applying)
        return;
    m_typed.insert(field, true);
    updateRows();
}

QString IncomingScanPanel::nextPath(const QString &folder) const
{
    // Each scan or import has its own folder; the file keeps a name the register shows well.
    const QString dir = m_dir->filePath(QStringLiteral("%1-%2").arg(folder).arg(m_counter));
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + tr("Scanned document") + QStringLiteral(".pdf");
}

void IncomingScanPanel::scan()
{
    if (m_importing)
        return;
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>();
    ++m_counter;
    auto *dialog = new ScanDialog(nextPath(QStringLiteral("scan")), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const scanning::PdfSummary summary = dialog->summary();
        onPdfReady(summary.path, summary.pages);
    });
    dialog->open();
}

void IncomingScanPanel::importFiles()
{
    if (m_importing)
        return;
    auto *dialog =
        new QFileDialog(window(), tr("Import scanned pages"),
                        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                        tr("Scanned pages (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"));
    dialog->setObjectName(QStringLiteral("scanImportFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, &IncomingScanPanel::importPaths);
    dialog->open();
}

void IncomingScanPanel::importPaths(const QStringList &paths)
{
    if (paths.isEmpty() || m_importing)
        return;
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>();
    ++m_counter;
    const QString out = nextPath(QStringLiteral("import"));
    m_importing = true;
    m_ui->scanButton->setEnabled(false);
    m_ui->importButton->setEnabled(false);
    setStatus(tr("Importing %n file(s)…", nullptr, int(paths.size())));
    const int generation = ++m_importGeneration;
    // Images become PDF pages as scans do; PDF pages are kept as they are.
    runInWorker(
        QThreadPool::globalInstance(), this,
        [paths, out] { return scanning::importToPdf(paths, scanning::PdfOptions{}, out); },
        [this, generation](const core::Result<scanning::PdfSummary> &r) {
            if (generation != m_importGeneration)
                return;
            m_importing = false;
            m_ui->scanButton->setEnabled(true);
            m_ui->importButton->setEnabled(true);
            if (!r) {
                setStatus(r.error().bilingual(), true);
                Q_EMIT failed(r.error());
                finishHold();
                return;
            }
            onPdfReady(r->path, r->pages);
        });
}

void IncomingScanPanel::onPdfReady(const QString &pdf, int pages)
{
    // A new scan replaces the previous one in the form's files.
    m_form.setFile(m_documentPdf, pdf);
    m_documentPdf = pdf;
    if (m_form.pageCount && m_form.pageCount->value() == 0)
        m_form.pageCount->setValue(pages);
    clearProposals();
    m_page = 0;
    m_pageCount = 0;
    m_renderer->open(
        [pdf] {
            Opened r;
            QFile f(pdf);
            PdfPages::Problem problem = PdfPages::Problem::None;
            if (f.open(QIODevice::ReadOnly))
                r.pages = PdfPages::open(f.readAll(), &problem);
            if (!r.pages)
                r.error = QCoreApplication::translate("govdesk::gui::IncomingScanPanel",
                                                      "The scanned pages cannot be shown.");
            return r;
        },
        [this](const Opened &r) {
            m_pageCount = r.pages->count();
            showPage(0);
        });
    Q_EMIT documentReady(pdf);
    startRecognition(pdf);
}

void IncomingScanPanel::startRecognition(const QString &pdf)
{
    delete m_ocr;
    const QString out = QFileInfo(pdf).absolutePath() + QStringLiteral("-ocr/") + QFileInfo(pdf).fileName();
    QDir().mkpath(QFileInfo(out).absolutePath());
    m_ocr = new scanning::OcrJob(pdf, out, {}, this);
    m_ui->ocrProgress->setRange(0, 0);
    m_ui->ocrProgress->show();
    m_ui->cancelOcrButton->show();
    m_ui->cancelOcrButton->setEnabled(true);
    m_ui->ocrProgress->setFormat(tr("Recognising the text…"));
    m_ui->ocrProgress->setTextVisible(true);
    setStatus(tr("Recognising the text; you can already fill in the form."));
    connect(m_ocr, &scanning::OcrJob::progress, this, [this](int done, int count) {
        m_ui->ocrProgress->setRange(0, std::max(1, count));
        m_ui->ocrProgress->setValue(done);
        m_ui->ocrProgress->setFormat(tr("Recognising the text: page %1 of %2").arg(done).arg(count));
    });
    connect(m_ocr, &scanning::OcrJob::finished, this, [this](const OcrOutcome &outcome) {
        m_ocr->deleteLater();
        m_ocr = nullptr;
        m_ui->ocrProgress->hide();
        m_ui->cancelOcrButton->hide();
        m_outcome = outcome;
        // The document gets the searchable PDF: the same pages with their text under them.
        m_form.setFile(m_documentPdf, outcome.outputPath);
        m_documentPdf = outcome.outputPath;
        showProposals();
        Q_EMIT recognitionFinished(true);
        finishHold();
    });
    connect(m_ocr, &scanning::OcrJob::failed, this, [this](const core::Error &error) {
        m_ocr->deleteLater();
        m_ocr = nullptr;
        m_ui->ocrProgress->hide();
        m_ui->cancelOcrButton->hide();
        if (error.code() == QLatin1String("ocr.cancelled"))
            setStatus(tr("Text recognition stopped. The document keeps the scanned pages, without searchable "
                         "text."));
        else
            setStatus(tr("The text could not be recognised: %1. The document keeps the scanned pages.")
                          .arg(error.bilingual()),
                      true);
        Q_EMIT recognitionFinished(false);
        finishHold();
    });
    m_ocr->start();
}

void IncomingScanPanel::cancelRecognition()
{
    if (m_ocr) {
        m_ocr->cancel();
        m_ui->cancelOcrButton->setEnabled(false);
    }
}

bool IncomingScanPanel::holdSave(std::function<void()> resume)
{
    if (!isBusy())
        return false;
    m_resume = std::move(resume);
    setStatus(
        tr("The document will be registered as soon as its text is recognised, with the searchable PDF."));
    return true;
}

void IncomingScanPanel::finishHold()
{
    if (!m_resume)
        return;
    auto resume = std::move(m_resume);
    m_resume = nullptr;
    resume();
}

void IncomingScanPanel::clearProposals()
{
    m_proposals.clear();
    m_selected.reset();
    m_outcome = {};
    for (FieldProposalRow *row : std::as_const(m_rows)) {
        row->setSelected(false);
        row->hide();
    }
    m_ui->useAllButton->setEnabled(false);
    m_ui->zoomLabel->hide();
    m_ui->preview->setHighlight({});
}

void IncomingScanPanel::showProposals()
{
    m_proposals = proposalsFor(m_session, m_outcome.fields);
    for (const FieldProposal &p : std::as_const(m_proposals))
        m_rows.value(p.field)->setProposal(p);
    updateRows();
    const int confidence = int(std::lround(m_outcome.meanConfidence() * 100));
    if (m_proposals.isEmpty())
        setStatus(
            tr("The text of %n page(s) was recognised (mean confidence %1 %), but no register field was "
               "found on them: fill in the form from the paper. The document is registered with the "
               "searchable PDF.",
               nullptr, int(m_outcome.pages.size()))
                .arg(confidence));
    else
        setStatus(tr("The text of %n page(s) was recognised (mean confidence %1 %). What it read is proposed "
                     "under the fields: click a proposal to see where it is on the page.",
                     nullptr, int(m_outcome.pages.size()))
                      .arg(confidence));
}

void IncomingScanPanel::showPage(int page)
{
    if (m_pageCount <= 0)
        return;
    m_page = std::clamp(page, 0, m_pageCount - 1);
    const bool several = m_pageCount > 1;
    m_ui->previousPageButton->setVisible(several);
    m_ui->nextPageButton->setVisible(several);
    m_ui->pageLabel->setVisible(several);
    m_ui->previousPageButton->setEnabled(m_page > 0);
    m_ui->nextPageButton->setEnabled(m_page + 1 < m_pageCount);
    m_ui->pageLabel->setText(tr("Page %1 of %2").arg(m_page + 1).arg(m_pageCount));
    m_renderer->render(m_page, kPreviewDpi);
}

void IncomingScanPanel::select(ProposedField field)
{
    const FieldProposal *found = nullptr;
    for (const FieldProposal &p : std::as_const(m_proposals))
        if (p.field == field)
            found = &p;
    if (!found)
        return;
    m_selected = field;
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it)
        it.value()->setSelected(it.key() == field);
    if (found->page >= 0 && found->page != m_page) {
        showPage(found->page); // the highlight follows once the page is rendered
        return;
    }
    m_ui->preview->setHighlight(found->page >= 0 ? found->box : QRectF());
    updateZoom();
}

void IncomingScanPanel::updateZoom()
{
    // With the words around it ("Số:" before the number), for the clerk to compare with the paper.
    const QImage part = m_ui->preview->crop(m_ui->preview->highlight(), 36, 8);
    if (part.isNull()) {
        m_ui->zoomLabel->hide();
        return;
    }
    const int width = m_ui->preview->width();
    const QImage shown = part.width() > width ? part.scaledToWidth(width, Qt::SmoothTransformation) : part;
    m_ui->zoomLabel->setPixmap(QPixmap::fromImage(
        shown.height() > 140 ? shown.scaled(width, 140, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                             : shown));
    m_ui->zoomLabel->setToolTip(tr("Where the selected value was read, closer"));
    m_ui->zoomLabel->show();
}

bool IncomingScanPanel::holdsProposal(const FieldProposal &p) const
{
    switch (p.field) {
    case ProposedField::Organ:
        return folded(m_form.author->currentText()) == folded(p.text);
    case ProposedField::Reference:
        return (p.number.isEmpty() || m_form.number->text().trimmed().toInt() == p.number.toInt()) &&
               (p.text.isEmpty() || folded(m_form.notation->text()) == folded(p.text));
    case ProposedField::DocumentDate:
        return m_form.documentDate->date() == p.date;
    case ProposedField::Type:
        return m_form.type->currentData().toString() == p.typeKey;
    case ProposedField::Subject:
        return m_form.subject->toPlainText().simplified() == p.text.simplified();
    }
    return false;
}

bool IncomingScanPanel::clerkTyped(const FieldProposal &p) const
{
    if (!m_typed.value(p.field) || holdsProposal(p))
        return false;
    // An emptied field holds nothing of the clerk's.
    switch (p.field) {
    case ProposedField::Organ:
        return !m_form.author->currentText().trimmed().isEmpty();
    case ProposedField::Reference:
        return !m_form.number->text().trimmed().isEmpty() || !m_form.notation->text().trimmed().isEmpty();
    case ProposedField::Subject:
        return !m_form.subject->toPlainText().trimmed().isEmpty();
    case ProposedField::DocumentDate:
    case ProposedField::Type:
        return true;
    }
    return true;
}

void IncomingScanPanel::updateRows()
{
    bool anyToUse = false;
    for (const FieldProposal &p : std::as_const(m_proposals)) {
        const bool used = holdsProposal(p);
        m_rows.value(p.field)->setUsed(used);
        anyToUse = anyToUse || !used;
    }
    m_ui->useAllButton->setEnabled(anyToUse);
}

void IncomingScanPanel::apply(const FieldProposal &p)
{
    m_applying = true;
    switch (p.field) {
    case ProposedField::Organ:
        if (const int i = m_form.author->findText(p.text); i >= 0)
            m_form.author->setCurrentIndex(i);
        m_form.author->setEditText(p.text);
        break;
    case ProposedField::Reference:
        if (!p.number.isEmpty())
            m_form.number->setText(p.number);
        if (!p.text.isEmpty())
            m_form.notation->setText(p.text);
        break;
    case ProposedField::DocumentDate:
        m_form.documentDate->setDate(p.date);
        break;
    case ProposedField::Type:
        m_form.type->setCurrentIndex(m_form.type->findData(p.typeKey));
        break;
    case ProposedField::Subject:
        m_form.subject->setPlainText(p.text);
        break;
    }
    m_applying = false;
    m_typed.insert(p.field, false);
    updateRows();
}

void IncomingScanPanel::use(ProposedField field)
{
    for (const FieldProposal &p : std::as_const(m_proposals)) {
        if (p.field != field)
            continue;
        if (!clerkTyped(p)) {
            apply(p);
            return;
        }
        auto *box = new QMessageBox(
            QMessageBox::Question, tr("Replace what you typed?"),
            tr("%1 already holds what you typed. Replace it with what was read on the page, \"%2\"?")
                .arg(FieldProposalRow::fieldName(field), p.display),
            QMessageBox::NoButton, window());
        box->setObjectName(QStringLiteral("replaceTypedQuestion"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton *replace = box->addButton(tr("&Replace"), QMessageBox::AcceptRole);
        replace->setObjectName(QStringLiteral("replaceButton"));
        QPushButton *keep = box->addButton(tr("&Keep mine"), QMessageBox::RejectRole);
        keep->setObjectName(QStringLiteral("keepButton"));
        box->setDefaultButton(keep);
        box->setEscapeButton(keep);
        const FieldProposal proposal = p;
        connect(box, &QMessageBox::finished, this, [this, box, replace, proposal] {
            if (box->clickedButton() == replace)
                apply(proposal);
        });
        box->open();
        return;
    }
}

void IncomingScanPanel::useAll()
{
    QList<FieldProposal> typed;
    for (const FieldProposal &p : std::as_const(m_proposals)) {
        if (holdsProposal(p))
            continue;
        if (clerkTyped(p))
            typed << p;
        else
            apply(p);
    }
    if (typed.isEmpty())
        return;
    QStringList names;
    for (const FieldProposal &p : std::as_const(typed))
        names << QStringLiteral("• %1: \"%2\"").arg(FieldProposalRow::fieldName(p.field), p.display);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Replace what you typed?"),
                                tr("The other fields were filled in. These hold what you typed; replace them "
                                   "with what was read on the page?\n\n%1")
                                    .arg(names.join(QLatin1Char('\n'))),
                                QMessageBox::NoButton, window());
    box->setObjectName(QStringLiteral("replaceTypedQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *replace = box->addButton(tr("&Replace them too"), QMessageBox::AcceptRole);
    replace->setObjectName(QStringLiteral("replaceButton"));
    QPushButton *keep = box->addButton(tr("&Keep mine"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepButton"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    connect(box, &QMessageBox::finished, this, [this, box, replace, typed] {
        if (box->clickedButton() == replace)
            for (const FieldProposal &p : typed)
                apply(p);
    });
    box->open();
}

void IncomingScanPanel::setStatus(const QString &text, bool error)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
    m_ui->statusLabel->setStyleSheet(error ? QStringLiteral("color: #c6001f;") : QString());
}

} // namespace govdesk::gui
