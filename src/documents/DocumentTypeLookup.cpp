#include "DocumentTypeLookup.h"

#include "core/TextFold.h"
#include "storage/Database.h"

#include <optional>

namespace govdesk::documents {

using storage::Sql;

core::Result<ResolvedType> resolveDocumentType(QSqlDatabase &db, const QString &text)
{
    Sql all(db, QStringLiteral("SELECT abbr, name, has_abbreviation FROM document_types WHERE active = 1"));
    if (auto r = all.exec(); !r)
        return r.error();
    const QString key = core::foldForSearch(text);
    std::optional<ResolvedType> folded;
    while (all.next()) {
        ResolvedType t{all.value(0).toString(), all.value(1).toString(), all.value(2).toInt() != 0};
        if (t.abbr == text.trimmed())
            return t;
        // Accept the type's name or a case variant of its abbreviation ("qd", "Quyết định").
        if (core::foldForSearch(t.abbr) == key || core::foldForSearch(t.name) == key)
            folded = t;
    }
    if (!folded)
        return GOVDESK_ERROR("outgoing.type",
                             QT_TRANSLATE_NOOP("OutgoingService", "Unknown document type \"%1\""), text);
    return *folded;
}

} // namespace govdesk::documents
