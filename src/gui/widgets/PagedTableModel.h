#pragma once

#include "core/Result.h"
#include "gui/Session.h"

#include <QAbstractTableModel>

#include <functional>

namespace govdesk::gui {

/// What a list view needs of a table that loads itself a page at a time, whatever its rows are: the state of
/// the current load, the signals that report it, and where a document's row is.
class PagedTableModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
    };
    static constexpr int PageSize = 200;

    /// Drops the rows and loads the first page again.
    virtual void reload() = 0;
    /// The row of the document, -1 when it is not among the loaded rows.
    virtual int rowOf(const QString &id) const = 0;
    /// Number of rows the filter matches; -1 until the count arrives.
    int totalCount() const { return m_total; }
    bool isLoading() const { return m_fetching; }

    int columnCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;

Q_SIGNALS:
    void totalCountChanged(int count);
    void loadingChanged(bool loading);
    /// A page arrived (rows were appended, possibly none).
    void pageLoaded();
    void loadFailed(const QString &message);

protected:
    PagedTableModelBase(Session &session, int columns, QObject *parent);
    /// Session::documentChanged: the document may have entered, left or changed in the list.
    virtual void documentChanged(const QString &id) = 0;

    Session &m_session;
    // A new filter starts a new generation; pages and counts of an older one are dropped when they arrive.
    int m_generation = 0;
    int m_total = -1;
    bool m_fetching = false;
    bool m_exhausted = false;

private:
    int m_columns;
};

/// A register as a table that loads itself a page at a time: the view asks for more rows as the user scrolls
/// (canFetchMore/fetchMore), each page is read in a worker, so a workspace of a million entries opens at once
/// and the UI thread never waits on the database. Which service reads the rows is the subclass's choice.
template<typename Document, typename Filter> class PagedTableModel : public PagedTableModelBase
{
public:
    /// How the rows are read, in a worker. The filter's limit and offset are the model's business.
    struct Reader
    {
        std::function<core::Result<QList<Document>>(Session &, const Filter &)> list;
        std::function<core::Result<int>(Session &, const Filter &)> count;
        std::function<core::Result<Document>(Session &, const QString &)> get;
    };

    /// Replaces the filter and reloads from the first page.
    void setFilter(const Filter &filter)
    {
        m_filter = filter;
        reload();
    }
    const Filter &filter() const { return m_filter; }

    void reload() override
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

    const Document *documentAt(int row) const
    {
        return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
    }

    int rowOf(const QString &id) const override
    {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].id == id)
                return i;
        return -1;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        const Document *d = documentAt(index.row());
        if (!d)
            return {};
        if (role == IdRole)
            return d->id;
        return cellData(*d, index.column(), role);
    }

    void fetchMore(const QModelIndex &parent) override
    {
        if (parent.isValid() || m_exhausted || m_fetching)
            return;
        m_fetching = true;
        Q_EMIT loadingChanged(true);
        const int generation = m_generation;
        Filter f = m_filter;
        f.limit = PageSize;
        f.offset = int(m_rows.size());
        Session *session = &m_session;
        m_session.run(
            this, [session, f, list = m_reader.list]() { return list(*session, f); },
            [this, generation](const core::Result<QList<Document>> &page) {
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

protected:
    PagedTableModel(Session &session, int columns, Reader reader, Filter initial, QObject *parent)
        : PagedTableModelBase(session, columns, parent), m_reader(std::move(reader)),
          m_filter(std::move(initial))
    {}

    /// What a cell shows for `role` (the id role is answered here).
    virtual QVariant cellData(const Document &doc, int column, int role) const = 0;

    /// Counts the filter's matches in a worker; the count is dropped if the filter changed meanwhile.
    void countInWorker()
    {
        const int generation = m_generation;
        Filter f = m_filter;
        f.limit = 0;
        f.offset = 0;
        Session *session = &m_session;
        m_session.run(
            this, [session, f, count = m_reader.count]() { return count(*session, f); },
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

    /// Reads document `id` in a worker and hands it to `arrived`, unless the filter changed meanwhile.
    void readDocument(const QString &id, std::function<void(const core::Result<Document> &)> arrived)
    {
        const int generation = m_generation;
        Session *session = &m_session;
        m_session.run(
            this, [session, id, get = m_reader.get]() { return get(*session, id); },
            [this, generation, arrived](const core::Result<Document> &doc) {
                if (generation == m_generation)
                    arrived(doc);
            });
    }

    /// Puts `doc` (list-sized) in place of the row and repaints it.
    void replaceRow(int row, const Document &doc)
    {
        m_rows[row] = doc;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    }

private:
    Reader m_reader;
    Filter m_filter;
    QList<Document> m_rows;
};

} // namespace govdesk::gui
