#include "IncomingTableModel.h"

#include "core/VietnameseDate.h"
#include "gui/Session.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace govdesk::gui {

using documents::IncomingDocument;
using documents::IncomingFilter;
using documents::IncomingStatus;
using documents::Urgency;
using documents::Vocabulary;

IncomingTableModel::IncomingTableModel(Session &session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    m_filter.sort = IncomingFilter::Sort::ArrivalNumber;
    m_filter.order = Qt::DescendingOrder;
    connect(&m_session, &Session::documentChanged, this, &IncomingTableModel::onDocumentChanged);
}

void IncomingTableModel::setFilter(const IncomingFilter &filter)
{
    m_filter = filter;
    reload();
}

void IncomingTableModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_exhausted = false;
    const bool wasFetching = m_fetching;
    m_fetching = false;
    m_total = -1;
    endResetModel();
    Q_EMIT totalCountChanged(-1);
    if (wasFetching)
        Q_EMIT loadingChanged(false);
    fetchMore({});
    countInWorker();
}

void IncomingTableModel::countInWorker()
{
    const int generation = m_generation;
    IncomingFilter f = m_filter;
    f.limit = 0;
    f.offset = 0;
    Session *session = &m_session;
    m_session.run(
        this, [session, f]() { return session->incoming().count(session->user(), f); },
        [this, generation](const core::Result<int> &count) {
            if (generation != m_generation)
                return;
            if (!count) {
                Q_EMIT loadFailed(count.error().text());
                return;
            }
            m_total = count.value();
            Q_EMIT totalCountChanged(m_total);
        });
}

bool IncomingTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void IncomingTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted || m_fetching)
        return;
    m_fetching = true;
    Q_EMIT loadingChanged(true);
    const int generation = m_generation;
    IncomingFilter f = m_filter;
    f.limit = PageSize;
    f.offset = int(m_rows.size());
    Session *session = &m_session;
    m_session.run(
        this, [session, f]() { return session->incoming().list(session->user(), f); },
        [this, generation](const core::Result<QList<IncomingDocument>> &page) {
            if (generation != m_generation)
                return; // an older filter's page
            m_fetching = false;
            Q_EMIT loadingChanged(false);
            if (!page) {
                m_exhausted = true;
                Q_EMIT loadFailed(page.error().text());
                return;
            }
            const auto &docs = page.value();
            if (docs.size() < PageSize)
                m_exhausted = true;
            if (!docs.isEmpty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(docs.size()) - 1);
                m_rows.append(docs);
                endInsertRows();
            }
            Q_EMIT pageLoaded();
        });
}

void IncomingTableModel::onDocumentChanged(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0) {
        // A new entry (or one entering this filter): it belongs at a place only the service knows.
        reload();
        return;
    }
    const int generation = m_generation;
    Session *session = &m_session;
    m_session.run(
        this, [session, id]() { return session->incoming().get(session->user(), id); },
        [this, generation, id](const core::Result<IncomingDocument> &doc) {
            if (generation != m_generation)
                return;
            const int r = rowOf(id);
            if (r < 0 || !doc)
                return;
            m_rows[r] = doc.value();
            m_rows[r].attachments.clear(); // the list keeps list-sized rows
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
            countInWorker(); // the change may move it in or out of the filter's count
        });
}

const IncomingDocument *IncomingTableModel::documentAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int IncomingTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return i;
    return -1;
}

int IncomingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncomingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString shortDate(const QDate &d)
{
    return d.isValid() ? core::VietnameseDate::shortDate(d) : QString();
}

static QColor urgencyColor(Urgency u)
{
    switch (u) {
    case Urgency::Normal:
        return {};
    case Urgency::Khan:
        return QColor(0xb3, 0x5c, 0x00);
    case Urgency::ThuongKhan:
        return QColor(0xd0, 0x3a, 0x00);
    case Urgency::HoaToc:
        return QColor(0xc6, 0x00, 0x1f);
    }
    return {};
}

QVariant IncomingTableModel::data(const QModelIndex &index, int role) const
{
    const IncomingDocument *d = documentAt(index.row());
    if (!d)
        return {};
    const int column = index.column();
    if (role == IdRole)
        return d->id;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ArrivalNumber:
            return d->arrivalNumber > 0 ? QVariant(d->arrivalNumber) : QVariant(QStringLiteral("—"));
        case ArrivalDate:
            return shortDate(d->arrivalDate);
        case Author:
            return d->authorName;
        case Reference:
            return d->reference();
        case DocumentDate:
            return shortDate(d->documentDate);
        case TypeAndSubject: {
            QString text = d->typeName + QStringLiteral(": ") + d->subject;
            if (d->isSecret())
                text = QStringLiteral("[%1] ").arg(Vocabulary::displayName(d->secrecy)) + text;
            return text;
        }
        case Urgency:
            return d->urgency == documents::Urgency::Normal ? QString() : Vocabulary::displayName(d->urgency);
        case Deadline:
            return shortDate(d->deadline);
        case Handler:
            return d->handlerName;
        case Status:
            return Vocabulary::displayName(d->status);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (column == TypeAndSubject || column == Author)
            return data(index, Qt::DisplayRole);
        if (column == Deadline && d->isOverdue())
            return tr("Overdue: the handling deadline was %1").arg(shortDate(d->deadline));
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (column == Urgency && d->urgency != documents::Urgency::Normal)
            return QBrush(urgencyColor(d->urgency));
        if (column == Deadline && d->isOverdue())
            return QBrush(QColor(0xc6, 0x00, 0x1f));
        if (column == TypeAndSubject && d->isSecret())
            return QBrush(QColor(0x8a, 0x00, 0x00));
        return {};
    }
    if (role == Qt::FontRole) {
        if ((column == Urgency && d->urgency >= documents::Urgency::ThuongKhan) ||
            (column == Deadline && d->isOverdue())) {
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
    if (m_filter.sort == *key && m_filter.order == order)
        return;
    m_filter.sort = *key;
    m_filter.order = order;
    reload();
}

} // namespace govdesk::gui
