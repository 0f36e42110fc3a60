#include "ExchangeRequestsDialog.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/exchange/ExchangeText.h"
#include "gui/exchange/RefuseRequestDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using exchange::ExchangeRequest;

struct ExchangeRequestsDialog::Row
{
    ExchangeRequest request;
    QString document; // "Số đến 12 — 15/UBND-KT — Kế hoạch …"
    QString sender;   // the sender's name as the document says it
};

ExchangeRequestsDialog::ExchangeRequestsDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_summary(new QLabel(this)), m_tree(new QTreeWidget(this)),
      m_error(new QLabel(this)), m_openButton(new QPushButton(tr("&Open document"), this)),
      m_acceptButton(new QPushButton(tr("A&gree"), this)),
      m_refuseButton(new QPushButton(tr("Re&fuse…"), this))
{
    setObjectName(QStringLiteral("exchangeRequestsDialog"));
    setWindowTitle(tr("Requests to recall or replace"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading the requests…"));
    m_tree->setObjectName(QStringLiteral("requestsTree"));
    m_tree->setHeaderLabels({tr("Received"), tr("From"), tr("Asks to"), tr("Document"), tr("Reason")});
    m_tree->setRootIsDecorated(false);
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->header()->setStretchLastSection(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->hide();
    m_openButton->setObjectName(QStringLiteral("openRequestDocumentButton"));
    m_acceptButton->setObjectName(QStringLiteral("acceptRequestButton"));
    m_refuseButton->setObjectName(QStringLiteral("refuseRequestButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    for (QPushButton *b : {m_openButton, m_acceptButton, m_refuseButton}) {
        b->setAutoDefault(false);
        buttons->addButton(b, QDialogButtonBox::ActionRole);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ExchangeRequestsDialog::updateButtons);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this] {
        if (const int i = currentIndex(); i >= 0)
            Q_EMIT openDocument(m_requests[i].incomingId);
    });
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        if (const int i = currentIndex(); i >= 0)
            Q_EMIT openDocument(m_requests[i].incomingId);
    });
    connect(m_acceptButton, &QPushButton::clicked, this, &ExchangeRequestsDialog::acceptCurrent);
    connect(m_refuseButton, &QPushButton::clicked, this, &ExchangeRequestsDialog::refuseCurrent);
    // A decision taken here or in the document's banner changes the list.
    connect(&m_session, &Session::documentChanged, this, &ExchangeRequestsDialog::reload);
    resize(900, 360);
    updateButtons();
    reload();
}

ExchangeRequestsDialog::~ExchangeRequestsDialog() = default;

void ExchangeRequestsDialog::reload()
{
    const int generation = ++m_generation;
    Session *s = &m_session;
    struct Read
    {
        QList<Row> rows;
        core::Error error;
    };
    m_session.run(
        this,
        [s]() {
            Read r;
            auto open = s->exchange().requests(s->user());
            if (!open) {
                r.error = open.error();
                return r;
            }
            for (const ExchangeRequest &q : open.value()) {
                Row row{q, {}, {}};
                if (auto in = s->incoming().get(s->user(), q.incomingId)) {
                    const QString reference = in->reference().isEmpty() ? in->typeName : in->reference();
                    row.document = in->arrivalNumber > 0
                                       ? tr("Arrival no. %1 — %2 — %3")
                                             .arg(in->arrivalNumber)
                                             .arg(reference, in->subject)
                                       : tr("Not yet registered — %1 — %2").arg(reference, in->subject);
                    if (in->authorCode == q.sender)
                        row.sender = in->authorName;
                }
                r.rows << row;
            }
            return r;
        },
        [this, generation](const Read &r) {
            if (generation == m_generation)
                fill(r.rows, r.error);
        });
}

void ExchangeRequestsDialog::fill(const QList<Row> &rows, const core::Error &error)
{
    const QString current = currentIndex() >= 0 ? m_requests[currentIndex()].id : QString();
    m_requests.clear();
    m_sentences.clear();
    m_tree->clear();
    if (!error.isNull()) {
        m_error->setText(error.bilingual());
        m_error->show();
    }
    for (const Row &row : rows) {
        const ExchangeRequest &q = row.request;
        QString sender = ExchangeText::organName(m_session, q.sender);
        if (sender.isEmpty())
            sender = row.sender.isEmpty() ? q.sender : row.sender;
        m_requests << q;
        m_sentences << ExchangeText::requestSentence(sender, q);
        auto *item = new QTreeWidgetItem(m_tree, {dateTimeText(q.createdAt.toLocalTime()), sender,
                                                  ExchangeText::requestKind(q.kind), row.document, q.reason});
        item->setToolTip(1, q.sender);
        item->setToolTip(3, row.document);
        item->setToolTip(4, q.reason);
        if (q.id == current)
            m_tree->setCurrentItem(item);
    }
    if (!m_tree->currentItem() && m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    for (int c : {0, 1, 2})
        m_tree->resizeColumnToContents(c);
    m_tree->setColumnWidth(3, 320);
    m_summary->setText(rows.isEmpty()
                           ? tr("No request waits for a decision.")
                           : tr("%1 request(s) wait for your decision. Agreeing closes the document "
                                "as withdrawn by the sender (an update changes its entry instead); "
                                "the sender is told either way.")
                                 .arg(rows.size()));
    updateButtons();
    Q_EMIT reloaded();
}

int ExchangeRequestsDialog::currentIndex() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item ? m_tree->indexOfTopLevelItem(item) : -1;
}

void ExchangeRequestsDialog::updateButtons()
{
    const bool chosen = currentIndex() >= 0 && currentIndex() < m_requests.size();
    for (QPushButton *b : {m_openButton, m_acceptButton, m_refuseButton})
        b->setEnabled(chosen && !m_busy.isBusy());
}

void ExchangeRequestsDialog::acceptCurrent()
{
    const int i = currentIndex();
    if (i < 0 || i >= m_requests.size() || m_busy.isBusy())
        return;
    const ExchangeRequest request = m_requests[i];
    m_busy.set(true);
    m_error->hide();
    updateButtons();
    Session *s = &m_session;
    m_session.run(
        this,
        [s, request]() {
            auto decided = s->exchange().decide(s->user(), request.id, true, QString());
            if (!decided)
                return decided.error();
            Q_EMIT s->documentChanged(request.incomingId);
            if (!request.newIncomingId.isEmpty())
                Q_EMIT s->documentChanged(request.newIncomingId);
            Q_EMIT s->exchangeQueued();
            return core::Error();
        },
        [this](const core::Error &error) {
            m_busy.set(false);
            updateButtons();
            if (!error.isNull()) {
                m_error->setText(error.bilingual());
                m_error->show();
            }
        });
}

void ExchangeRequestsDialog::refuseCurrent()
{
    const int i = currentIndex();
    if (i < 0 || i >= m_requests.size())
        return;
    auto *dialog = new RefuseRequestDialog(m_session, m_requests[i], m_sentences.value(i), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace govdesk::gui
