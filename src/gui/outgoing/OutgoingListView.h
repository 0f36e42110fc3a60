#pragma once

#include "documents/OutgoingService.h"
#include "gui/documents/DocumentListView.h"

namespace govdesk::gui {

class OutgoingTableModel;
class Session;

/// The outgoing documents as a list: a filter bar (search, status, drafting unit, year), the table and the
/// number of matching documents. Searching ignores diacritics. The order is the register's.
class OutgoingListView : public DocumentListView
{
    Q_OBJECT
public:
    explicit OutgoingListView(Session &session, QWidget *parent = nullptr);

    /// The sub-view chosen in the navigation (all, awaiting me, my drafts): the bar narrows it further.
    void setBaseFilter(const documents::OutgoingFilter &base);

    OutgoingTableModel *model() const { return m_model; }

protected:
    void applyFilter() override;

private:
    OutgoingTableModel *m_model;
    QComboBox *m_status;
    QComboBox *m_unit;
    QComboBox *m_year;
    documents::OutgoingFilter m_base;
};

} // namespace govdesk::gui
