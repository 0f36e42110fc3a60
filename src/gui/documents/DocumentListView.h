#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace govdesk::gui {

class PagedTableModelBase;
class Session;

/// A list of documents as the window shows it: a filter bar (the search, the filters the subclass adds and
/// the number of matching documents), the error of the last load and the table. Searching waits for a pause
/// in typing; the model reads and counts in a worker. The document the user chose stays selected across
/// refreshes and filter changes while it is in the list.
class DocumentListView : public QWidget
{
    Q_OBJECT
public:
    /// Selects the document as soon as it is among the loaded rows.
    void selectDocument(const QString &id);
    /// Clears the search and the bar's filters.
    void clearFilters();
    void reload();

    QTableView *table() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QString currentDocumentId() const { return m_currentId; }

    void saveState(const QString &key) const;
    void restoreState(const QString &key);

Q_SIGNALS:
    void currentDocumentChanged(const QString &id);
    /// Enter or double click on a document.
    void documentActivated(const QString &id);

protected:
    /// `namePrefix` names the bar's parts for tests and style sheets ("" gives "searchEdit", "outgoing" gives
    /// "outgoingSearchEdit").
    DocumentListView(Session &session, PagedTableModelBase *model, const QString &namePrefix,
                     QWidget *parent);

    /// A filter of the bar, placed before the count, starting at `any` (the item that filters nothing).
    QComboBox *addFilter(const QString &name, const QString &any, const QVariant &anyValue, int stretch = 1);
    /// The agency's own units.
    QComboBox *addUnitFilter(const QString &name, const QString &any);
    /// This year and the nine before.
    QComboBox *addYearFilter(const QString &name);
    QCheckBox *addCheckFilter(const QString &name, const QString &text);
    /// Wide enough for `sample` and for the (translated) header, with its sort arrow where the header shows
    /// one.
    void setColumnWidthFor(int column, const QString &sample);

    /// The search as typed, without surrounding spaces.
    QString searchText() const;
    /// Applies the bar now (a search waiting for a pause in typing included).
    void filterNow();
    /// Builds the model's filter from the bar; called after a pause in typing or at once for the other
    /// filters.
    virtual void applyFilter() = 0;
    /// Restores the header's layout as saved by saveState().
    virtual void restoreHeader(const QByteArray &state);

private:
    void updateCount();
    void trySelectPending();

    Session &m_session;
    PagedTableModelBase *m_pages;
    QTableView *m_table;
    QLineEdit *m_search;
    QHBoxLayout *m_bar;
    QLabel *m_count;
    QLabel *m_error;
    QTimer *m_searchTimer;
    QList<QWidget *> m_filters;
    QString m_pendingSelection;
    QString m_currentId;
};

} // namespace govdesk::gui
