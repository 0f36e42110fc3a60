#pragma once

#include "documents/IncomingService.h"

#include <QAbstractTableModel>

namespace govdesk::gui {

class Session;

/// The incoming register as a table that loads itself a page at a time: the view asks for more rows as the
/// user scrolls (canFetchMore/fetchMore), each page is read in a worker, so a workspace of a million entries
/// opens at once and the UI thread never waits on the database. A new filter or sort starts a new generation;
/// pages and counts of an older one are dropped when they arrive.
class IncomingTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ArrivalNumber,
        ArrivalDate,
        Author,
        Reference,
        DocumentDate,
        TypeAndSubject,
        Urgency,
        Deadline,
        Handler,
        Status,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
    };
    static constexpr int PageSize = 200;

    explicit IncomingTableModel(Session &session, QObject *parent = nullptr);

    /// Replaces the filter (its limit and offset are the model's business) and reloads from the first page.
    void setFilter(const documents::IncomingFilter &filter);
    const documents::IncomingFilter &filter() const { return m_filter; }
    void reload();

    const documents::IncomingDocument *documentAt(int row) const;
    int rowOf(const QString &id) const;
    /// Number of entries the filter matches; -1 until the count arrives.
    int totalCount() const { return m_total; }
    bool isLoading() const { return m_fetching; }
    /// Whether a column can be sorted by the service, and by which key.
    static std::optional<documents::IncomingFilter::Sort> sortKey(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void totalCountChanged(int count);
    void loadingChanged(bool loading);
    /// A page arrived (rows were appended, possibly none).
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void onDocumentChanged(const QString &id);
    void countInWorker();

    Session &m_session;
    documents::IncomingFilter m_filter;
    QList<documents::IncomingDocument> m_rows;
    int m_generation = 0;
    int m_total = -1;
    bool m_fetching = false;
    bool m_exhausted = false;
};

} // namespace govdesk::gui
