#include "ExchangeSync.h"

#include "exchange/sync/ExchangeSettings.h"
#include "gui/Session.h"
#include "gui/exchange/KeychainThread.h"

namespace govdesk::gui {

using exchange::ExchangeSettings;
using exchange::SyncReport;

namespace {

struct SettingsState
{
    bool configured = false;
    int pollSeconds = 300;
    core::Error error;
};

struct Cycle
{
    bool configured = true;
    SyncReport report;
    core::Error error;
};

} // namespace

ExchangeSync::ExchangeSync(Session &session, QObject *parent) : QObject(parent), m_session(session)
{
    setObjectName(QStringLiteral("exchangeSync"));
    m_thread.setObjectName(QStringLiteral("exchangeSyncThread"));
    m_thread.setMaxThreadCount(1);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { run(false); });
    // What the user queued (a document sent, a revocation, a decision) leaves at once.
    connect(&m_session, &Session::exchangeQueued, this, &ExchangeSync::syncNow);
}

ExchangeSync::~ExchangeSync()
{
    m_stopping = true;
}

void ExchangeSync::reloadSettings()
{
    const int generation = ++m_settingsGeneration;
    Session *session = &m_session;
    m_session.run(
        this,
        [session]() {
            SettingsState s;
            auto settings = ExchangeSettings::load(session->database());
            if (!settings) {
                s.error = settings.error();
                return s;
            }
            s.configured = settings->configured;
            s.pollSeconds = settings->pollSeconds;
            return s;
        },
        [this, generation](const SettingsState &s) {
            if (generation != m_settingsGeneration)
                return;
            const bool was = m_configured;
            m_configured = s.configured;
            m_pollSeconds = std::max(10, s.pollSeconds);
            if (!s.error.isNull()) {
                // Settings that cannot be read are shown like a failed cycle, so IT sees why nothing moves.
                m_configured = true;
                m_lastError = s.error;
                m_lastFinished = QDateTime::currentDateTime();
                Q_EMIT finished(m_lastReport, m_lastError);
            }
            if (m_configured) {
                m_timer.start(m_pollSeconds * 1000);
                if (!was)
                    run(false); // what waited while GovDesk was closed comes in at once
            } else {
                m_timer.stop();
            }
            if (was != m_configured)
                Q_EMIT configuredChanged(m_configured);
        });
}

void ExchangeSync::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    run(true);
}

void ExchangeSync::run(bool ignoreBackoff)
{
    if (m_running)
        return; // the timer fired during a long cycle: the next tick comes soon enough
    m_running = true;
    m_again = false;
    Q_EMIT started();
    Session *session = &m_session;
    const std::atomic_bool *stopping = &m_stopping;
    runInWorker(
        &m_thread, this,
        [session, ignoreBackoff, stopping]() {
            Cycle c;
            auto settings = ExchangeSettings::load(session->database());
            if (!settings) {
                c.error = settings.error();
                return c;
            }
            if (!settings->configured) {
                c.configured = false;
                return c;
            }
            // The keychain entry and the transport belong to this workspace's organ code.
            const QString account = session->data().identity.orgCode;
            auto transport = KeychainThread::call([&] { return settings->connect(account); });
            if (!transport) {
                c.error = transport.error();
                return c;
            }
            exchange::SyncOptions options;
            options.ignoreBackoff = ignoreBackoff;
            options.cancel = stopping;
            auto report = session->exchange().sync(session->user(), *transport.value(), options);
            if (!report) {
                c.error = report.error();
                return c;
            }
            c.report = report.value();
            if (!c.report.errors.isEmpty())
                c.error = c.report.errors.first();
            return c;
        },
        [this](const Cycle &c) {
            m_running = false;
            if (!c.configured) {
                // Switched off meanwhile (or never set up): nothing to report.
                const bool was = m_configured;
                m_configured = false;
                m_timer.stop();
                if (was)
                    Q_EMIT configuredChanged(false);
                m_again = false;
                return;
            }
            m_lastReport = c.report;
            m_lastError = c.error;
            m_lastFinished = QDateTime::currentDateTime();
            Q_EMIT finished(m_lastReport, m_lastError);
            if (m_again)
                run(true);
        });
}

} // namespace govdesk::gui
