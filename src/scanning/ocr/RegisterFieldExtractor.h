#pragma once

#include "scanning/ocr/OcrTypes.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace govdesk::scanning {

/// A type of administrative document (Decree 30/2020 Điều 7) with its abbreviation (Phụ lục III); Công văn
/// and Thư công have none.
struct DocumentKind
{
    QString name;
    QString abbr;
};

/// The 29 types of Điều 7 in the order of the decree.
const QList<DocumentKind> &decree30Kinds();

/// "Số: 15/QĐ-UBND" read off one line. Tolerates what OCR does to it: "S6:", "Sô", "Số :", spaces around
/// "/" and "-", O for 0 and l for 1 in the number, QD for QĐ. `quality` (0–1) drops with each repair.
/// `start`/`end` delimit the number and the notation in the text, for their boxes.
struct NumberReading
{
    QString number;   ///< without leading zeros
    QString notation; ///< without spaces, dashes normalised
    double quality = 0;
    int numberStart = 0, numberEnd = 0;
    int notationStart = 0, notationEnd = 0;
};
std::optional<NumberReading> readNumberLine(const QString &line);

/// "Đắk Nông, ngày 05 tháng 01 năm 2026" read off one line, also without diacritics ("Dak Nong, ngay 5
/// thang 1 nam 2026") and with O for 0; an impossible date is refused. The place is what stands before
/// "ngày" (without the comma).
struct DateReading
{
    QString place;
    QDate date;
    double quality = 0;
    int placeStart = -1, placeEnd = -1;
    int dateStart = 0, dateEnd = 0;
};
std::optional<DateReading> readDateLine(const QString &line);

/// The type a title line names ("QUYẾT ĐỊNH", "QUYET DINH", "QUYẾT ĐlNH"), with how closely it matched
/// (1 exact, less with each letter OCR got wrong).
struct KindReading
{
    DocumentKind kind;
    double quality = 0;
};
std::optional<KindReading> readTitleLine(const QString &line);

/// The type named by the first part of a notation ("QĐ-UBND" -> Quyết định); none for a công văn's
/// notation ("UBND-VP"), whose first part is the issuing organ.
std::optional<DocumentKind> kindFromNotation(const QString &notation);

/// The register fields of a recognised document, from the words, their boxes and confidences of its first
/// page that has a number line or a title (Decree 30/2020 layout: organ top-left above "Số:", Quốc hiệu
/// top-right, place and date right of the number, title line, trích yếu under the title or "V/v" under
/// the number). Pure: no recognition, no files.
RegisterFields extractRegisterFields(const QList<OcrPage> &pages);

} // namespace govdesk::scanning
