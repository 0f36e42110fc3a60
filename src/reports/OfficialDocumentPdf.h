#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

namespace govdesk::reports {

/// Renders an administrative document laid out as Decree 30/2020 Phụ lục I prescribes (organ name top left,
/// national motto top right, số và ký hiệu, place and date, type and summary, body, signature block) into a
/// PDF: demo documents and test fixtures look like the paper a clerk receives.
struct OfficialDocument
{
    QString parentOrgan; // cơ quan chủ quản, may be empty
    QString organ;       // cơ quan ban hành
    QString reference;   // "15/QĐ-UBND"; a draft: "/QĐ-UBND" (the number left blank)
    QString place;       // "Đắk Nông"
    QDate date;          // invalid for a draft: "ngày    tháng    năm" left blank
    QString typeName;    // "QUYẾT ĐỊNH"; empty for a Công văn
    QString subject;     // trích yếu
    QStringList paragraphs;
    QString signerTitle; // "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    QString signerName;
    QString urgency;        // "HỎA TỐC", "KHẨN" … (printed as a stamp)
    QStringList recipients; // Nơi nhận
};

QByteArray renderOfficialDocumentPdf(const OfficialDocument &doc);

} // namespace govdesk::reports
