#pragma once

#include <QList>
#include <QString>

namespace govdesk::core {

/// A node of the organisation tree: an agency with its mã định danh (e.g. UBND tỉnh Đắk Nông,
/// 000.00.00.H16), or an internal unit of our own agency (phòng, ban) which may have no code.
struct OrgUnit
{
    QString id;
    QString code; // mã định danh; empty for internal units without one
    QString name;
    QString abbreviation; // used in notations: UBND, VP, VX ...
    QString parentId;
    int level = 1;
    bool internal = false; // a unit inside our own agency (can be assigned work)
    bool demo = false;     // demo data: codes invented with the right shape
};

/// The other agencies among `units`: neither our own units nor the agency itself (`ownUnitId`). Documents
/// come from them, in the tree's order.
inline QList<OrgUnit> externalUnits(const QList<OrgUnit> &units, const QString &ownUnitId)
{
    QList<OrgUnit> out;
    for (const OrgUnit &u : units)
        if (!u.internal && u.id != ownUnitId)
            out << u;
    return out;
}

} // namespace govdesk::core
