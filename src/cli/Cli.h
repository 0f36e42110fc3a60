#pragma once

#include "core/Result.h"
#include "core/User.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

#include <memory>

namespace govdesk::storage {
class Database;
}
namespace govdesk::reports {
struct RegisterReport;
}
namespace govdesk::signing {
class TokenSigner;
class TrustStore;
} // namespace govdesk::signing

namespace govdesk::cli {

struct Options;

/// govdesk-cli: the services without a screen. `run` returns the process exit code: 0 done, 1 refused or
/// failed (one line on stderr, Vietnamese then English), 2 wrong usage.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    explicit Cli(QStringList arguments);
    ~Cli();
    int run();

private:
    int cmdInit(const QStringList &args);
    int cmdUser(const QStringList &args);
    int cmdUnit(const QStringList &args);
    int cmdIncoming(const QStringList &args);
    int cmdOutgoing(const QStringList &args);
    int cmdOutgoingArchiveUse(const QStringList &args);
    int cmdTemplate(const QStringList &args);
    int cmdRegistry(const QStringList &args);
    int cmdAudit(const QStringList &args);
    int cmdDb(const QStringList &args);
    int cmdToken(const QStringList &args);
    int cmdSign(const QStringList &args);
    int cmdVerify(const QStringList &args);
    int cmdSigner(const QStringList &args);
    int cmdEdxml(const QStringList &args);
    int cmdExchange(const QStringList &args);
    int cmdScan(const QStringList &args);
    int cmdOcr(const QStringList &args);
    int cmdScanFolder(const QStringList &args);

    core::Result<void> openDatabase();
    /// Opens the token and certificate named by --module/--token/--cert-label/--cert-id, refuses an unusable
    /// certificate, then logs in once with the PIN from --pin-env (or asked in a terminal).
    core::Result<std::unique_ptr<signing::TokenSigner>>
    openTokenSigner(const Options &o, const signing::TrustStore *trust, bool offline, QStringList *warnings);
    core::Result<core::User> actingUser();
    QString password(const char *variable, const QString &prompt);

    int writeRegister(const reports::RegisterReport &report, const QString &path);
    int fail(const core::Error &e);
    int usage(const QString &message);
    void print(const QJsonValue &json, const QString &text);
    /// A list of documents: their JSON with --json, else one described line each.
    template<typename Doc, typename Describe> int printDocuments(const QList<Doc> &docs, Describe describe)
    {
        QJsonArray arr;
        QString text;
        for (const Doc &d : docs) {
            arr.append(d.toJson());
            text += describe(d) + QLatin1Char('\n');
        }
        if (docs.isEmpty())
            text = tr("No documents match.");
        print(arr, text);
        return 0;
    }

    QStringList m_args;
    QString m_workspace;
    QString m_database;
    QString m_as;
    bool m_json = false;
    std::shared_ptr<storage::Database> m_db;
};

} // namespace govdesk::cli
