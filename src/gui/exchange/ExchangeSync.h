#pragma once

#include "core/Error.h"
#include "exchange/sync/ExchangeService.h"

#include <QDateTime>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace govdesk::gui {

class Session;

/// The document exchange in the background of the main window (clerk, administrator): every pollSeconds a
/// cycle of ExchangeService::sync runs in a worker — never two at once — and "sync now" runs one at once,
/// sending every pending packet whatever its back-off. The transport is made for each cycle in the worker
/// (its calls block), from the settings as they are then, with the secret read on the keychain's thread.
/// Cycles have a thread of their own, so a slow or unreachable exchange never holds up the session's other
/// work. A failure is kept for the status bar; it never opens a dialog. Destroying it stops a running cycle
/// at its next call (what is left stays queued) and waits for that.
class ExchangeSync : public QObject
{
    Q_OBJECT
public:
    explicit ExchangeSync(Session &session, QObject *parent = nullptr);
    ~ExchangeSync() override;

    /// The workspace has the exchange set up (known once the settings were read).
    bool isConfigured() const { return m_configured; }
    bool isRunning() const { return m_running; }
    int pollSeconds() const { return m_pollSeconds; }
    /// When the last cycle finished (invalid before the first).
    QDateTime lastFinished() const { return m_lastFinished; }
    const exchange::SyncReport &lastReport() const { return m_lastReport; }
    /// Why the last cycle could not run, or the first thing that went wrong in it; null when all went well.
    const core::Error &lastError() const { return m_lastError; }

public Q_SLOTS:
    /// Reads the settings again in a worker and restarts the timer (at start, after the settings changed).
    void reloadSettings();
    /// One cycle now, sending every pending packet at once; after the running one when a cycle is running.
    void syncNow();

Q_SIGNALS:
    void configuredChanged(bool configured);
    void started();
    /// A cycle ended; `error` is lastError().
    void finished(const exchange::SyncReport &report, const core::Error &error);

private:
    void run(bool ignoreBackoff);

    Session &m_session;
    QTimer m_timer;
    bool m_configured = false;
    bool m_running = false;
    bool m_again = false; // "sync now" asked for while a cycle ran
    int m_pollSeconds = 300;
    QDateTime m_lastFinished;
    exchange::SyncReport m_lastReport;
    core::Error m_lastError;
    int m_settingsGeneration = 0;
    // Set when the window goes: a running cycle stops at its next call instead of finishing its queue.
    std::atomic_bool m_stopping{false};
    // Last: destroyed first, waiting for a running cycle while the rest still exists.
    QThreadPool m_thread;
};

} // namespace govdesk::gui
