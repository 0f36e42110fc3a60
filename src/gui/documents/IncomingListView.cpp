#include "IncomingListView.h"

#include "gui/Session.h"
#include "gui/documents/IncomingTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

namespace govdesk::gui {

using documents::IncomingFilter;
using documents::IncomingStatus;
using documents::Urgency;
using documents::Vocabulary;

IncomingListView::IncomingListView(Session &session, QWidget *parent)
    : DocumentListView(session, new IncomingTableModel(session), QString(), parent),
      m_model(static_cast<IncomingTableModel *>(table()->model()))
{
    searchEdit()->setPlaceholderText(tr("Search number, notation, summary, author… (accents optional)"));

    m_status = addFilter(QStringLiteral("statusFilter"), tr("All statuses"), -1);
    for (IncomingStatus s : Vocabulary::allStatuses())
        m_status->addItem(Vocabulary::displayName(s), int(s));

    m_urgency = addFilter(QStringLiteral("urgencyFilter"), tr("Any urgency"), -1);
    m_urgency->addItem(tr("Urgent and above"), int(Urgency::Khan));
    m_urgency->addItem(tr("Very urgent and above"), int(Urgency::ThuongKhan));
    m_urgency->addItem(Vocabulary::displayName(Urgency::HoaToc), int(Urgency::HoaToc));

    m_unit = addUnitFilter(QStringLiteral("unitFilter"), tr("All units"));
    m_year = addYearFilter(QStringLiteral("yearFilter"));
    m_overdue = addCheckFilter(QStringLiteral("overdueFilter"), tr("&Overdue"));
    m_overdue->setToolTip(tr("Only documents past their handling deadline and not yet completed"));

    table()->setObjectName(QStringLiteral("incomingTable"));
    QHeaderView *header = table()->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(IncomingTableModel::ArrivalNumber, Qt::DescendingOrder);
    header->setSectionResizeMode(IncomingTableModel::TypeAndSubject, QHeaderView::Stretch);
    setColumnWidthFor(IncomingTableModel::ArrivalNumber, QStringLiteral("Số đến ▼"));
    setColumnWidthFor(IncomingTableModel::ArrivalDate, QStringLiteral("00/00/0000"));
    setColumnWidthFor(IncomingTableModel::Author, QStringLiteral("Sở Nông nghiệp và PTN"));
    setColumnWidthFor(IncomingTableModel::Reference, QStringLiteral("125/QĐ-UBND"));
    setColumnWidthFor(IncomingTableModel::DocumentDate, QStringLiteral("00/00/0000"));
    setColumnWidthFor(IncomingTableModel::Urgency, QStringLiteral("Thượng khẩn"));
    setColumnWidthFor(IncomingTableModel::Deadline, QStringLiteral("00/00/0000"));
    setColumnWidthFor(IncomingTableModel::Handler, QStringLiteral("Phạm Thị Lan"));
    setColumnWidthFor(IncomingTableModel::Status, QStringLiteral("Đã phân công"));
    connect(header, &QHeaderView::sortIndicatorChanged, this, &IncomingListView::onSortIndicatorChanged);
}

void IncomingListView::setBaseFilter(const IncomingFilter &base)
{
    m_base = base;
    filterNow();
}

void IncomingListView::applyFilter()
{
    IncomingFilter f = m_base;
    const QString search = searchText();
    if (search.isEmpty() != m_model->filter().search.isEmpty())
        m_userSorted = false; // a new search starts in order of relevance
    f.search = search;
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.statuses = {IncomingStatus(s)};
    if (const int u = m_urgency->currentData().toInt(); u >= 0)
        f.urgency = Urgency(u);
    if (const QString unit = m_unit->currentData().toString(); !unit.isEmpty())
        f.unitId = unit;
    if (const int y = m_year->currentData().toInt(); y > 0)
        f.year = y;
    if (m_overdue->isChecked())
        f.overdueOnly = true;

    const bool byRelevance = !search.isEmpty() && !m_userSorted;
    f.sort = byRelevance
                 ? IncomingFilter::Sort::Relevance
                 : IncomingTableModel::sortKey(m_sortColumn).value_or(IncomingFilter::Sort::ArrivalNumber);
    f.order = byRelevance ? Qt::AscendingOrder : m_sortOrder;
    showSortIndicator(byRelevance);
    m_model->setFilter(f);
}

/// The arrow over the column the list is sorted by; none while a search orders by relevance.
void IncomingListView::showSortIndicator(bool byRelevance)
{
    QHeaderView *header = table()->horizontalHeader();
    const QSignalBlocker block(header);
    if (byRelevance)
        header->setSortIndicator(-1, Qt::AscendingOrder);
    else
        header->setSortIndicator(m_sortColumn, m_sortOrder);
}

void IncomingListView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (column < 0)
        return;
    if (!IncomingTableModel::sortKey(column)) {
        // Urgency and handler have no order in the register: keep the current one.
        showSortIndicator(!m_model->filter().search.isEmpty() && !m_userSorted);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    m_userSorted = true;
    applyFilter();
}

void IncomingListView::restoreHeader(const QByteArray &state)
{
    QHeaderView *header = table()->horizontalHeader();
    const QSignalBlocker block(header);
    header->restoreState(state);
    header->setSortIndicator(m_sortColumn, m_sortOrder);
}

} // namespace govdesk::gui
