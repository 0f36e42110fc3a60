#include "IncomingTableModel.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace govdesk::gui {

using documents::IncomingDocument;
using documents::IncomingFilter;
using documents::Urgency;
using documents::Vocabulary;

static IncomingFilter initialFilter()
{
    IncomingFilter f;
    f.sort = IncomingFilter::Sort::ArrivalNumber;
    f.order = Qt::DescendingOrder;
    return f;
}

IncomingTableModel::IncomingTableModel(Session &session, QObject *parent)
    : PagedTableModel(session, ColumnCount,
                      {[](Session &s, const IncomingFilter &f) { return s.incoming().list(s.user(), f); },
                       [](Session &s, const IncomingFilter &f) { return s.incoming().count(s.user(), f); },
                       [](Session &s, const QString &id) { return s.incoming().get(s.user(), id); }},
                      initialFilter(), parent)
{}

void IncomingTableModel::documentChanged(const QString &id)
{
    if (rowOf(id) < 0) {
        // A new entry (or one entering this filter): it belongs at a place only the service knows.
        reload();
        return;
    }
    readDocument(id, [this, id](const core::Result<IncomingDocument> &doc) {
        const int r = rowOf(id);
        if (r < 0 || !doc)
            return;
        IncomingDocument row = doc.value();
        row.attachments.clear(); // the list keeps list-sized rows
        replaceRow(r, row);
        countInWorker(); // the change may move it in or out of the filter's count
    });
}

QVariant IncomingTableModel::cellData(const IncomingDocument &doc, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ArrivalNumber:
            return doc.arrivalNumber > 0 ? QVariant(doc.arrivalNumber) : QVariant(QStringLiteral("—"));
        case ArrivalDate:
            return dateText(doc.arrivalDate);
        case Author:
            return doc.authorName;
        case Reference:
            return doc.reference();
        case DocumentDate:
            return dateText(doc.documentDate);
        case TypeAndSubject: {
            QString text = doc.typeName + QStringLiteral(": ") + doc.subject;
            if (doc.isSecret())
                text = QStringLiteral("[%1] ").arg(Vocabulary::displayName(doc.secrecy)) + text;
            return text;
        }
        case Urgency:
            return doc.urgency == documents::Urgency::Normal ? QString()
                                                             : Vocabulary::displayName(doc.urgency);
        case Deadline:
            return dateText(doc.deadline);
        case Handler:
            return doc.handlerName;
        case Status:
            return Vocabulary::displayName(doc.status);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (column == TypeAndSubject || column == Author)
            return cellData(doc, column, Qt::DisplayRole);
        if (column == Deadline && doc.isOverdue())
            return tr("Overdue: the handling deadline was %1").arg(dateText(doc.deadline));
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (column == Urgency && doc.urgency != documents::Urgency::Normal)
            return QBrush(urgencyColour(doc.urgency));
        if (column == Deadline && doc.isOverdue())
            return QBrush(QColor(0xc6, 0x00, 0x1f));
        if (column == TypeAndSubject && doc.isSecret())
            return QBrush(QColor(0x8a, 0x00, 0x00));
        return {};
    }
    if (role == Qt::FontRole) {
        if ((column == Urgency && doc.urgency >= documents::Urgency::ThuongKhan) ||
            (column == Deadline && doc.isOverdue())) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == ArrivalNumber)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (column == ArrivalDate || column == DocumentDate || column == Deadline)
            return int(Qt::AlignCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant IncomingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ArrivalNumber:
            return tr("Arrival no.");
        case ArrivalDate:
            return tr("Arrived");
        case Author:
            return tr("Author");
        case Reference:
            return tr("Number, notation");
        case DocumentDate:
            return tr("Dated");
        case TypeAndSubject:
            return tr("Type and summary");
        case Urgency:
            return tr("Urgency");
        case Deadline:
            return tr("Deadline");
        case Handler:
            return tr("Handled by");
        case Status:
            return tr("Status");
        }
    }
    if (role == Qt::ToolTipRole && !sortKey(section))
        return tr("This column cannot be sorted");
    return {};
}

std::optional<IncomingFilter::Sort> IncomingTableModel::sortKey(int column)
{
    switch (column) {
    case ArrivalNumber:
        return IncomingFilter::Sort::ArrivalNumber;
    case ArrivalDate:
        return IncomingFilter::Sort::ArrivalDate;
    case Author:
        return IncomingFilter::Sort::Author;
    case Reference:
        return IncomingFilter::Sort::Reference;
    case DocumentDate:
        return IncomingFilter::Sort::DocumentDate;
    case TypeAndSubject:
        return IncomingFilter::Sort::Subject;
    case Deadline:
        return IncomingFilter::Sort::Deadline;
    case Status:
        return IncomingFilter::Sort::Status;
    default:
        return std::nullopt;
    }
}

void IncomingTableModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKey(column);
    if (!key)
        return;
    if (filter().sort == *key && filter().order == order)
        return;
    IncomingFilter f = filter();
    f.sort = *key;
    f.order = order;
    setFilter(f);
}

} // namespace govdesk::gui
