#include "IncomingListView.h"

#include "gui/Session.h"
#include "gui/documents/IncomingTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace govdesk::gui {

using documents::IncomingFilter;
using documents::IncomingStatus;
using documents::Urgency;
using documents::Vocabulary;

IncomingListView::IncomingListView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new IncomingTableModel(session, this)),
      m_table(new QTableView(this)), m_search(new QLineEdit(this)), m_status(new QComboBox(this)),
      m_urgency(new QComboBox(this)), m_unit(new QComboBox(this)), m_year(new QComboBox(this)),
      m_overdue(new QCheckBox(tr("&Overdue"), this)), m_count(new QLabel(this)), m_error(new QLabel(this)),
      m_searchTimer(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search number, notation, summary, author… (accents optional)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::LeadingPosition);

    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All statuses"), -1);
    for (IncomingStatus s : Vocabulary::allStatuses())
        m_status->addItem(Vocabulary::displayName(s), int(s));

    m_urgency->setObjectName(QStringLiteral("urgencyFilter"));
    m_urgency->addItem(tr("Any urgency"), -1);
    m_urgency->addItem(tr("Urgent and above"), int(Urgency::Khan));
    m_urgency->addItem(tr("Very urgent and above"), int(Urgency::ThuongKhan));
    m_urgency->addItem(Vocabulary::displayName(Urgency::HoaToc), int(Urgency::HoaToc));

    m_unit->setObjectName(QStringLiteral("unitFilter"));
    m_unit->addItem(tr("All units"), QString());
    for (const core::OrgUnit &u : m_session.internalUnits())
        m_unit->addItem(u.name, u.id);
    m_unit->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_unit->setMaximumWidth(260);

    m_year->setObjectName(QStringLiteral("yearFilter"));
    m_year->addItem(tr("All years"), 0);
    const int thisYear = QDate::currentDate().year();
    for (int y = thisYear; y > thisYear - 10; --y)
        m_year->addItem(QString::number(y), y);

    m_overdue->setObjectName(QStringLiteral("overdueFilter"));
    m_overdue->setToolTip(tr("Only documents past their handling deadline and not yet completed"));

    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setMinimumWidth(110);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_error->setObjectName(QStringLiteral("listError"));
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 3);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_urgency, 1);
    bar->addWidget(m_unit, 1);
    bar->addWidget(m_year);
    bar->addWidget(m_overdue);
    bar->addWidget(m_count);

    m_table->setObjectName(QStringLiteral("incomingTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(IncomingTableModel::ArrivalNumber, Qt::DescendingOrder);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(IncomingTableModel::TypeAndSubject, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    // Wide enough for a typical value and for the (translated) header with its sort arrow.
    auto width = [&](const QString &sample) { return fm.horizontalAdvance(sample) + 24; };
    const QFontMetrics headerMetrics(header->font());
    auto setWidth = [&](int column, const QString &sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column, std::max(width(sample), headerMetrics.horizontalAdvance(title) + 34));
    };
    setWidth(IncomingTableModel::ArrivalNumber, QStringLiteral("Số đến ▼"));
    setWidth(IncomingTableModel::ArrivalDate, QStringLiteral("00/00/0000"));
    setWidth(IncomingTableModel::Author, QStringLiteral("Sở Nông nghiệp và PTN"));
    setWidth(IncomingTableModel::Reference, QStringLiteral("125/QĐ-UBND"));
    setWidth(IncomingTableModel::DocumentDate, QStringLiteral("00/00/0000"));
    setWidth(IncomingTableModel::Urgency, QStringLiteral("Thượng khẩn"));
    setWidth(IncomingTableModel::Deadline, QStringLiteral("00/00/0000"));
    setWidth(IncomingTableModel::Handler, QStringLiteral("Phạm Thị Lan"));
    setWidth(IncomingTableModel::Status, QStringLiteral("Đã phân công"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    // Typing waits for a short pause, so each keystroke does not start a query; Enter searches at once.
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        applyFilter();
    });
    connect(m_searchTimer, &QTimer::timeout, this, &IncomingListView::applyFilter);
    for (QComboBox *combo : {m_status, m_urgency, m_unit, m_year})
        connect(combo, &QComboBox::currentIndexChanged, this, &IncomingListView::applyFilter);
    connect(m_overdue, &QCheckBox::toggled, this, &IncomingListView::applyFilter);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &IncomingListView::onSortIndicatorChanged);

    connect(m_model, &IncomingTableModel::totalCountChanged, this, &IncomingListView::updateCount);
    connect(m_model, &IncomingTableModel::loadingChanged, this, &IncomingListView::updateCount);
    connect(m_model, &IncomingTableModel::pageLoaded, this, &IncomingListView::trySelectPending);
    connect(m_model, &IncomingTableModel::modelAboutToBeReset, this, [this] {
        // Keep the open document selected across a refresh.
        if (m_pendingSelection.isEmpty())
            m_pendingSelection = m_currentId;
        m_error->hide();
    });
    connect(m_model, &IncomingTableModel::loadFailed, this, [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return; // a refresh; the entry is selected again when it is back
                const QString id = current.data(IncomingTableModel::IdRole).toString();
                if (id == m_currentId)
                    return;
                m_currentId = id;
                m_pendingSelection.clear();
                Q_EMIT currentDocumentChanged(id);
            });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT documentActivated(index.data(IncomingTableModel::IdRole).toString());
    });
    updateCount();
}

void IncomingListView::setBaseFilter(const IncomingFilter &base)
{
    m_base = base;
    applyFilter();
}

void IncomingListView::clearFilters()
{
    const QSignalBlocker blocks[] = {QSignalBlocker(m_search),  QSignalBlocker(m_status),
                                     QSignalBlocker(m_urgency), QSignalBlocker(m_unit),
                                     QSignalBlocker(m_year),    QSignalBlocker(m_overdue)};
    m_search->clear();
    m_status->setCurrentIndex(0);
    m_urgency->setCurrentIndex(0);
    m_unit->setCurrentIndex(0);
    m_year->setCurrentIndex(0);
    m_overdue->setChecked(false);
    m_searchTimer->stop();
}

void IncomingListView::reload()
{
    m_model->reload();
}

void IncomingListView::applyFilter()
{
    IncomingFilter f = m_base;
    const QString search = m_search->text().trimmed();
    if (search.isEmpty() != m_model->filter().search.isEmpty())
        m_userSorted = false; // a new search starts in order of relevance
    f.search = search;
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.statuses = {IncomingStatus(s)};
    if (const int u = m_urgency->currentData().toInt(); u >= 0)
        f.urgency = Urgency(u);
    if (const QString unit = m_unit->currentData().toString(); !unit.isEmpty())
        f.unitId = unit;
    if (const int y = m_year->currentData().toInt(); y > 0)
        f.year = y;
    if (m_overdue->isChecked())
        f.overdueOnly = true;

    QHeaderView *header = m_table->horizontalHeader();
    const QSignalBlocker block(header);
    if (!search.isEmpty() && !m_userSorted) {
        f.sort = IncomingFilter::Sort::Relevance;
        f.order = Qt::AscendingOrder;
        header->setSortIndicator(-1, Qt::AscendingOrder);
    } else {
        f.sort = IncomingTableModel::sortKey(m_sortColumn).value_or(IncomingFilter::Sort::ArrivalNumber);
        f.order = m_sortOrder;
        header->setSortIndicator(m_sortColumn, m_sortOrder);
    }
    m_model->setFilter(f);
}

void IncomingListView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (column < 0)
        return;
    if (!IncomingTableModel::sortKey(column)) {
        // Urgency and handler have no order in the register: keep the current one.
        const QSignalBlocker block(m_table->horizontalHeader());
        if (!m_model->filter().search.isEmpty() && !m_userSorted)
            m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        else
            m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    m_userSorted = true;
    applyFilter();
}

void IncomingListView::updateCount()
{
    const int total = m_model->totalCount();
    if (total < 0)
        m_count->setText(tr("Counting…"));
    else
        m_count->setText(tr("%n document(s)", nullptr, total));
}

void IncomingListView::selectDocument(const QString &id)
{
    m_pendingSelection = id;
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_pendingSelection.clear();
        m_table->setCurrentIndex(m_model->index(row, IncomingTableModel::ArrivalNumber));
        m_table->scrollTo(m_model->index(row, 0));
    }
}

void IncomingListView::trySelectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_model->rowOf(m_pendingSelection);
    if (row >= 0) {
        const QString id = m_pendingSelection;
        m_pendingSelection.clear();
        const bool same = id == m_currentId;
        m_currentId = same ? id : QString();
        m_table->setCurrentIndex(m_model->index(row, IncomingTableModel::ArrivalNumber));
        m_table->scrollTo(m_model->index(row, 0));
        return;
    }
    if (!m_model->canFetchMore({}))
        m_pendingSelection.clear(); // not in this view
}

QString IncomingListView::currentDocumentId() const
{
    return m_currentId;
}

void IncomingListView::saveState(const QString &key) const
{
    QSettings().setValue(key + QStringLiteral("/header"), m_table->horizontalHeader()->saveState());
}

void IncomingListView::restoreState(const QString &key)
{
    const QByteArray state = QSettings().value(key + QStringLiteral("/header")).toByteArray();
    if (!state.isEmpty()) {
        const QSignalBlocker block(m_table->horizontalHeader());
        m_table->horizontalHeader()->restoreState(state);
        m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
    }
}

} // namespace govdesk::gui
