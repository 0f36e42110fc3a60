#pragma once

#include "exchange/sync/ExchangeService.h"
#include "gui/widgets/BusyCursor.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace govdesk::gui {

class Session;

/// Over an incoming document the sender asked to take back, revoke, update or replace: "UBND tỉnh … đề nghị
/// thu hồi văn bản này: <lý do>" with "Đồng ý" and "Từ chối…" (the refusal needs a reason). The clerk's
/// decision goes to ExchangeService::decide, which answers the sender (15 / 16) through the next sync,
/// started at once.
class ExchangeRequestBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ExchangeRequestBanner(Session &session, QWidget *parent = nullptr);

    /// Shows the request (hidden for an empty id); `sender` is the sender's name as the document knows it.
    void setRequest(const exchange::ExchangeRequest &request, const QString &sender, int others = 0);
    void clear();
    const exchange::ExchangeRequest &request() const { return m_request; }

    QLabel *textLabel() const { return m_text; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *refuseButton() const { return m_refuse; }

public Q_SLOTS:
    void acceptRequest();
    void refuseRequest();

private:
    Session &m_session;
    BusyCursor m_busy;
    exchange::ExchangeRequest m_request;
    QLabel *m_icon;
    QLabel *m_text;
    QLabel *m_error;
    QPushButton *m_accept;
    QPushButton *m_refuse;
};

} // namespace govdesk::gui
