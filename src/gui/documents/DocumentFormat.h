#pragma once

#include "documents/IncomingDocument.h"

#include <QColor>
#include <QDate>
#include <QDateTime>
#include <QString>

namespace govdesk::gui {

/// How the document screens write what incoming and outgoing documents share: dates the Vietnamese way and
/// the colour of an urgency, so the register, the outgoing list and the document views agree.

/// "05/01/2026"; empty for no date.
QString dateText(const QDate &date);
/// "05/01/2026 14:30" in local time; empty for no time.
QString dateTimeText(const QDateTime &time);
/// The colour an urgency is written in (none for an ordinary document).
QColor urgencyColour(documents::Urgency urgency);

} // namespace govdesk::gui
