#pragma once

#include "gui/scanning/ProposedFields.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace govdesk::gui {

/// What OCR read for one form field, shown right under the field: the value, a coloured confidence badge
/// ("92 %") and "Use". Clicking the row selects it (the page preview then marks where it was read).
class FieldProposalRow : public QFrame
{
    Q_OBJECT
public:
    explicit FieldProposalRow(QWidget *parent = nullptr);

    void setProposal(const FieldProposal &proposal);
    const FieldProposal &proposal() const { return m_proposal; }
    /// The field holds the proposed value: the row says so and "Use" is off.
    void setUsed(bool used);
    bool isUsed() const { return m_used; }
    void setSelected(bool selected);
    bool isSelected() const { return m_selected; }
    QPushButton *useButton() const { return m_use; }

    /// The field's name as the clerk sees it ("Số và ký hiệu"), for questions about it.
    static QString fieldName(ProposedField field);

Q_SIGNALS:
    void useRequested();
    void selectRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateStyle();

    FieldProposal m_proposal;
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_badge;
    QPushButton *m_use;
    bool m_used = false;
    bool m_selected = false;
};

} // namespace govdesk::gui
