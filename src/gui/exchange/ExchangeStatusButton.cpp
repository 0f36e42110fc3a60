#include "ExchangeStatusButton.h"

#include "gui/exchange/ExchangeSync.h"

#include <QLocale>

namespace govdesk::gui {

ExchangeStatusButton::ExchangeStatusButton(ExchangeSync &sync, QWidget *parent)
    : QToolButton(parent), m_sync(sync)
{
    setObjectName(QStringLiteral("exchangeStatus"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    connect(&m_sync, &ExchangeSync::started, this, &ExchangeStatusButton::refreshText);
    connect(&m_sync, &ExchangeSync::finished, this, &ExchangeStatusButton::refreshText);
    connect(&m_sync, &ExchangeSync::configuredChanged, this, &ExchangeStatusButton::refreshText);
    refreshText();
}

void ExchangeStatusButton::refreshText()
{
    setVisible(m_sync.isConfigured());
    const QString time = QLocale().toString(m_sync.lastFinished().time(), QStringLiteral("HH:mm"));
    const QString open = tr("Click to see the packets waiting to be sent.");
    const core::Error &error = m_sync.lastError();
    m_error = !error.isNull() && m_sync.lastFinished().isValid();
    if (m_sync.isRunning()) {
        setText(tr("Exchange: synchronising…"));
        setStyleSheet({});
        if (!m_sync.lastFinished().isValid())
            setToolTip(open);
        return;
    }
    if (m_error) {
        // The first line in the user's language on the bar; every message, in both languages, on hover.
        const QString full = tr("Exchange: failed at %1 — %2").arg(time, error.text());
        setText(fontMetrics().elidedText(full, Qt::ElideRight, 520));
        QStringList lines{tr("The last synchronisation (%1) did not go through:").arg(time)};
        QStringList seen;
        const auto &errors = m_sync.lastReport().errors;
        for (const core::Error &e : errors.isEmpty() ? QList<core::Error>{error} : errors) {
            const QString line = e.bilingual();
            if (!seen.contains(line))
                seen << line;
        }
        lines << seen.mid(0, 6);
        if (seen.size() > 6)
            lines << tr("… and %1 more").arg(seen.size() - 6);
        lines << QString()
              << tr("Documents and statuses wait in the outbox and are sent once the exchange "
                    "answers again.")
              << open;
        setToolTip(lines.join(QLatin1Char('\n')));
        setStyleSheet(QStringLiteral("QToolButton{color:#c6001f;font-weight:bold}"));
    } else {
        const exchange::SyncReport &r = m_sync.lastReport();
        // Statuses about our own documents count too: they are what the sender of a document waits for.
        setText(
            r.statuses > 0
                ? tr("Exchange: synced at %1 — received %2 and %3 status(es), sent %4")
                      .arg(time)
                      .arg(r.received)
                      .arg(r.statuses)
                      .arg(r.sent)
                : tr("Exchange: synced at %1 — received %2, sent %3").arg(time).arg(r.received).arg(r.sent));
        setToolTip(
            tr("Last synchronisation at %1: %2 document(s) received, %3 status(es) about our documents, "
               "%4 request(s) to recall or replace; %5 packet(s) sent.")
                .arg(time)
                .arg(r.received)
                .arg(r.statuses)
                .arg(r.requests)
                .arg(r.sent) +
            QLatin1Char('\n') + open);
        setStyleSheet({});
    }
}

} // namespace govdesk::gui
