#include "Role.h"

namespace govdesk::core {

QString Roles::key(Role r)
{
    switch (r) {
    case Role::Clerk:
        return QStringLiteral("van-thu");
    case Role::Officer:
        return QStringLiteral("chuyen-vien");
    case Role::Leader:
        return QStringLiteral("lanh-dao");
    case Role::Admin:
        return QStringLiteral("quan-tri");
    }
    return {};
}

std::optional<Role> Roles::fromKey(const QString &key)
{
    for (Role r : all())
        if (Roles::key(r) == key.trimmed().toLower())
            return r;
    return std::nullopt;
}

QString Roles::displayName(Role r)
{
    switch (r) {
    case Role::Clerk:
        return tr("Clerk");
    case Role::Officer:
        return tr("Officer");
    case Role::Leader:
        return tr("Leader");
    case Role::Admin:
        return tr("Administrator");
    }
    return {};
}

bool Roles::can(Role r, Permission p)
{
    switch (p) {
    case Permission::RegisterIncoming:
    case Permission::EditRegistered:
        return r == Role::Clerk || r == Role::Admin;
    case Permission::AssignIncoming:
        return r == Role::Leader || r == Role::Admin;
    case Permission::HandleAssigned:
        return r == Role::Officer || r == Role::Leader || r == Role::Admin;
    case Permission::PrintRegisters:
        return r == Role::Clerk || r == Role::Leader || r == Role::Admin;
    case Permission::ManageUsers:
    case Permission::ManageOrganisation:
        return r == Role::Admin;
    case Permission::ViewAll:
        return r == Role::Clerk || r == Role::Leader || r == Role::Admin;
    case Permission::ViewSecret:
        return r == Role::Clerk || r == Role::Leader;
    case Permission::DraftOutgoing:
        // The clerk drafts too: copies (sao y, trích sao, sao lục) are made by the văn thư.
        return true;
    case Permission::ApproveOutgoing:
        return r == Role::Leader || r == Role::Admin;
    case Permission::IssueOutgoing:
        return r == Role::Clerk || r == Role::Admin;
    case Permission::RecallOutgoing:
        // The leader decides a recall, the clerk carries it out.
        return r == Role::Clerk || r == Role::Leader || r == Role::Admin;
    }
    return false;
}

} // namespace govdesk::core
