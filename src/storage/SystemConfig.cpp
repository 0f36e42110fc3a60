#include "SystemConfig.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace govdesk::storage {

QString SystemConfig::path()
{
    const QString env = qEnvironmentVariable("GOVDESK_SYSTEM_CONFIG");
    if (!env.isEmpty())
        return env;
#ifdef Q_OS_WIN
    return QDir::fromNativeSeparators(qEnvironmentVariable("ProgramData", QStringLiteral("C:/ProgramData"))) +
           QStringLiteral("/GovDesk/govdesk.conf");
#else
    return QStringLiteral("/etc/govdesk/govdesk.conf");
#endif
}

QString SystemConfig::defaultWorkspaceDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace");
}

core::Result<ConnectionInfo> SystemConfig::resolve(const QString &workspaceDir, const QString &databaseUrl)
{
    const QSettings system(path(), QSettings::IniFormat);
    const QString systemUrl = system.value(QStringLiteral("database/url")).toString();
    const bool locked = system.value(QStringLiteral("database/locked"), false).toBool();
    if (locked && !systemUrl.isEmpty()) {
        if (!databaseUrl.isEmpty() || !workspaceDir.isEmpty())
            return GOVDESK_ERROR(
                "config.locked",
                QT_TRANSLATE_NOOP(
                    "SystemConfig",
                    "The database is set by your IT department in %1 and cannot be changed here"),
                path());
        return ConnectionInfo::fromUrl(systemUrl);
    }
    if (!databaseUrl.isEmpty())
        return ConnectionInfo::fromUrl(databaseUrl);
    if (!workspaceDir.isEmpty())
        return ConnectionInfo::sqlite(QDir(workspaceDir).absolutePath());
    if (!systemUrl.isEmpty())
        return ConnectionInfo::fromUrl(systemUrl);
    return ConnectionInfo::sqlite(defaultWorkspaceDir());
}

SigningSettings SystemConfig::signing()
{
    const QSettings system(path(), QSettings::IniFormat);
    SigningSettings s;
    auto list = [&](const char *key) {
        QStringList items;
        const QVariant v = system.value(QLatin1String(key));
        for (const QString &item :
             v.typeId() == QMetaType::QStringList ? v.toStringList() : v.toString().split(QLatin1Char(';')))
            if (!item.trimmed().isEmpty())
                items << item.trimmed();
        return items;
    };
    s.pkcs11Modules = list("signing/pkcs11Modules");
    s.tsaUrl = system.value(QStringLiteral("signing/tsa"), QStringLiteral("http://tsa.ca.gov.vn")).toString();
    if (s.tsaUrl == QLatin1String("none"))
        s.tsaUrl.clear();
    s.trustDirs = list("signing/trustDirs");
    if (s.trustDirs.isEmpty()) {
#ifdef Q_OS_WIN
        s.trustDirs << QStringLiteral("C:/ProgramData/GovDesk/trust");
#else
        s.trustDirs << QStringLiteral("/etc/govdesk/trust");
#endif
    }
    s.trustedCertificates = list("signing/trustedCertificates");
    s.onlineRevocation = system.value(QStringLiteral("signing/onlineRevocation"), true).toBool();
    return s;
}

TemplateSettings SystemConfig::templates()
{
    const QSettings system(path(), QSettings::IniFormat);
    TemplateSettings t;
    t.officeConverter = system.value(QStringLiteral("templates/officeConverter")).toString().trimmed();
    bool ok = false;
    const int timeout = system.value(QStringLiteral("templates/conversionTimeoutSeconds")).toInt(&ok);
    if (ok && timeout > 0)
        t.conversionTimeoutSeconds = qMin(timeout, 3600);
    return t;
}

} // namespace govdesk::storage
