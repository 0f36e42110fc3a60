#include "OutgoingRegisters.h"

#include "core/VietnameseDate.h"

#include <algorithm>

namespace govdesk::documents {

using core::Result;
using core::VietnameseDate;

Result<reports::RegisterReport> OutgoingRegisters::build(const core::User &actor, const QString &bookId,
                                                         int year)
{
    if (!actor.can(core::Permission::PrintRegisters))
        return GOVDESK_ERROR(
            "permission.print",
            QT_TRANSLATE_NOOP("IncomingRegisters",
                              "Only the clerk, a leader or an administrator can print the registers"));
    const bool secret = bookId == QLatin1String("outgoing-secret");
    if (secret && !actor.can(core::Permission::ViewSecret))
        return GOVDESK_ERROR(
            "permission.secret",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "This document is classified; only the clerk, the leaders and its handler may open it"));
    // The number log says which numbers were taken; the documents give the columns.
    auto numbers = m_service.numberLog(actor, bookId, year);
    if (!numbers)
        return numbers.error();
    OutgoingFilter f;
    f.bookId = bookId;
    f.year = year;
    auto docs = m_service.list(actor, f);
    if (!docs)
        return docs.error();
    QHash<QString, OutgoingDocument> byId;
    for (const OutgoingDocument &d : docs.value())
        byId.insert(d.id, d);

    reports::RegisterReport r;
    if (auto identity = m_accounts.identity())
        r.organName = identity->orgName;
    r.title = bookId == QLatin1String("outgoing-copy") ? tr("REGISTER OF COPIES OF DOCUMENTS")
              : secret                                 ? tr("REGISTER OF OUTGOING CLASSIFIED DOCUMENTS")
                                                       : tr("REGISTER OF OUTGOING DOCUMENTS");
    r.period = tr("Year %1").arg(year);
    r.emptyText = tr("No number was given in this year.");
    r.columns = {{tr("Number, notation"), 13},
                 {tr("Document date"), 9},
                 {tr("Type and summary"), 21},
                 {tr("Signer"), 10},
                 {tr("Recipients"), 13},
                 {tr("Unit or person keeping the file copy"), 10},
                 {tr("Copies"), 5},
                 {tr("Date sent"), 8},
                 {tr("Signature"), 5},
                 {tr("Notes"), 6}};
    QList<NumberEntry> taken = numbers.value();
    std::sort(taken.begin(), taken.end(),
              [](const NumberEntry &a, const NumberEntry &b) { return a.number < b.number; });
    for (const NumberEntry &n : taken) {
        const QString number = formatNumber(QString::number(n.number));
        if (n.state == QLatin1String("cancelled")) {
            r.rows << QStringList{number + QLatin1Char('/') + n.notation,
                                  QString(),
                                  QString(),
                                  QString(),
                                  QString(),
                                  QString(),
                                  QString(),
                                  QString(),
                                  QString(),
                                  tr("Number cancelled: %1").arg(n.cancelReason)};
            continue;
        }
        const auto it = byId.constFind(n.documentId);
        if (it == byId.constEnd() || n.state != QLatin1String("issued"))
            continue; // a reservation not yet issued is not an entry of the register
        const OutgoingDocument &d = it.value();
        QStringList notes;
        if (d.urgency != Urgency::Normal)
            notes << Vocabulary::displayName(d.urgency);
        if (d.status == OutgoingStatus::Recalled)
            notes << OutgoingVocabulary::displayName(d.status);
        const QString signer =
            d.authorityPrefix.isEmpty() ? d.signerName : d.authorityPrefix + QLatin1Char(' ') + d.signerName;
        r.rows << QStringList{d.reference(),
                              VietnameseDate::shortDate(d.issuedDate),
                              d.typeName + QStringLiteral(": ") + d.subject,
                              signer,
                              d.recipients,
                              d.unitName,
                              QString(),
                              d.sentAt.isValid() ? VietnameseDate::shortDate(d.sentAt.toLocalTime().date())
                                                 : QString(),
                              QString(),
                              notes.join(QStringLiteral("; "))};
    }
    if (!taken.isEmpty())
        r.rangeLine = tr("From number %1 to number %2")
                          .arg(formatNumber(QString::number(taken.first().number)),
                               formatNumber(QString::number(taken.last().number)));
    return r;
}

} // namespace govdesk::documents
