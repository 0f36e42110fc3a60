#include "TransportFactory.h"

#include "LgspKeyTransport.h"
#include "LgspOAuthTransport.h"
#include "LgspSoapTransport.h"
#include "VxpTransport.h"

namespace govdesk::exchange {

core::Result<std::unique_ptr<ExchangeTransport>> createTransport(const TransportConfig &config)
{
    if (auto ok = config.validate(); !ok)
        return ok.error();
    switch (config.kind) {
    case TransportKind::Vxp:
        return std::unique_ptr<ExchangeTransport>(new VxpTransport(config));
    case TransportKind::LgspOAuth:
        return std::unique_ptr<ExchangeTransport>(new LgspOAuthTransport(config));
    case TransportKind::LgspKey:
        return std::unique_ptr<ExchangeTransport>(new LgspKeyTransport(config));
    case TransportKind::LgspSoap:
        return std::unique_ptr<ExchangeTransport>(new LgspSoapTransport(config));
    }
    return GOVDESK_ERROR(
        "exchange.config",
        QT_TRANSLATE_NOOP("TransportFactory", "The %1 exchange is not available in this version"),
        transportKindName(config.kind));
}

} // namespace govdesk::exchange
