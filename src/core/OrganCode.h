#pragma once

#include "Result.h"

#include <QString>

namespace govdesk::core {

/// Mã định danh of an agency (QĐ 20/2020/QĐ-TTg style, e.g. "000.00.00.H16"): four groups from the lowest
/// level to the highest, the last one a letter and two digits naming the ministry or province. A group of
/// zeros means "not at that level", so "000.00.00.H16" is the province itself and "000.00.16.H16" a unit one
/// level below it.
class OrganCode
{
    Q_DECLARE_TR_FUNCTIONS(OrganCode)
public:
    static Result<OrganCode> parse(const QString &text);
    static bool isValid(const QString &text);

    const QString &text() const { return m_text; }
    /// 1 = province/ministry level (only the last group set) ... 4 = lowest level.
    int level() const;
    /// The code of the unit directly above (zeroing the lowest set group); empty at level 1.
    QString parentCode() const;

private:
    QString m_text;
};

} // namespace govdesk::core
