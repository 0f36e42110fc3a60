#pragma once

#include "documents/IncomingDocument.h"

#include "gui/documents/DocumentActionDialog.h"

#include <memory>

namespace Ui {
class ProgressDialog;
}

namespace govdesk::gui {

class Session;

/// A note on a document's handling: progress reported by the handler, or (Return) the reason a wrongly sent
/// document goes back to its sender. Both are one note saved through the service.
class ProgressDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    enum class Purpose
    {
        Progress,
        Return
    };
    ProgressDialog(Session &session, const documents::IncomingDocument &doc, Purpose purpose,
                   QWidget *parent = nullptr);
    ~ProgressDialog() override;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::ProgressDialog> m_ui;
    QString m_id;
    Purpose m_purpose;
};

} // namespace govdesk::gui
