#include "PlacementDialog.h"

#include "SignaturePlacementView.h"
#include "gui/Async.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QVBoxLayout>

namespace govdesk::gui {

PlacementDialog::PlacementDialog(const QString &file, const signing::SignOptions &options, QThreadPool *pool,
                                 QWidget *parent)
    : QDialog(parent), m_view(new SignaturePlacementView(pool, this))
{
    setObjectName(QStringLiteral("placementDialog"));
    setWindowTitle(tr("Position of the signature — %1").arg(QFileInfo(file).fileName()));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Use this position"));
    m_ok->setEnabled(false);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &SignaturePlacementView::placementChanged, this,
            [this] { m_ok->setEnabled(m_view->hasBox()); });

    m_view->setSignOptions(options);
    runInWorker(
        pool, this,
        [file]() {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        },
        [this, file](const QByteArray &data) {
            if (data.isEmpty())
                m_view->showMessage(tr("Cannot read %1.").arg(QFileInfo(file).fileName()));
            else
                m_view->setPdf(data);
        });
    resize(620, 860);
}

PlacementDialog::~PlacementDialog() = default;

} // namespace govdesk::gui
