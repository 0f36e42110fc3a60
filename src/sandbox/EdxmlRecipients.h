#pragma once

#include <QByteArray>
#include <QStringList>

namespace govdesk::sandbox {

/// The organ codes a packet is addressed to, read the way an axis routes when the sender gives no `to`:
/// MessageHeader/To/OrganId for a document; for a status packet the To organs when present, else
/// MessageHeader/ResponseFor/OrganId (the organ that issued the document the status is about). A minimal,
/// namespace-tolerant scan (elements matched by local name), so prefix variants of producers all route.
struct EdxmlAddress
{
    QString from;            ///< MessageHeader/From/OrganId
    QStringList to;          ///< MessageHeader/To/OrganId, in order
    QStringList responseFor; ///< MessageHeader/ResponseFor/OrganId
    bool wellFormed = false;
};

EdxmlAddress scanAddress(const QByteArray &edxml);
/// The recipients of a packet of the given message type ("edoc" / "status").
QStringList recipientsOf(const EdxmlAddress &address, const QString &messageType);

} // namespace govdesk::sandbox
