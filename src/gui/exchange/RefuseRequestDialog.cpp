#include "RefuseRequestDialog.h"

#include "gui/Session.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace govdesk::gui {

RefuseRequestDialog::RefuseRequestDialog(Session &session, const exchange::ExchangeRequest &request,
                                         const QString &sentence, QWidget *parent)
    : DocumentActionDialog(session, parent), m_request(request), m_reason(new QPlainTextEdit(this)),
      m_error(new QLabel(this)), m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("refuseRequestDialog"));
    setWindowTitle(tr("Refuse the request"));
    auto *what = new QLabel(sentence, this);
    what->setObjectName(QStringLiteral("requestLabel"));
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    auto *label = new QLabel(tr("&Reason for refusing (sent to the requesting agency):"), this);
    label->setBuddy(m_reason);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setTabChangesFocus(true);
    m_reason->setPlaceholderText(tr("Required, e.g. the document is already being handled"));
    m_reason->setMaximumHeight(110);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c6001f;"));
    m_error->hide();
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->setStandardButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Refuse"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RefuseRequestDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RefuseRequestDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addSpacing(4);
    layout->addWidget(label);
    layout->addWidget(m_reason);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_reason->setFocus();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

QString RefuseRequestDialog::errorText(const core::Error &error) const
{
    return error.bilingual();
}

void RefuseRequestDialog::accept()
{
    const QString id = m_request.id;
    const QString incoming = m_request.incomingId;
    const QString reason = m_reason->toPlainText().trimmed();
    submit(
        [=](Session &s) {
            auto decided = s.exchange().decide(s.user(), id, false, reason);
            if (decided) {
                Q_EMIT s.documentChanged(incoming);
                Q_EMIT s.exchangeQueued();
            }
            return decided;
        },
        m_buttons, m_error);
}

} // namespace govdesk::gui
