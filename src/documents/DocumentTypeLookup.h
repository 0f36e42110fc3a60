#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace govdesk::documents {

/// A document type as the document_types table knows it.
struct ResolvedType
{
    QString abbr;
    QString name;
    bool hasAbbreviation = true;
};

/// The active type named by `text`: its abbreviation as stored, or a case or diacritic variant of its
/// abbreviation or name ("qd", "Quyết định"). Error outgoing.type when there is none.
core::Result<ResolvedType> resolveDocumentType(QSqlDatabase &db, const QString &text);

} // namespace govdesk::documents
