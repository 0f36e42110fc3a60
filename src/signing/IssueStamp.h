#pragma once

#include "core/Result.h"
#include "signing/pdf/PdfSigner.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QStringList>

namespace govdesk::signing {

/// The number and the issue date as Decree 30/2020 Phụ lục I writes them in the blanks of a signed
/// document: numbers below 10 with a leading zero ("05"), days below 10 and the months 1 and 2 with a
/// leading zero ("ngày 05 tháng 01", "ngày 15 tháng 3").
QString issueNumberText(int number);
QString issueDayText(const QDate &date);
QString issueMonthText(const QDate &date);

struct IssueStampPlan
{
    QList<PdfTextStamp> stamps; ///< empty when the document already shows this number and date
    QStringList warnings;       ///< translated: a blank narrower than the text, …
};

/// Finds the blanks the template leaves in the upper half of the first page — "Số:" followed by
/// "/QĐ-UBND" (the number goes right before the slash) and "ngày … tháng … năm …" (the day and the month
/// in their gaps, the year after "năm" when it is missing) — and plans the stamps, in the size of the
/// surrounding text (the date in italics, as the template prints it).
/// Errors: signing.stamp-number-place, signing.stamp-date-place (blank not found), signing.stamp-filled (the
/// document already shows another number or date), signing.pdf-unreadable, signing.pdf-font.
core::Result<IssueStampPlan> planIssueStamps(const QByteArray &pdf, int number, const QDate &date);

/// planIssueStamps, then appendTextStamps: the returned PDF has the number and the date written in one
/// incremental update that keeps every earlier signature valid.
core::Result<QByteArray> stampIssueDetails(const QByteArray &pdf, int number, const QDate &date,
                                           QStringList *warnings = nullptr);

} // namespace govdesk::signing
