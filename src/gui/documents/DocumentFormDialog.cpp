#include "DocumentFormDialog.h"

#include "core/TextFold.h"
#include "gui/Session.h"
#include "gui/documents/FoldingCompleter.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace govdesk::gui {

using documents::Secrecy;
using documents::Urgency;
using documents::Vocabulary;

DocumentFormDialog::DocumentFormDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session)
{}

DocumentFormDialog::~DocumentFormDialog() = default;

void DocumentFormDialog::setUpButtons(QDialogButtonBox *buttons, const QString &saveText)
{
    m_save = buttons->button(QDialogButtonBox::Ok);
    m_save->setText(saveText);
    m_save->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void DocumentFormDialog::setBusy(bool busy)
{
    if (busy == m_busy.isBusy())
        return;
    m_busy.set(busy);
    m_save->setEnabled(!busy);
}

void DocumentFormDialog::watchField(QWidget *field, QLabel *error)
{
    m_errorLabels << error;
    auto clear = [this, field, error] {
        error->hide();
        if (m_invalid.removeAll(field) > 0)
            field->setPalette(QPalette());
    };
    if (auto *line = qobject_cast<QLineEdit *>(field))
        connect(line, &QLineEdit::textChanged, this, clear);
    else if (auto *combo = qobject_cast<QComboBox *>(field))
        connect(combo, &QComboBox::currentTextChanged, this, clear);
    else if (auto *date = qobject_cast<QDateEdit *>(field))
        connect(date, &QDateEdit::dateChanged, this, clear);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(field))
        connect(text, &QPlainTextEdit::textChanged, this, clear);
    else if (auto *spin = qobject_cast<QSpinBox *>(field))
        connect(spin, &QSpinBox::valueChanged, this, clear);
}

void DocumentFormDialog::markInvalid(QWidget *field, QLabel *label, const QString &text)
{
    label->setText(text);
    label->show();
    QPalette p = field->palette();
    p.setColor(QPalette::Base, QColor(0xff, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0xff, 0xee, 0xee));
    field->setPalette(p);
    m_invalid << field;
    if (field->isEnabled())
        field->setFocus();
}

void DocumentFormDialog::showGeneralError(const QString &text)
{
    m_generalError->setText(text);
    m_generalError->show();
}

void DocumentFormDialog::clearErrors()
{
    for (QLabel *l : std::as_const(m_errorLabels))
        l->hide();
    m_generalError->hide();
    for (QWidget *w : std::as_const(m_invalid))
        w->setPalette(QPalette());
    m_invalid.clear();
}

void DocumentFormDialog::saveOnEnter(QPlainTextEdit *edit)
{
    m_saveOnEnter << edit;
    edit->installEventFilter(this);
}

bool DocumentFormDialog::isEnter(const QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return false;
    const auto *key = static_cast<const QKeyEvent *>(event);
    return (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
           !(key->modifiers() & Qt::ShiftModifier);
}

void DocumentFormDialog::fillDocumentTypes(QComboBox *combo)
{
    int general = 0;
    for (const documents::DocumentType &t : m_session.data().documentTypes) {
        combo->addItem(t.name, t.abbr);
        if (t.hasAbbreviation)
            combo->setItemData(combo->count() - 1, tr("Abbreviation: %1").arg(t.abbr), Qt::ToolTipRole);
        if (t.abbr == QLatin1String("CV"))
            general = combo->count() - 1;
    }
    combo->setCurrentIndex(general);
}

void DocumentFormDialog::fillUrgencies(QComboBox *combo)
{
    for (Urgency u : {Urgency::Normal, Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc})
        combo->addItem(Vocabulary::displayName(u), int(u));
}

void DocumentFormDialog::fillSecrecies(QComboBox *combo)
{
    for (Secrecy s : {Secrecy::None, Secrecy::Mat, Secrecy::ToiMat, Secrecy::TuyetMat})
        combo->addItem(Vocabulary::displayName(s), int(s));
}

void DocumentFormDialog::addOrganisation(QComboBox *combo, const core::OrgUnit &unit, const QVariant &data)
{
    combo->addItem(unit.name, data);
    const int i = combo->count() - 1;
    combo->setItemData(
        i, core::foldForSearch(QStringList{unit.name, unit.abbreviation, unit.code}.join(QLatin1Char(' '))),
        FoldingCompleter::SearchRole);
    if (!unit.code.isEmpty())
        combo->setItemData(i, tr("Identifier code: %1").arg(unit.code), Qt::ToolTipRole);
}

FoldingCompleter *DocumentFormDialog::completeOrganisations(QComboBox *combo, const QString &placeholder)
{
    auto *completer = new FoldingCompleter(combo->model(), combo);
    combo->setCompleter(completer);
    combo->setCurrentIndex(-1);
    combo->lineEdit()->setPlaceholderText(placeholder);
    return completer;
}

bool DocumentFormDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (m_saveOnEnter.contains(watched) && isEnter(event)) {
        accept();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void DocumentFormDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void DocumentFormDialog::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    filesDropped(paths);
    event->acceptProposedAction();
}

} // namespace govdesk::gui
