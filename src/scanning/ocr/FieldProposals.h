#pragma once

#include "core/OrgUnit.h"
#include "scanning/ocr/OcrTypes.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>

namespace govdesk::scanning {

/// The fields of the incoming register OCR can fill, in the order they are read off the paper.
enum class ProposedField
{
    Organ,        ///< cơ quan ban hành (tác giả)
    Reference,    ///< số và ký hiệu
    DocumentDate, ///< ngày ban hành
    Type,         ///< loại văn bản
    Subject       ///< trích yếu
};

/// "organ", "reference", "date", "type", "subject" (the `field` of `govdesk-cli ocr --json` proposals).
QString proposedFieldKey(ProposedField field);

/// A document type of the workspace as the matching needs it (the documents module's DocumentType carries
/// these and more; see knownTypes()).
struct KnownDocumentType
{
    QString key;                 ///< the workspace's key, also the abbreviation where the decree gives one
    QString name;                ///< "Quyết định"
    bool hasAbbreviation = true; ///< Công văn and Thư công have none
};

/// The workspace's document types (any list of values with `abbr`, `name`, `hasAbbreviation`) for matching.
template<typename Types> QList<KnownDocumentType> knownTypes(const Types &types)
{
    QList<KnownDocumentType> out;
    out.reserve(types.size());
    for (const auto &t : types)
        out.append({t.abbr, t.name, t.hasAbbreviation});
    return out;
}

/// What OCR proposes for one register field: the value in the register's terms, how sure the reading is and
/// where on the scanned page it was read.
struct FieldProposal
{
    ProposedField field = ProposedField::Organ;
    QString display; ///< as shown beside the field ("15/QĐ-UBND", "05/01/2026", "Quyết định")
    QString read;    ///< the text as read off the page, when `display` is a known name it was matched to
    double confidence = 0; ///< 0–1
    int page = -1;         ///< 0-based page of the box
    QRectF box;            ///< points, top-left origin of the page as displayed
    QString text;          ///< organ name, notation or trích yếu
    QString number;        ///< Reference: the number, without leading zeros
    QDate date;            ///< DocumentDate
    QString typeKey;       ///< Type: the workspace document type's key

    /// {field, value (as displayed), read (when matched to a known name), confidence, page (1-based), box
    /// [x, y, width, height], and per field: text (organ, subject), number and notation, date (ISO 8601),
    /// typeKey}
    QJsonObject toJson() const;
};

/// Turns the register fields read off a scan into proposals for the incoming register: the issuing organ as
/// the name of a known organisation when the text read names one, the type as one of the workspace's
/// document types (Công văn included), number and notation as one proposal. Fields not found are left out.
QList<FieldProposal> proposalsFrom(const RegisterFields &fields, const QList<core::OrgUnit> &organisations,
                                   const QList<KnownDocumentType> &types);

/// The known organisation an issuing-organ heading names ("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH" → "Sở Tài
/// chính"), compared without diacritics: the longest name the heading ends with, whole words only. Empty when
/// none matches.
QString matchOrganisation(const QString &heading, const QList<core::OrgUnit> &organisations);

} // namespace govdesk::scanning
