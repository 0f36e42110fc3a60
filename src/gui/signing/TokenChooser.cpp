#include "TokenChooser.h"

#include "core/TextFold.h"
#include "signing/pkcs11/TokenWatcher.h"
#include "storage/SystemConfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>

namespace govdesk::gui {

using namespace govdesk::signing;

namespace {

QString dateText(const QDateTime &t)
{
    return t.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Ho_Chi_Minh")))
        .toString(QStringLiteral("dd/MM/yyyy"));
}

/// An organisation certificate names the organisation as its holder (CN = O); a personal one names a person.
bool isOrganisationCertificate(const CertificateInfo &info)
{
    const QString cn = core::foldForSearch(info.subjectCommonName).simplified();
    return !cn.isEmpty() && cn == core::foldForSearch(info.subjectOrganization).simplified();
}

} // namespace

TokenChooser::TokenChooser(QWidget *parent)
    : QWidget(parent), m_certificate(new QComboBox(this)), m_certificateDetails(new QLabel(this)),
      m_pin(new QLineEdit(this)), m_pinState(new QLabel(this))
{
    setObjectName(QStringLiteral("tokenChooser"));
    m_certificate->setObjectName(QStringLiteral("signCertificate"));
    m_certificate->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_certificate->setMinimumContentsLength(24);
    m_certificateDetails->setObjectName(QStringLiteral("certificateDetails"));
    m_certificateDetails->setWordWrap(true);
    m_certificateDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinState->setObjectName(QStringLiteral("pinState"));
    m_pinState->setWordWrap(true);
    m_pin->setObjectName(QStringLiteral("signPin"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pinPlaceholder = tr("Never stored");
    m_pin->setPlaceholderText(m_pinPlaceholder);

    setFocusProxy(m_pin);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("C&ertificate:"), m_certificate);
    form->addRow(QString(), m_certificateDetails);
    form->addRow(tr("&PIN:"), m_pin);
    form->addRow(QString(), m_pinState);

    connect(m_certificate, &QComboBox::currentIndexChanged, this, &TokenChooser::certificateChosen);
    connect(m_pin, &QLineEdit::textChanged, this, &TokenChooser::readinessChanged);
    tokensChanged({});
}

TokenChooser::~TokenChooser()
{
    if (m_watcher)
        m_watcher->stop();
}

QStringList TokenChooser::installedModules()
{
    QStringList modules;
    for (const KnownModule &m : availablePkcs11Modules(storage::SystemConfig::signing().pkcs11Modules))
        modules << m.path;
    return modules;
}

void TokenChooser::setModules(const QStringList &modulePaths)
{
    if (m_watcher)
        m_watcher->stop();
    m_modules = modulePaths;
    m_watcher = std::make_unique<TokenWatcher>(modulePaths, 1500);
    connect(m_watcher.get(), &TokenWatcher::tokensChanged, this, &TokenChooser::tokensChanged);
    tokensChanged({});
    if (modulePaths.isEmpty())
        m_certificateDetails->setText(
            tr("No token driver (PKCS#11 module) is installed. Install the software "
               "that came with the token, or ask IT to add it to the configuration."));
    m_watcher->start();
}

void TokenChooser::setPreference(Preference preference)
{
    m_preference = preference;
}

void TokenChooser::setPinPlaceholder(const QString &text)
{
    m_pinPlaceholder = text;
    certificateChosen();
}

void TokenChooser::tokensChanged(const QList<TokenInfo> &tokens)
{
    const QString previous = m_certificate->currentData().toString();
    m_tokens = tokens;
    m_certRefs.clear();
    int preferred = -1;
    m_certificate->blockSignals(true);
    m_certificate->clear();
    for (int t = 0; t < tokens.size(); ++t) {
        for (int c = 0; c < tokens[t].certificates.size(); ++c) {
            const TokenObjectCertificate &object = tokens[t].certificates[c];
            if (!object.hasPrivateKey)
                continue;
            auto info = CertificateInfo::fromDer(object.der);
            const QString text =
                info ? tr("%1 — valid until %2 (token %3)")
                           .arg(info->holderSummary(), dateText(info->notAfter), tokens[t].label)
                     : object.label;
            if (preferred < 0 && info && m_preference != Preference::Any &&
                isOrganisationCertificate(info.value()) == (m_preference == Preference::Organisation))
                preferred = m_certificate->count();
            m_certificate->addItem(text, QStringLiteral("%1/%2").arg(tokens[t].serialNumber,
                                                                     QString::fromLatin1(object.id.toHex())));
            m_certRefs << CertRef{t, int(c)};
        }
    }
    // Keep the certificate the user chose when the token list changes; otherwise the preferred kind, else
    // the first one.
    if (const int i = m_certificate->findData(previous); i >= 0)
        m_certificate->setCurrentIndex(i);
    else if (preferred >= 0)
        m_certificate->setCurrentIndex(preferred);
    else if (m_certificate->count() > 0)
        m_certificate->setCurrentIndex(0);
    m_certificate->blockSignals(false);
    if (m_certRefs.isEmpty())
        m_certificate->setPlaceholderText(tr("Plug in the USB token…"));
    certificateChosen();
}

void TokenChooser::certificateChosen()
{
    const int i = m_certificate->currentIndex();
    m_pin->setPlaceholderText(m_pinPlaceholder);
    if (i < 0 || i >= m_certRefs.size()) {
        if (!m_modules.isEmpty() || m_tokens.isEmpty())
            m_certificateDetails->setText(m_tokens.isEmpty() ? tr("No token is plugged in.")
                                                             : tr("The token holds no signing certificate."));
        m_pinState->clear();
        m_pinState->setStyleSheet(QString());
        m_pin->setEnabled(!m_busy);
        Q_EMIT readinessChanged();
        return;
    }
    const TokenInfo &token = m_tokens[m_certRefs[i].token];
    const TokenObjectCertificate &object = token.certificates[m_certRefs[i].certificate];
    if (auto info = CertificateInfo::fromDer(object.der)) {
        QString text = tr("Holder: %1\nOrganisation: %2\nIssued by: %3\nValid: %4 – %5")
                           .arg(info->subjectCommonName, info->subjectOrganization, info->issuerCommonName,
                                dateText(info->notBefore), dateText(info->notAfter));
        if (auto usable = checkCertificateForSigning(info.value(), QDateTime::currentDateTimeUtc()); !usable)
            text += QLatin1Char('\n') + usable.error().text();
        m_certificateDetails->setText(text);
    }
    const bool warn = token.pinCountLow || token.pinFinalTry || token.pinLocked;
    m_pinState->setText(token.pinStateText());
    m_pinState->setStyleSheet(warn ? QStringLiteral("color:#b3261e;font-weight:bold") : QString());
    m_pin->setEnabled(!m_busy && !token.pinLocked && !token.protectedAuthenticationPath);
    if (token.protectedAuthenticationPath)
        m_pin->setPlaceholderText(tr("Enter the PIN on the token's own keypad when asked"));
    Q_EMIT readinessChanged();
}

bool TokenChooser::hasCertificate() const
{
    const int i = m_certificate->currentIndex();
    return i >= 0 && i < m_certRefs.size();
}

bool TokenChooser::isReady() const
{
    if (!hasCertificate())
        return false;
    const TokenInfo &token = m_tokens[m_certRefs[m_certificate->currentIndex()].token];
    return !token.pinLocked && (token.protectedAuthenticationPath || !m_pin->text().isEmpty());
}

std::optional<TokenSigner::Choice> TokenChooser::choice() const
{
    if (!hasCertificate())
        return std::nullopt;
    const CertRef ref = m_certRefs[m_certificate->currentIndex()];
    const TokenInfo &token = m_tokens[ref.token];
    return TokenSigner::Choice{token.modulePath, token.label, QString(),
                               token.certificates[ref.certificate].id};
}

QByteArray TokenChooser::takePin()
{
    QByteArray pin = m_pin->text().toUtf8();
    m_pin->clear();
    return pin;
}

void TokenChooser::setBusy(bool busy)
{
    m_busy = busy;
    m_certificate->setEnabled(!busy);
    certificateChosen();
}

void TokenChooser::updateTokenState(const TokenInfo &fresh)
{
    for (TokenInfo &token : m_tokens)
        if (token.sameToken(fresh)) {
            const QList<TokenObjectCertificate> certificates = token.certificates;
            token = fresh;
            token.certificates = certificates;
        }
    certificateChosen();
}

TokenLogin openAndLogin(const TokenSigner::Choice &choice, QByteArray pin, const TrustStore *trust,
                        bool onlineRevocation)
{
    TokenLogin result;
    auto signer = TokenSigner::open(choice);
    if (!signer) {
        std::fill(pin.begin(), pin.end(), '\0');
        result.error = signer.error();
        return result;
    }
    if (auto r = signer.value()->checkCertificate(QDateTime::currentDateTime(), trust, onlineRevocation,
                                                  &result.warnings);
        !r) {
        result.error = r.error();
    } else if (auto l = signer.value()->login(pin); !l) {
        result.error = l.error();
    }
    std::fill(pin.begin(), pin.end(), '\0');
    // The token's PIN flags after this login (a wrong PIN lowers the count), read here on the worker.
    result.after = signer.value()->token();
    if (result.error.isNull())
        result.signer = std::move(signer.value());
    return result;
}

void setUpTimestampBox(QCheckBox *box)
{
    const QString tsa = storage::SystemConfig::signing().tsaUrl;
    box->setText(tsa.isEmpty() ? TokenChooser::tr("Timestamp (no server configured)")
                               : TokenChooser::tr("Add a trusted timestamp from %1").arg(tsa));
    box->setChecked(!tsa.isEmpty());
    box->setEnabled(!tsa.isEmpty());
}

QString errorHtml(const core::Error &error)
{
    const QString text = error.text();
    const QString english = error.english();
    QString html = QStringLiteral("<b>") + text.toHtmlEscaped() + QStringLiteral("</b>");
    if (english != text)
        html += QStringLiteral("<br/><span style='color:#5f6368'>") + english.toHtmlEscaped() +
                QStringLiteral("</span>");
    return html;
}

} // namespace govdesk::gui
