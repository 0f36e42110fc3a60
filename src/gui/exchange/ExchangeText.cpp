#include "ExchangeText.h"

#include "exchange/edxml/EdxmlPacket.h"
#include "gui/Session.h"

namespace govdesk::gui {

QString ExchangeText::packetState(const QString &state)
{
    if (state == QLatin1String("pending"))
        return tr("waiting to be sent");
    if (state == QLatin1String("sending"))
        return tr("being sent");
    if (state == QLatin1String("sent"))
        return tr("sent to the exchange");
    if (state == QLatin1String("failed"))
        return tr("failed, not retried");
    return state;
}

QString ExchangeText::packetKind(const exchange::OutboxEntry &e)
{
    if (e.kind == QLatin1String("status"))
        return tr("Status %1").arg(statusLabel(e.purpose));
    if (e.purpose == QLatin1String("revoke"))
        return tr("Revocation notice");
    if (e.purpose == QLatin1String("replace"))
        return tr("Replacing document");
    if (e.purpose == QLatin1String("update"))
        return tr("Updating document");
    return tr("Outgoing document");
}

QString ExchangeText::statusName(const QString &code)
{
    const QString c = exchange::edxml::StatusCodes::normalise(code);
    if (c == QLatin1String("01"))
        return tr("Delivered");
    if (c == QLatin1String("02"))
        return tr("Refused by the recipient");
    if (c == QLatin1String("03"))
        return tr("Registered by the recipient");
    if (c == QLatin1String("04"))
        return tr("Assigned for handling");
    if (c == QLatin1String("05"))
        return tr("Being handled by the recipient");
    if (c == QLatin1String("06"))
        return tr("Handling completed by the recipient");
    if (c == QLatin1String("13"))
        return tr("Recall requested");
    if (c == QLatin1String("15"))
        return tr("Request accepted by the recipient");
    if (c == QLatin1String("16"))
        return tr("Request refused by the recipient");
    return code;
}

QString ExchangeText::statusLabel(const QString &code)
{
    const QString c = exchange::edxml::StatusCodes::normalise(code);
    return QStringLiteral("%1 — %2").arg(c.isEmpty() ? code : c, statusName(code));
}

QString ExchangeText::requestKind(const QString &kind)
{
    if (kind == QLatin1String("recall"))
        return tr("take back");
    if (kind == QLatin1String("revoke"))
        return tr("revoke");
    if (kind == QLatin1String("update"))
        return tr("update");
    if (kind == QLatin1String("replace"))
        return tr("replace");
    return kind;
}

QString ExchangeText::requestSentence(const QString &sender, const exchange::ExchangeRequest &r)
{
    QString sentence;
    if (r.kind == QLatin1String("recall"))
        sentence = tr("%1 asks to take this document back").arg(sender);
    else if (r.kind == QLatin1String("revoke"))
        sentence = tr("%1 asks to revoke this document").arg(sender);
    else if (r.kind == QLatin1String("update"))
        sentence = tr("%1 asks to update the information of this document").arg(sender);
    else if (r.kind == QLatin1String("replace"))
        sentence = tr("%1 asks to replace this document with a new one").arg(sender);
    else
        sentence = tr("%1 sent a request about this document").arg(sender);
    return r.reason.trimmed().isEmpty() ? sentence + QLatin1Char('.')
                                        : tr("%1: %2").arg(sentence, r.reason.trimmed());
}

QString ExchangeText::organName(const Session &session, const QString &code)
{
    if (code.isEmpty())
        return {};
    if (session.data().identity.orgCode == code)
        return session.data().identity.orgName;
    for (const core::OrgUnit &u : session.data().units)
        if (u.code == code)
            return u.name;
    return {};
}

QString ExchangeText::organ(const Session &session, const QString &code)
{
    const QString name = organName(session, code);
    return name.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(name, code);
}

} // namespace govdesk::gui
