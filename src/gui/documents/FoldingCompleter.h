#pragma once

#include <QCompleter>

namespace govdesk::gui {

/// Completion that ignores diacritics, case and word order the way the service's search does: "so tai"
/// offers "Sở Tài chính", "stc" or a mã định danh finds the unit too. Each item carries its folded search
/// text in SearchRole; the display text is what gets inserted.
class FoldingCompleter : public QCompleter
{
    Q_OBJECT
public:
    static constexpr int SearchRole = Qt::UserRole + 10;

    explicit FoldingCompleter(QAbstractItemModel *model, QObject *parent = nullptr);

    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;
};

} // namespace govdesk::gui
