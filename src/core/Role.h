#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace govdesk::core {

/// The roles of an agency's document work (Decree 30/2020): the clerk keeps the registers, the leader routes,
/// the officer handles, the administrator manages accounts and may act as a clerk.
enum class Role
{
    Clerk,
    Officer,
    Leader,
    Admin
};

enum class Permission
{
    RegisterIncoming,   // vào sổ văn bản đến
    EditRegistered,     // sửa một mục đã vào sổ
    AssignIncoming,     // phân công xử lý (phiếu giải quyết)
    HandleAssigned,     // cập nhật tiến độ, hoàn thành văn bản được giao
    PrintRegisters,     // in sổ
    ManageUsers,        // quản lý tài khoản
    ManageOrganisation, // danh mục cơ quan, đơn vị
    ViewAll,            // xem mọi văn bản không mật
    ViewSecret,         // xem văn bản mật
    DraftOutgoing,      // soạn thảo, trình duyệt văn bản đi
    ApproveOutgoing,    // duyệt hoặc trả lại dự thảo văn bản đi
    IssueOutgoing,      // cấp số, giữ số, phát hành văn bản đi
    RecallOutgoing,     // thu hồi văn bản đi đã ban hành
};

class Roles
{
    Q_DECLARE_TR_FUNCTIONS(Roles)
public:
    /// CLI key: van-thu, chuyen-vien, lanh-dao, quan-tri.
    static QString key(Role r);
    static std::optional<Role> fromKey(const QString &key);
    /// Localised display name (Văn thư, Chuyên viên, Lãnh đạo, Quản trị).
    static QString displayName(Role r);
    static bool can(Role r, Permission p);
    static QList<Role> all() { return {Role::Clerk, Role::Officer, Role::Leader, Role::Admin}; }
};

} // namespace govdesk::core
