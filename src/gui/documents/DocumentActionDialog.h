#pragma once

#include "core/Result.h"

#include "gui/widgets/BusyCursor.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;

namespace govdesk::gui {

class Session;

/// Base of the dialogs that apply one service action to a document (assign, record progress, complete,
/// return to sender; the steps of an outgoing document): the call runs in a worker under a busy cursor with
/// the buttons disabled; when the service agrees the dialog closes, when it refuses its message shows in the
/// dialog and nothing typed is lost.
class DocumentActionDialog : public QDialog
{
    Q_OBJECT
protected:
    DocumentActionDialog(Session &session, QWidget *parent);
    ~DocumentActionDialog() override;

    /// Runs `action` (a service call returning any core::Result) in a worker.
    template<typename Action> void submit(Action action, QDialogButtonBox *buttons, QLabel *errorLabel)
    {
        run(
            [action](Session &s) -> core::Error {
                const auto r = action(s);
                return r ? core::Error() : r.error();
            },
            buttons, errorLabel);
    }
    /// How a refusal reads in the dialog.
    virtual QString errorText(const core::Error &error) const;
    Session &session() const { return m_session; }

private:
    void run(std::function<core::Error(Session &)> action, QDialogButtonBox *buttons, QLabel *errorLabel);

    Session &m_session;
    BusyCursor m_busy;
};

} // namespace govdesk::gui
