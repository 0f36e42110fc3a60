#include "IncomingRegisters.h"

#include "core/VietnameseDate.h"

namespace govdesk::documents {

using core::Result;
using core::VietnameseDate;

Result<reports::RegisterReport> IncomingRegisters::build(const core::User &actor, const Request &req)
{
    if (!actor.can(core::Permission::PrintRegisters))
        return GOVDESK_ERROR(
            "permission.print",
            QT_TRANSLATE_NOOP("IncomingRegisters",
                              "Only the clerk, a leader or an administrator can print the registers"));
    auto books = m_service.books();
    if (!books)
        return books.error();
    QString bookName;
    bool secret = false;
    for (const auto &b : books.value())
        if (b.id == req.bookId) {
            bookName = b.name;
            secret = b.secret;
        }
    if (bookName.isEmpty())
        return GOVDESK_ERROR("incoming.book",
                             QT_TRANSLATE_NOOP("IncomingService", "Unknown incoming registry book \"%1\""),
                             req.bookId);
    if (secret && !actor.can(core::Permission::ViewSecret))
        return GOVDESK_ERROR(
            "permission.secret",
            QT_TRANSLATE_NOOP(
                "IncomingService",
                "This document is classified; only the clerk, the leaders and its handler may open it"));

    IncomingFilter f;
    f.bookId = req.bookId;
    f.year = req.year;
    f.from = req.from;
    f.to = req.to;
    f.statuses = {IncomingStatus::Registered, IncomingStatus::Assigned, IncomingStatus::InProgress,
                  IncomingStatus::Completed,  IncomingStatus::Returned, IncomingStatus::Withdrawn};
    f.sort = IncomingFilter::Sort::ArrivalNumber;
    f.order = Qt::AscendingOrder;
    auto docs = m_service.list(actor, f);
    if (!docs)
        return docs.error();

    auto identity = m_accounts.identity();
    reports::RegisterReport r;
    if (identity)
        r.organName = identity->orgName;
    if (req.year > 0)
        r.period = tr("Year %1").arg(req.year);
    else
        r.period =
            tr("From %1 to %2").arg(VietnameseDate::shortDate(req.from), VietnameseDate::shortDate(req.to));
    if (!docs->isEmpty())
        r.rangeLine = tr("From number %1 to number %2")
                          .arg(docs->first().arrivalNumber)
                          .arg(docs->last().arrivalNumber);
    r.emptyText = tr("No documents were registered in this period.");

    auto typeAndSubject = [](const IncomingDocument &d) {
        return d.typeName + QStringLiteral(": ") + d.subject;
    };
    if (req.kind == Kind::Registry) {
        r.title =
            secret ? tr("REGISTER OF INCOMING CLASSIFIED DOCUMENTS") : tr("REGISTER OF INCOMING DOCUMENTS");
        r.columns = {{tr("Arrival date"), 9},
                     {tr("Arrival no."), 5},
                     {tr("Author"), 12},
                     {tr("Number, notation"), 10},
                     {tr("Document date"), 9},
                     {tr("Type and summary"), 21},
                     {tr("Unit or person receiving"), 11},
                     {tr("Handed over"), 9},
                     {tr("Signature"), 5},
                     {tr("Notes"), 7}};
        for (const IncomingDocument &d : docs.value()) {
            QString notes = d.notes;
            if (d.urgency != Urgency::Normal)
                notes = Vocabulary::displayName(d.urgency) +
                        (notes.isEmpty() ? QString() : QStringLiteral("; ") + notes);
            if (d.status == IncomingStatus::Returned || d.status == IncomingStatus::Withdrawn)
                notes = Vocabulary::displayName(d.status) +
                        (notes.isEmpty() ? QString() : QStringLiteral("; ") + notes);
            r.rows << QStringList{VietnameseDate::shortDate(d.arrivalDate),
                                  QString::number(d.arrivalNumber),
                                  d.authorName,
                                  d.reference(),
                                  VietnameseDate::shortDate(d.documentDate),
                                  typeAndSubject(d),
                                  d.handlerName,
                                  d.handedOverAt.isValid()
                                      ? VietnameseDate::shortDate(d.handedOverAt.toLocalTime().date())
                                      : QString(),
                                  QString(),
                                  notes};
        }
    } else {
        r.title = tr("REGISTER FOR FOLLOWING UP THE HANDLING OF INCOMING DOCUMENTS");
        r.columns = {{tr("Arrival no."), 7},
                     {tr("Type, number, notation, date, issuing organ"), 28},
                     {tr("Unit or person receiving"), 14},
                     {tr("Handling deadline"), 9},
                     {tr("Handling progress"), 20},
                     {tr("Number, notation of the reply"), 12},
                     {tr("Notes"), 10}};
        for (const IncomingDocument &d : docs.value()) {
            QString progress = Vocabulary::displayName(d.status);
            if (auto h = m_service.history(actor, d.id); h) {
                for (auto it = h->crbegin(); it != h->crend(); ++it)
                    if (it->kind == QLatin1String("progress") || it->kind == QLatin1String("complete")) {
                        if (!it->note.isEmpty())
                            progress += QStringLiteral(": ") + it->note;
                        break;
                    }
            }
            QString notes = d.notes;
            if (d.isOverdue())
                notes = tr("Overdue") + (notes.isEmpty() ? QString() : QStringLiteral("; ") + notes);
            r.rows << QStringList{QString::number(d.arrivalNumber),
                                  d.typeName + QLatin1Char(' ') + d.reference() + QStringLiteral(", ") +
                                      VietnameseDate::shortDate(d.documentDate) + QStringLiteral(", ") +
                                      d.authorName,
                                  d.handlerName,
                                  VietnameseDate::shortDate(d.deadline),
                                  progress,
                                  d.replyReference,
                                  notes};
        }
    }
    return r;
}

} // namespace govdesk::documents
