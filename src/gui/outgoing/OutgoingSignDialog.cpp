#include "OutgoingSignDialog.h"

#include "documents/OutgoingService.h"
#include "gui/Session.h"
#include "gui/signing/SignaturePlacementView.h"
#include "gui/signing/TokenChooser.h"
#include "storage/SignerImages.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace govdesk::gui {

using namespace govdesk::signing;

OutgoingSignDialog::OutgoingSignDialog(Session &session, const documents::OutgoingDocument &doc,
                                       QWidget *parent)
    : OutgoingTokenDialog(session, doc, tr("&Sign"), parent), m_comment(new QLineEdit(this))
{
    setObjectName(QStringLiteral("outgoingSignDialog"));
    setWindowTitle(tr("Sign the outgoing document"));
    messageLabel()->setObjectName(QStringLiteral("signMessage"));
    actionButton()->setObjectName(QStringLiteral("signButton"));
    connect(this, &OutgoingTokenDialog::callFailed, this, &OutgoingSignDialog::signingFailed);

    // The lines the template looks for: the signer the drafter named, else the leader signing.
    const core::User &user = session.user();
    m_title = doc.signerPosition.isEmpty() ? user.position : doc.signerPosition;
    m_name = doc.signerName.isEmpty() ? user.fullName : doc.signerName;
    addSummaryLine(
        tr("Signer on the document: %1 %2").arg(m_title.toUpper().toHtmlEscaped(), m_name.toHtmlEscaped()));

    placementView()->setTemplateText(tr("By the template (between the title and the name)"));

    imagePreview()->setObjectName(QStringLiteral("signatureImagePreview"));
    imagePreview()->setMinimumSize(180, 64);
    chooseImageButton()->setObjectName(QStringLiteral("chooseSignatureImage"));
    rememberImageBox()->setObjectName(QStringLiteral("rememberSignature"));
    rememberImageBox()->setText(tr("Keep as my signature image"));
    auto *imageButtons = new QVBoxLayout;
    imageButtons->addWidget(chooseImageButton());
    imageButtons->addWidget(rememberImageBox());
    imageButtons->addStretch(1);
    auto *imageBox = new QGroupBox(tr("Signature image"), this);
    auto *imageLayout = new QHBoxLayout(imageBox);
    imageLayout->addWidget(imagePreview(), 1);
    imageLayout->addLayout(imageButtons);

    tokenChooser()->setPreference(TokenChooser::Preference::Personal);
    auto *tokenBox = new QGroupBox(tr("Certificate on the token"), this);
    addTokenTo(new QVBoxLayout(tokenBox));

    m_comment->setObjectName(QStringLiteral("signComment"));
    m_comment->setPlaceholderText(tr("Optional, kept in the review thread"));
    auto *more = new QFormLayout;
    more->addRow(tr("Co&mment:"), m_comment);

    addSection(imageBox);
    addSection(tokenBox);
    addSection(more);
    setTabOrder(timestampBox(), m_comment);

    // The leader's saved signature comes with the file.
    load([](storage::SignerImages &images, const core::User &signer) {
        SavedImage saved;
        if (auto png = images.signature(signer.id))
            saved.png = png.value();
        return saved;
    });
    resize(1100, 760);
}

OutgoingSignDialog::~OutgoingSignDialog() = default;

QString OutgoingSignDialog::noImageText() const
{
    return tr("No saved signature image: the signature shows the signer's name and the time. Choose a PNG "
              "image to show the handwritten signature.");
}

SignOptions OutgoingSignDialog::signOptions() const
{
    SignOptions options;
    options.role = SignatureRole::Personal;
    options.signatureImage = image();
    options.title = m_title;
    options.name = m_name;
    return options;
}

bool OutgoingSignDialog::readyToAct() const
{
    return tokenChooser()->isReady() && placementView()->hasPdf();
}

void OutgoingSignDialog::act()
{
    ServiceCall call;
    call.call = [comment = m_comment->text().trimmed()](documents::OutgoingService &service,
                                                        const core::User &user, const QString &id,
                                                        TokenSigner *signer, const SignOptions &options) {
        return service.sign(user, id, *signer, options, comment);
    };
    // The image is kept as the leader's signature only once it served a valid signature.
    if (rememberImageBox()->isChecked() && !chosenPng().isEmpty())
        call.keep = [png = chosenPng()](storage::SignerImages &images, const core::User &user) {
            return images.setSignature(user, user.id, png);
        };
    run(std::move(call), tr("Signing… keep the token plugged in."));
}

void OutgoingSignDialog::succeeded(const Outcome &outcome)
{
    Q_EMIT documentSigned(document());
    if (!outcome.keepError.isEmpty()) {
        // Signed; only keeping the image failed: say so before closing.
        closeButton()->setDefault(true);
        showError(QStringLiteral("<b>%1</b><br/>%2")
                      .arg(tr("The document is signed.").toHtmlEscaped(), outcome.keepError.toHtmlEscaped()),
                  outcome.keepError);
        return;
    }
    accept();
}

} // namespace govdesk::gui
