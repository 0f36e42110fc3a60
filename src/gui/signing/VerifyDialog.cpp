#include "VerifyDialog.h"

#include "gui/signing/SignaturePanel.h"
#include "gui/widgets/PdfViewer.h"
#include "signing/PdfVerifier.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace govdesk::gui {

VerifyDialog::VerifyDialog(QThreadPool *pool, QWidget *parent)
    : QDialog(parent), m_panel(new SignaturePanel(pool, this)), m_viewer(new PdfViewer(this))
{
    setObjectName(QStringLiteral("verifyDialog"));
    setWindowTitle(tr("Check digital signatures"));
    auto *split = new QSplitter(this);
    split->addWidget(m_panel);
    split->addWidget(m_viewer);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *open = buttons->addButton(tr("&Open another file…"), QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(open, &QPushButton::clicked, this, [this] { openFile(); });
    resize(1200, 760);
}

bool VerifyDialog::openFile(const QString &path)
{
    const QString file = path.isEmpty() ? QFileDialog::getOpenFileName(this, tr("Choose a signed PDF"),
                                                                       QString(), tr("PDF documents (*.pdf)"))
                                        : path;
    if (file.isEmpty())
        return false;
    setWindowTitle(tr("Check digital signatures — %1").arg(QFileInfo(file).fileName()));
    auto data = signing::readPdfFile(file);
    if (!data) {
        m_viewer->showMessage(data.error().text());
        m_panel->clear(data.error().text());
        return true;
    }
    m_viewer->setPdf(data.value(), QFileInfo(file).fileName());
    m_panel->setPdf(data.value(), QFileInfo(file).fileName());
    return true;
}

} // namespace govdesk::gui
