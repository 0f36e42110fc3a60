#include "NavigationPane.h"

#include <QHeaderView>

namespace govdesk::gui {

static constexpr int EntryRole = Qt::UserRole + 1;
static constexpr int CountRole = Qt::UserRole + 2;

NavigationPane::NavigationPane(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("navigationPane"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(14);
    setUniformRowHeights(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumWidth(170);

    QFont moduleFont = font();
    moduleFont.setBold(true);
    auto *incoming = new QTreeWidgetItem(this, {tr("Incoming documents")});
    incoming->setFont(0, moduleFont);
    incoming->setFlags(Qt::ItemIsEnabled);
    incoming->setIcon(0, style()->standardIcon(QStyle::SP_DirOpenIcon));
    for (Entry e : {Entry::AllIncoming, Entry::AwaitingMe, Entry::Overdue}) {
        auto *child = new QTreeWidgetItem(incoming, {baseText(e)});
        child->setData(0, EntryRole, int(e));
        child->setData(0, CountRole, -1);
    }
    // Liên thông: the senders' requests about documents received over the exchange, for the clerk.
    auto *requests = new QTreeWidgetItem(incoming, {baseText(Entry::ExchangeRequests)});
    requests->setData(0, EntryRole, int(Entry::ExchangeRequests));
    requests->setData(0, CountRole, -1);
    requests->setToolTip(0,
                         tr("Requests of senders to recall, revoke, update or replace a document they sent "
                            "over the document exchange, waiting for your decision"));
    requests->setHidden(true);
    incoming->setExpanded(true);
    auto *outgoing = new QTreeWidgetItem(this, {tr("Outgoing documents")});
    outgoing->setFont(0, moduleFont);
    outgoing->setFlags(Qt::ItemIsEnabled);
    outgoing->setIcon(0, style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    for (Entry e : {Entry::AllOutgoing, Entry::OutgoingAwaitingMe, Entry::MyDrafts}) {
        auto *child = new QTreeWidgetItem(outgoing, {baseText(e)});
        child->setData(0, EntryRole, int(e));
        child->setData(0, CountRole, -1);
    }
    outgoing->setExpanded(true);
    item(Entry::AllOutgoing)->setToolTip(0, tr("Every outgoing document you may see, newest number first"));
    item(Entry::MyDrafts)->setToolTip(0, tr("Outgoing documents you drafted, at every step"));
    auto *registers = new QTreeWidgetItem(this, {baseText(Entry::Registers)});
    registers->setFont(0, moduleFont);
    registers->setData(0, EntryRole, int(Entry::Registers));
    registers->setIcon(0, style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    registers->setToolTip(0, tr("Print or export the registers of incoming documents"));
    item(Entry::Overdue)->setToolTip(0, tr("Documents past their handling deadline and not yet completed"));

    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *it) {
        if (it && it->data(0, EntryRole).isValid())
            Q_EMIT entryChosen(Entry(it->data(0, EntryRole).toInt()));
    });
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *it) {
        // Keyboard and mouse both choose a view by moving the selection; the register opens on activation
        // only, so arrowing past it does not pop up a dialog.
        if (it && it->data(0, EntryRole).isValid() && !opensDialog(Entry(it->data(0, EntryRole).toInt())))
            Q_EMIT entryChosen(Entry(it->data(0, EntryRole).toInt()));
    });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *it) {
        if (it && it->data(0, EntryRole).isValid() && opensDialog(Entry(it->data(0, EntryRole).toInt())))
            Q_EMIT entryChosen(Entry(it->data(0, EntryRole).toInt()));
    });
}

QString NavigationPane::baseText(Entry entry) const
{
    switch (entry) {
    case Entry::AllIncoming:
        return tr("All");
    case Entry::AwaitingMe:
        return tr("Awaiting me");
    case Entry::Overdue:
        return tr("Overdue");
    case Entry::Registers:
        return tr("Registers");
    case Entry::AllOutgoing:
        return tr("All outgoing documents");
    case Entry::OutgoingAwaitingMe:
        return tr("Awaiting me");
    case Entry::MyDrafts:
        return tr("My drafts");
    case Entry::ExchangeRequests:
        return tr("Recall/replace requests");
    }
    return {};
}

QTreeWidgetItem *NavigationPane::item(Entry entry) const
{
    for (QTreeWidgetItemIterator it(const_cast<NavigationPane *>(this)); *it; ++it)
        if ((*it)->data(0, EntryRole).isValid() && (*it)->data(0, EntryRole).toInt() == int(entry))
            return *it;
    return nullptr;
}

void NavigationPane::setAwaitingMeToolTip(const QString &tip)
{
    setEntryToolTip(Entry::AwaitingMe, tip);
}

void NavigationPane::setEntryToolTip(Entry entry, const QString &tip)
{
    if (QTreeWidgetItem *it = item(entry))
        it->setToolTip(0, tip);
}

int NavigationPane::count(Entry entry) const
{
    QTreeWidgetItem *it = item(entry);
    return it ? it->data(0, CountRole).toInt() : -1;
}

void NavigationPane::setCount(Entry entry, int count)
{
    QTreeWidgetItem *it = item(entry);
    if (!it)
        return;
    it->setData(0, CountRole, count);
    it->setText(0, count > 0 ? QStringLiteral("%1 (%2)").arg(baseText(entry)).arg(count) : baseText(entry));
    if (entry == Entry::Overdue || entry == Entry::ExchangeRequests)
        it->setForeground(0, count > 0 ? QBrush(QColor(0xc6, 0x00, 0x1f)) : QBrush());
}

void NavigationPane::setEntryVisible(Entry entry, bool visible)
{
    if (QTreeWidgetItem *it = item(entry))
        it->setHidden(!visible);
}

void NavigationPane::select(Entry entry)
{
    if (QTreeWidgetItem *it = item(entry))
        setCurrentItem(it);
}

NavigationPane::Entry NavigationPane::current() const
{
    QTreeWidgetItem *it = currentItem();
    return it && it->data(0, EntryRole).isValid() ? Entry(it->data(0, EntryRole).toInt())
                                                  : Entry::AllIncoming;
}

} // namespace govdesk::gui
