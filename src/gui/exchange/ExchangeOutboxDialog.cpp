#include "ExchangeOutboxDialog.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/exchange/ExchangeSync.h"
#include "gui/exchange/ExchangeText.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using exchange::OutboxEntry;

struct ExchangeOutboxDialog::Row
{
    OutboxEntry entry;
    QString document; // "15/UBND-KT — Kế hoạch …" of the outgoing or incoming document it concerns
};

ExchangeOutboxDialog::ExchangeOutboxDialog(Session &session, ExchangeSync *sync, QWidget *parent)
    : QDialog(parent), m_session(session), m_sync(sync), m_summary(new QLabel(this)),
      m_packets(new QTreeWidget(this)), m_error(new QLabel(this)),
      m_retryButton(new QPushButton(tr("&Retry failed packets"), this)),
      m_syncButton(new QPushButton(tr("&Synchronise now"), this))
{
    setObjectName(QStringLiteral("exchangeOutboxDialog"));
    setWindowTitle(tr("Exchange outbox"));
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading the queue…"));
    m_packets->setObjectName(QStringLiteral("outboxTree"));
    m_packets->setHeaderLabels({tr("Packet"), tr("Document"), tr("To"), tr("State"), tr("Attempts"),
                                tr("Next attempt"), tr("Last error")});
    m_packets->setRootIsDecorated(false);
    m_packets->setWordWrap(true);
    m_packets->setUniformRowHeights(false);
    m_packets->setAlternatingRowColors(true);
    m_packets->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_packets->header()->setStretchLastSection(true);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->hide();
    m_retryButton->setObjectName(QStringLiteral("retryFailedButton"));
    m_retryButton->setToolTip(tr("Put the packets the exchange refused back in the queue, once the cause "
                                 "(credentials, settings) is fixed"));
    m_syncButton->setObjectName(QStringLiteral("syncNowButton"));
    m_syncButton->setToolTip(tr("Send every waiting packet now and fetch what arrived"));
    for (QPushButton *b : {m_retryButton, m_syncButton})
        b->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    buttons->addButton(m_retryButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_syncButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_packets, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_retryButton, &QPushButton::clicked, this, &ExchangeOutboxDialog::retryFailed);
    connect(m_syncButton, &QPushButton::clicked, this, &ExchangeOutboxDialog::syncNow);
    if (m_sync) {
        connect(m_sync, &ExchangeSync::started, this, &ExchangeOutboxDialog::updateButtons);
        connect(m_sync, &ExchangeSync::finished, this, &ExchangeOutboxDialog::reload);
    }
    resize(1000, 420);
    updateButtons();
    reload();
}

ExchangeOutboxDialog::~ExchangeOutboxDialog() = default;

void ExchangeOutboxDialog::reload()
{
    const int generation = ++m_generation;
    Session *s = &m_session;
    struct Read
    {
        QList<Row> rows;
        core::Error error;
    };
    m_session.run(
        this,
        [s]() {
            Read r;
            auto unsent = s->exchange().unsent(s->user());
            if (!unsent) {
                r.error = unsent.error();
                return r;
            }
            QHash<QString, QString> documents;
            for (const OutboxEntry &e : unsent.value()) {
                Row row{e, {}};
                const QString key = e.kind + e.documentId;
                if (!documents.contains(key)) {
                    QString text;
                    if (e.kind == QLatin1String("status")) {
                        if (auto in = s->incoming().get(s->user(), e.documentId))
                            text = tr("Incoming %1 — %2")
                                       .arg(in->reference().isEmpty() ? in->typeName : in->reference(),
                                            in->subject);
                    } else if (auto out = s->outgoing().get(s->user(), e.documentId)) {
                        text = QStringLiteral("%1 — %2").arg(out->reference(), out->subject);
                    }
                    documents.insert(key, text);
                }
                row.document = documents.value(key);
                r.rows << row;
            }
            return r;
        },
        [this, generation](const Read &r) {
            if (generation == m_generation)
                fill(r.rows, r.error);
        });
}

void ExchangeOutboxDialog::fill(const QList<Row> &rows, const core::Error &error)
{
    m_entries.clear();
    m_packets->clear();
    if (!error.isNull()) {
        m_error->setText(error.bilingual());
        m_error->show();
    }
    int failed = 0;
    for (const Row &row : rows) {
        const OutboxEntry &e = row.entry;
        m_entries << e;
        failed += e.state == QLatin1String("failed");
        const QString next = e.state == QLatin1String("pending") && e.attempts > 0
                                 ? dateTimeText(e.nextAttemptAt.toLocalTime())
                                 : QString();
        auto *item = new QTreeWidgetItem(m_packets, {ExchangeText::packetKind(e), row.document,
                                                     ExchangeText::organ(m_session, e.recipient),
                                                     ExchangeText::packetState(e.state),
                                                     QString::number(e.attempts), next, e.lastError});
        item->setTextAlignment(4, Qt::AlignCenter);
        item->setToolTip(1, row.document);
        item->setToolTip(6, e.lastError);
        if (e.state == QLatin1String("failed"))
            item->setForeground(3, QBrush(QColor(0xc6, 0x00, 0x1f)));
        else if (!e.lastError.isEmpty())
            item->setForeground(3, QBrush(QColor(0xb3, 0x5c, 0x00)));
    }
    if (rows.isEmpty())
        m_summary->setText(tr("Every packet was sent: nothing waits in the outbox."));
    else
        m_summary->setText(tr("%1 packet(s) not yet sent, %2 of them failed for good (they wait for "
                              "\"Retry failed packets\")."
                              " The others are sent by the next synchronisation.")
                               .arg(rows.size())
                               .arg(failed));
    for (int c : {0, 1, 2, 3, 4, 5})
        m_packets->resizeColumnToContents(c);
    m_packets->setColumnWidth(1, std::min(m_packets->columnWidth(1), 300));
    m_retryButton->setEnabled(failed > 0);
    m_loaded = true;
    updateButtons();
    Q_EMIT reloaded();
}

void ExchangeOutboxDialog::updateButtons()
{
    const bool running = m_sync && m_sync->isRunning();
    m_syncButton->setEnabled(m_sync && !running);
    m_syncButton->setText(running ? tr("Synchronising…") : tr("&Synchronise now"));
}

void ExchangeOutboxDialog::retryFailed()
{
    if (m_busy.isBusy())
        return;
    m_busy.set(true);
    m_error->hide();
    Session *s = &m_session;
    m_session.run(
        this,
        [s]() {
            auto n = s->exchange().retryFailed(s->user());
            if (n && n.value() > 0)
                Q_EMIT s->exchangeQueued();
            return n ? core::Error() : n.error();
        },
        [this](const core::Error &error) {
            m_busy.set(false);
            if (!error.isNull()) {
                m_error->setText(error.bilingual());
                m_error->show();
            }
            reload();
        });
}

void ExchangeOutboxDialog::syncNow()
{
    if (!m_sync)
        return;
    m_error->hide();
    m_sync->syncNow();
    updateButtons();
}

} // namespace govdesk::gui
