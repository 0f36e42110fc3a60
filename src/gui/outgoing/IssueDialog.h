#pragma once

#include "OutgoingTokenDialog.h"

class QDateEdit;
class QDoubleSpinBox;
class QGroupBox;

namespace govdesk::gui {

/// The clerk (văn thư) issues a signed document: shows the number it will get (the reserved one or the next
/// of the book), the issue date, and adds the organisation signature with the seal from the token. Calls
/// OutgoingService::issue on a worker.
class IssueDialog : public OutgoingTokenDialog
{
    Q_OBJECT
public:
    IssueDialog(Session &session, const documents::OutgoingDocument &doc, QWidget *parent = nullptr);
    ~IssueDialog() override;

    /// "Số: 05/QĐ-UBND" as shown.
    QString numberText() const;

Q_SIGNALS:
    void documentIssued(const documents::OutgoingDocument &doc);
    /// Issuing failed; the message is shown in the dialog and nothing changed.
    void issueFailed(const QString &message);
    /// The number shown was refreshed (after the date changed).
    void numberShown(const QString &text);

private:
    void refreshNumber();
    QString noImageText() const override;
    void useSavedImage(const SavedImage &saved) override;
    signing::SignOptions signOptions() const override;
    bool readyToAct() const override;
    void setInputsEnabled(bool enabled) override;
    void act() override;
    void succeeded(const Outcome &outcome) override;

    int m_numberGeneration = 0;

    QLabel *m_number;
    QLabel *m_numberNote;
    QDateEdit *m_date;
    QCheckBox *m_stamp;
    QGroupBox *m_sealBox; ///< checkable: the organisation signature is wanted
    QDoubleSpinBox *m_sealSize;
};

} // namespace govdesk::gui
