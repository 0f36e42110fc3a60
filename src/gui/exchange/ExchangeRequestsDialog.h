#pragma once

#include "exchange/sync/ExchangeService.h"
#include "gui/widgets/BusyCursor.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace govdesk::gui {

class Session;

/// Văn bản đến → Yêu cầu thu hồi/thay thế: the requests of senders to take back, revoke, update or replace a
/// document they sent over the exchange, still waiting for the clerk. Each can be agreed to or refused
/// (with a reason) here, or its document opened in the main window.
class ExchangeRequestsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExchangeRequestsDialog(Session &session, QWidget *parent = nullptr);
    ~ExchangeRequestsDialog() override;

    QTreeWidget *requestsTree() const { return m_tree; }
    const QList<exchange::ExchangeRequest> &requests() const { return m_requests; }

public Q_SLOTS:
    void reload();
    void acceptCurrent();
    void refuseCurrent();

Q_SIGNALS:
    /// The user wants to see the incoming document in the main window.
    void openDocument(const QString &incomingId);
    void reloaded();

private:
    struct Row;
    void fill(const QList<Row> &rows, const core::Error &error);
    int currentIndex() const;
    void updateButtons();

    Session &m_session;
    QList<exchange::ExchangeRequest> m_requests;
    QStringList m_sentences;
    int m_generation = 0;
    BusyCursor m_busy;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QLabel *m_error;
    QPushButton *m_openButton;
    QPushButton *m_acceptButton;
    QPushButton *m_refuseButton;
};

} // namespace govdesk::gui
