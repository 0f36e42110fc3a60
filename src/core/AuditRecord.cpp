#include "AuditRecord.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace govdesk::core {

QByteArray AuditRecord::canonicalBytes() const
{
    // QJsonObject keeps keys sorted, and compact output has no whitespace choices, so this is canonical.
    QJsonObject o;
    o.insert(QStringLiteral("seq"), QString::number(sequence));
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("actor"), actor);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("entity"), entity);
    o.insert(QStringLiteral("entityId"), entityId);
    o.insert(QStringLiteral("before"), before);
    o.insert(QStringLiteral("after"), after);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString AuditRecord::computeHash() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(previousHash.toLatin1());
    h.addData(canonicalBytes());
    return QString::fromLatin1(h.result().toHex());
}

} // namespace govdesk::core
