#pragma once

#include <QDate>
#include <QString>

namespace govdesk::core {

/// Dates the Vietnamese way.
class VietnameseDate
{
public:
    /// dd/MM/yyyy, as registers print them.
    static QString shortDate(const QDate &d);
    /// Decree 30/2020 Phụ lục I II.4.b: "ngày 05 tháng 01 năm 2026", "ngày 29 tháng 6 năm 2019":
    /// days below 10 and months 1 and 2 take a leading zero.
    static QString longDate(const QDate &d);
    /// Accepts yyyy-MM-dd, dd/MM/yyyy and d/M/yyyy.
    static QDate parse(const QString &text);
};

} // namespace govdesk::core
