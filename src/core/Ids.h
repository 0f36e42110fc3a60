#pragma once

#include <QString>
#include <QUuid>

namespace govdesk::core {

/// Row identifiers are UUIDs (text, without braces); the human numbers (số đến, ký hiệu) are data with rules.
inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace govdesk::core
