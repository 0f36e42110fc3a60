#include "ProposedFields.h"

#include "gui/Session.h"

#include <algorithm>

namespace govdesk::gui {

QList<FieldProposal> proposalsFor(const Session &session, const scanning::RegisterFields &fields)
{
    return scanning::proposalsFrom(fields, session.externalUnits(),
                                   scanning::knownTypes(session.data().documentTypes));
}

QString confidenceText(double confidence)
{
    return QStringLiteral("%1 %").arg(qRound(std::clamp(confidence, 0.0, 1.0) * 100));
}

QString confidenceColour(double confidence)
{
    if (confidence >= 0.85)
        return QStringLiteral("#1b7a3a");
    if (confidence >= 0.6)
        return QStringLiteral("#a15c00");
    return QStringLiteral("#c6001f");
}

} // namespace govdesk::gui
