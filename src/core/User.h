#pragma once

#include "Role.h"

#include <QString>

namespace govdesk::core {

/// The acting user every service call carries; services check its role, the audit trail records its name.
struct User
{
    QString id;
    QString username;
    QString fullName;
    Role role = Role::Officer;
    QString unitId;   // organisation unit the user works in (may be empty)
    QString position; // chức vụ, e.g. "Phó Chủ tịch"
    bool active = true;

    bool can(Permission p) const { return Roles::can(role, p); }
};

} // namespace govdesk::core
