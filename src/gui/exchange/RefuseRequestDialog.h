#pragma once

#include "exchange/sync/ExchangeService.h"
#include "gui/documents/DocumentActionDialog.h"

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace govdesk::gui {

/// Refuses a request of the exchange (recall, revocation, update, replacement) with the reason the sender
/// is told in status 16. The service requires the reason; its refusal shows here and nothing typed is lost.
class RefuseRequestDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    RefuseRequestDialog(Session &session, const exchange::ExchangeRequest &request, const QString &sentence,
                        QWidget *parent = nullptr);

    QPlainTextEdit *reasonEdit() const { return m_reason; }

public Q_SLOTS:
    void accept() override;

protected:
    QString errorText(const core::Error &error) const override;

private:
    exchange::ExchangeRequest m_request;
    QPlainTextEdit *m_reason;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace govdesk::gui
