#include "ExchangeSettings.h"

#include "core/Role.h"
#include "exchange/transport/CredentialStore.h"
#include "exchange/transport/TransportFactory.h"
#include "storage/AuditLog.h"
#include "storage/SystemConfig.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QSettings>

namespace govdesk::exchange {

using core::Result;
using storage::Sql;

static QHash<QString, QString> readKeys(storage::Database &db)
{
    QHash<QString, QString> values;
    QSqlDatabase c = db.connection();
    Sql q(c, QStringLiteral("SELECT key, value FROM workspace_settings WHERE key LIKE 'exchange.%'"));
    if (q.exec())
        while (q.next())
            values.insert(q.value(0).toString(), q.value(1).toString());
    return values;
}

Result<ExchangeSettings> ExchangeSettings::load(storage::Database &db)
{
    ExchangeSettings s;
    const QString systemPath = storage::SystemConfig::path();
    if (QFileInfo::exists(systemPath)) {
        QSettings system(systemPath, QSettings::IniFormat);
        if (system.contains(QStringLiteral("exchange/endpoint"))) {
            auto config = TransportConfig::fromSettings(system, QStringLiteral("exchange"));
            if (!config)
                return config.error();
            s.transport = config.value();
            s.configured = true;
            s.lockedBySystem = true;
            s.pollSeconds = system.value(QStringLiteral("exchange/pollSeconds"), 300).toInt();
            s.place = system.value(QStringLiteral("exchange/place")).toString();
            return s;
        }
    }
    const auto v = readKeys(db);
    if (v.value(QStringLiteral("exchange.endpoint")).isEmpty())
        return s;
    if (!transportKindFromName(v.value(QStringLiteral("exchange.kind")), &s.transport.kind))
        return GOVDESK_ERROR("exchange.config",
                             QT_TRANSLATE_NOOP("ExchangeSettings", "Unknown exchange transport \"%1\""),
                             v.value(QStringLiteral("exchange.kind")));
    s.configured = true;
    s.transport.endpoint = QUrl(v.value(QStringLiteral("exchange.endpoint")));
    s.transport.systemId = v.value(QStringLiteral("exchange.systemId"));
    s.transport.from = v.value(QStringLiteral("exchange.from"));
    s.transport.tokenUrl = QUrl(v.value(QStringLiteral("exchange.tokenUrl")));
    s.transport.caBundle = v.value(QStringLiteral("exchange.caBundle"));
    s.transport.proxy = v.value(QStringLiteral("exchange.proxy"));
    s.transport.timeoutSeconds = v.value(QStringLiteral("exchange.timeout"), QStringLiteral("60")).toInt();
    s.transport.secretEnv = v.value(QStringLiteral("exchange.secretEnv"));
    s.pollSeconds = v.value(QStringLiteral("exchange.poll"), QStringLiteral("300")).toInt();
    s.place = v.value(QStringLiteral("exchange.place"));
    return s;
}

Result<void> ExchangeSettings::save(storage::Database &db, const core::User &actor, const ExchangeSettings &s)
{
    if (actor.role != core::Role::Admin)
        return GOVDESK_ERROR(
            "permission.exchange-config",
            QT_TRANSLATE_NOOP("ExchangeSettings", "Only an administrator can set up the document exchange"));
    if (auto current = load(db); current && current->lockedBySystem)
        return GOVDESK_ERROR("exchange.locked",
                             QT_TRANSLATE_NOOP("ExchangeSettings",
                                               "The document exchange is set up in this computer's system "
                                               "configuration (%1); ask IT to change it there"),
                             storage::SystemConfig::path());
    if (auto v = s.transport.validate(); !v)
        return v;
    if (s.pollSeconds < 10)
        return GOVDESK_ERROR(
            "exchange.config",
            QT_TRANSLATE_NOOP("ExchangeSettings", "Poll the exchange at most every 10 seconds (%1 given)"),
            QString::number(s.pollSeconds));
    const QList<QPair<QString, QString>> values{
        {QStringLiteral("exchange.kind"), transportKindName(s.transport.kind)},
        {QStringLiteral("exchange.endpoint"), s.transport.endpoint.toString()},
        {QStringLiteral("exchange.systemId"), s.transport.systemId},
        {QStringLiteral("exchange.from"), s.transport.from},
        {QStringLiteral("exchange.tokenUrl"), s.transport.tokenUrl.toString()},
        {QStringLiteral("exchange.caBundle"), s.transport.caBundle},
        {QStringLiteral("exchange.proxy"), s.transport.proxy},
        {QStringLiteral("exchange.timeout"), QString::number(s.transport.timeoutSeconds)},
        {QStringLiteral("exchange.secretEnv"), s.transport.secretEnv},
        {QStringLiteral("exchange.poll"), QString::number(s.pollSeconds)},
        {QStringLiteral("exchange.place"), s.place},
    };
    return db.writeVoid([&](QSqlDatabase &c) -> Result<void> {
        QJsonObject after;
        for (const auto &[key, value] : values) {
            Sql del(c, QStringLiteral("DELETE FROM workspace_settings WHERE key = ?"));
            del << key;
            if (auto r = del.exec(); !r)
                return r;
            Sql ins(c, QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?, ?)"));
            ins << key << value;
            if (auto r = ins.exec(); !r)
                return r;
            after.insert(key, value);
        }
        auto a = storage::AuditLog::append(c, actor.username, QStringLiteral("exchange.configure"),
                                           QStringLiteral("workspace_settings"), QStringLiteral("exchange"),
                                           {}, after);
        if (!a)
            return a.error();
        return {};
    });
}

Result<std::unique_ptr<ExchangeTransport>> ExchangeSettings::connect(const QString &account) const
{
    if (!configured)
        return GOVDESK_ERROR("exchange.not-configured",
                             QT_TRANSLATE_NOOP("ExchangeSettings",
                                               "The document exchange is not set up for this workspace yet "
                                               "(an administrator sets it up: exchange configure)"));
    TransportConfig config = transport;
    auto secret = CredentialStore().resolveSecret(config, account);
    if (!secret)
        return secret.error();
    config.secret = secret.value();
    return createTransport(config);
}

} // namespace govdesk::exchange
