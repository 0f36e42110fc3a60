#pragma once

#include "core/Error.h"
#include "documents/OutgoingDocument.h"
#include "gui/widgets/BusyCursor.h"

#include <QDialog>

#include <memory>

namespace Ui {
class IssuingBodiesDialog;
}

namespace govdesk::gui {

class Session;

/// Cơ quan ban hành trực thuộc: the administrator keeps the agency's advisory bodies (Hội đồng Thi đua -
/// Khen thưởng, Ban Chỉ đạo …) that issue documents in their own name — the list (with the ones that no
/// longer issue, on request), adding one (name and abbreviation; it gets its own outgoing register and
/// number sequence) and stopping one from issuing (its register and documents are kept). Every call runs
/// in a worker; a refusal shows in the dialog and nothing typed is lost.
class IssuingBodiesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit IssuingBodiesDialog(Session &session, QWidget *parent = nullptr);
    ~IssuingBodiesDialog() override;

    /// The bodies listed, in the order shown.
    const QList<documents::IssuingBody> &bodies() const { return m_bodies; }

public Q_SLOTS:
    void reload();
    void addBody();
    /// Asks, then stops the body selected in the list from issuing documents.
    void deactivateSelected();

Q_SIGNALS:
    /// The list was read (again).
    void loaded();

private:
    void setBusy(bool busy, const QString &status = {});
    void showError(const core::Error &error);

    std::unique_ptr<Ui::IssuingBodiesDialog> m_ui;
    Session &m_session;
    QList<documents::IssuingBody> m_bodies;
    QString m_select; // the body to select once the list is read again
    QString m_notice; // what was just done, said with the count once the list is read again
    int m_generation = 0;
    BusyCursor m_busy;
};

} // namespace govdesk::gui
