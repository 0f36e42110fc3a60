#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/OutgoingDocument.h"
#include "signing/SigningService.h"

#include <QDialog>
#include <QImage>

#include <functional>
#include <optional>

class QBoxLayout;
class QCheckBox;
class QLabel;
class QLayout;
class QPushButton;
class QVBoxLayout;

namespace govdesk::documents {
class OutgoingService;
}

namespace govdesk::storage {
class SignerImages;
}

namespace govdesk::gui {

class Session;
class SignaturePlacementView;
class TokenChooser;

/// What the dialogs that sign an outgoing document with a token share (the leader's OutgoingSignDialog, the
/// clerk's IssueDialog): the document's newest file on the placement view at the left, the type and subject
/// above the sections each dialog adds at the right, the image the signature shows (the saved one, read on
/// a worker with the file, or a PNG chosen here and kept when asked), the token chooser and the timestamp
/// box, the message line (failures in the user's language with the English source) and the action and
/// Close buttons. The action logs in to the token and calls the service on a worker; the dialog cannot be
/// closed until the answer comes.
class OutgoingTokenDialog : public QDialog
{
    Q_OBJECT
public:
    ~OutgoingTokenDialog() override;

    /// For tests and IT: watch these PKCS#11 modules instead of the installed ones.
    void setModules(const QStringList &modulePaths);
    SignaturePlacementView *placementView() const { return m_view; }
    TokenChooser *tokenChooser() const { return m_token; }
    /// The last failure shown (translated), empty when none.
    QString errorText() const { return m_errorText; }
    const documents::OutgoingDocument &document() const { return m_doc; }

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    /// The service call failed; the message is shown in the dialog and nothing changed.
    void callFailed(const QString &message);

protected:
    /// The image saved for the signature: the user's handwritten signature, or the organisation's seal with
    /// its real size.
    struct SavedImage
    {
        QByteArray png;
        double sizeMm = 0;
    };
    using ReadImage = std::function<SavedImage(storage::SignerImages &images, const core::User &user)>;

    /// The service call of the action, run on a worker.
    struct ServiceCall
    {
        /// The certificate chosen is logged in first (with the PIN typed); false: the call needs no token.
        bool withToken = true;
        /// `signer` is null without the token; `options` are signOptions() with the placement chosen, the
        /// timestamp, the revocation data and the trust store.
        std::function<core::Result<documents::OutgoingDocument>(
            documents::OutgoingService &service, const core::User &user, const QString &id,
            signing::TokenSigner *signer, const signing::SignOptions &options)>
            call;
        /// After a success: keeps the image that served (empty: nothing is kept).
        std::function<core::Result<void>(storage::SignerImages &images, const core::User &user)> keep;
        /// After a success: reads the document's newest file, to show it.
        bool readFile = false;
    };
    /// What the service call gave.
    struct Outcome
    {
        std::optional<documents::OutgoingDocument> doc; ///< empty: failed with `error`, nothing changed
        core::Error error;
        std::optional<signing::TokenInfo> after; ///< the token's state after the login
        QString keepError;                       ///< done, but the image could not be kept
        QByteArray pdf;                          ///< the newest file when asked for
    };

    OutgoingTokenDialog(Session &session, const documents::OutgoingDocument &doc, const QString &actionText,
                        QWidget *parent);

    /// Adds a line (rich text) under the type and subject.
    void addSummaryLine(const QString &html);
    /// Adds a section to the right column, above the message line.
    void addSection(QWidget *section);
    void addSection(QLayout *section);
    /// Puts the token chooser and the timestamp box into `layout`.
    void addTokenTo(QBoxLayout *layout);
    /// Shows the newest file of the document and the saved image (`read` runs on a worker), and starts
    /// watching the installed tokens. Called once by the subclass's constructor, when it is set up.
    void load(ReadImage read);

    /// Runs `call` on a worker, showing `busyText` meanwhile; nothing else can be done until it answers.
    void run(ServiceCall call, const QString &busyText);
    /// Enables the action when the document is loaded, nothing runs, nothing was done and readyToAct().
    void updateButtons();
    /// Gives the placement view the options of the signature as it is now.
    void updateOptions();

    /// The message line: a failure (rich text and plain), a failure as the services report it, a plain
    /// failure shown in bold, a note in `colour` (none: the usual text colour).
    void showError(const QString &html, const QString &text);
    void showError(const core::Error &error);
    void showError(const QString &text);
    void showNote(const QString &html, const QString &colour = {});

    void setImage(const QImage &image);
    QImage image() const { return m_image; }
    /// The PNG chosen with "Choose another image", empty when none.
    QByteArray chosenPng() const { return m_chosenPng; }

    Session &session() const { return m_session; }
    QLabel *imagePreview() const { return m_imagePreview; }
    QPushButton *chooseImageButton() const { return m_chooseImage; }
    QCheckBox *rememberImageBox() const { return m_rememberImage; }
    QCheckBox *timestampBox() const { return m_timestamp; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *actionButton() const { return m_actionButton; }
    QPushButton *closeButton() const { return m_closeButton; }

    /// The signature the action makes: role and images, title and name for the template.
    virtual signing::SignOptions signOptions() const = 0;
    /// What the subclass needs before the action may start, beyond the document being loaded.
    virtual bool readyToAct() const = 0;
    /// The action button was clicked with the document loaded and nothing running.
    virtual void act() = 0;
    /// The subclass's own inputs, disabled while the call runs and enabled again when it failed ("Choose
    /// another image" is disabled with them).
    virtual void setInputsEnabled(bool enabled);
    /// The call succeeded: document() is the document as it is now.
    virtual void succeeded(const Outcome &outcome) = 0;
    /// The saved image came (it is used only when no image was chosen meanwhile).
    virtual void useSavedImage(const SavedImage &saved);
    /// The text shown instead of the image when there is none.
    virtual QString noImageText() const = 0;

private:
    void chooseImage();
    void finish(const Outcome &outcome);

    Session &m_session;
    documents::OutgoingDocument m_doc;
    QImage m_image;
    QByteArray m_chosenPng; ///< an image chosen here, kept when asked
    bool m_loaded = false;
    bool m_running = false;
    bool m_done = false;
    QString m_errorText;

    SignaturePlacementView *m_view;
    TokenChooser *m_token;
    QLabel *m_summary;
    QLabel *m_imagePreview;
    QPushButton *m_chooseImage;
    QCheckBox *m_rememberImage;
    QCheckBox *m_timestamp;
    QLabel *m_message;
    QPushButton *m_actionButton;
    QPushButton *m_closeButton;
    QVBoxLayout *m_right;
};

} // namespace govdesk::gui
