#pragma once

#include "documents/IncomingDocument.h"

#include "gui/documents/DocumentActionDialog.h"

#include <memory>

namespace Ui {
class AssignDialog;
}

namespace govdesk::gui {

class Session;

/// The leader's phiếu giải quyết: who leads (a person and/or a unit), which units cooperate, by when, and
/// the leader's opinion. Saved through the service, which checks the leader's right to assign.
class AssignDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    AssignDialog(Session &session, const documents::IncomingDocument &doc, QWidget *parent = nullptr);
    ~AssignDialog() override;

    documents::Assignment assignment() const;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::AssignDialog> m_ui;
    QString m_id;
};

} // namespace govdesk::gui
