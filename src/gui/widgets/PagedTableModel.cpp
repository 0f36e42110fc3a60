#include "PagedTableModel.h"

namespace govdesk::gui {

PagedTableModelBase::PagedTableModelBase(Session &session, int columns, QObject *parent)
    : QAbstractTableModel(parent), m_session(session), m_columns(columns)
{
    connect(&m_session, &Session::documentChanged, this, [this](const QString &id) { documentChanged(id); });
}

int PagedTableModelBase::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool PagedTableModelBase::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

} // namespace govdesk::gui
