#pragma once

#include "documents/IncomingService.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace govdesk::gui {

class IncomingTableModel;
class Session;

/// The register as a list: a filter bar (search, status, urgency, unit, overdue, year), the table and the
/// number of matching entries. Searching waits for a pause in typing and runs in a worker; the count is
/// computed there too.
class IncomingListView : public QWidget
{
    Q_OBJECT
public:
    explicit IncomingListView(Session &session, QWidget *parent = nullptr);

    /// The sub-view chosen in the navigation (all, awaiting me, overdue): the bar narrows it further.
    void setBaseFilter(const documents::IncomingFilter &base);
    /// Selects the entry as soon as it is among the loaded rows.
    void selectDocument(const QString &id);
    /// Clears the search and the bar's filters.
    void clearFilters();
    void reload();

    IncomingTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QString currentDocumentId() const;

    void saveState(const QString &key) const;
    void restoreState(const QString &key);

Q_SIGNALS:
    void currentDocumentChanged(const QString &id);
    /// Enter or double click on an entry.
    void documentActivated(const QString &id);

private:
    void applyFilter();
    void updateCount();
    void trySelectPending();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    Session &m_session;
    IncomingTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_urgency;
    QComboBox *m_unit;
    QComboBox *m_year;
    QCheckBox *m_overdue;
    QLabel *m_count;
    QLabel *m_error;
    QTimer *m_searchTimer;
    documents::IncomingFilter m_base;
    QString m_pendingSelection;
    QString m_currentId;
    // The column the user sorted by; nullopt while a search orders by relevance.
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_userSorted = false;
};

} // namespace govdesk::gui
