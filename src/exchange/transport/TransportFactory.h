#pragma once

#include "core/Result.h"
#include "exchange/transport/ExchangeTransport.h"

#include <memory>

namespace govdesk::exchange {

/// The transport for a configuration (checked first with TransportConfig::validate()). The secret must be
/// filled in (CredentialStore::resolveSecret). A new protocol is one ExchangeTransport subclass and one case
/// in TransportFactory.cpp.
core::Result<std::unique_ptr<ExchangeTransport>> createTransport(const TransportConfig &config);

} // namespace govdesk::exchange
