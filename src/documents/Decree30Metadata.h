#pragma once

#include "documents/IncomingDocument.h"
#include "documents/OutgoingDocument.h"

#include <QByteArray>
#include <QJsonObject>

namespace govdesk::documents {

/// The metadata of an incoming electronic document as Decree 30/2020 Phụ lục VI (Phần II, văn bản đến) names
/// it: FileCode {OrganId, FileCatalog, FileNotation}, DocOrdinal, TypeName, CodeNumber, CodeNotation,
/// IssuedDate, OrganName, Subject, Language, PageAmount, Description, ArrivalDate, ArrivalNumber,
/// SignerInfo {Position, FullName}, Priority, ToPlaces, TraceHeaderList, DueDate. The fields the decree says
/// the system fills (OrganId, FileCatalog, ArrivalDate, ArrivalNumber, PageAmount) come from the register.
class Decree30Metadata
{
public:
    static QJsonObject incomingJson(const IncomingDocument &doc, const QString &ownOrganId,
                                    const QList<ProgressEntry> &history);
    static QByteArray incomingXml(const IncomingDocument &doc, const QString &ownOrganId,
                                  const QList<ProgressEntry> &history);

    /// The metadata of an outgoing document (Phụ lục VI, Phần II, văn bản đi): FileCode, DocOrdinal,
    /// TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName, Subject, Language, PageAmount, Description,
    /// SignerInfo, To {OrganId, OrganName} per recipient, Priority, IssuedAmount, DueDate.
    static QJsonObject outgoingJson(const OutgoingDocument &doc, const QString &ownOrganId,
                                    const QString &ownOrganName);
    static QByteArray outgoingXml(const OutgoingDocument &doc, const QString &ownOrganId,
                                  const QString &ownOrganName);
};

} // namespace govdesk::documents
