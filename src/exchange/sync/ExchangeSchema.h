#pragma once

#include "storage/Migration.h"

namespace govdesk::exchange {

/// Tables of the document exchange: the outbox (one row per packet and recipient, persisted before it is
/// sent), the inbox (one row per packet the exchange delivered, with its raw bytes in the blob store, written
/// before the exchange is told it arrived), the statuses recipients reported about our documents and the
/// recall/update/replace requests waiting for the clerk.
storage::MigrationSet exchangeSchema();

} // namespace govdesk::exchange
