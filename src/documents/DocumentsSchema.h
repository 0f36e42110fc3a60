#pragma once

#include "storage/Migration.h"

namespace govdesk::documents {

/// Tables of the documents module: types, registry books and their yearly counters, incoming documents,
/// attachments, routing (phiếu giải quyết) and the handling history.
storage::MigrationSet documentsSchema();

} // namespace govdesk::documents
