#include "OutgoingTokenDialog.h"

#include "documents/IncomingSignatures.h"
#include "documents/OutgoingService.h"
#include "gui/Session.h"
#include "gui/signing/SignaturePlacementView.h"
#include "gui/signing/TokenChooser.h"
#include "storage/SignerImages.h"
#include "storage/SystemConfig.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace govdesk::gui {

using namespace govdesk::signing;

OutgoingTokenDialog::OutgoingTokenDialog(Session &session, const documents::OutgoingDocument &doc,
                                         const QString &actionText, QWidget *parent)
    : QDialog(parent), m_session(session), m_doc(doc),
      m_view(new SignaturePlacementView(session.pool(), this)), m_token(new TokenChooser(this)),
      m_summary(new QLabel(this)), m_imagePreview(new QLabel(this)),
      m_chooseImage(new QPushButton(tr("Choose another &image…"), this)),
      m_rememberImage(new QCheckBox(this)), m_timestamp(new QCheckBox(this)), m_message(new QLabel(this)),
      m_actionButton(new QPushButton(actionText, this)), m_closeButton(new QPushButton(tr("&Close"), this)),
      m_right(new QVBoxLayout)
{
    m_summary->setObjectName(QStringLiteral("documentSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(
        QStringLiteral("<b>%1</b>: %2").arg(doc.typeName.toHtmlEscaped(), doc.subject.toHtmlEscaped()));

    // The image on white, as on the page.
    m_imagePreview->setAlignment(Qt::AlignCenter);
    m_imagePreview->setFrameShape(QFrame::StyledPanel);
    m_imagePreview->setWordWrap(true);
    m_imagePreview->setAutoFillBackground(true);
    QPalette white = m_imagePreview->palette();
    white.setColor(QPalette::Window, Qt::white);
    m_imagePreview->setPalette(white);
    m_rememberImage->setEnabled(false);
    setUpTimestampBox(m_timestamp);

    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);

    m_actionButton->setDefault(true);
    m_actionButton->setEnabled(false);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAutoDefault(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_actionButton);
    buttons->addWidget(m_closeButton);

    m_right->addWidget(m_summary);
    m_right->addWidget(m_message);
    m_right->addStretch(1);
    m_right->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_view, 3);
    layout->addLayout(m_right, 2);

    connect(m_chooseImage, &QPushButton::clicked, this, &OutgoingTokenDialog::chooseImage);
    connect(m_token, &TokenChooser::readinessChanged, this, &OutgoingTokenDialog::updateButtons);
    connect(m_view, &SignaturePlacementView::placementChanged, this, &OutgoingTokenDialog::updateButtons);
    connect(m_actionButton, &QPushButton::clicked, this, [this] {
        if (!m_running && !m_done && m_loaded)
            act();
    });
    connect(m_closeButton, &QPushButton::clicked, this, &OutgoingTokenDialog::reject);
}

OutgoingTokenDialog::~OutgoingTokenDialog() = default;

void OutgoingTokenDialog::setModules(const QStringList &modulePaths)
{
    m_token->setModules(modulePaths);
}

void OutgoingTokenDialog::reject()
{
    // The token is in use: the dialog stays until the answer comes.
    if (m_running)
        return;
    QDialog::reject();
}

void OutgoingTokenDialog::addSummaryLine(const QString &html)
{
    m_summary->setText(m_summary->text() + QStringLiteral("<br/>") + html);
}

void OutgoingTokenDialog::addSection(QWidget *section)
{
    m_right->insertWidget(m_right->indexOf(m_message), section);
}

void OutgoingTokenDialog::addSection(QLayout *section)
{
    m_right->insertLayout(m_right->indexOf(m_message), section);
}

void OutgoingTokenDialog::addTokenTo(QBoxLayout *layout)
{
    layout->addWidget(m_token);
    layout->addWidget(m_timestamp);
}

void OutgoingTokenDialog::load(ReadImage read)
{
    setImage(QImage());
    // The newest file of the document and the saved image, read on a worker.
    struct Opened
    {
        QByteArray pdf;
        SavedImage saved;
        core::Error error;
    };
    m_session.run(
        this,
        [&service = m_session.outgoing(), &db = m_session.database(), user = m_session.user(), id = m_doc.id,
         read = std::move(read)]() {
            Opened r;
            auto pdf = service.fileData(user, id);
            if (!pdf) {
                r.error = pdf.error();
                return r;
            }
            r.pdf = pdf.value();
            storage::SignerImages images(db);
            r.saved = read(images, user);
            return r;
        },
        [this](const Opened &r) {
            if (!r.error.isNull()) {
                m_view->showMessage(r.error.text());
                showError(r.error);
                return;
            }
            m_loaded = true;
            if (m_image.isNull() && !r.saved.png.isEmpty())
                useSavedImage(r.saved);
            m_view->setPdf(r.pdf);
            updateOptions();
            updateButtons();
        });

    setModules(TokenChooser::installedModules());
    m_token->setFocus();
}

void OutgoingTokenDialog::setInputsEnabled(bool) {}

void OutgoingTokenDialog::useSavedImage(const SavedImage &saved)
{
    setImage(QImage::fromData(saved.png, "PNG"));
}

void OutgoingTokenDialog::chooseImage()
{
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Choose an image"), QString(), tr("PNG images (*.png)"));
    if (f.isEmpty())
        return;
    QFile file(f);
    const QByteArray png = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    const QImage image = QImage::fromData(png, "PNG");
    if (image.isNull()) {
        showError(tr("Cannot read the image %1 (a PNG file is expected)").arg(f));
        return;
    }
    m_chosenPng = png;
    m_rememberImage->setEnabled(true);
    setImage(image);
    updateOptions();
    updateButtons();
}

void OutgoingTokenDialog::setImage(const QImage &image)
{
    m_image = image;
    if (image.isNull()) {
        m_imagePreview->setPixmap(QPixmap());
        m_imagePreview->setText(noImageText());
        return;
    }
    const QSize room = m_imagePreview->size().expandedTo(m_imagePreview->minimumSize()) - QSize(8, 8);
    m_imagePreview->setPixmap(
        QPixmap::fromImage(image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void OutgoingTokenDialog::updateOptions()
{
    m_view->setSignOptions(signOptions());
}

void OutgoingTokenDialog::updateButtons()
{
    m_actionButton->setEnabled(!m_running && !m_done && m_loaded && readyToAct());
}

void OutgoingTokenDialog::showError(const QString &html, const QString &text)
{
    m_errorText = text;
    showNote(html, QStringLiteral("#b3261e"));
}

void OutgoingTokenDialog::showError(const core::Error &error)
{
    showError(errorHtml(error), error.text());
}

void OutgoingTokenDialog::showError(const QString &text)
{
    showError(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), text);
}

void OutgoingTokenDialog::showNote(const QString &html, const QString &colour)
{
    m_message->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("QLabel{color:%1}").arg(colour));
    m_message->setText(html);
    m_message->setVisible(!html.isEmpty());
}

void OutgoingTokenDialog::run(ServiceCall call, const QString &busyText)
{
    const std::optional<TokenSigner::Choice> choice =
        call.withToken ? m_token->choice() : std::optional<TokenSigner::Choice>();
    if (m_running || (call.withToken && !choice))
        return;
    SignOptions options = signOptions();
    m_view->applyTo(options);
    const storage::SigningSettings settings = storage::SystemConfig::signing();
    if (m_timestamp->isChecked())
        options.tsa = QUrl(settings.tsaUrl);
    options.collectRevocation = settings.onlineRevocation;
    QByteArray pin = call.withToken ? m_token->takePin() : QByteArray();

    m_running = true;
    m_token->setBusy(true);
    m_chooseImage->setEnabled(false);
    setInputsEnabled(false);
    m_view->setEnabled(false);
    m_closeButton->setEnabled(false);
    m_errorText.clear();
    showNote(busyText);
    updateButtons();

    m_session.run(
        this,
        [&service = m_session.outgoing(), &db = m_session.database(), user = m_session.user(), id = m_doc.id,
         choice, pin = std::move(pin), options, online = settings.onlineRevocation,
         call = std::move(call)]() mutable {
            Outcome r;
            auto trust = documents::systemTrustStore();
            options.trust = trust ? &trust.value() : nullptr;
            std::unique_ptr<TokenSigner> signer;
            if (choice) {
                TokenLogin login = openAndLogin(*choice, std::move(pin), options.trust, online);
                r.after = login.after;
                if (!login.signer) {
                    r.error = login.error;
                    return r;
                }
                signer = std::move(login.signer);
            }
            auto doc = call.call(service, user, id, signer.get(), options);
            if (!doc) {
                r.error = doc.error();
                return r;
            }
            r.doc = doc.value();
            // The image is kept only once it served.
            storage::SignerImages images(db);
            if (call.keep)
                if (auto kept = call.keep(images, user); !kept)
                    r.keepError = kept.error().text();
            if (call.readFile)
                if (auto pdf = service.fileData(user, id))
                    r.pdf = pdf.value();
            return r;
        },
        [this](const Outcome &r) { finish(r); });
}

void OutgoingTokenDialog::finish(const Outcome &r)
{
    m_running = false;
    m_token->setBusy(false);
    if (r.after)
        m_token->updateTokenState(r.after.value());
    m_view->setEnabled(true);
    m_closeButton->setEnabled(true);
    if (!r.doc) {
        m_chooseImage->setEnabled(true);
        setInputsEnabled(true);
        updateButtons();
        showError(r.error);
        Q_EMIT callFailed(r.error.text());
        return;
    }
    m_done = true;
    m_doc = r.doc.value();
    updateButtons();
    succeeded(r);
}

} // namespace govdesk::gui
