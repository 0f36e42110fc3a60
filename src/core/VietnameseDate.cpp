#include "VietnameseDate.h"

namespace govdesk::core {

QString VietnameseDate::shortDate(const QDate &d)
{
    return d.isValid() ? d.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

QString VietnameseDate::longDate(const QDate &d)
{
    if (!d.isValid())
        return {};
    const QString day = d.day() < 10 ? QStringLiteral("0%1").arg(d.day()) : QString::number(d.day());
    const QString month = d.month() <= 2 ? QStringLiteral("0%1").arg(d.month()) : QString::number(d.month());
    return QStringLiteral("ngày %1 tháng %2 năm %3").arg(day, month, QString::number(d.year()));
}

QDate VietnameseDate::parse(const QString &input)
{
    const QString text = input.trimmed();
    for (const char *fmt : {"yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "yyyy/MM/dd"}) {
        const QDate d = QDate::fromString(text, QLatin1String(fmt));
        if (d.isValid())
            return d;
    }
    return {};
}

} // namespace govdesk::core
