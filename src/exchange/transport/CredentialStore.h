#pragma once

#include "core/Result.h"
#include "exchange/transport/TransportConfig.h"

#include <QString>

namespace govdesk::exchange {

/// Exchange secrets in the operating system's keychain (Secret Service / KWallet on Linux, Credential
/// Manager on Windows, Keychain on macOS) through QtKeychain, one entry per (account, transport kind);
/// `account` names the workspace or organ the credentials belong to, e.g. "000.00.00.H16".
///
/// Secrets never go to a settings or plain file: QtKeychain's plain-text fallback stays off. Where no
/// keychain answers (a server without a Secret Service, a headless session) the store says so
/// (exchange.keychain) and resolveSecret() takes the secret from the environment variable the
/// configuration names (secretEnv) instead, which IT sets for the service account running the sync.
/// Calls block in a local event loop (a keychain may ask the user to unlock it): use a worker thread.
class CredentialStore
{
public:
    explicit CredentialStore(QString service = QStringLiteral("GovDesk exchange"));

    /// Whether a keychain answers here; when not, `why` gets the keychain's own explanation.
    bool available(QString *why = nullptr) const;

    core::Result<void> save(const QString &account, TransportKind kind, const QString &secret) const;
    /// The stored secret; exchange.credentials.missing when there is no entry, exchange.keychain when no
    /// keychain answers.
    core::Result<QString> load(const QString &account, TransportKind kind) const;
    core::Result<void> remove(const QString &account, TransportKind kind) const;

    /// The secret to use for `config`: the keychain entry for (account, config.kind) when a keychain answers
    /// and has one, else the environment variable config.secretEnv; exchange.credentials when neither has it.
    core::Result<QString> resolveSecret(const TransportConfig &config, const QString &account) const;

    /// The keychain entry name of (account, kind): "<account>/<kind>".
    static QString entryKey(const QString &account, TransportKind kind);

private:
    QString m_service;
};

} // namespace govdesk::exchange
