#include "DocumentFormat.h"

#include "core/VietnameseDate.h"

namespace govdesk::gui {

QString dateText(const QDate &date)
{
    return date.isValid() ? core::VietnameseDate::shortDate(date) : QString();
}

QString dateTimeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")) : QString();
}

QColor urgencyColour(documents::Urgency urgency)
{
    switch (urgency) {
    case documents::Urgency::Normal:
        return {};
    case documents::Urgency::Khan:
        return QColor(0xb3, 0x5c, 0x00);
    case documents::Urgency::ThuongKhan:
        return QColor(0xd0, 0x3a, 0x00);
    case documents::Urgency::HoaToc:
        return QColor(0xc6, 0x00, 0x1f);
    }
    return {};
}

} // namespace govdesk::gui
