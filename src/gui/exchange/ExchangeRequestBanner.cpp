#include "ExchangeRequestBanner.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/exchange/ExchangeText.h"
#include "gui/exchange/RefuseRequestDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace govdesk::gui {

ExchangeRequestBanner::ExchangeRequestBanner(Session &session, QWidget *parent)
    : QFrame(parent), m_session(session), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_error(new QLabel(this)), m_accept(new QPushButton(tr("A&gree"), this)),
      m_refuse(new QPushButton(tr("Re&fuse…"), this))
{
    setObjectName(QStringLiteral("exchangeRequestBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#exchangeRequestBanner{background:#fff4ce;border:1px solid #e0b400;"
                                 "border-radius:3px}"
                                 "#exchangeRequestBanner QLabel{background:transparent;border:none}"));
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(icon + 8));
    m_text->setObjectName(QStringLiteral("exchangeRequestText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_text->font();
    bold.setBold(true);
    m_text->setFont(bold);
    m_error->setObjectName(QStringLiteral("exchangeRequestError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->hide();
    m_accept->setObjectName(QStringLiteral("acceptRequestButton"));
    m_refuse->setObjectName(QStringLiteral("refuseRequestButton"));
    for (QPushButton *b : {m_accept, m_refuse})
        b->setAutoDefault(false);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_text);
    texts->addWidget(m_error);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_accept, 0, Qt::AlignVCenter);
    layout->addWidget(m_refuse, 0, Qt::AlignVCenter);

    connect(m_accept, &QPushButton::clicked, this, &ExchangeRequestBanner::acceptRequest);
    connect(m_refuse, &QPushButton::clicked, this, &ExchangeRequestBanner::refuseRequest);
    hide();
}

void ExchangeRequestBanner::clear()
{
    m_request = exchange::ExchangeRequest();
    m_error->hide();
    hide();
}

void ExchangeRequestBanner::setRequest(const exchange::ExchangeRequest &request, const QString &sender,
                                       int others)
{
    if (request.id.isEmpty()) {
        clear();
        return;
    }
    if (request.id != m_request.id)
        m_error->hide();
    m_request = request;
    QString text = ExchangeText::requestSentence(sender.isEmpty() ? request.sender : sender, request);
    if (others > 0)
        text += QLatin1Char(' ') + tr("(%1 more request(s) about this document)").arg(others);
    m_text->setText(text);
    setToolTip(tr("Received over the document exchange on %1. Agreeing answers the sender with status 15; "
                  "refusing, with status 16 and your reason.")
                   .arg(dateTimeText(request.createdAt.toLocalTime())));
    const bool clerk = m_session.user().can(core::Permission::RegisterIncoming);
    m_accept->setVisible(clerk);
    m_refuse->setVisible(clerk);
    m_accept->setEnabled(true);
    m_refuse->setEnabled(true);
    if (request.kind == QLatin1String("update"))
        m_accept->setToolTip(tr("Apply the new information to the register entry"));
    else if (request.kind == QLatin1String("replace"))
        m_accept->setToolTip(
            tr("Close this document as withdrawn; the replacing document is handled instead"));
    else
        m_accept->setToolTip(tr("Close this document as withdrawn by the sender; it stays on record"));
    show();
}

void ExchangeRequestBanner::acceptRequest()
{
    if (m_request.id.isEmpty())
        return;
    const exchange::ExchangeRequest request = m_request;
    m_accept->setEnabled(false);
    m_refuse->setEnabled(false);
    m_error->hide();
    m_busy.set(true);
    Session *session = &m_session;
    m_session.run(
        this,
        [session, request]() {
            auto decided = session->exchange().decide(session->user(), request.id, true, QString());
            if (!decided)
                return decided.error();
            // The document was withdrawn (or updated) by the service: the views read it again, and the
            // answer to the sender leaves with a sync started now.
            Q_EMIT session->documentChanged(request.incomingId);
            if (!request.newIncomingId.isEmpty())
                Q_EMIT session->documentChanged(request.newIncomingId);
            Q_EMIT session->exchangeQueued();
            return core::Error();
        },
        [this](const core::Error &error) {
            m_busy.set(false);
            m_accept->setEnabled(true);
            m_refuse->setEnabled(true);
            if (error.isNull())
                return;
            m_error->setText(error.bilingual());
            m_error->show();
        });
}

void ExchangeRequestBanner::refuseRequest()
{
    if (m_request.id.isEmpty())
        return;
    auto *dialog = new RefuseRequestDialog(m_session, m_request, m_text->text(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace govdesk::gui
