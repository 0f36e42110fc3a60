#pragma once

#include "Pkcs11Module.h"

#include <QObject>

#include <memory>

namespace govdesk::signing {

/// Watches tokens being plugged in and out while the application runs. A worker thread polls
/// C_GetSlotList(TRUE) of each module every intervalMs (C_WaitForSlotEvent is unreliable across vendors) and,
/// when the set of (module, slot, token serial) changes, reads the tokens with their certificates and emits
/// tokensChanged in the watcher's thread. Modules that cannot be loaded are retried when their file changes.
class TokenWatcher : public QObject
{
    Q_OBJECT
public:
    explicit TokenWatcher(QStringList modulePaths, int intervalMs = 1500, QObject *parent = nullptr);
    ~TokenWatcher() override;

    /// Starts polling (the first poll happens at once). Does nothing when already running.
    void start();
    /// Stops polling and waits for the worker to finish its current poll.
    void stop();
    bool isRunning() const;

    /// The tokens of the last change (empty before the first token is seen). Updated by the worker before
    /// tokensChanged is delivered, so it is right even in a thread without an event loop.
    QList<TokenInfo> current() const;
    /// Why some modules give no tokens (not found, cannot be loaded…), from the last poll.
    QList<core::Error> moduleErrors() const;

Q_SIGNALS:
    void tokensChanged(const QList<govdesk::signing::TokenInfo> &tokens);

private:
    void deliver(const QList<TokenInfo> &tokens);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace govdesk::signing
