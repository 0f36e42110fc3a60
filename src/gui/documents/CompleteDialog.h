#pragma once

#include "documents/IncomingDocument.h"

#include "gui/documents/DocumentActionDialog.h"

#include <memory>

namespace Ui {
class CompleteDialog;
}

namespace govdesk::gui {

class Session;

/// Marks a document handled, naming the reply document when there is one.
class CompleteDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    CompleteDialog(Session &session, const documents::IncomingDocument &doc, QWidget *parent = nullptr);
    ~CompleteDialog() override;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::CompleteDialog> m_ui;
    QString m_id;
};

} // namespace govdesk::gui
