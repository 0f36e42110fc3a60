#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/IncomingService.h"
#include "reports/RegisterReport.h"

namespace govdesk::documents {

/// The printed registers of incoming documents (Decree 30/2020 Phụ lục IV): Sổ đăng ký văn bản đến (10
/// columns) and Sổ theo dõi giải quyết văn bản đến (7 columns), for a year or a range of arrival dates.
class IncomingRegisters
{
    Q_DECLARE_TR_FUNCTIONS(IncomingRegisters)
public:
    enum class Kind
    {
        Registry,
        Tracking
    };

    struct Request
    {
        Kind kind = Kind::Registry;
        QString bookId = QStringLiteral("incoming");
        int year = 0;   // whole year, or
        QDate from, to; // a range of arrival dates
    };

    IncomingRegisters(IncomingService &service, storage::Accounts &accounts)
        : m_service(service), m_accounts(accounts)
    {}

    core::Result<reports::RegisterReport> build(const core::User &actor, const Request &request);

private:
    IncomingService &m_service;
    storage::Accounts &m_accounts;
};

} // namespace govdesk::documents
