#include "ExchangeTransport.h"

#include "TransportErrors.h"

namespace govdesk::exchange {

QString messageTypeName(MessageType type)
{
    return type == MessageType::Status ? QStringLiteral("status") : QStringLiteral("edoc");
}

ExchangeTransport::~ExchangeTransport() = default;

core::Result<QList<SentItem>> ExchangeTransport::sentList(MessageType)
{
    return errors::unsupported(transportKindName(kind()));
}

bool retryable(const core::Error &error)
{
    // A reply cut short (proxy reset, flaky link) or a transient unreadable one (a captive portal's page) is
    // worth another try as much as a refused connection; the sync engine backs off and gives up in the end.
    const QString &c = error.code();
    return c == QLatin1String("exchange.network") || c == QLatin1String("exchange.server") ||
           c == QLatin1String("exchange.protocol") || c == QLatin1String("exchange.cancelled");
}

} // namespace govdesk::exchange
