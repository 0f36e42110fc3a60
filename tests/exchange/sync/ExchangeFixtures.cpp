#include "ExchangeFixtures.h"

#include "documents/OutgoingService.h"
#include "reports/OfficialDocumentPdf.h"

namespace govdesk::test {

core::Result<QString> issuedCongVan(const Office &office, const QString &subject,
                                    const QString &recipientCode, const QString &recipientName, int serial,
                                    documents::Secrecy secrecy)
{
    reports::OfficialDocument pdf;
    pdf.parentOrgan = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
    pdf.organ = QStringLiteral("VĂN PHÒNG");
    pdf.reference = QStringLiteral("     /UBND-KT");
    pdf.place = QStringLiteral("Đắk Nông");
    pdf.date = QDate::currentDate();
    pdf.subject = subject;
    pdf.paragraphs = {QStringLiteral("Kính gửi: %1.").arg(recipientName), subject};
    pdf.signerTitle = QStringLiteral("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
    pdf.signerName = QStringLiteral("Trần Văn Hùng");

    documents::OutgoingService out(*office.db);
    documents::OutgoingDraft d;
    d.typeAbbr = QStringLiteral("CV");
    d.subject = subject;
    d.secrecy = secrecy;
    d.recipients = QStringLiteral("%1; Lưu: VT, KT.").arg(recipientName);
    d.recipientCodes = {recipientCode};
    d.signerName = pdf.signerName;
    d.signerPosition = QStringLiteral("Phó Chủ tịch");
    d.authorityPrefix = QStringLiteral("KT.");
    d.file = documents::AttachmentSource{QString(), QStringLiteral("cong-van-%1.pdf").arg(serial),
                                         reports::renderOfficialDocumentPdf(pdf)};
    auto doc = out.draft(office.officer, d);
    if (!doc)
        return doc.error();
    if (auto r = out.submit(office.officer, doc->id); !r)
        return r.error();
    if (auto r = out.approve(office.leader, doc->id); !r)
        return r.error();
    if (auto r = out.issueNumber(office.clerk, doc->id); !r)
        return r.error();
    return doc->id;
}

} // namespace govdesk::test
