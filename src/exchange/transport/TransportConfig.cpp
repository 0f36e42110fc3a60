#include "TransportConfig.h"

#include <QFile>
#include <QSettings>
#include <QSslCertificate>

namespace govdesk::exchange {

QString transportKindName(TransportKind kind)
{
    switch (kind) {
    case TransportKind::Vxp:
        return QStringLiteral("vxp");
    case TransportKind::LgspOAuth:
        return QStringLiteral("lgsp-oauth");
    case TransportKind::LgspKey:
        return QStringLiteral("lgsp-key");
    case TransportKind::LgspSoap:
        return QStringLiteral("lgsp-soap");
    }
    return {};
}

bool transportKindFromName(const QString &name, TransportKind *kind)
{
    for (TransportKind k :
         {TransportKind::Vxp, TransportKind::LgspOAuth, TransportKind::LgspKey, TransportKind::LgspSoap}) {
        if (name.trimmed().compare(transportKindName(k), Qt::CaseInsensitive) == 0) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QUrl TransportConfig::effectiveTokenUrl() const
{
    if (!tokenUrl.isEmpty())
        return tokenUrl;
    return endpointUrl(QStringLiteral("/token"));
}

QUrl TransportConfig::endpointUrl(const QString &path) const
{
    QUrl u = endpoint;
    QString base = u.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    u.setPath(base + path);
    return u;
}

core::Result<void> TransportConfig::validate() const
{
    const QString scheme = endpoint.scheme().toLower();
    if (!endpoint.isValid() || endpoint.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return GOVDESK_ERROR("exchange.config",
                             QT_TRANSLATE_NOOP("TransportConfig",
                                               "The exchange address \"%1\" is not a valid http(s) address"),
                             endpoint.toString());
    if (systemId.trimmed().isEmpty())
        return GOVDESK_ERROR(
            "exchange.config",
            QT_TRANSLATE_NOOP("TransportConfig", "The system id of the exchange is not set"));
    if (!caBundle.isEmpty()) {
        QFile f(caBundle);
        if (!f.open(QIODevice::ReadOnly) || QSslCertificate::fromData(f.readAll(), QSsl::Pem).isEmpty())
            return GOVDESK_ERROR(
                "exchange.config",
                QT_TRANSLATE_NOOP("TransportConfig",
                                  "The CA bundle %1 cannot be read or holds no PEM certificate"),
                caBundle);
    }
    if (!proxy.isEmpty() && proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        const QUrl p(proxy);
        if (!p.isValid() || p.scheme().toLower() != QLatin1String("http") || p.host().isEmpty() ||
            p.port() <= 0)
            return GOVDESK_ERROR(
                "exchange.config",
                QT_TRANSLATE_NOOP("TransportConfig",
                                  "The proxy \"%1\" is not of the form http://host:port (or \"none\")"),
                proxy);
    }
    if (timeoutSeconds <= 0)
        return GOVDESK_ERROR("exchange.config",
                             QT_TRANSLATE_NOOP("TransportConfig",
                                               "The exchange time-out must be a positive number of seconds"));
    return {};
}

core::Result<TransportConfig> TransportConfig::fromSettings(const QSettings &settings, const QString &group)
{
    auto value = [&](const char *key, const QVariant &fallback = {}) {
        return settings.value(group + QLatin1Char('/') + QLatin1String(key), fallback);
    };
    TransportConfig c;
    const QString kindName = value("kind", QStringLiteral("vxp")).toString();
    if (!transportKindFromName(kindName, &c.kind))
        return GOVDESK_ERROR("exchange.config",
                             QT_TRANSLATE_NOOP("TransportConfig",
                                               "Unknown exchange kind \"%1\" (vxp, lgsp-oauth, lgsp-key, "
                                               "lgsp-soap)"),
                             kindName);
    c.endpoint = QUrl(value("endpoint").toString());
    c.systemId = value("systemId").toString().trimmed();
    c.from = value("from").toString().trimmed();
    c.tokenUrl = QUrl(value("tokenUrl").toString());
    c.caBundle = value("caBundle").toString();
    c.proxy = value("proxy").toString().trimmed();
    c.timeoutSeconds = value("timeoutSeconds", 60).toInt();
    c.secretEnv = value("secretEnv").toString().trimmed();
    c.listWindowDays = value("listWindowDays", 30).toInt();
    if (auto ok = c.validate(); !ok)
        return ok.error();
    return c;
}

} // namespace govdesk::exchange
