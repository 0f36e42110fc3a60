#include "PgServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace govdesk::test {

static core::Error failure(const QString &message)
{
    return GOVDESK_ERROR("test.postgresql", QT_TRANSLATE_NOOP("PgServer", "%1"), message);
}

QString PgServer::binDir()
{
    const QString env = qEnvironmentVariable("PG_BINDIR");
    if (!env.isEmpty() && QFile::exists(env + QStringLiteral("/initdb")))
        return env;
    QDir base(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    for (const QString &entry : base.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString bin = base.filePath(entry) + QStringLiteral("/bin");
        if (!QFile::exists(bin + QStringLiteral("/initdb")) ||
            !QFile::exists(bin + QStringLiteral("/pg_ctl")))
            continue;
        const QVersionNumber v = QVersionNumber::fromString(entry);
        if (best.isEmpty() || v > bestVersion) {
            best = bin;
            bestVersion = v;
        }
    }
    return best;
}

static int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    int port = 0;
    socklen_t len = sizeof(addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

static bool runningAsRoot()
{
    return ::getuid() == 0;
}

static bool chownTree(const QString &path, uid_t uid, gid_t gid)
{
    if (::chown(QFile::encodeName(path).constData(), uid, gid) != 0)
        return false;
    QDir dir(path);
    for (const QFileInfo &fi : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (fi.isDir() && !fi.isSymLink()) {
            if (!chownTree(fi.absoluteFilePath(), uid, gid))
                return false;
        } else if (::chown(QFile::encodeName(fi.absoluteFilePath()).constData(), uid, gid) != 0) {
            return false;
        }
    }
    return true;
}

PgServer::~PgServer()
{
    stop();
    if (!m_root.isEmpty())
        QDir(m_root).removeRecursively();
}

QString PgServer::log() const
{
    QFile f(m_root + QStringLiteral("/server.log"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).right(4000);
}

core::Result<void> PgServer::runTool(const QString &tool, const QStringList &args, bool asServerUser,
                                     int timeoutMs)
{
    QProcess p;
    QString program = m_bin + QLatin1Char('/') + tool;
    QStringList arguments = args;
    if (asServerUser && runningAsRoot()) {
        arguments =
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
            args;
        program = QStringLiteral("runuser");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("PGPASSWORD"), m_password);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_root);
    p.start(program, arguments);
    if (!p.waitForStarted(10000))
        return failure(QStringLiteral("cannot start %1: %2").arg(program, p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return failure(QStringLiteral("%1 did not finish within %2 s").arg(tool).arg(timeoutMs / 1000));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return failure(QStringLiteral("%1 failed (exit %2): %3 %4\n%5")
                           .arg(tool)
                           .arg(p.exitCode())
                           .arg(QString::fromLocal8Bit(p.readAllStandardError()),
                                QString::fromLocal8Bit(p.readAllStandardOutput()), log()));
    return {};
}

core::Result<void> PgServer::start(const QString &database)
{
    if (m_running)
        return {};
    m_bin = binDir();
    if (m_bin.isEmpty())
        return failure(QStringLiteral(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin "
            "(or PG_BINDIR): install the postgresql package to run the PostgreSQL tests"));

    // Under /tmp with mode 0755 so the postgres account can reach it when we run as root.
    QByteArray templ = QByteArrayLiteral("/tmp/govdesk-pg-XXXXXX");
    if (!::mkdtemp(templ.data()))
        return failure(QStringLiteral("cannot create a temporary folder under /tmp"));
    m_root = QString::fromLocal8Bit(templ);
    ::chmod(templ.constData(), 0755);
    QDir(m_root).mkdir(QStringLiteral("sock"));
    {
        QFile pw(m_root + QStringLiteral("/pwfile"));
        if (!pw.open(QIODevice::WriteOnly))
            return failure(QStringLiteral("cannot write %1").arg(pw.fileName()));
        pw.write(m_password.toUtf8() + '\n');
    }
    if (runningAsRoot()) {
        const passwd *pg = ::getpwnam("postgres");
        if (!pg)
            return failure(
                QStringLiteral("running as root, but there is no `postgres` account to run the server as"));
        if (!chownTree(m_root, pg->pw_uid, pg->pw_gid))
            return failure(QStringLiteral("cannot hand %1 to the postgres account").arg(m_root));
    }

    if (auto r = runTool(QStringLiteral("initdb"),
                         {QStringLiteral("-D"), m_root + QStringLiteral("/data"), QStringLiteral("-U"),
                          m_user, QStringLiteral("--pwfile=") + m_root + QStringLiteral("/pwfile"),
                          QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                          QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-locale"),
                          QStringLiteral("--no-sync")},
                         true);
        !r)
        return r;

    // A port found free may be taken before the server binds it: try a few.
    core::Result<void> started = failure(QStringLiteral("not started"));
    for (int attempt = 0; attempt < 5 && !started; ++attempt) {
        m_port = freePort();
        if (m_port == 0)
            return failure(QStringLiteral("no free TCP port on 127.0.0.1"));
        const QString options =
            QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c full_page_writes=off "
                           "-c max_connections=60 -c shared_buffers=32MB")
                .arg(m_port)
                .arg(m_root + QStringLiteral("/sock"));
        started = runTool(QStringLiteral("pg_ctl"),
                          {QStringLiteral("-D"), m_root + QStringLiteral("/data"), QStringLiteral("-l"),
                           m_root + QStringLiteral("/server.log"), QStringLiteral("-w"), QStringLiteral("-t"),
                           QStringLiteral("60"), QStringLiteral("-o"), options, QStringLiteral("start")},
                          true);
    }
    if (!started)
        return started;
    m_running = true;
    m_database = database;
    auto db = createDatabase(database);
    if (!db)
        return db.error();
    return {};
}

core::Result<storage::ConnectionInfo> PgServer::createDatabase(const QString &name)
{
    if (!m_running)
        return failure(QStringLiteral("the PostgreSQL server is not running"));
    if (auto r = runTool(QStringLiteral("createdb"),
                         {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                          QString::number(m_port), QStringLiteral("-U"), m_user, name},
                         false, 60000);
        !r)
        return r.error();
    return connectionInfoFor(name);
}

QString PgServer::urlFor(const QString &database) const
{
    return QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/%4")
        .arg(m_user, m_password)
        .arg(m_port)
        .arg(database);
}

storage::ConnectionInfo PgServer::connectionInfoFor(const QString &database) const
{
    storage::ConnectionInfo c;
    c.engine = storage::Engine::PostgreSQL;
    c.host = QStringLiteral("127.0.0.1");
    c.port = m_port;
    c.databaseName = database;
    c.user = m_user;
    c.password = m_password;
    return c;
}

void PgServer::stop()
{
    if (!m_running)
        return;
    m_running = false;
    (void)runTool(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), m_root + QStringLiteral("/data"), QStringLiteral("-m"),
                   QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")},
                  true, 60000);
}

} // namespace govdesk::test
