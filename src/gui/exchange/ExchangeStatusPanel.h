#pragma once

#include "documents/OutgoingDocument.h"
#include "exchange/sync/ExchangeService.h"
#include "gui/widgets/BusyCursor.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace govdesk::gui {

class Session;

/// The "Liên thông" tab of an outgoing document sent over the exchange: one row per receiving organ (code,
/// name, how far its packet got, when it was sent, the last status it reported) and every status the
/// recipients reported (01 arrived … 06 completed, 02 refused with the reason, 15/16 answers to a recall),
/// newest last. A recalled document that went out gets "Gửi thông báo thu hồi" (the clerk): the revocation
/// is queued by the service and sent by the next sync, started at once.
class ExchangeStatusPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExchangeStatusPanel(Session &session, QWidget *parent = nullptr);

    void setDocument(const documents::OutgoingDocument &doc, const QList<exchange::RecipientState> &states);
    void clear();
    /// Whether the document went out over the exchange (the tab is worth showing).
    bool hasPackets() const { return !m_states.isEmpty(); }

    QTreeWidget *recipientsTree() const { return m_recipients; }
    QTreeWidget *statusesTree() const { return m_statuses; }
    QPushButton *revocationButton() const { return m_revokeButton; }

public Q_SLOTS:
    void sendRevocation();

private:
    Session &m_session;
    BusyCursor m_busy;
    documents::OutgoingDocument m_doc;
    QList<exchange::RecipientState> m_states;
    QTreeWidget *m_recipients;
    QTreeWidget *m_statuses;
    QLabel *m_hint;
    QPushButton *m_revokeButton;
};

} // namespace govdesk::gui
