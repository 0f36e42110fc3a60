#pragma once

#include "documents/IncomingService.h"
#include "gui/widgets/PagedTableModel.h"

namespace govdesk::gui {

class Session;

/// The incoming register as a table that loads itself a page at a time (see PagedTableModel), sortable by
/// the columns the register can order by.
class IncomingTableModel : public PagedTableModel<documents::IncomingDocument, documents::IncomingFilter>
{
    Q_OBJECT
public:
    enum Column
    {
        ArrivalNumber,
        ArrivalDate,
        Author,
        Reference,
        DocumentDate,
        TypeAndSubject,
        Urgency,
        Deadline,
        Handler,
        Status,
        ColumnCount
    };

    explicit IncomingTableModel(Session &session, QObject *parent = nullptr);

    /// Whether a column can be sorted by the service, and by which key.
    static std::optional<documents::IncomingFilter::Sort> sortKey(int column);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;

protected:
    QVariant cellData(const documents::IncomingDocument &doc, int column, int role) const override;
    void documentChanged(const QString &id) override;
};

} // namespace govdesk::gui
