#include "PdfViewer.h"

#include "PdfPages.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace govdesk::gui {

namespace {

constexpr double kMinZoom = 0.25;
constexpr double kMaxZoom = 4.0;

} // namespace

PdfViewer::PdfViewer(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_scroll(new QScrollArea(this)),
      m_pageLabel(new QLabel), m_message(new QLabel(this)), m_prev(new QToolButton(this)),
      m_next(new QToolButton(this)), m_pageSpin(new QSpinBox(this)), m_pageTotal(new QLabel(this)),
      m_zoomOut(new QToolButton(this)), m_zoomIn(new QToolButton(this)), m_zoomLabel(new QLabel(this)),
      m_fit(new QToolButton(this)), m_resizeTimer(new QTimer(this)),
      m_renderer(new PdfPageRenderer(QThreadPool::globalInstance(), this))
{
    setObjectName(QStringLiteral("pdfViewer"));
    setFocusPolicy(Qt::StrongFocus);

    m_prev->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_prev->setToolTip(tr("Previous page (Page Up)"));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_next->setToolTip(tr("Next page (Page Down)"));
    m_pageSpin->setObjectName(QStringLiteral("pageSpin"));
    setUpPageSpin(m_pageSpin);
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
    connect(m_renderer, &PdfPageRenderer::openFailed, this, [this](const QString &message) {
        showMessage(message);
        Q_EMIT loadFailed(message);
    });
    connect(m_renderer, &PdfPageRenderer::rendered, this, &PdfViewer::showPage);

    showMessage(tr("No document"));
}

PdfViewer::~PdfViewer() = default;

int PdfViewer::pageCount() const
{
    return m_renderer->pages() ? m_renderer->pages()->count() : 0;
}

QString PdfViewer::message() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void PdfViewer::showMessage(const QString &message)
{
    m_renderer->clear();
    m_image = QImage();
    m_pageLabel->clear();
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    updateControls();
}

void PdfViewer::setPdf(const QByteArray &data, const QString &name)
{
    showMessage(tr("Opening %1…").arg(name));
    m_page = 0;
    struct Opened
    {
        std::shared_ptr<PdfPages> pages;
        QString error;
    };
    m_renderer->open(
        [data, name]() {
            Opened r;
            PdfPages::Problem problem;
            r.pages = PdfPages::open(data, &problem, true);
            if (problem == PdfPages::Problem::Locked)
                r.error = tr("%1 is protected by a password and cannot be shown here.").arg(name);
            else if (!r.pages)
                r.error = tr("%1 cannot be shown: the file is damaged or is not a PDF. Save it and open it "
                             "with another program, or ask the sender for a new copy.")
                              .arg(name);
            return r;
        },
        [this](const Opened &) {
            m_page = 0;
            m_stack->setCurrentWidget(m_scroll);
            updateControls();
            render();
        });
}

void PdfViewer::render()
{
    const PdfPages *pages = m_renderer->pages();
    if (!pages)
        return;
    const QSizeF points = pages->pageSize(m_page);
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
    m_renderDpr = devicePixelRatioF();
    updateControls();
    m_renderer->render(m_page, 72.0 * m_zoom * m_renderDpr);
}

void PdfViewer::showPage(int page, QImage image)
{
    if (image.isNull()) {
        m_pageLabel->setText(tr("Page %1 cannot be shown.").arg(page + 1));
        return;
    }
    image.setDevicePixelRatio(m_renderDpr);
    m_image = image;
    m_pageLabel->setPixmap(QPixmap::fromImage(image));
    Q_EMIT pageRendered(page);
}

void PdfViewer::setUpPageSpin(QSpinBox *spin)
{
    spin->setMinimum(1);
    spin->setKeyboardTracking(false);
    spin->setAccessibleName(tr("Page"));
}

void PdfViewer::showPagePosition(QSpinBox *spin, QLabel *total, int page, int pages)
{
    {
        const QSignalBlocker block(spin);
        spin->setMaximum(std::max(1, pages));
        spin->setValue(page + 1);
    }
    spin->setEnabled(pages > 1);
    total->setText(pages > 0 ? tr("of %1").arg(pages) : QString());
}

void PdfViewer::updateControls()
{
    const int pages = pageCount();
    const bool has = pages > 0;
    showPagePosition(m_pageSpin, m_pageTotal, m_page, pages);
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
    if (page < 0 || page >= pageCount() || page == m_page)
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
    if (m_fitWidth && m_renderer->pages())
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
