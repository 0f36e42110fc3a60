#pragma once

#include "documents/OutgoingService.h"
#include "gui/widgets/PagedTableModel.h"

namespace govdesk::gui {

class Session;

/// The outgoing documents as a table that loads itself a page at a time, like the incoming register (see
/// PagedTableModel). The order is the service's (newest number first, drafts on top; by relevance while
/// searching).
class OutgoingTableModel : public PagedTableModel<documents::OutgoingDocument, documents::OutgoingFilter>
{
    Q_OBJECT
public:
    enum Column
    {
        Reference,
        IssuedDate,
        Type,
        Subject,
        Unit,
        Drafter,
        Status,
        Priority,
        ColumnCount
    };

    explicit OutgoingTableModel(Session &session, QObject *parent = nullptr);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Khẩn, Mật": urgency and classification together, empty for an ordinary document.
    static QString priorityText(const documents::OutgoingDocument &doc);
    /// The number and notation, or what stands in for them before the number is issued.
    static QString referenceText(const documents::OutgoingDocument &doc);

protected:
    QVariant cellData(const documents::OutgoingDocument &doc, int column, int role) const override;
    void documentChanged(const QString &id) override;
};

} // namespace govdesk::gui
