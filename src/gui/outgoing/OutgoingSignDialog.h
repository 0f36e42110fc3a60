#pragma once

#include "OutgoingTokenDialog.h"

class QLineEdit;

namespace govdesk::gui {

/// The competent leader signs an approved outgoing document with the token: certificate, PIN once, the
/// handwritten signature image, and the box placed by the template (between title and name) or drawn on
/// the page with the mouse. Calls OutgoingService::sign on a worker.
class OutgoingSignDialog : public OutgoingTokenDialog
{
    Q_OBJECT
public:
    OutgoingSignDialog(Session &session, const documents::OutgoingDocument &doc, QWidget *parent = nullptr);
    ~OutgoingSignDialog() override;

Q_SIGNALS:
    void documentSigned(const documents::OutgoingDocument &doc);
    /// Signing failed; the message is shown in the dialog and nothing changed.
    void signingFailed(const QString &message);

private:
    QString noImageText() const override;
    signing::SignOptions signOptions() const override;
    bool readyToAct() const override;
    void act() override;
    void succeeded(const Outcome &outcome) override;

    QString m_title, m_name; ///< the lines the template looks for
    QLineEdit *m_comment;
};

} // namespace govdesk::gui
