#include "LoginDialog.h"

#include "gui/Async.h"
#include "gui/WorkspaceLoader.h"
#include "storage/Accounts.h"
#include "ui_LoginDialog.h"

#include <QApplication>
#include <QPushButton>
#include <QSettings>

namespace govdesk::gui {

static const char *kLastUserKey = "login/lastUser";

LoginDialog::LoginDialog(std::shared_ptr<storage::Database> db, const QString &agencyName, bool demo,
                         QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::LoginDialog>()), m_db(std::move(db))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("loginDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("E&xit"));
    m_ui->agencyLabel->setText(agencyName);
    m_ui->workspaceLabel->setText(m_db->info().describe());
    if (demo) {
        m_ui->demoLabel->setText(
            tr("Demo workspace. Accounts: %1 (clerk), %2 and %3 (leaders), %4 and %5 (officers), admin. "
               "Password for all: %6")
                .arg(QStringLiteral("vanthu"), QStringLiteral("lanhdao"), QStringLiteral("chanhvanphong"),
                     QStringLiteral("chuyenvien"), QStringLiteral("chuyenvien2"),
                     WorkspaceLoader::demoPassword()));
        m_ui->demoLabel->show();
    }
    const QString last = QSettings().value(QLatin1String(kLastUserKey)).toString();
    if (!last.isEmpty()) {
        m_ui->userEdit->setText(last);
        m_ui->passwordEdit->setFocus();
    } else {
        m_ui->userEdit->setFocus();
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(m_ui->passwordEdit, &QLineEdit::textEdited, m_ui->errorLabel, &QLabel::hide);
    adjustSize();
}

LoginDialog::~LoginDialog()
{
    if (m_busy)
        QApplication::restoreOverrideCursor();
}

void LoginDialog::setUserName(const QString &name)
{
    m_ui->userEdit->setText(name);
    m_ui->passwordEdit->setFocus();
}

void LoginDialog::accept()
{
    if (m_busy)
        return;
    m_busy = true;
    m_ui->errorLabel->hide();
    m_ui->buttonBox->setEnabled(false);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    const QString name = m_ui->userEdit->text().trimmed();
    const QString password = m_ui->passwordEdit->text();
    auto db = m_db;
    runInWorker(
        QThreadPool::globalInstance(), this,
        [db, name, password]() { return storage::Accounts(*db).authenticate(name, password); },
        [this, name](const core::Result<core::User> &user) {
            m_busy = false;
            QApplication::restoreOverrideCursor();
            m_ui->buttonBox->setEnabled(true);
            if (!user) {
                m_ui->errorLabel->setText(user.error().text());
                m_ui->errorLabel->show();
                m_ui->passwordEdit->selectAll();
                m_ui->passwordEdit->setFocus();
                return;
            }
            m_user = user.value();
            QSettings().setValue(QLatin1String(kLastUserKey), name);
            QDialog::accept();
        });
}

} // namespace govdesk::gui
