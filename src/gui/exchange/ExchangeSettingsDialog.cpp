#include "ExchangeSettingsDialog.h"

#include "exchange/transport/CredentialStore.h"
#include "exchange/transport/TransportFactory.h"
#include "gui/Session.h"
#include "gui/exchange/KeychainThread.h"
#include "storage/SystemConfig.h"
#include "ui_ExchangeSettingsDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>

namespace govdesk::gui {

using exchange::CredentialStore;
using exchange::ExchangeSettings;
using exchange::TransportKind;

struct ExchangeSettingsDialog::Loaded
{
    ExchangeSettings settings;
    core::Error error;
    bool keychain = false;
    QString keychainWhy;
    bool storedSecret = false;
};

/// Whether this build has a transport for `kind` (the factory refuses the ones it does not).
static bool transportAvailable(TransportKind kind)
{
    exchange::TransportConfig probe;
    probe.kind = kind;
    probe.endpoint = QUrl(QStringLiteral("https://exchange.invalid"));
    probe.systemId = QStringLiteral("probe");
    return exchange::createTransport(probe).ok();
}

ExchangeSettingsDialog::ExchangeSettingsDialog(Session &session, QWidget *parent)
    : DocumentActionDialog(session, parent), m_ui(std::make_unique<Ui::ExchangeSettingsDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("exchangeSettingsDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Save"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExchangeSettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ExchangeSettingsDialog::reject);

    m_ui->kindCombo->addItem(tr("National document exchange axis (VXP)"), QStringLiteral("vxp"));
    m_ui->kindCombo->addItem(tr("Provincial LGSP with OAuth2 tokens"), QStringLiteral("lgsp-oauth"));
    m_ui->kindCombo->addItem(tr("Provincial LGSP with key headers (X-SystemId, X-SecretKey)"),
                             QStringLiteral("lgsp-key"));
    const bool soap = transportAvailable(TransportKind::LgspSoap);
    m_ui->kindCombo->addItem(soap ? tr("Provincial LGSP over SOAP")
                                  : tr("Provincial LGSP over SOAP (not supported yet)"),
                             QStringLiteral("lgsp-soap"));
    if (!soap)
        if (auto *model = qobject_cast<QStandardItemModel *>(m_ui->kindCombo->model()))
            model->item(m_ui->kindCombo->count() - 1)->setEnabled(false);
    connect(m_ui->kindCombo, &QComboBox::currentIndexChanged, this, &ExchangeSettingsDialog::updateKindRows);

    m_ui->lockedLabel->hide();
    m_ui->lockedLabel->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_ui->testResultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ui->keychainLabel->setText(tr("Checking this computer's keychain…"));
    m_ui->secretEdit->setEnabled(false);
    m_ui->pollSpin->setToolTip(tr("How often GovDesk asks the exchange for new documents and statuses while "
                                  "it is open; sending waits for nothing"));
    m_ui->timeoutSpin->setToolTip(tr("A call fails when nothing moves on the connection for this long"));
    m_ui->caBundleEdit->setToolTip(
        tr("A PEM file of extra certificate authorities the exchange's certificate "
           "is issued by, added to the system's"));
    connect(m_ui->browseCaButton, &QPushButton::clicked, this, [this] {
        const QString start = m_ui->caBundleEdit->text().isEmpty()
                                  ? QDir::homePath()
                                  : QFileInfo(m_ui->caBundleEdit->text()).absolutePath();
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Choose the CA certificates"), start,
                                         tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!path.isEmpty())
            m_ui->caBundleEdit->setText(QDir::toNativeSeparators(path));
    });
    connect(m_ui->testButton, &QPushButton::clicked, this, &ExchangeSettingsDialog::testConnection);
    // A refusal of the last save no longer holds once the form changes.
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, m_ui->errorLabel, &QWidget::hide);
    // Nothing can be saved before the form shows what is stored.
    m_ui->buttonBox->setEnabled(false);
    m_ui->testButton->setEnabled(false);
    updateKindRows();
    resize(sizeHint().expandedTo(QSize(660, 0)));
    load();
}

ExchangeSettingsDialog::~ExchangeSettingsDialog() = default;

QString ExchangeSettingsDialog::errorText(const core::Error &error) const
{
    return error.bilingual();
}

void ExchangeSettingsDialog::load()
{
    Session *s = &session();
    const QString account = s->data().identity.orgCode;
    s->run(
        this,
        [s, account]() {
            Loaded l;
            auto settings = ExchangeSettings::load(s->database());
            if (settings)
                l.settings = settings.value();
            else
                l.error = settings.error();
            // The keychain may take a while to answer (or ask to be unlocked): never on the UI thread.
            KeychainThread::call([&] {
                CredentialStore store;
                l.keychain = store.available(&l.keychainWhy);
                if (l.keychain && l.settings.configured)
                    l.storedSecret = store.load(account, l.settings.transport.kind).ok();
            });
            return l;
        },
        [this](const Loaded &l) { fill(l); });
}

void ExchangeSettingsDialog::fill(const Loaded &l)
{
    m_settings = l.settings;
    m_keychain = l.keychain;
    m_storedSecret = l.storedSecret;
    const exchange::TransportConfig &t = m_settings.transport;
    if (m_settings.configured) {
        const int kind = m_ui->kindCombo->findData(exchange::transportKindName(t.kind));
        m_ui->kindCombo->setCurrentIndex(std::max(0, kind));
        m_ui->endpointEdit->setText(t.endpoint.toString());
        m_ui->systemIdEdit->setText(t.systemId);
        m_ui->fromEdit->setText(t.from);
        m_ui->tokenUrlEdit->setText(t.tokenUrl.toString());
        m_ui->caBundleEdit->setText(QDir::toNativeSeparators(t.caBundle));
        m_ui->proxyEdit->setText(t.proxy);
        m_ui->timeoutSpin->setValue(t.timeoutSeconds);
        m_ui->secretEnvEdit->setText(t.secretEnv);
    }
    m_ui->pollSpin->setValue(m_settings.pollSeconds);
    m_ui->placeEdit->setText(m_settings.place);

    m_ui->secretEdit->setEnabled(true);
    if (m_keychain) {
        m_ui->keychainLabel->setText(
            tr("The secret is kept in this computer's keychain, never in a file. The "
               "environment variable is only used when the keychain has no entry."));
        m_ui->keychainLabel->setStyleSheet({});
        m_ui->secretEdit->setPlaceholderText(m_storedSecret
                                                 ? tr("Kept in the keychain; type a new one to replace it")
                                                 : tr("Saved to the keychain"));
        m_ui->secretEnvEdit->setPlaceholderText(tr("Optional, e.g. GOVDESK_EXCHANGE_SECRET"));
    } else {
        m_ui->keychainLabel->setText(tr("No keychain is available on this computer (%1). GovDesk reads the "
                                        "secret from the environment "
                                        "variable named below, which IT sets for the account that runs "
                                        "GovDesk; a secret typed here is "
                                        "only used to check the connection and is not saved.")
                                         .arg(l.keychainWhy));
        m_ui->keychainLabel->setStyleSheet(QStringLiteral("color: #8a4b00;"));
        m_ui->secretEdit->setPlaceholderText(tr("Only to check the connection; not saved"));
    }
    m_ui->keychainLabel->setObjectName(QStringLiteral("keychainLabel"));

    if (m_settings.lockedBySystem) {
        m_ui->lockedLabel->setText(
            tr("IT set up the document exchange in this computer's system configuration "
               "(%1): it is shown here and cannot be changed. The connection can still "
               "be checked.")
                .arg(QDir::toNativeSeparators(storage::SystemConfig::path())));
        m_ui->lockedLabel->show();
        for (QWidget *w :
             {static_cast<QWidget *>(m_ui->serverGroup), static_cast<QWidget *>(m_ui->networkGroup)})
            w->setEnabled(false);
        for (QWidget *w :
             {static_cast<QWidget *>(m_ui->secretEnvEdit), static_cast<QWidget *>(m_ui->caBundleEdit),
              static_cast<QWidget *>(m_ui->browseCaButton)})
            w->setEnabled(false);
        m_ui->buttonBox->setStandardButtons(QDialogButtonBox::Close);
        m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("Close"));
    }
    if (!l.error.isNull()) {
        m_ui->errorLabel->setText(l.error.bilingual());
        m_ui->errorLabel->show();
    }
    m_ui->buttonBox->setEnabled(true);
    m_ui->testButton->setEnabled(true);
    updateKindRows();
    m_loaded = true;
    fitToContents();
    (m_settings.lockedBySystem ? static_cast<QWidget *>(m_ui->testButton)
                               : static_cast<QWidget *>(m_ui->endpointEdit))
        ->setFocus();
    Q_EMIT loaded();
}

void ExchangeSettingsDialog::updateKindRows()
{
    const QString kind = m_ui->kindCombo->currentData().toString();
    m_ui->serverForm->setRowVisible(m_ui->tokenUrlEdit, kind == QLatin1String("lgsp-oauth"));
    if (kind == QLatin1String("vxp")) {
        m_ui->endpointEdit->setPlaceholderText(QStringLiteral("https://lienthong.example.vn/vxp"));
        m_ui->systemIdLabel->setText(tr("&System id:"));
    } else if (kind == QLatin1String("lgsp-oauth")) {
        m_ui->endpointEdit->setPlaceholderText(QStringLiteral("https://lgsp.example.vn/truclienthong/v1"));
        m_ui->systemIdLabel->setText(tr("Consumer &key:"));
    } else {
        m_ui->endpointEdit->setPlaceholderText(QStringLiteral("https://lgsp.example.vn/api"));
        m_ui->systemIdLabel->setText(tr("&System id:"));
    }
}

ExchangeSettings ExchangeSettingsDialog::settingsFromForm() const
{
    ExchangeSettings s = m_settings;
    exchange::transportKindFromName(m_ui->kindCombo->currentData().toString(), &s.transport.kind);
    s.transport.endpoint = QUrl::fromUserInput(m_ui->endpointEdit->text().trimmed());
    if (m_ui->endpointEdit->text().trimmed().isEmpty())
        s.transport.endpoint = QUrl();
    s.transport.systemId = m_ui->systemIdEdit->text().trimmed();
    s.transport.from = m_ui->fromEdit->text().trimmed();
    s.transport.tokenUrl =
        s.transport.kind == TransportKind::LgspOAuth ? QUrl(m_ui->tokenUrlEdit->text().trimmed()) : QUrl();
    s.transport.caBundle = QDir::fromNativeSeparators(m_ui->caBundleEdit->text().trimmed());
    s.transport.proxy = m_ui->proxyEdit->text().trimmed();
    s.transport.timeoutSeconds = m_ui->timeoutSpin->value();
    s.transport.secretEnv = m_ui->secretEnvEdit->text().trimmed();
    s.transport.secret.clear();
    s.pollSeconds = m_ui->pollSpin->value();
    s.place = m_ui->placeEdit->text().trimmed();
    return s;
}

void ExchangeSettingsDialog::showTestResult(const QString &text, bool ok)
{
    m_ui->testResultLabel->setText(text);
    m_ui->testResultLabel->setStyleSheet(ok ? QStringLiteral("color: #1b6e20; font-weight: bold;")
                                            : QStringLiteral("color: #c6001f;"));
    fitToContents();
}

void ExchangeSettingsDialog::fitToContents()
{
    // The notes wrap: when the keychain's answer, a check's result or an error makes one longer, the dialog
    // grows so that none is cut off.
    QLayout *l = layout();
    l->activate();
    const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void ExchangeSettingsDialog::testConnection()
{
    if (m_testing || !m_loaded)
        return;
    m_testing = true;
    m_testBusy.set(true);
    m_ui->testButton->setEnabled(false);
    m_ui->testResultLabel->setStyleSheet({});
    m_ui->testResultLabel->setText(tr("Connecting to the exchange…"));
    exchange::TransportConfig config = settingsFromForm().transport;
    const QString typed = m_ui->secretEdit->text();
    const QString account = session().data().identity.orgCode;
    struct Outcome
    {
        int agencies = -1;
        core::Error error;
    };
    session().run(
        this,
        [config, typed, account]() mutable {
            Outcome o;
            if (auto valid = config.validate(); !valid) {
                o.error = valid.error();
                return o;
            }
            // What is typed is tried first; otherwise what the sync would use (keychain, then the variable).
            if (!typed.isEmpty()) {
                config.secret = typed;
            } else {
                auto secret =
                    KeychainThread::call([&] { return CredentialStore().resolveSecret(config, account); });
                if (!secret) {
                    o.error = secret.error();
                    return o;
                }
                config.secret = secret.value();
            }
            auto transport = exchange::createTransport(config);
            if (!transport) {
                o.error = transport.error();
                return o;
            }
            auto agencies = transport.value()->agencies();
            if (!agencies) {
                o.error = agencies.error();
                return o;
            }
            o.agencies = int(agencies->size());
            return o;
        },
        [this](const Outcome &o) {
            m_testing = false;
            m_testBusy.set(false);
            m_ui->testButton->setEnabled(true);
            m_testError = o.error;
            m_testAgencies = o.agencies;
            if (o.error.isNull()) {
                showTestResult(tr("Connected: the exchange's directory lists %1 agencies.").arg(o.agencies),
                               true);
            } else {
                QString text = tr("The connection failed: %1").arg(o.error.text());
                if (o.error.english() != o.error.text())
                    text += QLatin1Char('\n') + o.error.english();
                showTestResult(text, false);
            }
            Q_EMIT connectionTested(o.error.isNull());
        });
}

void ExchangeSettingsDialog::accept()
{
    if (!m_loaded || m_settings.lockedBySystem) {
        reject();
        return;
    }
    if (m_saveBusy.isBusy())
        return;
    const ExchangeSettings s = settingsFromForm();
    const QString secret = m_keychain ? m_ui->secretEdit->text() : QString();
    const QString account = session().data().identity.orgCode;
    Session *session = &this->session();
    m_saveBusy.set(true);
    m_ui->errorLabel->hide();
    m_ui->buttonBox->setEnabled(false);
    session->run(
        this,
        [session, s, secret, account]() -> core::Error {
            if (auto saved = ExchangeSettings::save(session->database(), session->user(), s); !saved)
                return saved.error();
            // Only once the settings are accepted (an administrator, valid values) does the secret go
            // anywhere.
            if (!secret.isEmpty()) {
                auto kept = KeychainThread::call(
                    [&] { return CredentialStore().save(account, s.transport.kind, secret); });
                if (!kept)
                    return kept.error();
            }
            return {};
        },
        [this](const core::Error &error) {
            m_saveBusy.set(false);
            m_ui->buttonBox->setEnabled(true);
            if (!error.isNull()) {
                m_ui->errorLabel->setText(errorText(error));
                m_ui->errorLabel->show();
                fitToContents();
                return;
            }
            QDialog::accept();
        });
}

} // namespace govdesk::gui
