#include "PdfViewer.h"

#include "gui/Async.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMutex>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <poppler-qt6.h>

#include <algorithm>

namespace govdesk::gui {

/// A loaded document and the lock that keeps it to one worker at a time (Poppler documents are not
/// thread-safe).
struct PdfViewer::Loaded
{
    std::unique_ptr<Poppler::Document> document;
    QMutex mutex;
    int pages = 0;
    QList<QSizeF> pageSizes; // points
};

namespace {

struct LoadResult
{
    std::shared_ptr<void> loaded; // PdfViewer::Loaded, type-erased to keep the struct private
    QString error;
};

constexpr double kMinZoom = 0.25;
constexpr double kMaxZoom = 4.0;

} // namespace

PdfViewer::PdfViewer(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_scroll(new QScrollArea(this)),
      m_pageLabel(new QLabel), m_message(new QLabel(this)), m_prev(new QToolButton(this)),
      m_next(new QToolButton(this)), m_pageSpin(new QSpinBox(this)), m_pageTotal(new QLabel(this)),
      m_zoomOut(new QToolButton(this)), m_zoomIn(new QToolButton(this)), m_zoomLabel(new QLabel(this)),
      m_fit(new QToolButton(this)), m_resizeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("pdfViewer"));
    setFocusPolicy(Qt::StrongFocus);

    m_prev->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_prev->setToolTip(tr("Previous page (Page Up)"));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_next->setToolTip(tr("Next page (Page Down)"));
    m_pageSpin->setObjectName(QStringLiteral("pageSpin"));
    m_pageSpin->setMinimum(1);
    m_pageSpin->setKeyboardTracking(false);
    m_pageSpin->setAccessibleName(tr("Page"));
    m_zoomOut->setText(QStringLiteral("−"));
    m_zoomOut->setToolTip(tr("Zoom out (Ctrl+-)"));
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomIn->setToolTip(tr("Zoom in (Ctrl++)"));
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(QStringLiteral("400 %")) + 6);
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_fit->setText(tr("Fit width"));
    m_fit->setCheckable(true);
    m_fit->setChecked(true);
    m_fit->setToolTip(tr("Fit the page to the width of the viewer"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_prev);
    bar->addWidget(m_pageSpin);
    bar->addWidget(m_pageTotal);
    bar->addWidget(m_next);
    bar->addSpacing(12);
    bar->addWidget(m_zoomOut);
    bar->addWidget(m_zoomLabel);
    bar->addWidget(m_zoomIn);
    bar->addWidget(m_fit);
    bar->addStretch(1);

    m_pageLabel->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_pageLabel->setObjectName(QStringLiteral("pdfPage"));
    m_scroll->setWidget(m_pageLabel);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_scroll->setBackgroundRole(QPalette::Dark);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_pageLabel->setBackgroundRole(QPalette::Dark);
    m_pageLabel->setAutoFillBackground(true);
    m_pageLabel->setContentsMargins(8, 8, 8, 8);

    m_message->setObjectName(QStringLiteral("pdfMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(24);

    m_stack->addWidget(m_message);
    m_stack->addWidget(m_scroll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(120);
    connect(m_resizeTimer, &QTimer::timeout, this, [this] {
        if (m_fitWidth)
            render();
    });
    connect(m_prev, &QToolButton::clicked, this, &PdfViewer::previousPage);
    connect(m_next, &QToolButton::clicked, this, &PdfViewer::nextPage);
    connect(m_pageSpin, &QSpinBox::valueChanged, this, [this](int v) { setPage(v - 1); });
    connect(m_zoomIn, &QToolButton::clicked, this, &PdfViewer::zoomIn);
    connect(m_zoomOut, &QToolButton::clicked, this, &PdfViewer::zoomOut);
    connect(m_fit, &QToolButton::clicked, this, &PdfViewer::fitWidth);

    showMessage(tr("No document"));
}

PdfViewer::~PdfViewer() = default;

int PdfViewer::pageCount() const
{
    return m_loaded ? m_loaded->pages : 0;
}

QString PdfViewer::message() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void PdfViewer::showMessage(const QString &message)
{
    ++m_generation;
    m_loaded.reset();
    m_image = QImage();
    m_pageLabel->clear();
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    updateControls();
}

void PdfViewer::setPdf(const QByteArray &data, const QString &name)
{
    showMessage(tr("Opening %1…").arg(name));
    const int generation = m_generation;
    m_page = 0;
    runInWorker(
        QThreadPool::globalInstance(), this,
        [data, name]() {
            LoadResult r;
            std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(data);
            if (!doc || doc->numPages() <= 0) {
                r.error = tr("%1 cannot be shown: the file is damaged or is not a PDF. Save it and open it "
                             "with another program, or ask the sender for a new copy.")
                              .arg(name);
                return r;
            }
            if (doc->isLocked()) {
                r.error = tr("%1 is protected by a password and cannot be shown here.").arg(name);
                return r;
            }
            doc->setRenderHint(Poppler::Document::Antialiasing);
            doc->setRenderHint(Poppler::Document::TextAntialiasing);
            doc->setRenderHint(Poppler::Document::TextHinting);
            auto loaded = std::make_shared<Loaded>();
            loaded->pages = doc->numPages();
            for (int i = 0; i < loaded->pages; ++i) {
                std::unique_ptr<Poppler::Page> page = doc->page(i);
                loaded->pageSizes << (page ? page->pageSizeF() : QSizeF(595, 842));
            }
            loaded->document = std::move(doc);
            r.loaded = loaded;
            return r;
        },
        [this, generation](const LoadResult &r) {
            if (generation != m_generation)
                return;
            if (!r.loaded) {
                showMessage(r.error);
                Q_EMIT loadFailed(r.error);
                return;
            }
            m_loaded = std::static_pointer_cast<Loaded>(r.loaded);
            m_page = 0;
            m_stack->setCurrentWidget(m_scroll);
            updateControls();
            render();
        });
}

void PdfViewer::render()
{
    if (!m_loaded)
        return;
    const int generation = ++m_generation;
    const int page = m_page;
    const QSizeF points = m_loaded->pageSizes.value(page, QSizeF(595, 842));
    const qreal dpr = devicePixelRatioF();
    if (m_fitWidth) {
        // Leave room for the vertical scroll bar even before it appears, so fitting never makes the page
        // wider than the view.
        const int scrollBar =
            m_scroll->verticalScrollBar()->isVisible()
                ? 0
                : m_scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_scroll);
        const int available = m_scroll->viewport()->width() - scrollBar - 16 - 4;
        m_zoom = std::clamp(available / points.width(), kMinZoom, kMaxZoom);
    }
    const double dpi = 72.0 * m_zoom * dpr;
    auto loaded = m_loaded;
    updateControls();
    runInWorker(
        QThreadPool::globalInstance(), this,
        [loaded, page, dpi]() {
            QMutexLocker lock(&loaded->mutex);
            std::unique_ptr<Poppler::Page> p = loaded->document->page(page);
            return p ? p->renderToImage(dpi, dpi) : QImage();
        },
        [this, generation, page, dpr](QImage image) {
            if (generation != m_generation)
                return; // a newer page or zoom was asked for meanwhile
            if (image.isNull()) {
                m_pageLabel->setText(tr("Page %1 cannot be shown.").arg(page + 1));
                return;
            }
            image.setDevicePixelRatio(dpr);
            m_image = image;
            m_pageLabel->setPixmap(QPixmap::fromImage(image));
            Q_EMIT pageRendered(page);
        });
}

void PdfViewer::updateControls()
{
    const int pages = pageCount();
    const bool has = pages > 0;
    {
        const QSignalBlocker block(m_pageSpin);
        m_pageSpin->setMaximum(std::max(1, pages));
        m_pageSpin->setValue(m_page + 1);
    }
    m_pageSpin->setEnabled(pages > 1);
    m_pageTotal->setText(has ? tr("of %1").arg(pages) : QString());
    m_prev->setEnabled(has && m_page > 0);
    m_next->setEnabled(has && m_page + 1 < pages);
    m_zoomIn->setEnabled(has && m_zoom < kMaxZoom);
    m_zoomOut->setEnabled(has && m_zoom > kMinZoom);
    m_fit->setEnabled(has);
    m_fit->setChecked(m_fitWidth);
    m_zoomLabel->setText(has ? QStringLiteral("%1 %").arg(qRound(m_zoom * 100)) : QString());
}

void PdfViewer::setPage(int page)
{
    if (!m_loaded || page < 0 || page >= m_loaded->pages || page == m_page)
        return;
    m_page = page;
    m_scroll->verticalScrollBar()->setValue(0);
    render();
}

void PdfViewer::nextPage()
{
    setPage(m_page + 1);
}

void PdfViewer::previousPage()
{
    setPage(m_page - 1);
}

void PdfViewer::setZoom(double zoom)
{
    m_fitWidth = false;
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    render();
}

void PdfViewer::zoomIn()
{
    setZoom(m_zoom * 1.25);
}

void PdfViewer::zoomOut()
{
    setZoom(m_zoom / 1.25);
}

void PdfViewer::fitWidth()
{
    m_fitWidth = true;
    render();
}

void PdfViewer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitWidth && m_loaded)
        m_resizeTimer->start();
}

void PdfViewer::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_PageDown) {
        nextPage();
    } else if (event->key() == Qt::Key_PageUp) {
        previousPage();
    } else if (event->matches(QKeySequence::ZoomIn)) {
        zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace govdesk::gui
