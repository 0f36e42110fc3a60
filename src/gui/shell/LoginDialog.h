#pragma once

#include "core/User.h"
#include "storage/Database.h"

#include <QDialog>

#include <memory>

namespace Ui {
class LoginDialog;
}

namespace govdesk::gui {

/// Sign-in to a workspace. The password is checked in a worker (the hash is deliberately slow); a wrong
/// one shows the service's message. A demo workspace shows its accounts and password.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(std::shared_ptr<storage::Database> db, const QString &agencyName, bool demo,
                QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setUserName(const QString &name);
    /// The signed-in user (after the dialog was accepted).
    const core::User &user() const { return m_user; }

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::LoginDialog> m_ui;
    std::shared_ptr<storage::Database> m_db;
    core::User m_user;
    bool m_busy = false;
};

} // namespace govdesk::gui
