#include "OutgoingTableModel.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace govdesk::gui {

using documents::OutgoingDocument;
using documents::OutgoingFilter;
using documents::OutgoingStatus;
using documents::OutgoingVocabulary;
using documents::Secrecy;
using documents::Urgency;
using documents::Vocabulary;

OutgoingTableModel::OutgoingTableModel(Session &session, QObject *parent)
    : PagedTableModel(session, ColumnCount,
                      {[](Session &s, const OutgoingFilter &f) { return s.outgoing().list(s.user(), f); },
                       [](Session &s, const OutgoingFilter &f) { return s.outgoing().count(s.user(), f); },
                       [](Session &s, const QString &id) { return s.outgoing().get(s.user(), id); }},
                      {}, parent)
{}

void OutgoingTableModel::documentChanged(const QString &id)
{
    // The session forwards incoming documents' changes too: only an outgoing document this user may see
    // concerns the list.
    readDocument(id, [this, id](const core::Result<OutgoingDocument> &doc) {
        if (!doc)
            return;
        const int r = rowOf(id);
        // A new document, or a step that may move it in or out of "awaiting me" or a status filter: where it
        // belongs now only the service knows.
        if (r < 0 || filter().awaitingActor || !filter().statuses.isEmpty()) {
            reload();
            return;
        }
        OutgoingDocument row = doc.value();
        row.files.clear(); // the list keeps list-sized rows
        row.comments.clear();
        replaceRow(r, row);
    });
}

QString OutgoingTableModel::priorityText(const OutgoingDocument &d)
{
    QStringList parts;
    if (d.urgency != Urgency::Normal)
        parts << Vocabulary::displayName(d.urgency);
    if (d.secrecy != Secrecy::None)
        parts << Vocabulary::displayName(d.secrecy);
    return parts.join(QStringLiteral(", "));
}

QString OutgoingTableModel::referenceText(const OutgoingDocument &d)
{
    if (d.isNumbered())
        return d.reference();
    if (d.reservedNumber > 0)
        return tr("(reserved %1)")
            .arg(documents::formatReference(QString::number(d.reservedNumber), d.notation));
    return tr("(no number yet)");
}

static QColor statusColor(OutgoingStatus s)
{
    switch (s) {
    case OutgoingStatus::Returned:
        return QColor(0xb3, 0x5c, 0x00);
    case OutgoingStatus::Submitted:
    case OutgoingStatus::Approved:
    case OutgoingStatus::Signed:
        return QColor(0x0b, 0x4f, 0x9c);
    case OutgoingStatus::Issued:
    case OutgoingStatus::Sent:
        return QColor(0x17, 0x6b, 0x2c);
    case OutgoingStatus::Recalled:
        return QColor(0x80, 0x80, 0x80);
    case OutgoingStatus::Draft:
        return {};
    }
    return {};
}

QVariant OutgoingTableModel::cellData(const OutgoingDocument &doc, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Reference:
            return referenceText(doc);
        case IssuedDate:
            return dateText(doc.issuedDate);
        case Type:
            return doc.typeName;
        case Subject:
            return doc.subject;
        case Unit:
            return doc.unitName;
        case Drafter:
            return m_session.userDisplayName(doc.drafterName);
        case Status:
            return OutgoingVocabulary::displayName(doc.status);
        case Priority:
            return priorityText(doc);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (column == Subject || column == Unit || column == Priority)
            return cellData(doc, column, Qt::DisplayRole);
        if (column == Reference && !doc.isNumbered())
            return tr("The number is given when the clerk issues the document");
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (column == Reference && !doc.isNumbered())
            return QBrush(QColor(0x70, 0x70, 0x70));
        if (column == Priority) {
            if (doc.isSecret())
                return QBrush(QColor(0x8a, 0x00, 0x00));
            if (doc.urgency != Urgency::Normal)
                return QBrush(urgencyColour(doc.urgency));
        }
        if (column == Status) {
            if (const QColor c = statusColor(doc.status); c.isValid())
                return QBrush(c);
        }
        if (doc.status == OutgoingStatus::Recalled)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    }
    if (role == Qt::FontRole) {
        QFont f;
        if (column == Reference && !doc.isNumbered()) {
            f.setItalic(true);
            return f;
        }
        if (column == Priority && (doc.isSecret() || doc.urgency >= Urgency::ThuongKhan)) {
            f.setBold(true);
            return f;
        }
        if (column == Subject && doc.status == OutgoingStatus::Recalled) {
            f.setStrikeOut(true);
            return f;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == IssuedDate)
            return int(Qt::AlignCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant OutgoingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Reference:
        return tr("Number, notation");
    case IssuedDate:
        return tr("Issued on");
    case Type:
        return tr("Type");
    case Subject:
        return tr("Summary");
    case Unit:
        return tr("Drafting unit");
    case Drafter:
        return tr("Drafted by");
    case Status:
        return tr("Status");
    case Priority:
        return tr("Urgency/classification");
    }
    return {};
}

} // namespace govdesk::gui
