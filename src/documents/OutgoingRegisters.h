#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/OutgoingService.h"
#include "reports/RegisterReport.h"

namespace govdesk::documents {

/// The registers of outgoing documents (Decree 30/2020 Phụ lục IV). Sổ đăng ký văn bản đi (10 columns) for
/// one outgoing book and year: every number given, in order, with cancelled numbers shown with their reason
/// so the register has no silent gap; Sổ gửi văn bản đi bưu điện; Sổ sử dụng bản lưu.
class OutgoingRegisters
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingRegisters)
public:
    OutgoingRegisters(OutgoingService &service, storage::Accounts &accounts)
        : m_service(service), m_accounts(accounts)
    {}

    core::Result<reports::RegisterReport> build(const core::User &actor, const QString &bookId, int year);
    /// Sổ gửi văn bản đi bưu điện (6 columns): every sending by post in the period, by date sent.
    core::Result<reports::RegisterReport> buildPost(const core::User &actor, const RegisterPeriod &period);
    /// Sổ sử dụng bản lưu (9 columns): every use of an archive copy lent in the period, by date lent.
    core::Result<reports::RegisterReport> buildArchiveUse(const core::User &actor,
                                                          const RegisterPeriod &period);

private:
    OutgoingService &m_service;
    storage::Accounts &m_accounts;
};

} // namespace govdesk::documents
