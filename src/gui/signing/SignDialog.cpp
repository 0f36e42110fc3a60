#include "SignDialog.h"

#include "PlacementDialog.h"
#include "SignaturePlacementView.h"
#include "TokenChooser.h"
#include "documents/IncomingSignatures.h"
#include "gui/Session.h"
#include "storage/SignerImages.h"
#include "storage/SystemConfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFuture>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace govdesk::gui {

using namespace govdesk::signing;

namespace {

QWidget *pathRow(QLineEdit *edit, QPushButton *browse)
{
    auto *w = new QWidget;
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    return w;
}

} // namespace

/// The batch each open dialog runs, so a dialog closed mid-batch waits for its worker before it goes.
static QHash<const SignDialog *, QFuture<void>> &runningBatches()
{
    static QHash<const SignDialog *, QFuture<void>> batches;
    return batches;
}

SignDialog::SignDialog(Session &session, const QStringList &files, QWidget *parent)
    : QDialog(parent), m_session(session), m_files(new QListWidget(this)), m_token(new TokenChooser(this)),
      m_role(new QComboBox(this)), m_placementMode(new QComboBox(this)), m_placementSummary(new QLabel(this)),
      m_roleFields(new QStackedWidget(this)), m_signatureImage(new QLineEdit(this)),
      m_title(new QLineEdit(this)), m_name(new QLineEdit(this)), m_sealImage(new QLineEdit(this)),
      m_sealSize(new QDoubleSpinBox(this)),
      m_rememberSignature(new QCheckBox(tr("Keep as my signature image"), this)),
      m_rememberSeal(new QCheckBox(tr("Keep as the organisation's seal"), this)),
      m_reference(new QLineEdit(this)), m_copyType(new QLineEdit(this)), m_copyOrgan(new QLineEdit(this)),
      m_outputDir(new QLineEdit(this)), m_timestamp(new QCheckBox(this)), m_progress(new QProgressBar(this)),
      m_results(new QTreeWidget(this)), m_signButton(new QPushButton(tr("&Sign"), this)),
      m_cancelButton(new QPushButton(tr("S&top"), this)), m_closeButton(new QPushButton(tr("&Close"), this)),
      m_cancel(std::make_shared<std::atomic_bool>(false))
{
    setObjectName(QStringLiteral("signDialog"));
    setWindowTitle(tr("Sign PDF files with the digital signature"));

    // Files.
    m_files->setObjectName(QStringLiteral("signFiles"));
    m_files->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *addButton = new QPushButton(tr("&Add files…"), this);
    auto *removeButton = new QPushButton(tr("&Remove"), this);
    auto *fileButtons = new QVBoxLayout;
    fileButtons->addWidget(addButton);
    fileButtons->addWidget(removeButton);
    fileButtons->addStretch(1);
    auto *filesBox = new QGroupBox(tr("Files to sign"), this);
    auto *filesLayout = new QHBoxLayout(filesBox);
    filesLayout->addWidget(m_files, 1);
    filesLayout->addLayout(fileButtons);

    // Certificate and PIN.
    m_token->setPinPlaceholder(tr("Entered once for all the files; never stored"));
    auto *certBox = new QGroupBox(tr("Certificate on the token"), this);
    auto *certLayout = new QVBoxLayout(certBox);
    certLayout->addWidget(m_token);

    // Role and its fields.
    m_role->setObjectName(QStringLiteral("signRole"));
    for (SignatureRole role : {SignatureRole::Personal, SignatureRole::Organisation,
                               SignatureRole::Attachment, SignatureRole::Copy})
        m_role->addItem(signatureRoleText(role), signatureRoleKey(role));
    auto *personal = new QWidget;
    auto *personalForm = new QFormLayout(personal);
    auto *browseSignature = new QPushButton(tr("Browse…"), this);
    m_signatureImage->setPlaceholderText(tr("Your saved signature image"));
    personalForm->addRow(tr("Signature image (PNG):"), pathRow(m_signatureImage, browseSignature));
    personalForm->addRow(QString(), m_rememberSignature);
    m_title->setPlaceholderText(tr("e.g. PHÓ CHỦ TỊCH — the box goes between this line and the name"));
    personalForm->addRow(tr("Title line:"), m_title);
    personalForm->addRow(tr("Name line:"), m_name);
    auto *organisation = new QWidget;
    auto *organisationForm = new QFormLayout(organisation);
    auto *browseSeal = new QPushButton(tr("Browse…"), this);
    m_sealImage->setPlaceholderText(tr("The organisation's saved seal image"));
    m_sealSize->setRange(10, 80);
    m_sealSize->setDecimals(1);
    m_sealSize->setSuffix(tr(" mm"));
    m_sealSize->setValue(36);
    organisationForm->addRow(tr("Seal image (PNG):"), pathRow(m_sealImage, browseSeal));
    organisationForm->addRow(tr("Real size of the seal:"), m_sealSize);
    organisationForm->addRow(QString(), m_rememberSeal);
    organisationForm->addRow(new QLabel(tr("The seal covers the left third of the personal signature.")));
    auto *attachment = new QWidget;
    auto *attachmentForm = new QFormLayout(attachment);
    m_reference->setPlaceholderText(tr("e.g. 15/QĐ-UBND"));
    attachmentForm->addRow(tr("Number and symbol of the main document:"), m_reference);
    auto *copy = new QWidget;
    auto *copyForm = new QFormLayout(copy);
    m_copyType->setText(tr("SAO Y"));
    copyForm->addRow(tr("Kind of copy:"), m_copyType);
    copyForm->addRow(tr("Copying organisation:"), m_copyOrgan);
    for (QWidget *w : {personal, organisation, attachment, copy})
        m_roleFields->addWidget(w);
    m_placementMode->setObjectName(QStringLiteral("placementMode"));
    m_placementMode->addItem(tr("by the template"));
    m_placementMode->addItem(tr("chosen on the page…"));
    m_placementSummary->setObjectName(QStringLiteral("placementSummary"));
    m_placementSummary->setWordWrap(true);
    m_placementSummary->setVisible(false);
    auto *roleBox = new QGroupBox(tr("Signature"), this);
    auto *roleLayout = new QFormLayout(roleBox);
    roleLayout->addRow(tr("&Role:"), m_role);
    roleLayout->addRow(m_roleFields);
    roleLayout->addRow(tr("Signature &position:"), m_placementMode);
    roleLayout->addRow(QString(), m_placementSummary);

    // Output and timestamp.
    setUpTimestampBox(m_timestamp);
    m_outputDir->setPlaceholderText(tr("Next to each original, as NAME_da-ky.pdf"));
    auto *browseOutput = new QPushButton(tr("Browse…"), this);
    auto *outputBox = new QGroupBox(tr("Result"), this);
    auto *outputLayout = new QFormLayout(outputBox);
    outputLayout->addRow(tr("Save signed files in:"), pathRow(m_outputDir, browseOutput));
    outputLayout->addRow(QString(), m_timestamp);

    m_results->setObjectName(QStringLiteral("signResults"));
    m_results->setHeaderLabels({tr("File"), tr("Result")});
    m_results->setRootIsDecorated(false);
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_progress->setObjectName(QStringLiteral("signProgress"));
    m_progress->setValue(0);
    m_signButton->setObjectName(QStringLiteral("signButton"));
    m_signButton->setDefault(true);
    m_cancelButton->setEnabled(false);

    auto *left = new QVBoxLayout;
    left->addWidget(filesBox, 1);
    left->addWidget(certBox);
    auto *right = new QVBoxLayout;
    right->addWidget(roleBox);
    right->addWidget(outputBox);
    right->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_signButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 3);
    layout->addWidget(m_results, 1);
    layout->addLayout(buttons);

    connect(addButton, &QPushButton::clicked, this, &SignDialog::chooseFiles);
    connect(removeButton, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_files->selectedItems());
        resetPlacement();
        updateButtons();
    });
    connect(browseSignature, &QPushButton::clicked, this, [this] { chooseImage(m_signatureImage); });
    connect(browseSeal, &QPushButton::clicked, this, [this] { chooseImage(m_sealImage); });
    connect(browseOutput, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Save signed files in"));
        if (!dir.isEmpty())
            m_outputDir->setText(dir);
    });
    connect(m_role, &QComboBox::currentIndexChanged, this, &SignDialog::roleChanged);
    m_signatureImage->setObjectName(QStringLiteral("signatureImageEdit"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_rememberSignature->setObjectName(QStringLiteral("rememberSignature"));
    m_rememberSignature->setEnabled(false);
    m_rememberSeal->setEnabled(false);
    connect(m_signatureImage, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_rememberSignature->setEnabled(!t.isEmpty()); });
    // Only the văn thư (who keeps the organisation certificate) or an administrator keeps the seal.
    const bool mayKeepSeal =
        session.user().role == core::Role::Clerk || session.user().role == core::Role::Admin;
    m_rememberSeal->setVisible(mayKeepSeal);
    connect(m_sealImage, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_rememberSeal->setEnabled(!t.isEmpty()); });
    connect(m_token, &TokenChooser::readinessChanged, this, &SignDialog::updateButtons);
    connect(m_placementMode, &QComboBox::activated, this, &SignDialog::placementModeChanged);
    connect(m_signButton, &QPushButton::clicked, this, &SignDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &SignDialog::cancel);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);

    // Defaults from the signer: a leader signs personally, the văn thư signs for the organisation.
    const core::User &user = session.user();
    m_name->setText(user.fullName);
    m_title->setText(user.position.toUpper());
    m_role->setCurrentIndex(user.role == core::Role::Clerk ? 1 : 0);
    storage::SignerImages images(session.database());
    if (auto s = images.signature(user.id))
        m_storedSignature = s.value();
    if (auto s = images.seal()) {
        m_storedSeal = s->png;
        if (s->sizeMm > 0)
            m_sealSize->setValue(s->sizeMm);
    }
    if (m_storedSignature.isEmpty())
        m_signatureImage->setPlaceholderText(tr("No saved signature image: choose a PNG"));
    if (m_storedSeal.isEmpty())
        m_sealImage->setPlaceholderText(tr("No saved seal image: choose a PNG"));

    addFiles(files);
    roleChanged();
    setModules(TokenChooser::installedModules());
    resize(980, 720);
}

SignDialog::~SignDialog()
{
    m_cancel->store(true);
    if (auto it = runningBatches().find(this); it != runningBatches().end()) {
        it->waitForFinished();
        runningBatches().erase(it);
    }
}

void SignDialog::setModules(const QStringList &modulePaths)
{
    m_token->setModules(modulePaths);
}

void SignDialog::addFiles(const QStringList &files)
{
    for (const QString &f : files) {
        if (!m_files->findItems(f, Qt::MatchExactly).isEmpty())
            continue;
        auto *item = new QListWidgetItem(QFileInfo(f).fileName(), m_files);
        item->setData(Qt::UserRole, f);
        item->setToolTip(f);
    }
    resetPlacement();
    updateButtons();
}

void SignDialog::chooseFiles()
{
    addFiles(QFileDialog::getOpenFileNames(this, tr("Choose PDF files to sign"), QString(),
                                           tr("PDF documents (*.pdf)")));
}

void SignDialog::chooseImage(QLineEdit *target)
{
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Choose an image"), QString(), tr("PNG images (*.png)"));
    if (!f.isEmpty())
        target->setText(f);
}

void SignDialog::roleChanged()
{
    m_roleFields->setCurrentIndex(m_role->currentIndex());
    resetPlacement();
    updateButtons();
}

void SignDialog::resetPlacement()
{
    m_placementPage = -1;
    m_placementRect = QRectF();
    m_placementMode->setCurrentIndex(0);
    m_placementSummary->clear();
    m_placementSummary->setVisible(false);
    const bool single = m_files->count() == 1;
    m_placementMode->setEnabled(single && !m_running);
    m_placementMode->setToolTip(single ? QString()
                                       : tr("The position can be chosen on the page for a single file"));
}

void SignDialog::placementModeChanged()
{
    if (m_placementMode->currentIndex() == 0 || m_files->count() != 1) {
        resetPlacement();
        return;
    }
    SignOptions options = currentOptions();
    PlacementDialog dialog(m_files->item(0)->data(Qt::UserRole).toString(), options, m_session.pool(), this);
    if (m_placementPage > 0)
        connect(dialog.view(), &SignaturePlacementView::proposalReady, &dialog,
                [&dialog, page = m_placementPage - 1, rect = m_placementRect] {
                    if (!dialog.view()->isManual())
                        dialog.view()->placeBox(page, rect);
                });
    if (dialog.exec() != QDialog::Accepted || !dialog.view()->isManual()) {
        resetPlacement();
        return;
    }
    m_placementPage = dialog.view()->boxPage() + 1;
    m_placementRect = dialog.view()->pdfRect();
    m_placementSummary->setText(tr("Page %1: %2 × %3 pt, %4 pt from the left and %5 pt from the bottom")
                                    .arg(m_placementPage)
                                    .arg(qRound(m_placementRect.width()))
                                    .arg(qRound(m_placementRect.height()))
                                    .arg(qRound(m_placementRect.left()))
                                    .arg(qRound(m_placementRect.top())));
    m_placementSummary->setVisible(true);
}

void SignDialog::updateButtons()
{
    m_signButton->setEnabled(!m_running && m_token->isReady() && m_files->count() > 0);
}

QString SignDialog::outputPathFor(const QString &input) const
{
    const QFileInfo fi(input);
    const QString name = fi.completeBaseName() + QStringLiteral("_da-ky.pdf");
    const QString dir = m_outputDir->text().trimmed();
    return QDir(dir.isEmpty() ? fi.absolutePath() : dir).filePath(dir.isEmpty() ? name : fi.fileName());
}

SignOptions SignDialog::currentOptions() const
{
    SignOptions options;
    options.role = *signatureRoleFromKey(m_role->currentData().toString());
    options.signatureImage = m_signatureImage->text().isEmpty() ? QImage::fromData(m_storedSignature, "PNG")
                                                                : QImage(m_signatureImage->text());
    options.sealImage =
        m_sealImage->text().isEmpty() ? QImage::fromData(m_storedSeal, "PNG") : QImage(m_sealImage->text());
    options.sealSizeMm = m_sealSize->value();
    options.title = m_title->text().trimmed();
    options.name = m_name->text().trimmed();
    options.reference = m_reference->text().trimmed();
    options.copyType = m_copyType->text().trimmed();
    options.copyOrgan = m_copyOrgan->text().trimmed();
    return options;
}

void SignDialog::start()
{
    const std::optional<TokenSigner::Choice> choice = m_token->choice();
    if (m_running || !choice)
        return;

    SignOptions options = currentOptions();
    if (m_placementPage > 0 && m_files->count() == 1) {
        options.page = m_placementPage;
        options.rect = m_placementRect;
    }
    const storage::SigningSettings settings = storage::SystemConfig::signing();
    if (m_timestamp->isChecked())
        options.tsa = QUrl(settings.tsaUrl);
    options.collectRevocation = settings.onlineRevocation;
    if (options.role == SignatureRole::Organisation && options.sealImage.isNull()) {
        finished(tr("Choose the seal image (PNG) of the organisation."));
        return;
    }
    if (options.role == SignatureRole::Attachment && options.reference.isEmpty()) {
        finished(tr("Enter the number and symbol of the main document."));
        return;
    }

    if (!rememberImages())
        return;

    QList<TokenSigner::BatchItem> items;
    m_results->clear();
    for (int f = 0; f < m_files->count(); ++f) {
        const QString input = m_files->item(f)->data(Qt::UserRole).toString();
        items << TokenSigner::BatchItem{input, outputPathFor(input)};
        auto *row = new QTreeWidgetItem(m_results, {QFileInfo(input).fileName(), tr("waiting")});
        row->setToolTip(0, input);
    }
    QByteArray pin = m_token->takePin();
    m_running = true;
    m_token->setBusy(true);
    m_placementMode->setEnabled(false);
    m_cancel->store(false);
    m_progress->setRange(0, int(items.size()));
    m_progress->setValue(0);
    m_cancelButton->setEnabled(true);
    m_closeButton->setEnabled(false);
    updateButtons();

    auto cancelFlag = m_cancel;
    runningBatches().insert(
        this, QtConcurrent::run(m_session.pool(), [this, choice = *choice, pin, items, options, cancelFlag,
                                                   settings]() mutable {
            auto trust = documents::systemTrustStore();
            options.trust = trust ? &trust.value() : nullptr;
            TokenLogin login = openAndLogin(choice, std::move(pin), options.trust, settings.onlineRevocation);
            QString error;
            if (!login.signer) {
                error = login.error.text();
            } else {
                login.signer->signBatch(
                    items, options,
                    [this](int index, int count, const TokenSigner::BatchResult &r) {
                        const bool ok = r.outcome.ok();
                        QString text = ok ? tr("signed (%1, %2) → %3")
                                                .arg(r.outcome->level, verdictText(r.outcome->check.verdict),
                                                     r.outcome->outputPath)
                                          : r.outcome.error().text();
                        if (ok && !r.outcome->warnings.isEmpty())
                            text += QStringLiteral(" — ") + r.outcome->warnings.join(QStringLiteral("; "));
                        const int verdict = ok ? int(r.outcome->check.verdict) : -1;
                        QMetaObject::invokeMethod(
                            this,
                            [=, this] {
                                fileDone(index, count, r.item.inputPath, r.item.outputPath, text, verdict,
                                         ok);
                            },
                            Qt::QueuedConnection);
                    },
                    cancelFlag.get());
            }
            const std::optional<TokenInfo> after = login.after;
            QMetaObject::invokeMethod(
                this,
                [this, error, after] {
                    if (after)
                        m_token->updateTokenState(after.value());
                    finished(error);
                },
                Qt::QueuedConnection);
        }));
}

bool SignDialog::rememberImages()
{
    storage::SignerImages images(m_session.database());
    auto readPng = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    if (m_rememberSignature->isChecked() && !m_signatureImage->text().isEmpty()) {
        const QByteArray png = readPng(m_signatureImage->text());
        if (auto r = images.setSignature(m_session.user(), m_session.user().id, png); !r) {
            finished(r.error().text());
            return false;
        }
        m_storedSignature = png;
        m_rememberSignature->setChecked(false);
    }
    if (m_rememberSeal->isChecked() && m_rememberSeal->isVisible() && !m_sealImage->text().isEmpty()) {
        const QByteArray png = readPng(m_sealImage->text());
        if (auto r = images.setSeal(m_session.user(), png, m_sealSize->value()); !r) {
            finished(r.error().text());
            return false;
        }
        m_storedSeal = png;
        m_rememberSeal->setChecked(false);
    }
    return true;
}

void SignDialog::cancel()
{
    m_cancel->store(true);
    m_cancelButton->setEnabled(false);
}

void SignDialog::fileDone(int index, int count, const QString &input, const QString &output,
                          const QString &result, int verdict, bool ok)
{
    m_progress->setValue(index);
    if (QTreeWidgetItem *row = m_results->topLevelItem(index - 1)) {
        row->setText(1, result);
        row->setToolTip(1, result);
        row->setData(0, Qt::UserRole, ok);
        const QColor colour = !ok                              ? QColor(0xb3, 0x26, 0x1e)
                              : verdict == int(Verdict::Valid) ? QColor(0x1b, 0x7f, 0x3b)
                                                               : QColor(0x9a, 0x67, 0x00);
        row->setForeground(1, colour);
    }
}

void SignDialog::finished(const QString &error)
{
    m_running = false;
    runningBatches().remove(this);
    m_cancelButton->setEnabled(false);
    m_closeButton->setEnabled(true);
    int done = 0, failed = 0;
    for (int i = 0; i < m_results->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_results->topLevelItem(i);
        if (!error.isEmpty() && row->data(0, Qt::UserRole).isNull()) {
            row->setText(1, error);
            row->setForeground(1, QColor(0xb3, 0x26, 0x1e));
        }
        if (row->data(0, Qt::UserRole).toBool())
            ++done;
        else
            ++failed;
    }
    if (!error.isEmpty() && m_results->topLevelItemCount() == 0)
        new QTreeWidgetItem(m_results, {QString(), error});
    m_token->setBusy(false);
    m_placementMode->setEnabled(m_files->count() == 1);
    updateButtons();
    Q_EMIT batchFinished(done, failed);
}

} // namespace govdesk::gui
