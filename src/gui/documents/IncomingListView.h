#pragma once

#include "documents/IncomingService.h"
#include "gui/documents/DocumentListView.h"

namespace govdesk::gui {

class IncomingTableModel;
class Session;

/// The register as a list: a filter bar (search, status, urgency, unit, overdue, year), the table and the
/// number of matching entries. The columns the register can order by sort it; a search orders by relevance
/// until the user picks a column.
class IncomingListView : public DocumentListView
{
    Q_OBJECT
public:
    explicit IncomingListView(Session &session, QWidget *parent = nullptr);

    /// The sub-view chosen in the navigation (all, awaiting me, overdue): the bar narrows it further.
    void setBaseFilter(const documents::IncomingFilter &base);

    IncomingTableModel *model() const { return m_model; }

protected:
    void applyFilter() override;
    void restoreHeader(const QByteArray &state) override;

private:
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void showSortIndicator(bool byRelevance);

    IncomingTableModel *m_model;
    QComboBox *m_status;
    QComboBox *m_urgency;
    QComboBox *m_unit;
    QComboBox *m_year;
    QCheckBox *m_overdue;
    documents::IncomingFilter m_base;
    // The column the user sorted by; a search orders by relevance until the user sorts.
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_userSorted = false;
};

} // namespace govdesk::gui
