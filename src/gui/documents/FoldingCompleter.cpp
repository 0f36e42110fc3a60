#include "FoldingCompleter.h"

#include "core/TextFold.h"

namespace govdesk::gui {

FoldingCompleter::FoldingCompleter(QAbstractItemModel *model, QObject *parent) : QCompleter(model, parent)
{
    setCompletionRole(SearchRole);
    setFilterMode(Qt::MatchContains);
    setCaseSensitivity(Qt::CaseInsensitive);
    setCompletionMode(QCompleter::PopupCompletion);
    setMaxVisibleItems(12);
}

QStringList FoldingCompleter::splitPath(const QString &path) const
{
    return {core::foldForSearch(path)};
}

QString FoldingCompleter::pathFromIndex(const QModelIndex &index) const
{
    return index.data(Qt::DisplayRole).toString();
}

} // namespace govdesk::gui
