#include "DocumentListView.h"

#include "gui/Session.h"
#include "gui/widgets/PagedTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <vector>

namespace govdesk::gui {

static QString partName(const QString &prefix, const QString &part)
{
    return prefix.isEmpty() ? part : prefix + part.front().toUpper() + part.mid(1);
}

DocumentListView::DocumentListView(Session &session, PagedTableModelBase *model, const QString &namePrefix,
                                   QWidget *parent)
    : QWidget(parent), m_session(session), m_pages(model), m_table(new QTableView(this)),
      m_search(new QLineEdit(this)), m_bar(new QHBoxLayout), m_count(new QLabel(this)),
      m_error(new QLabel(this)), m_searchTimer(new QTimer(this))
{
    m_pages->setParent(this);
    m_search->setObjectName(partName(namePrefix, QStringLiteral("searchEdit")));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::LeadingPosition);

    m_count->setObjectName(partName(namePrefix, QStringLiteral("countLabel")));
    m_count->setMinimumWidth(110);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_error->setObjectName(partName(namePrefix, QStringLiteral("listError")));
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_bar->setContentsMargins(0, 0, 0, 0);
    m_bar->addWidget(m_search, 3);
    m_bar->addWidget(m_count);

    m_table->setModel(m_pages);
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
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(m_bar);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    // Typing waits for a short pause, so each keystroke does not start a query; Enter searches at once.
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &DocumentListView::filterNow);
    connect(m_searchTimer, &QTimer::timeout, this, &DocumentListView::filterNow);

    connect(m_pages, &PagedTableModelBase::totalCountChanged, this, &DocumentListView::updateCount);
    connect(m_pages, &PagedTableModelBase::loadingChanged, this, &DocumentListView::updateCount);
    connect(m_pages, &PagedTableModelBase::pageLoaded, this, &DocumentListView::trySelectPending);
    connect(m_pages, &PagedTableModelBase::modelAboutToBeReset, this, [this] {
        // Keep the open document selected across a refresh.
        if (m_pendingSelection.isEmpty())
            m_pendingSelection = m_currentId;
        m_error->hide();
    });
    connect(m_pages, &PagedTableModelBase::loadFailed, this, [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return; // a refresh; the document is selected again when it is back
                const QString id = current.data(PagedTableModelBase::IdRole).toString();
                if (id == m_currentId)
                    return;
                m_currentId = id;
                m_pendingSelection.clear();
                Q_EMIT currentDocumentChanged(id);
            });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT documentActivated(index.data(PagedTableModelBase::IdRole).toString());
    });
    updateCount();
}

QComboBox *DocumentListView::addFilter(const QString &name, const QString &any, const QVariant &anyValue,
                                       int stretch)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(name);
    combo->addItem(any, anyValue);
    m_bar->insertWidget(m_bar->count() - 1, combo, stretch);
    m_filters << combo;
    connect(combo, &QComboBox::currentIndexChanged, this, &DocumentListView::filterNow);
    return combo;
}

QComboBox *DocumentListView::addUnitFilter(const QString &name, const QString &any)
{
    QComboBox *combo = addFilter(name, any, QString());
    for (const core::OrgUnit &u : m_session.internalUnits())
        combo->addItem(u.name, u.id);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMaximumWidth(260);
    return combo;
}

QComboBox *DocumentListView::addYearFilter(const QString &name)
{
    QComboBox *combo = addFilter(name, tr("All years"), 0, 0);
    const int thisYear = QDate::currentDate().year();
    for (int y = thisYear; y > thisYear - 10; --y)
        combo->addItem(QString::number(y), y);
    return combo;
}

QCheckBox *DocumentListView::addCheckFilter(const QString &name, const QString &text)
{
    auto *check = new QCheckBox(text, this);
    check->setObjectName(name);
    m_bar->insertWidget(m_bar->count() - 1, check);
    m_filters << check;
    connect(check, &QCheckBox::toggled, this, &DocumentListView::filterNow);
    return check;
}

void DocumentListView::setColumnWidthFor(int column, const QString &sample)
{
    QHeaderView *header = m_table->horizontalHeader();
    const QString title = m_pages->headerData(column, Qt::Horizontal).toString();
    const int arrow = header->isSortIndicatorShown() ? 10 : 0;
    m_table->setColumnWidth(column,
                            std::max(m_table->fontMetrics().horizontalAdvance(sample) + 24,
                                     QFontMetrics(header->font()).horizontalAdvance(title) + 24 + arrow));
}

QString DocumentListView::searchText() const
{
    return m_search->text().trimmed();
}

void DocumentListView::filterNow()
{
    m_searchTimer->stop();
    applyFilter();
}

void DocumentListView::clearFilters()
{
    std::vector<QSignalBlocker> blocks;
    blocks.emplace_back(m_search);
    for (QWidget *filter : std::as_const(m_filters))
        blocks.emplace_back(filter);
    m_search->clear();
    for (QWidget *filter : std::as_const(m_filters)) {
        if (auto *combo = qobject_cast<QComboBox *>(filter))
            combo->setCurrentIndex(0);
        else if (auto *check = qobject_cast<QCheckBox *>(filter))
            check->setChecked(false);
    }
    m_searchTimer->stop();
}

void DocumentListView::reload()
{
    m_pages->reload();
}

void DocumentListView::updateCount()
{
    const int total = m_pages->totalCount();
    if (total < 0)
        m_count->setText(tr("Counting…"));
    else
        m_count->setText(tr("%n document(s)", nullptr, total));
}

void DocumentListView::selectDocument(const QString &id)
{
    m_pendingSelection = id;
    const int row = m_pages->rowOf(id);
    if (row >= 0) {
        m_pendingSelection.clear();
        m_table->setCurrentIndex(m_pages->index(row, 0));
        m_table->scrollTo(m_pages->index(row, 0));
    }
}

void DocumentListView::trySelectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_pages->rowOf(m_pendingSelection);
    if (row >= 0) {
        const QString id = m_pendingSelection;
        m_pendingSelection.clear();
        const bool same = id == m_currentId;
        m_currentId = same ? id : QString();
        m_table->setCurrentIndex(m_pages->index(row, 0));
        m_table->scrollTo(m_pages->index(row, 0));
        return;
    }
    if (!m_pages->canFetchMore({}))
        m_pendingSelection.clear(); // not in this view
}

void DocumentListView::saveState(const QString &key) const
{
    QSettings().setValue(key + QStringLiteral("/header"), m_table->horizontalHeader()->saveState());
}

void DocumentListView::restoreState(const QString &key)
{
    const QByteArray state = QSettings().value(key + QStringLiteral("/header")).toByteArray();
    if (!state.isEmpty())
        restoreHeader(state);
}

void DocumentListView::restoreHeader(const QByteArray &state)
{
    m_table->horizontalHeader()->restoreState(state);
}

} // namespace govdesk::gui
