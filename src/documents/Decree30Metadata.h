#pragma once

#include "documents/IncomingDocument.h"

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
};

} // namespace govdesk::documents
