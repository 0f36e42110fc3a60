#include "Database.h"

#include "BlobStore.h"

#include <QDateTime>
#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

namespace govdesk::storage {

using core::Result;

core::Error sqlError(const QString &what)
{
    if (isTransientConflict(what))
        return GOVDESK_ERROR(
            "storage.conflict",
            QT_TRANSLATE_NOOP("Database",
                              "The database is busy with another user's change; please try again (%1)"),
            what);
    if (what.contains(QLatin1String("disk is full"), Qt::CaseInsensitive) ||
        what.contains(QLatin1String("No space left"), Qt::CaseInsensitive) ||
        what.contains(QLatin1String("could not extend file"), Qt::CaseInsensitive))
        return GOVDESK_ERROR(
            "storage.disk-full",
            QT_TRANSLATE_NOOP("Database",
                              "The disk is full; nothing was saved. Free some space and try again (%1)"),
            what);
    if (what.contains(QLatin1String("UNIQUE constraint"), Qt::CaseInsensitive) ||
        what.contains(QLatin1String("duplicate key"), Qt::CaseInsensitive))
        return GOVDESK_ERROR("storage.unique",
                             QT_TRANSLATE_NOOP("Database", "This record already exists (%1)"), what);
    return GOVDESK_ERROR("storage.sql", QT_TRANSLATE_NOOP("Database", "Database error: %1"), what);
}

bool isTransientConflict(const QString &m)
{
    return m.contains(QLatin1String("database is locked"), Qt::CaseInsensitive) ||
           m.contains(QLatin1String("database is busy"), Qt::CaseInsensitive) ||
           m.contains(QLatin1String("SQLITE_BUSY"), Qt::CaseInsensitive) ||
           m.contains(QLatin1String("could not serialize"), Qt::CaseInsensitive) ||
           m.contains(QLatin1String("deadlock detected"), Qt::CaseInsensitive);
}

static QString errorText(const QSqlError &e)
{
    QString s = e.databaseText();
    if (s.isEmpty())
        s = e.text();
    if (!e.driverText().isEmpty() && !s.contains(e.driverText()))
        s += QStringLiteral(" (") + e.driverText() + QLatin1Char(')');
    return s.trimmed();
}

// ---------------------------------------------------------------- ConnectionInfo

ConnectionInfo ConnectionInfo::sqlite(const QString &workspaceDir)
{
    ConnectionInfo c;
    c.engine = Engine::SQLite;
    c.workspaceDir = workspaceDir;
    return c;
}

Result<ConnectionInfo> ConnectionInfo::fromUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return GOVDESK_ERROR(
            "storage.url",
            QT_TRANSLATE_NOOP(
                "Database",
                "Invalid database address \"%1\": expected postgresql://user:password@host:port/name"),
            text);
    ConnectionInfo c;
    c.engine = Engine::PostgreSQL;
    c.host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    c.port = url.port(5432);
    c.databaseName = url.path().mid(1);
    c.user = url.userName(QUrl::FullyDecoded);
    c.password = url.password(QUrl::FullyDecoded);
    const QUrlQuery q(url);
    if (q.hasQueryItem(QStringLiteral("host"))) // unix socket directory
        c.host = q.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (c.databaseName.isEmpty())
        return GOVDESK_ERROR("storage.url",
                             QT_TRANSLATE_NOOP("Database", "The database address \"%1\" names no database"),
                             text);
    return c;
}

QString ConnectionInfo::describe() const
{
    if (engine == Engine::SQLite)
        return QDir(workspaceDir).absoluteFilePath(QStringLiteral("govdesk.sqlite"));
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

// ---------------------------------------------------------------- Database

static QAtomicInt s_instance;

Database::~Database()
{
    m_blobs.reset();
    QStringList names;
    {
        QMutexLocker lock(&m_registry->mutex);
        names = m_registry->connections.values();
        m_registry->connections.clear();
    }
    for (const QString &n : names) {
        {
            QSqlDatabase db = QSqlDatabase::database(n, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(n);
    }
}

Result<std::shared_ptr<Database>> Database::open(const ConnectionInfo &info,
                                                 const QList<MigrationSet> &schemas)
{
    std::shared_ptr<Database> d(new Database);
    d->m_info = info;
    d->m_prefix = QStringLiteral("govdesk-%1-").arg(s_instance.fetchAndAddRelaxed(1));
    if (info.engine == Engine::SQLite) {
        if (!QDir().mkpath(info.workspaceDir))
            return GOVDESK_ERROR("storage.workspace",
                                 QT_TRANSLATE_NOOP("Database", "Cannot create the workspace folder %1"),
                                 info.workspaceDir);
    }
    {
        const QString name = d->m_prefix + QStringLiteral("main");
        auto db = d->openConnection(name);
        if (!db)
            return db.error();
        QMutexLocker lock(&d->m_registry->mutex);
        d->m_registry->connections.insert(QThread::currentThread(), name);
    }
    d->m_blobs = std::make_unique<BlobStore>(d.get());
    if (auto m = d->migrate(schemas); !m)
        return m.error();
    return d;
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    QSqlDatabase db;
    if (m_info.engine == Engine::SQLite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(m_info.workspaceDir).absoluteFilePath(QStringLiteral("govdesk.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_info.host);
        db.setPort(m_info.port);
        db.setDatabaseName(m_info.databaseName);
        db.setUserName(m_info.user);
        db.setPassword(m_info.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.isValid()) {
        QSqlDatabase::removeDatabase(name);
        return GOVDESK_ERROR(
            "storage.driver",
            QT_TRANSLATE_NOOP("Database", "The Qt database driver for this engine is not installed (%1)"),
            m_info.engine == Engine::SQLite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"));
    }
    if (!db.open()) {
        const QString err = errorText(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return GOVDESK_ERROR("storage.open", QT_TRANSLATE_NOOP("Database", "Cannot open the database %1: %2"),
                             m_info.describe(), err);
    }
    if (m_info.engine == Engine::SQLite) {
        // WAL lets readers work while one clerk writes; FULL sync so a committed registration survives power
        // loss.
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL",
              "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-32000"}) {
            QSqlQuery q(db);
            if (!q.exec(QLatin1String(pragma)))
                return sqlError(errorText(q.lastError()));
        }
    } else {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET client_min_messages TO WARNING"));
    }
    return db;
}

QSqlDatabase Database::connection()
{
    QThread *t = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_registry->mutex);
        name = m_registry->connections.value(t);
    }
    if (!name.isEmpty())
        return QSqlDatabase::database(name, false);
    static QAtomicInteger<quint64> serial;
    name = m_prefix + QString::number(serial.fetchAndAddRelaxed(1));
    auto db = openConnection(name);
    if (!db) {
        // Return an invalid connection: the first statement fails with the driver's message.
        return QSqlDatabase();
    }
    {
        QMutexLocker lock(&m_registry->mutex);
        m_registry->connections.insert(t, name);
    }
    // A worker thread's connection goes with the thread (pool threads come and go; a later thread may even
    // reuse the address). Runs in the finishing thread itself, which owns the connection.
    std::weak_ptr<Registry> registry = m_registry;
    QObject::connect(
        t, &QThread::finished, t,
        [registry, t, name] {
            if (auto r = registry.lock()) {
                QMutexLocker lock(&r->mutex);
                if (r->connections.value(t) != name)
                    return;
                r->connections.remove(t);
            } else {
                return; // the Database already closed it
            }
            {
                QSqlDatabase conn = QSqlDatabase::database(name, false);
                if (conn.isOpen())
                    conn.close();
            }
            QSqlDatabase::removeDatabase(name);
        },
        Qt::DirectConnection);
    return db.value();
}

Result<void> Database::begin(QSqlDatabase &db)
{
    if (!db.isOpen())
        return GOVDESK_ERROR("storage.open", QT_TRANSLATE_NOOP("Database", "Cannot open the database %1: %2"),
                             m_info.describe(), errorText(db.lastError()));
    QSqlQuery q(db);
    // IMMEDIATE takes SQLite's write lock up front, so two clerks queue instead of deadlocking on upgrade.
    const bool ok =
        q.exec(m_info.engine == Engine::SQLite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    if (!ok)
        return sqlError(errorText(q.lastError()));
    return {};
}

bool Database::commit(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("COMMIT")))
        return true;
    *error = errorText(q.lastError());
    return false;
}

void Database::rollback(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("ROLLBACK"));
}

Result<void> Database::writeVoid(const std::function<Result<void>(QSqlDatabase &)> &work)
{
    auto r = write<bool>([&](QSqlDatabase &db) -> Result<bool> {
        auto v = work(db);
        if (!v)
            return v.error();
        return true;
    });
    if (!r)
        return r.error();
    return {};
}

static QString dialect(QString s, Engine e)
{
    if (e == Engine::SQLite) {
        s.replace(QLatin1String("{BLOB}"), QLatin1String("BLOB"));
        s.replace(QLatin1String("{AUTOINC}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    } else {
        s.replace(QLatin1String("{BLOB}"), QLatin1String("BYTEA"));
        s.replace(QLatin1String("{AUTOINC}"), QLatin1String("BIGSERIAL PRIMARY KEY"));
    }
    return s;
}

Result<void> Database::migrate(const QList<MigrationSet> &schemas)
{
    QSqlDatabase db = connection();
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, "
                "version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL, "
                "PRIMARY KEY (module, version))")))
            return sqlError(errorText(q.lastError()));
    }
    for (const MigrationSet &set : schemas) {
        for (const Migration &m : set.migrations) {
            auto r = writeVoid([&](QSqlDatabase &db) -> Result<void> {
                // Another client may have applied it meanwhile: check inside the transaction.
                Sql check(db,
                          QStringLiteral("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?"));
                check << set.module << m.version;
                if (auto e = check.exec(); !e)
                    return e;
                if (check.next())
                    return {};
                if (m_info.engine == Engine::PostgreSQL) {
                    // Serialise concurrent first starts of several clients on a fresh shared database.
                    QSqlQuery lock(db);
                    lock.exec(QStringLiteral("LOCK TABLE schema_migrations IN EXCLUSIVE MODE"));
                    Sql again(db, QStringLiteral(
                                      "SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?"));
                    again << set.module << m.version;
                    if (auto e = again.exec(); !e)
                        return e;
                    if (again.next())
                        return {};
                }
                QStringList all = m.statements;
                all += m_info.engine == Engine::SQLite ? m.sqliteOnly : m.postgresOnly;
                for (const QString &stmt : all) {
                    QSqlQuery q(db);
                    if (!q.exec(dialect(stmt, m_info.engine)))
                        return GOVDESK_ERROR(
                            "storage.migration",
                            QT_TRANSLATE_NOOP("Database", "Schema change %1 #%2 (%3) failed: %4"), set.module,
                            QString::number(m.version), m.description, errorText(q.lastError()));
                }
                Sql mark(db, QStringLiteral(
                                 "INSERT INTO schema_migrations (module, version, description, applied_at) "
                                 "VALUES (?, ?, ?, ?)"));
                mark << set.module << m.version << m.description
                     << QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
                return mark.exec();
            });
            if (!r)
                return r;
        }
    }
    return {};
}

QHash<QString, int> Database::schemaVersions()
{
    QHash<QString, int> out;
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT module, MAX(version) FROM schema_migrations GROUP BY module"));
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

Result<void> Database::integrityCheck()
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (m_info.engine == Engine::SQLite) {
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
            return sqlError(errorText(q.lastError()));
        QStringList problems;
        while (q.next())
            if (q.value(0).toString() != QLatin1String("ok"))
                problems << q.value(0).toString();
        QSqlQuery fk(db);
        if (fk.exec(QStringLiteral("PRAGMA foreign_key_check")))
            while (fk.next())
                problems << QStringLiteral("foreign key: %1 row %2")
                                .arg(fk.value(0).toString(), fk.value(1).toString());
        if (!problems.isEmpty())
            return GOVDESK_ERROR("storage.integrity",
                                 QT_TRANSLATE_NOOP("Database", "The database failed its integrity check: %1"),
                                 problems.join(QStringLiteral("; ")));
        return {};
    }
    if (!q.exec(QStringLiteral("SELECT count(*) FROM schema_migrations")))
        return sqlError(errorText(q.lastError()));
    return {};
}

// ---------------------------------------------------------------- Sql

Sql::Sql(QSqlDatabase &db, const QString &statement) : m_query(db), m_statement(statement)
{
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(statement);
}

Sql &Sql::bind(const QVariant &value)
{
    // An empty QString() is text, not NULL; only a typed null variant binds as NULL.
    if (!value.isNull() && value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query.addBindValue(QStringLiteral(""));
    else
        m_query.addBindValue(value);
    return *this;
}

Result<void> Sql::exec()
{
    if (!m_prepared)
        return sqlError(errorText(m_query.lastError()) + QStringLiteral(" [") + m_statement.left(120) +
                        QLatin1Char(']'));
    if (!m_query.exec())
        return sqlError(errorText(m_query.lastError()));
    return {};
}

} // namespace govdesk::storage
