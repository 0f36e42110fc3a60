#pragma once

#include "core/Result.h"
#include "storage/Database.h"

#include <QDate>

namespace govdesk::documents {

/// Seeds a new workspace as UBND tỉnh Đắk Nông (000.00.00.H16): the units of the province's e-government
/// architecture (codes other than the province's own are invented with the right shape and flagged as demo),
/// the internal departments, one demo user per role and a few weeks of realistic incoming documents with
/// PDFs, in every status. All demo accounts get `password`.
class DemoWorkspace
{
public:
    struct Options
    {
        QString password;
        int documents = 36;
        QDate today = QDate::currentDate();
    };
    static core::Result<void> seed(storage::Database &db, const Options &options);
    /// Demo user names, one per role: vanthu, lanhdao, chanhvanphong, chuyenvien, chuyenvien2 (plus admin).
    static QStringList userNames();
};

} // namespace govdesk::documents
