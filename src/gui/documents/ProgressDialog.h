#pragma once

#include "documents/IncomingDocument.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ProgressDialog;
}

namespace govdesk::gui {

class Session;

/// A note on a document's handling: progress reported by the handler, or (Return) the reason a wrongly sent
/// document goes back to its sender. Both are one note saved through the service.
class ProgressDialog : public QDialog
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
    Session &m_session;
    QString m_id;
    Purpose m_purpose;
    bool m_busy = false;
};

} // namespace govdesk::gui
