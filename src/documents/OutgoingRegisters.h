#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/OutgoingService.h"
#include "reports/RegisterReport.h"

namespace govdesk::documents {

/// Sổ đăng ký văn bản đi (Decree 30/2020 Phụ lục IV, 10 columns) for one outgoing book and year: every
/// number given, in order, with cancelled numbers shown with their reason so the register has no silent gap.
class OutgoingRegisters
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingRegisters)
public:
    OutgoingRegisters(OutgoingService &service, storage::Accounts &accounts)
        : m_service(service), m_accounts(accounts)
    {}

    core::Result<reports::RegisterReport> build(const core::User &actor, const QString &bookId, int year);

private:
    OutgoingService &m_service;
    storage::Accounts &m_accounts;
};

} // namespace govdesk::documents
