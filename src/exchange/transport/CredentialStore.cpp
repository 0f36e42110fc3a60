#include "CredentialStore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

namespace govdesk::exchange {

namespace {

// A keychain may show an unlock dialog; give the user time before calling the keychain silent.
constexpr int kJobTimeoutMs = 120000;

struct JobOutcome
{
    QKeychain::Error error = QKeychain::OtherError;
    QString text;
};

JobOutcome runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(kJobTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished)
        return {QKeychain::OtherError,
                QCoreApplication::translate("CredentialStore", "the keychain did not answer")};
    return {job.error(), job.errorString()};
}

bool backendMissing(const JobOutcome &o)
{
    return o.error == QKeychain::NoBackendAvailable || o.error == QKeychain::NotImplemented ||
           o.error == QKeychain::OtherError;
}

core::Error noKeychain(const QString &why)
{
    return GOVDESK_ERROR(
        "exchange.keychain",
        QT_TRANSLATE_NOOP("CredentialStore", "No keychain is available on this computer (%1)"), why);
}

} // namespace

CredentialStore::CredentialStore(QString service) : m_service(std::move(service)) {}

QString CredentialStore::entryKey(const QString &account, TransportKind kind)
{
    return account + QLatin1Char('/') + transportKindName(kind);
}

bool CredentialStore::available(QString *why) const
{
    if (!QKeychain::isAvailable()) {
        if (why)
            why->assign(QCoreApplication::translate("CredentialStore",
                                                    "no Secret Service, KWallet or system keychain"));
        return false;
    }
    // A backend library may be present with no service behind it (no session bus): ask it for real.
    QKeychain::ReadPasswordJob probe(m_service);
    probe.setKey(QStringLiteral("govdesk-probe"));
    const JobOutcome o = runJob(probe);
    if (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound)
        return true;
    if (why)
        *why = o.text;
    return false;
}

core::Result<void> CredentialStore::save(const QString &account, TransportKind kind,
                                         const QString &secret) const
{
    QString why;
    if (!available(&why))
        return noKeychain(why);
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(entryKey(account, kind));
    job.setTextData(secret);
    const JobOutcome o = runJob(job);
    if (o.error != QKeychain::NoError)
        return GOVDESK_ERROR(
            "exchange.keychain",
            QT_TRANSLATE_NOOP("CredentialStore", "The keychain did not store the secret: %1"), o.text);
    return {};
}

core::Result<QString> CredentialStore::load(const QString &account, TransportKind kind) const
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(entryKey(account, kind));
    const JobOutcome o = runJob(job);
    if (o.error == QKeychain::NoError)
        return job.textData();
    if (o.error == QKeychain::EntryNotFound)
        return GOVDESK_ERROR("exchange.credentials.missing",
                             QT_TRANSLATE_NOOP("CredentialStore", "The keychain holds no secret for %1"),
                             entryKey(account, kind));
    if (backendMissing(o))
        return noKeychain(o.text);
    return GOVDESK_ERROR("exchange.keychain",
                         QT_TRANSLATE_NOOP("CredentialStore", "The keychain refused to give the secret: %1"),
                         o.text);
}

core::Result<void> CredentialStore::remove(const QString &account, TransportKind kind) const
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(entryKey(account, kind));
    const JobOutcome o = runJob(job);
    if (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound)
        return {};
    if (backendMissing(o))
        return noKeychain(o.text);
    return GOVDESK_ERROR("exchange.keychain",
                         QT_TRANSLATE_NOOP("CredentialStore", "The keychain did not delete the secret: %1"),
                         o.text);
}

core::Result<QString> CredentialStore::resolveSecret(const TransportConfig &config,
                                                     const QString &account) const
{
    QString keychainState;
    if (QString why; available(&why)) {
        auto stored = load(account, config.kind);
        if (stored)
            return stored;
        keychainState = stored.error().text();
    } else {
        keychainState = noKeychain(why).text();
    }
    if (!config.secretEnv.isEmpty()) {
        const QString fromEnv = qEnvironmentVariable(config.secretEnv.toLocal8Bit().constData());
        if (!fromEnv.isEmpty())
            return fromEnv;
        return GOVDESK_ERROR("exchange.credentials",
                             QT_TRANSLATE_NOOP("CredentialStore",
                                               "No secret for the %1 exchange of %2: %3, and the environment "
                                               "variable %4 is not set"),
                             transportKindName(config.kind), account, keychainState, config.secretEnv);
    }
    return GOVDESK_ERROR(
        "exchange.credentials",
        QT_TRANSLATE_NOOP("CredentialStore",
                          "No secret for the %1 exchange of %2: %3, and the configuration names "
                          "no environment variable (secretEnv) to take it from"),
        transportKindName(config.kind), account, keychainState);
}

} // namespace govdesk::exchange
