#include "Launcher.h"

#include "gui/Async.h"
#include "gui/Session.h"
#include "gui/shell/LoginDialog.h"
#include "gui/shell/MainWindow.h"
#include "storage/Accounts.h"

#include <QApplication>
#include <QMessageBox>
#include <QProgressDialog>

#include <cstdio>

namespace govdesk::app {

Launcher::Launcher(Options options, QObject *parent) : QObject(parent), m_options(std::move(options)) {}

Launcher::~Launcher()
{
    // The window goes before the session it works on.
    m_window.reset();
    m_session.reset();
}

void Launcher::start()
{
    m_progress = new QProgressDialog(tr("Opening the workspace…"), QString(), 0, 0);
    m_progress->setWindowTitle(QStringLiteral("GovDesk"));
    m_progress->setMinimumDuration(300);
    m_progress->setCancelButton(nullptr);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    const QString dir = m_options.workspaceDir;
    const QString url = m_options.databaseUrl;
    gui::runInWorker(
        QThreadPool::globalInstance(), this, [dir, url]() { return gui::WorkspaceLoader::open(dir, url); },
        [this](const core::Result<gui::OpenedWorkspace> &workspace) { opened(workspace); });
}

void Launcher::opened(const core::Result<gui::OpenedWorkspace> &workspace)
{
    if (m_progress)
        m_progress->close();
    if (!workspace) {
        fail(tr("GovDesk cannot open its data:\n%1").arg(workspace.error().text()), 1);
        return;
    }
    m_workspace = workspace.value();
    signIn();
}

void Launcher::signIn()
{
    if (!m_options.user.isEmpty() && qEnvironmentVariableIsSet("GOVDESK_PASSWORD")) {
        const QString name = m_options.user;
        const QString password = qEnvironmentVariable("GOVDESK_PASSWORD");
        auto db = m_workspace.db;
        gui::runInWorker(
            QThreadPool::globalInstance(), this,
            [db, name, password]() { return storage::Accounts(*db).authenticate(name, password); },
            [this](const core::Result<core::User> &user) {
                if (!user) {
                    fail(user.error().text(), 4);
                    return;
                }
                signedIn(user.value());
            });
        return;
    }
    auto *login = new gui::LoginDialog(m_workspace.db, m_workspace.agencyName, m_workspace.demo);
    login->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_options.user.isEmpty())
        login->setUserName(m_options.user);
    connect(login, &QDialog::accepted, this, [this, login] { signedIn(login->user()); });
    connect(login, &QDialog::rejected, this, [] { QCoreApplication::exit(0); });
    login->show();
}

void Launcher::signedIn(const core::User &user)
{
    m_progress = new QProgressDialog(tr("Loading…"), QString(), 0, 0);
    m_progress->setWindowTitle(QStringLiteral("GovDesk"));
    m_progress->setMinimumDuration(300);
    m_progress->setCancelButton(nullptr);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    auto db = m_workspace.db;
    gui::runInWorker(
        QThreadPool::globalInstance(), this, [db]() { return gui::ReferenceData::load(*db); },
        [this, user](const core::Result<gui::ReferenceData> &data) {
            if (m_progress)
                m_progress->close();
            if (!data) {
                fail(data.error().text(), 1);
                return;
            }
            m_session = std::make_unique<gui::Session>(m_workspace.db, user, data.value());
            m_window = std::make_unique<gui::MainWindow>(*m_session);
            m_window->show();
        });
}

void Launcher::fail(const QString &message, int code)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    auto *box = new QMessageBox(QMessageBox::Critical, QStringLiteral("GovDesk"), message, QMessageBox::Ok);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [code] { QCoreApplication::exit(code); });
    box->show();
}

} // namespace govdesk::app
