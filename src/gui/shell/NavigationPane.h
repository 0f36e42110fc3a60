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
        Registers,
        AllOutgoing,
        OutgoingAwaitingMe, // "Chờ tôi xử lý": the next step of the drafting chain is the user's
        MyDrafts,           // outgoing documents the user drafted
    };

    explicit NavigationPane(QWidget *parent = nullptr);

    static bool isOutgoing(Entry entry)
    {
        return entry == Entry::AllOutgoing || entry == Entry::OutgoingAwaitingMe || entry == Entry::MyDrafts;
    }

    void setAwaitingMeToolTip(const QString &tip);
    void setEntryToolTip(Entry entry, const QString &tip);
    /// Shows a number after the entry's name ("Quá hạn (3)"); negative hides it.
    void setCount(Entry entry, int count);
    /// The number shown after the entry's name; -1 while none is shown.
    int count(Entry entry) const;
    void select(Entry entry);
    Entry current() const;

Q_SIGNALS:
    void entryChosen(Entry entry);

private:
    QTreeWidgetItem *item(Entry entry) const;
    QString baseText(Entry entry) const;
};

} // namespace govdesk::gui
