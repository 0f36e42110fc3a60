#pragma once

#include <QTreeWidget>

namespace govdesk::gui {

/// The left-hand navigation: the modules that exist and their views. Only working modules are listed.
class NavigationPane : public QTreeWidget
{
    Q_OBJECT
public:
    enum class Entry
    {
        AllIncoming,
        AwaitingMe,
        Overdue,
        Registers
    };

    explicit NavigationPane(QWidget *parent = nullptr);

    void setAwaitingMeToolTip(const QString &tip);
    /// Shows a number after the entry's name ("Quá hạn (3)"); negative hides it.
    void setCount(Entry entry, int count);
    void select(Entry entry);
    Entry current() const;

Q_SIGNALS:
    void entryChosen(Entry entry);

private:
    QTreeWidgetItem *item(Entry entry) const;
    QString baseText(Entry entry) const;
};

} // namespace govdesk::gui
