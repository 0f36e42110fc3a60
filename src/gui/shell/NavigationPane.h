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
        ExchangeRequests, // liên thông: senders' requests to recall or replace a document (opens a dialog)
    };

    explicit NavigationPane(QWidget *parent = nullptr);

    static bool isOutgoing(Entry entry)
    {
        return entry == Entry::AllOutgoing || entry == Entry::OutgoingAwaitingMe || entry == Entry::MyDrafts;
    }

    /// Entries that open a dialog when clicked instead of showing a list.
    static bool opensDialog(Entry entry)
    {
        return entry == Entry::Registers || entry == Entry::ExchangeRequests;
    }

    void setAwaitingMeToolTip(const QString &tip);
    /// Shows or hides an entry (the exchange's requests are only for the clerk of a connected workspace).
    void setEntryVisible(Entry entry, bool visible);
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
