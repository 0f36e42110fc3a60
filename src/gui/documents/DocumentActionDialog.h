#pragma once

#include "core/Result.h"
#include "documents/IncomingDocument.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;

namespace govdesk::gui {

class Session;

/// Base of the dialogs that apply one service action to a document (assign, record progress, complete,
/// return to sender): the call runs in a worker under a busy cursor with the buttons disabled; when the
/// service agrees the dialog closes, when it refuses its message shows in the dialog and nothing typed is
/// lost.
class DocumentActionDialog : public QDialog
{
    Q_OBJECT
public:
    using Action = std::function<core::Result<documents::IncomingDocument>(Session &)>;

protected:
    DocumentActionDialog(Session &session, QWidget *parent);
    ~DocumentActionDialog() override;

    void submit(Action action, QDialogButtonBox *buttons, QLabel *errorLabel);
    Session &session() const { return m_session; }

private:
    Session &m_session;
    bool m_busy = false;
};

} // namespace govdesk::gui
