#pragma once

#include "core/OrgUnit.h"
#include "documents/DocumentTypes.h"
#include "scanning/ocr/OcrTypes.h"

#include <QDate>
#include <QList>
#include <QRectF>
#include <QString>

namespace govdesk::gui {

/// The fields of the incoming registration form OCR can fill, in the order they are read off the paper.
enum class ProposedField
{
    Organ,        ///< cơ quan ban hành (tác giả)
    Reference,    ///< số và ký hiệu
    DocumentDate, ///< ngày ban hành
    Type,         ///< loại văn bản
    Subject       ///< trích yếu
};

/// What OCR proposes for one form field: the value in the form's terms, how sure the reading is and where
/// on the scanned page it was read.
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
    QString typeKey;       ///< Type: the workspace document type's key (DocumentType::abbr)
};

/// Turns the register fields read off a scan into proposals for the form: the issuing organ as the name of a
/// known organisation when the text read names one, the type as one of the workspace's document types
/// (Công văn included), number and notation as one proposal. Fields not found are left out.
QList<FieldProposal> proposalsFrom(const scanning::RegisterFields &fields,
                                   const QList<core::OrgUnit> &organisations,
                                   const QList<documents::DocumentType> &types);

/// The known organisation an issuing-organ heading names ("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH" → "Sở Tài
/// chính"), compared without diacritics: the longest name the heading ends with, whole words only. Empty when
/// none matches.
QString matchOrganisation(const QString &heading, const QList<core::OrgUnit> &organisations);

/// "92 %"; the colour of the badge: green from 85 %, amber from 60 %, red below.
QString confidenceText(double confidence);
QString confidenceColour(double confidence);

} // namespace govdesk::gui
