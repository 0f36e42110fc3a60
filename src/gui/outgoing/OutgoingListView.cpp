#include "OutgoingListView.h"

#include "gui/Session.h"
#include "gui/outgoing/OutgoingTableModel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

namespace govdesk::gui {

using documents::OutgoingFilter;
using documents::OutgoingStatus;
using documents::OutgoingVocabulary;

OutgoingListView::OutgoingListView(Session &session, QWidget *parent)
    : DocumentListView(session, new OutgoingTableModel(session), QStringLiteral("outgoing"), parent),
      m_model(static_cast<OutgoingTableModel *>(table()->model()))
{
    setObjectName(QStringLiteral("outgoingListView"));
    searchEdit()->setPlaceholderText(
        tr("Search number, notation, summary, unit, signer… (accents optional)"));

    m_status = addFilter(QStringLiteral("outgoingStatusFilter"), tr("All statuses"), -1);
    for (OutgoingStatus s : OutgoingVocabulary::allStatuses())
        m_status->addItem(OutgoingVocabulary::displayName(s), int(s));
    m_unit = addUnitFilter(QStringLiteral("outgoingUnitFilter"), tr("All drafting units"));
    m_year = addYearFilter(QStringLiteral("outgoingYearFilter"));
    m_year->setToolTip(tr("The year of the number; a document without a number counts in the year it was "
                          "drafted"));

    table()->setObjectName(QStringLiteral("outgoingTable"));
    QHeaderView *header = table()->horizontalHeader();
    // The order is the register's (newest number first, unnumbered drafts on top; relevance while searching).
    header->setSectionsClickable(false);
    header->setSortIndicatorShown(false);
    header->setSectionResizeMode(OutgoingTableModel::Subject, QHeaderView::Stretch);
    setColumnWidthFor(OutgoingTableModel::Reference, QStringLiteral("(chưa có số)  125/QĐ-UBND"));
    setColumnWidthFor(OutgoingTableModel::IssuedDate, QStringLiteral("00/00/0000"));
    setColumnWidthFor(OutgoingTableModel::Type, QStringLiteral("Quyết định"));
    setColumnWidthFor(OutgoingTableModel::Unit, QStringLiteral("Phòng Kinh tế ngành"));
    setColumnWidthFor(OutgoingTableModel::Drafter, QStringLiteral("Phạm Thị Lan"));
    setColumnWidthFor(OutgoingTableModel::Status, QStringLiteral("Trả lại để sửa"));
    setColumnWidthFor(OutgoingTableModel::Priority, QStringLiteral("Thượng khẩn, Mật"));
}

void OutgoingListView::setBaseFilter(const OutgoingFilter &base)
{
    m_base = base;
    filterNow();
}

void OutgoingListView::applyFilter()
{
    OutgoingFilter f = m_base;
    f.search = searchText();
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.statuses = {OutgoingStatus(s)};
    if (const QString unit = m_unit->currentData().toString(); !unit.isEmpty())
        f.unitId = unit;
    if (const int y = m_year->currentData().toInt(); y > 0)
        f.year = y;
    m_model->setFilter(f);
}

} // namespace govdesk::gui
