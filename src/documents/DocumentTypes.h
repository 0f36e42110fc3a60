#pragma once

#include <QList>
#include <QString>

namespace govdesk::documents {

/// A document type of Decree 30/2020 Điều 7 / Phụ lục III (kept as data in the document_types table).
struct DocumentType
{
    QString abbr;                // key and, where the decree gives one, the abbreviation used in notations
    QString name;                // Vietnamese name as printed
    bool hasAbbreviation = true; // Công văn and Thư công have none
    QString group;               // hanh-chinh, qppl, ban-sao
    int order = 0;
};

/// The seed list: the 29 administrative types (27 with abbreviations), the copy types, and the
/// legal-normative types agencies commonly receive (Luật, Nghị định, Thông tư …).
QList<DocumentType> decree30DocumentTypes();

} // namespace govdesk::documents
