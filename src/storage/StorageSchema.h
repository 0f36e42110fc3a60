#pragma once

#include "storage/Migration.h"

namespace govdesk::storage {

/// The shared kernel's tables: workspace identity, organisation tree, users, audit trail, blobs, search
/// index.
MigrationSet storageSchema();

} // namespace govdesk::storage
