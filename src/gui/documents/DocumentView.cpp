#include "DocumentView.h"

#include "gui/documents/DocumentFormat.h"
#include "gui/signing/SignaturePanel.h"
#include "gui/widgets/PdfViewer.h"

#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

DocumentView::DocumentView(Session &session, const QString &namePrefix, QWidget *parent)
    : QWidget(parent), m_session(session), m_namePrefix(namePrefix), m_stack(new QStackedWidget(this)),
      m_placeholder(new QLabel(this)), m_title(new QLabel(this)), m_subject(new QLabel(this)),
      m_status(new QLabel(this)), m_actions(new QHBoxLayout), m_splitter(new QSplitter(this)),
      m_viewerHeader(new QHBoxLayout)
{
    m_tabs = new QTabWidget(this);
    m_viewer = new PdfViewer(this);
    m_signatures = new SignaturePanel(session.pool(), this);
    m_signatureBanner = new QPushButton(this);

    m_placeholder->setText(tr("Select a document in the list to see it here."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    m_placeholder->setWordWrap(true);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(m_namePrefix + QStringLiteral("Title"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setObjectName(m_namePrefix + QStringLiteral("Subject"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(m_namePrefix + QStringLiteral("Status"));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_actions->setSpacing(6);

    // Over the document: the verdict on its signatures, one click from the details.
    m_signatureBanner->setObjectName(m_namePrefix + QStringLiteral("SignatureBanner"));
    m_signatureBanner->setFlat(true);
    m_signatureBanner->setCursor(Qt::PointingHandCursor);
    m_signatureBanner->setToolTip(tr("Show the details of the digital signatures"));
    m_signatureBanner->hide();

    connect(m_signatureBanner, &QPushButton::clicked, this,
            [this] { m_tabs->setCurrentWidget(m_signatures); });
    connect(m_signatures, &SignaturePanel::verified, this, [this](int count, const QString &summary) {
        m_tabs->setTabText(m_tabs->indexOf(m_signatures),
                           count > 0 ? tr("Digital signatures (%1)").arg(count) : tr("Digital signatures"));
        m_signatureBanner->setVisible(true);
        m_signatureBanner->setText(summary);
        const QColor colour = count > 0 ? SignaturePanel::verdictColour(m_signatures->overall())
                                        : palette().color(QPalette::PlaceholderText);
        m_signatureBanner->setStyleSheet(
            QStringLiteral("QPushButton{color:%1;font-weight:%2;text-align:left;padding:3px 6px}")
                .arg(colour.name(), count > 0 ? QStringLiteral("bold") : QStringLiteral("normal")));
    });
    connect(&m_session, &Session::documentChanged, this, [this](const QString &id) {
        if (id == m_id)
            reload();
    });
}

QPushButton *DocumentView::addActionButton(const QString &text, const char *name, const QString &toolTip)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(QLatin1String(name));
    button->setToolTip(toolTip);
    button->setAutoDefault(false);
    m_actions->addWidget(button);
    m_actionButtons << button;
    return button;
}

QFormLayout *DocumentView::addFormTab(const QString &title)
{
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *inner = new QWidget;
    inner->setLayout(form);
    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, title);
    return form;
}

QTreeWidget *DocumentView::createHistoryTree(const QString &objectName)
{
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(objectName);
    tree->setHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("Note")});
    tree->setRootIsDecorated(false);
    tree->setWordWrap(true);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);
    return tree;
}

void DocumentView::assemble()
{
    m_actions->addStretch(1);
    m_tabs->addTab(m_signatures, tr("Digital signatures"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_status);

    auto *viewerPane = new QWidget;
    auto *viewerLayout = new QVBoxLayout(viewerPane);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    viewerLayout->setSpacing(2);
    m_viewerHeader->addWidget(m_signatureBanner, 1);
    viewerLayout->addLayout(m_viewerHeader);
    viewerLayout->addWidget(m_viewer, 1);

    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(viewerPane);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_subject);
    contentLayout->addLayout(m_actions);
    contentLayout->addWidget(m_splitter, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

void DocumentView::clear()
{
    newGeneration();
    m_id.clear();
    forgetDocument();
    m_placeholder->setText(tr("Select a document in the list to see it here."));
    m_stack->setCurrentWidget(m_placeholder);
    m_viewer->showMessage(tr("No document"));
    m_signatures->clear();
    m_signatureBanner->hide();
}

void DocumentView::showDocument(const QString &id)
{
    if (id.isEmpty()) {
        clear();
        return;
    }
    if (id == m_id)
        return;
    m_id = id;
    forgetDocument();
    m_signatureBanner->hide();
    m_viewer->showMessage(tr("Loading…"));
    reload();
}

void DocumentView::showContent()
{
    m_stack->setCurrentIndex(1);
}

void DocumentView::showPlaceholder(const QString &message)
{
    m_stack->setCurrentWidget(m_placeholder);
    m_placeholder->setText(message);
}

void DocumentView::setHeading(const QString &title, const QString &subject)
{
    m_title->setText(title);
    m_subject->setText(subject);
}

void DocumentView::setStatus(const QString &text, Tone tone)
{
    QString colours = QStringLiteral("background: #e4ecf7;");
    switch (tone) {
    case Tone::Neutral:
        break;
    case Tone::Good:
        colours = QStringLiteral("background: #dff3e4; color: #176b2c;");
        break;
    case Tone::Warning:
        colours = QStringLiteral("background: #fdebd3; color: #8a4500;");
        break;
    case Tone::Bad:
        colours = QStringLiteral("background: #fde2e4; color: #a0001a;");
        break;
    }
    m_status->setText(text);
    m_status->setStyleSheet(QStringLiteral("padding: 2px 8px; border-radius: 8px; ") + colours);
}

QLabel *DocumentView::addRow(QFormLayout *form, const QString &label, const QString &value)
{
    auto *v = new QLabel;
    v->setWordWrap(true);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    v->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    v->setText(value.isEmpty() ? QStringLiteral("—") : value);
    form->addRow(label, v);
    return v;
}

void DocumentView::clearRows(QFormLayout *form)
{
    while (form->rowCount() > 0)
        form->removeRow(0);
}

void DocumentView::addPriorityRows(QFormLayout *form, documents::Urgency urgency, documents::Secrecy secrecy)
{
    QLabel *u = addRow(form, tr("Urgency:"), documents::Vocabulary::displayName(urgency));
    if (urgency != documents::Urgency::Normal)
        u->setStyleSheet(QStringLiteral("color: #c6001f; font-weight: bold;"));
    QLabel *s = addRow(form, tr("Classification:"), documents::Vocabulary::displayName(secrecy));
    if (secrecy != documents::Secrecy::None)
        s->setStyleSheet(QStringLiteral("color: #8a0000; font-weight: bold;"));
}

void DocumentView::fillHistory(QTreeWidget *tree, const QList<documents::ProgressEntry> &entries,
                               const std::function<QString(const documents::ProgressEntry &)> &what,
                               const std::function<QString(const documents::ProgressEntry &)> &note)
{
    tree->clear();
    for (const documents::ProgressEntry &e : entries) {
        const QString text = note(e);
        auto *item = new QTreeWidgetItem(
            tree, {dateTimeText(e.at), m_session.userDisplayName(e.username), what(e), text});
        item->setToolTip(3, text);
    }
}

void DocumentView::openPdf(const QString &fileName, FileReader read, std::function<void()> shown)
{
    m_viewer->showMessage(tr("Opening %1…").arg(fileName));
    runForDocument([session = &m_session, read]() { return read(*session); },
                   [this, fileName, shown](const core::Result<QByteArray> &data) {
                       if (!data) {
                           m_viewer->showMessage(data.error().text());
                           m_signatures->clear(data.error().text());
                           return;
                       }
                       showPdf(data.value(), fileName);
                       if (shown)
                           shown();
                   });
}

void DocumentView::showPdf(const QByteArray &data, const QString &fileName)
{
    m_signatureBanner->hide();
    m_viewer->setPdf(data, fileName);
    m_signatures->setPdf(data, fileName);
}

void DocumentView::saveFileAs(const QString &title, const QString &fileName, const QString &filter,
                              FileReader read)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, title, dir + QLatin1Char('/') + fileName, filter);
    if (path.isEmpty())
        return;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_session.run(
        this,
        [session = &m_session, read, path]() -> core::Error {
            auto data = read(*session);
            if (!data)
                return data.error();
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(data.value()) != data->size() || !out.commit())
                return GOVDESK_ERROR("gui.save-file",
                                     QT_TRANSLATE_NOOP("DocumentView", "Cannot write %1: %2"), path,
                                     out.errorString());
            return {};
        },
        [this](const core::Error &error) {
            QApplication::restoreOverrideCursor();
            if (!error.isNull())
                showError(error);
        });
}

void DocumentView::openDialog(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString DocumentView::errorDetails(const core::Error &) const
{
    return {};
}

void DocumentView::showError(const core::Error &error)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("GovDesk"), error.text(), QMessageBox::Ok, this);
    box->setObjectName(m_namePrefix + QStringLiteral("Error"));
    box->setInformativeText(errorDetails(error));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QByteArray DocumentView::saveState() const
{
    return m_splitter->saveState();
}

void DocumentView::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

} // namespace govdesk::gui
