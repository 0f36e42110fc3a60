#include "OrganCode.h"

#include <QRegularExpression>

namespace govdesk::core {

static const QRegularExpression &pattern()
{
    static const QRegularExpression re(QStringLiteral("^(\\d{3})\\.(\\d{2})\\.(\\d{2})\\.([A-Z]\\d{2})$"));
    return re;
}

bool OrganCode::isValid(const QString &text)
{
    return pattern().match(text).hasMatch();
}

Result<OrganCode> OrganCode::parse(const QString &input)
{
    const QString text = input.trimmed().toUpper();
    const auto m = pattern().match(text);
    if (!m.hasMatch())
        return GOVDESK_ERROR(
            "organ.code.invalid",
            QT_TRANSLATE_NOOP("OrganCode",
                              "Invalid organisation code \"%1\": expected the form 000.00.00.H16"),
            input);
    // A lower group may only be set when every group above it is set.
    const bool g3 = m.captured(3) != QLatin1String("00");
    const bool g2 = m.captured(2) != QLatin1String("00");
    const bool g1 = m.captured(1) != QLatin1String("000");
    if ((g2 && !g3) || (g1 && !g2))
        return GOVDESK_ERROR(
            "organ.code.gap",
            QT_TRANSLATE_NOOP(
                "OrganCode",
                "Invalid organisation code \"%1\": a lower level is set while a higher one is 0"),
            input);
    OrganCode c;
    c.m_text = text;
    return c;
}

int OrganCode::level() const
{
    const QStringList g = m_text.split(QLatin1Char('.'));
    if (g.value(0) != QLatin1String("000"))
        return 4;
    if (g.value(1) != QLatin1String("00"))
        return 3;
    if (g.value(2) != QLatin1String("00"))
        return 2;
    return 1;
}

QString OrganCode::parentCode() const
{
    QStringList g = m_text.split(QLatin1Char('.'));
    switch (level()) {
    case 4:
        g[0] = QStringLiteral("000");
        break;
    case 3:
        g[1] = QStringLiteral("00");
        break;
    case 2:
        g[2] = QStringLiteral("00");
        break;
    default:
        return {};
    }
    return g.join(QLatin1Char('.'));
}

} // namespace govdesk::core
