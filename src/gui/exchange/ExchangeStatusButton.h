#pragma once

#include <QToolButton>

namespace govdesk::gui {

class ExchangeSync;

/// The permanent part of the status bar that says how the document exchange is doing: "Liên thông: đồng bộ
/// lúc 09:15 — nhận 2, gửi 1", or the error in red with the full message (both languages) as its tooltip.
/// Hidden while the exchange is not set up; a click opens the outbox.
class ExchangeStatusButton : public QToolButton
{
    Q_OBJECT
public:
    explicit ExchangeStatusButton(ExchangeSync &sync, QWidget *parent = nullptr);

    /// Whether the last cycle went wrong (the text is red then).
    bool showsError() const { return m_error; }

private:
    void refreshText();

    ExchangeSync &m_sync;
    bool m_error = false;
};

} // namespace govdesk::gui
