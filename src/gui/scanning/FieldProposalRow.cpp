#include "FieldProposalRow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>

namespace govdesk::gui {

FieldProposalRow::FieldProposalRow(QWidget *parent)
    : QFrame(parent), m_caption(new QLabel(this)), m_value(new QLabel(this)), m_badge(new QLabel(this)),
      m_use(new QPushButton(tr("Use"), this))
{
    setObjectName(QStringLiteral("fieldProposal"));
    setFrameShape(QFrame::StyledPanel);
    setCursor(Qt::PointingHandCursor);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 4, 2);
    layout->setSpacing(6);
    m_caption->setObjectName(QStringLiteral("proposalCaption"));
    m_value->setObjectName(QStringLiteral("proposalValue"));
    m_value->setWordWrap(true);
    m_value->setTextFormat(Qt::PlainText);
    m_value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_badge->setObjectName(QStringLiteral("confidenceBadge"));
    m_badge->setAlignment(Qt::AlignCenter);
    m_badge->setToolTip(tr("How sure the text recognition is of this value"));
    m_use->setObjectName(QStringLiteral("useProposalButton"));
    m_use->setAutoDefault(false);
    m_use->setCursor(Qt::ArrowCursor);
    layout->addWidget(m_caption, 0, Qt::AlignTop);
    layout->addWidget(m_value, 1);
    layout->addWidget(m_badge, 0, Qt::AlignTop);
    layout->addWidget(m_use, 0, Qt::AlignTop);
    connect(m_use, &QPushButton::clicked, this, [this] {
        Q_EMIT selectRequested();
        Q_EMIT useRequested();
    });
    // Reaching "Use" with the keyboard shows where the value was read, as a click on the row does.
    m_use->installEventFilter(this);
    hide();
    updateStyle();
}

QString FieldProposalRow::fieldName(ProposedField field)
{
    switch (field) {
    case ProposedField::Organ:
        return tr("Issuing organisation");
    case ProposedField::Reference:
        return tr("Number and notation");
    case ProposedField::DocumentDate:
        return tr("Document date");
    case ProposedField::Type:
        return tr("Document type");
    case ProposedField::Subject:
        return tr("Summary");
    }
    return {};
}

void FieldProposalRow::setProposal(const FieldProposal &proposal)
{
    m_proposal = proposal;
    m_caption->setText(tr("Read:"));
    // A long trích yếu is shown in full in the tooltip.
    QString shown = proposal.display;
    if (shown.size() > 160)
        shown = shown.left(157) + QStringLiteral("…");
    m_value->setText(shown);
    QString tip = proposal.display;
    if (!proposal.read.isEmpty())
        tip += QLatin1Char('\n') + tr("As read on the page: %1").arg(proposal.read);
    if (proposal.page >= 0)
        tip += QLatin1Char('\n') + tr("Page %1 — click to see where").arg(proposal.page + 1);
    m_value->setToolTip(tip);
    m_badge->setText(confidenceText(proposal.confidence));
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 8px; "
                                          "padding: 1px 7px; font-weight: bold; }")
                               .arg(confidenceColour(proposal.confidence)));
    m_use->setToolTip(tr("Put this value into the field"));
    setUsed(false);
    show();
}

void FieldProposalRow::setUsed(bool used)
{
    m_used = used;
    m_use->setEnabled(!used);
    m_use->setText(used ? tr("✓ Used") : tr("Use"));
    updateStyle();
}

void FieldProposalRow::setSelected(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    updateStyle();
}

void FieldProposalRow::updateStyle()
{
    const QString background = m_selected ? QStringLiteral("#fff3d6") : QStringLiteral("#eef4fa");
    const QString border = m_selected ? QStringLiteral("#e65100") : QStringLiteral("#c5d5e6");
    setStyleSheet(
        QStringLiteral("QFrame#fieldProposal { background: %1; border: 1px solid %2; border-radius: 4px; }"
                       "QLabel#proposalCaption { color: #555; }")
            .arg(background, border));
}

void FieldProposalRow::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT selectRequested();
    QFrame::mousePressEvent(event);
}

bool FieldProposalRow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_use && event->type() == QEvent::FocusIn)
        Q_EMIT selectRequested();
    return QFrame::eventFilter(watched, event);
}

} // namespace govdesk::gui
