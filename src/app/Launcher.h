#pragma once

#include "core/User.h"
#include "gui/WorkspaceLoader.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QProgressDialog;

namespace govdesk::gui {
class MainWindow;
class Session;
} // namespace govdesk::gui

namespace govdesk::app {

/// Brings the application up without ever blocking the window system: opens (and on first start seeds) the
/// workspace in a worker behind a progress indicator, signs the user in, loads the reference data, then
/// shows the main window. Failures are shown and end the application with a non-zero code.
class Launcher : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString workspaceDir;
        QString databaseUrl;
        QString user; // --as: sign in without the dialog, password from GOVDESK_PASSWORD
    };

    explicit Launcher(Options options, QObject *parent = nullptr);
    ~Launcher() override;

    void start();

private:
    void opened(const core::Result<gui::OpenedWorkspace> &workspace);
    void signIn();
    void signedIn(const core::User &user);
    void fail(const QString &message, int code);

    Options m_options;
    gui::OpenedWorkspace m_workspace;
    QPointer<QProgressDialog> m_progress;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::MainWindow> m_window;
};

} // namespace govdesk::app
