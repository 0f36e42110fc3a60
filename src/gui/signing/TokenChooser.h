#pragma once

#include "core/Error.h"
#include "signing/SigningService.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace govdesk::signing {
class TokenWatcher;
}

namespace govdesk::gui {

/// The token part of every signing dialog: the certificates with a private key on the plugged-in tokens
/// (kept up to date by a TokenWatcher as tokens are plugged in and out), the chosen certificate's holder,
/// organisation, issuer and validity, the PIN field and the token's PIN state (tries left, locked, PIN pad).
/// The PIN is handed over once with takePin() and never kept.
class TokenChooser : public QWidget
{
    Q_OBJECT
public:
    /// Which certificate to choose first when a token holds several.
    enum class Preference
    {
        Any,
        Personal,
        Organisation
    };

    explicit TokenChooser(QWidget *parent = nullptr);
    ~TokenChooser() override;

    /// The PKCS#11 modules of the machine: those IT configured, then the known drivers found installed.
    static QStringList installedModules();
    /// Watches these modules (replacing the ones watched before).
    void setModules(const QStringList &modulePaths);
    void setPreference(Preference preference);
    void setPinPlaceholder(const QString &text);

    bool hasCertificate() const;
    /// A certificate is chosen, its token is not locked, and the PIN is typed (or the token has a PIN pad).
    bool isReady() const;
    /// What TokenSigner::open needs for the chosen certificate.
    std::optional<signing::TokenSigner::Choice> choice() const;
    /// The PIN as typed; the field is emptied.
    QByteArray takePin();
    /// Disables the choice while the token is in use.
    void setBusy(bool busy);
    /// Takes the token's PIN flags as read after a login, so the next attempt shows the right warning.
    void updateTokenState(const signing::TokenInfo &fresh);

    /// The modules watched now (for messages and tests).
    QStringList modules() const { return m_modules; }

Q_SIGNALS:
    /// isReady() may have changed (certificate chosen, token plugged or unplugged, PIN typed).
    void readinessChanged();

private:
    void tokensChanged(const QList<signing::TokenInfo> &tokens);
    void certificateChosen();

    std::unique_ptr<signing::TokenWatcher> m_watcher;
    QStringList m_modules;
    QList<signing::TokenInfo> m_tokens;
    struct CertRef
    {
        int token = -1;
        int certificate = -1;
    };
    QList<CertRef> m_certRefs;
    Preference m_preference = Preference::Any;
    bool m_busy = false;
    QString m_pinPlaceholder;

    QComboBox *m_certificate;
    QLabel *m_certificateDetails;
    QLineEdit *m_pin;
    QLabel *m_pinState;
};

/// What opening the token, checking the certificate and logging in gave: the signer ready to sign, or the
/// error; and the token's state after the login (a wrong PIN lowers the tries left). Runs on a worker.
struct TokenLogin
{
    std::unique_ptr<signing::TokenSigner> signer;
    core::Error error;
    std::optional<signing::TokenInfo> after;
    QStringList warnings;
};
TokenLogin openAndLogin(const signing::TokenSigner::Choice &choice, QByteArray pin,
                        const signing::TrustStore *trust, bool onlineRevocation);

/// The timestamp check box of the signing dialogs: on when the system config names a timestamp server.
void setUpTimestampBox(QCheckBox *box);

/// A failure as the signing dialogs show it: the message in the user's language, then the English source
/// in grey when it differs (rich text).
QString errorHtml(const core::Error &error);

} // namespace govdesk::gui
