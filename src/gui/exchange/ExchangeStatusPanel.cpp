#include "ExchangeStatusPanel.h"

#include "exchange/edxml/EdxmlPacket.h"
#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/exchange/ExchangeText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace govdesk::gui {

using documents::OutgoingStatus;
using exchange::RecipientState;
using exchange::ReportedStatus;

static const QColor kBad(0xc6, 0x00, 0x1f);
static const QColor kWaiting(0xb3, 0x5c, 0x00);
static const QColor kGood(0x1b, 0x6e, 0x20);

static QTreeWidget *table(const QString &name, const QStringList &headers, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(name);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setWordWrap(true);
    tree->setUniformRowHeights(false);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);
    return tree;
}

static QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

ExchangeStatusPanel::ExchangeStatusPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session),
      m_recipients(table(QStringLiteral("exchangeRecipientsTree"),
                         {tr("Receiving organ"), tr("Code"), tr("Packet"), tr("Sent at"), tr("Last status")},
                         this)),
      m_statuses(table(QStringLiteral("exchangeStatusesTree"),
                       {tr("When"), tr("Organ"), tr("Status"), tr("What the recipient wrote")}, this)),
      m_hint(new QLabel(this)), m_revokeButton(new QPushButton(tr("Send the &revocation notice"), this))
{
    setObjectName(QStringLiteral("exchangeStatusPanel"));
    m_hint->setObjectName(QStringLiteral("exchangeHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_revokeButton->setObjectName(QStringLiteral("sendRevocationButton"));
    m_revokeButton->setAutoDefault(false);
    m_revokeButton->setToolTip(tr("Tell every agency that received the document over the exchange that it "
                                  "was recalled"));
    m_revokeButton->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("Recipients"), this));
    layout->addWidget(m_recipients, 2);
    layout->addWidget(heading(tr("Statuses reported by the recipients (newest last)"), this));
    layout->addWidget(m_statuses, 3);
    auto *row = new QHBoxLayout;
    row->addWidget(m_hint, 1);
    row->addWidget(m_revokeButton, 0, Qt::AlignTop);
    layout->addLayout(row);

    connect(m_revokeButton, &QPushButton::clicked, this, &ExchangeStatusPanel::sendRevocation);
}

void ExchangeStatusPanel::clear()
{
    m_doc = documents::OutgoingDocument();
    m_states.clear();
    m_recipients->clear();
    m_statuses->clear();
    m_hint->clear();
    m_revokeButton->hide();
}

void ExchangeStatusPanel::setDocument(const documents::OutgoingDocument &doc,
                                      const QList<RecipientState> &states)
{
    m_doc = doc;
    m_states = states;
    m_recipients->clear();
    m_statuses->clear();
    m_hint->setStyleSheet({});
    m_hint->clear();

    bool revocationQueued = false;
    bool wentOut = false;
    QList<ReportedStatus> reported;
    for (const RecipientState &s : states) {
        const exchange::OutboxEntry &p = s.packet;
        const bool revoke = p.purpose == QLatin1String("revoke");
        revocationQueued = revocationQueued || revoke;
        wentOut = wentOut || !revoke;
        QString packet = ExchangeText::packetState(p.state);
        if (revoke)
            packet = tr("Revocation: %1").arg(packet);
        if (p.state != QLatin1String("sent") && p.attempts > 0)
            packet = tr("%1 (attempt %2)").arg(packet).arg(p.attempts);
        if (!p.lastError.isEmpty() && p.state != QLatin1String("sent"))
            packet = tr("%1 — %2").arg(packet, p.lastError);
        const QString last =
            s.statuses.isEmpty() ? QString() : ExchangeText::statusLabel(s.statuses.last().code);
        const QString name =
            s.organName.isEmpty() ? ExchangeText::organName(m_session, s.organ) : s.organName;
        auto *item = new QTreeWidgetItem(m_recipients, {name.isEmpty() ? s.organ : name, s.organ, packet,
                                                        dateTimeText(p.sentAt.toLocalTime()), last});
        item->setToolTip(2, p.lastError.isEmpty() ? packet : p.lastError);
        if (!s.statuses.isEmpty())
            item->setToolTip(4, exchange::edxml::StatusCodes::meaning(s.statuses.last().code));
        const QColor colour = p.state == QLatin1String("failed") ? kBad
                              : p.state == QLatin1String("sent") ? kGood
                                                                 : kWaiting;
        item->setForeground(2, colour);
        for (const ReportedStatus &r : s.statuses) {
            const bool known = std::any_of(reported.cbegin(), reported.cend(), [&](const ReportedStatus &x) {
                return x.organ == r.organ && x.code == r.code && x.at == r.at;
            });
            if (!known)
                reported << r;
        }
    }
    std::stable_sort(reported.begin(), reported.end(),
                     [](const ReportedStatus &a, const ReportedStatus &b) { return a.at < b.at; });
    for (const ReportedStatus &r : std::as_const(reported)) {
        const QString name = ExchangeText::organName(m_session, r.organ);
        auto *item = new QTreeWidgetItem(m_statuses,
                                         {dateTimeText(r.at.toLocalTime()), name.isEmpty() ? r.organ : name,
                                          ExchangeText::statusLabel(r.code), r.description});
        item->setToolTip(1, r.organ);
        item->setToolTip(2, exchange::edxml::StatusCodes::meaning(r.code));
        item->setToolTip(3, r.description);
        if (r.code == QLatin1String("02") || r.code == QLatin1String("16"))
            item->setForeground(2, kBad);
        else if (r.code == QLatin1String("06") || r.code == QLatin1String("15"))
            item->setForeground(2, kGood);
    }
    if (reported.isEmpty()) {
        auto *none = new QTreeWidgetItem(m_statuses, {QString(), QString(), tr("No status reported yet")});
        none->setForeground(2, palette().color(QPalette::PlaceholderText));
        none->setFlags(Qt::NoItemFlags);
    }

    const bool recalled = doc.status == OutgoingStatus::Recalled;
    const bool clerk = m_session.user().can(core::Permission::IssueOutgoing);
    m_revokeButton->setVisible(recalled && wentOut && !revocationQueued && clerk);
    m_revokeButton->setEnabled(true);
    if (recalled && wentOut && !revocationQueued)
        m_hint->setText(tr("The document was recalled. The agencies that received it over the exchange learn "
                           "it only from the revocation notice."));
    else if (revocationQueued)
        m_hint->setText(tr("The revocation notice was queued for every agency that received the document; "
                           "their answers (15 accepted, 16 refused) appear above."));
}

void ExchangeStatusPanel::sendRevocation()
{
    if (m_doc.id.isEmpty())
        return;
    const QString id = m_doc.id;
    m_revokeButton->setEnabled(false);
    m_busy.set(true);
    Session *session = &m_session;
    m_session.run(
        this,
        [session, id]() {
            auto queued = session->exchange().sendRevocation(session->user(), id);
            if (queued) {
                // The view reads the document again; the background sync sends the notice now.
                Q_EMIT session->documentChanged(id);
                Q_EMIT session->exchangeQueued();
            }
            return queued ? core::Error() : queued.error();
        },
        [this](const core::Error &error) {
            m_busy.set(false);
            m_revokeButton->setEnabled(true);
            if (error.isNull())
                return;
            m_hint->setStyleSheet(QStringLiteral("color: #c6001f;"));
            m_hint->setText(error.bilingual());
        });
}

} // namespace govdesk::gui
