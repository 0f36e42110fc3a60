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
    // An advisory body keeps its own book: the register is the body's, under its name.
    if (auto bodies = m_service.issuingBodies(true)) {
        for (const IssuingBody &b : bodies.value()) {
            if (b.bookId == bookId)
                r.organName = b.name;
        }
    }
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
                              d.archiveHolder.isEmpty() ? d.unitName : d.archiveHolder,
                              d.copies > 0 ? QString::number(d.copies) : QString(),
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

static QString periodText(const RegisterPeriod &p)
{
    if (p.year > 0)
        return OutgoingRegisters::tr("Year %1").arg(p.year);
    return OutgoingRegisters::tr("From %1 to %2")
        .arg(VietnameseDate::shortDate(p.from), VietnameseDate::shortDate(p.to));
}

static core::Error printPermissionError()
{
    return GOVDESK_ERROR(
        "permission.print",
        QT_TRANSLATE_NOOP("IncomingRegisters",
                          "Only the clerk, a leader or an administrator can print the registers"));
}

Result<reports::RegisterReport> OutgoingRegisters::buildPost(const core::User &actor,
                                                             const RegisterPeriod &period)
{
    if (!actor.can(core::Permission::PrintRegisters))
        return printPermissionError();
    auto sendings = m_service.postSendings(actor, period);
    if (!sendings)
        return sendings.error();
    reports::RegisterReport r;
    if (auto identity = m_accounts.identity())
        r.organName = identity->orgName;
    r.title = tr("REGISTER OF OUTGOING DOCUMENTS SENT BY POST");
    r.period = periodText(period);
    r.emptyText = tr("No document was sent by post in this period.");
    r.columns = {{tr("Date sent"), 11}, {tr("Number, notation"), 15},       {tr("Recipients"), 32},
                 {tr("Envelopes"), 10}, {tr("Signature and postmark"), 18}, {tr("Notes"), 14}};
    for (const PostSending &s : sendings.value())
        r.rows << QStringList{VietnameseDate::shortDate(s.sentOn), s.reference, s.recipients,
                              QString::number(s.envelopes),        QString(),   s.note};
    return r;
}

Result<reports::RegisterReport> OutgoingRegisters::buildArchiveUse(const core::User &actor,
                                                                   const RegisterPeriod &period)
{
    if (!actor.can(core::Permission::PrintRegisters))
        return printPermissionError();
    auto loans = m_service.archiveLoans(actor, period);
    if (!loans)
        return loans.error();
    reports::RegisterReport r;
    if (auto identity = m_accounts.identity())
        r.organName = identity->orgName;
    r.title = tr("REGISTER OF USE OF ARCHIVE COPIES");
    r.period = periodText(period);
    r.emptyText = tr("No archive copy was used in this period.");
    r.columns = {{tr("Date"), 9},
                 {tr("Full name of the user"), 13},
                 {tr("Number, notation and date of the document"), 13},
                 {tr("Type and summary"), 19},
                 {tr("File number and notation"), 9},
                 {tr("Signature"), 8},
                 {tr("Date returned"), 9},
                 {tr("Permitted by"), 12},
                 {tr("Notes"), 8}};
    for (const ArchiveLoan &l : loans.value()) {
        QString document = l.reference;
        if (l.issuedDate.isValid())
            document += QStringLiteral(", ") + VietnameseDate::shortDate(l.issuedDate);
        r.rows << QStringList{VietnameseDate::shortDate(l.lentOn),
                              l.borrowerName,
                              document,
                              l.typeName + QStringLiteral(": ") + l.subject,
                              l.fileRef,
                              QString(),
                              l.isReturned() ? VietnameseDate::shortDate(l.returnedOn) : QString(),
                              l.permittedBy,
                              l.note};
    }
    return r;
}

} // namespace govdesk::documents
