#include "SignaturePlacementView.h"

#include "gui/Async.h"
#include "gui/widgets/PdfPages.h"
#include "gui/widgets/PdfViewer.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace govdesk::gui {

using namespace govdesk::signing;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kMinBox = 12;      // points: a smaller box is taken for a click
constexpr double kHandlePixels = 7; // half the grab area of a corner handle
constexpr int kMargin = 8;          // pixels around the page

QRectF cropOf(const PdfPageInfo &page)
{
    return page.cropBox.isEmpty() ? page.mediaBox : page.cropBox;
}

bool turned(const PdfPageInfo &page)
{
    return page.rotation == 90 || page.rotation == 270;
}

/// A point shown at (dx, dy) from the top-left of the displayed page, in PDF user space.
QPointF displayToPdf(const PdfPageInfo &page, const QPointF &d)
{
    const QRectF c = cropOf(page); // user space: left/top are the minima
    switch (page.rotation) {
    case 90:
        return {c.left() + d.y(), c.top() + d.x()};
    case 180:
        return {c.right() - d.x(), c.top() + d.y()};
    case 270:
        return {c.right() - d.y(), c.bottom() - d.x()};
    default:
        return {c.left() + d.x(), c.bottom() - d.y()};
    }
}

QPointF pdfToDisplay(const PdfPageInfo &page, const QPointF &p)
{
    const QRectF c = cropOf(page);
    switch (page.rotation) {
    case 90:
        return {p.y() - c.top(), p.x() - c.left()};
    case 180:
        return {c.right() - p.x(), p.y() - c.top()};
    case 270:
        return {c.bottom() - p.y(), c.right() - p.x()};
    default:
        return {p.x() - c.left(), c.bottom() - p.y()};
    }
}

} // namespace

QRectF displayToPdfRect(const PdfPageInfo &page, const QRectF &rect)
{
    return QRectF(displayToPdf(page, rect.topLeft()), displayToPdf(page, rect.bottomRight())).normalized();
}

QRectF pdfToDisplayRect(const PdfPageInfo &page, const QRectF &rect)
{
    return QRectF(pdfToDisplay(page, rect.topLeft()), pdfToDisplay(page, rect.bottomRight())).normalized();
}

QSizeF displayPageSize(const PdfPageInfo &page)
{
    const QSizeF s = cropOf(page).size();
    return turned(page) ? s.transposed() : s;
}

/// The page with the box: paints them and turns mouse and keys into a new box for the view.
class PlacementCanvas : public QWidget
{
public:
    explicit PlacementCanvas(SignaturePlacementView *view) : QWidget(view), m_view(view)
    {
        setObjectName(QStringLiteral("placementCanvas"));
        setFocusPolicy(Qt::StrongFocus);
        setMouseTracking(true);
        setMinimumSize(240, 320);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setAccessibleName(SignaturePlacementView::tr("Position of the signature on the page"));
    }

    QSize sizeHint() const override { return {440, 600}; }

    /// Where the page is drawn: fitted into the widget, centred.
    QRectF pageArea() const
    {
        const QSizeF page = m_view->pageSize();
        if (page.isEmpty())
            return {};
        const double s = scale();
        const QSizeF shown = page * s;
        return QRectF((width() - shown.width()) / 2, (height() - shown.height()) / 2, shown.width(),
                      shown.height());
    }
    double scale() const
    {
        const QSizeF page = m_view->pageSize();
        if (page.isEmpty())
            return 1;
        return std::max(
            0.05, std::min((width() - 2 * kMargin) / page.width(), (height() - 2 * kMargin) / page.height()));
    }
    QPointF toPage(const QPointF &pos) const
    {
        const QRectF area = pageArea();
        return (pos - area.topLeft()) / scale();
    }
    QRectF toCanvas(const QRectF &box) const
    {
        const double s = scale();
        const QPointF o = pageArea().topLeft();
        return QRectF(o + box.topLeft() * s, box.size() * s);
    }
    bool boxShown() const
    {
        return m_view->m_hasBox && m_view->m_boxVisible && m_view->m_boxPage == m_view->m_page &&
               !m_view->m_image.isNull();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Dark));
        const QRectF area = pageArea();
        if (m_view->m_image.isNull() || area.isEmpty()) {
            p.setPen(palette().color(QPalette::BrightText));
            p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                       m_view->m_message);
            return;
        }
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(area, m_view->m_image);
        p.setPen(QPen(QColor(0, 0, 0, 90), 1));
        p.drawRect(area.adjusted(-0.5, -0.5, 0.5, 0.5));
        if (!boxShown())
            return;
        const QRectF box = toCanvas(m_view->m_box);
        const bool manual = m_view->m_manual;
        const QColor colour = manual ? QColor(0x1a, 0x73, 0xe8) : QColor(0x1e, 0x8e, 0x3e);
        p.setRenderHint(QPainter::Antialiasing);
        QColor fill = colour;
        fill.setAlpha(38);
        p.fillRect(box, fill);
        if (!m_view->m_preview.isNull()) {
            const QSizeF s = QSizeF(m_view->m_preview.size()).scaled(box.size(), Qt::KeepAspectRatio);
            const QRectF target(box.center().x() - s.width() / 2, box.center().y() - s.height() / 2,
                                s.width(), s.height());
            p.setOpacity(0.85);
            p.drawImage(target, m_view->m_preview);
            p.setOpacity(1);
        } else if (!m_view->m_previewText.isEmpty()) {
            QFont f = font();
            f.setPointSizeF(std::max(6.0, 9 * scale()));
            p.setFont(f);
            p.setPen(colour.darker(130));
            p.drawText(box.adjusted(2, 2, -2, -2), Qt::AlignCenter | Qt::TextWordWrap, m_view->m_previewText);
        }
        QPen pen(colour, 2, manual ? Qt::SolidLine : Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(box);
        if (m_view->m_fixedSize.isEmpty()) {
            p.setPen(QPen(colour, 1));
            p.setBrush(Qt::white);
            for (const QPointF &c : {box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()})
                p.drawRect(QRectF(c.x() - 4, c.y() - 4, 8, 8));
        }
        if (hasFocus()) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(colour, 1, Qt::DotLine));
            p.drawRect(box.adjusted(-4, -4, 4, 4));
        }
    }

    void mousePressEvent(QMouseEvent *e) override
    {
        if (e->button() != Qt::LeftButton || m_view->m_image.isNull() || !m_view->m_boxVisible)
            return;
        setFocus(Qt::MouseFocusReason);
        const QPointF pos = e->position();
        m_press = toPage(pos);
        m_pressPixels = pos;
        m_mode = Mode::Draw;
        if (boxShown()) {
            const QRectF box = toCanvas(m_view->m_box);
            const QRectF page = m_view->m_box;
            if (m_view->m_fixedSize.isEmpty()) {
                const QPointF corners[4] = {box.topLeft(), box.topRight(), box.bottomLeft(),
                                            box.bottomRight()};
                const QPointF opposite[4] = {page.bottomRight(), page.bottomLeft(), page.topRight(),
                                             page.topLeft()};
                for (int i = 0; i < 4; ++i)
                    if (std::abs(pos.x() - corners[i].x()) <= kHandlePixels &&
                        std::abs(pos.y() - corners[i].y()) <= kHandlePixels) {
                        m_mode = Mode::Resize;
                        m_anchor = opposite[i];
                    }
            }
            if (m_mode == Mode::Draw && box.contains(pos)) {
                m_mode = Mode::Move;
                m_offset = m_press - page.topLeft();
            }
        }
        e->accept();
    }

    void mouseMoveEvent(QMouseEvent *e) override
    {
        if (m_mode == Mode::None) {
            updateCursor(e->position());
            return;
        }
        drag(e->position(), false);
        e->accept();
    }

    void mouseReleaseEvent(QMouseEvent *e) override
    {
        if (e->button() != Qt::LeftButton || m_mode == Mode::None)
            return;
        drag(e->position(), true);
        m_mode = Mode::None;
        updateCursor(e->position());
        e->accept();
    }

    void keyPressEvent(QKeyEvent *e) override
    {
        const double step = e->modifiers() & Qt::ShiftModifier ? 10 : 1;
        QPointF by;
        switch (e->key()) {
        case Qt::Key_Left:
            by = {-step, 0};
            break;
        case Qt::Key_Right:
            by = {step, 0};
            break;
        case Qt::Key_Up:
            by = {0, -step};
            break;
        case Qt::Key_Down:
            by = {0, step};
            break;
        case Qt::Key_PageDown:
            m_view->setCurrentPage(m_view->m_page + 1);
            return;
        case Qt::Key_PageUp:
            m_view->setCurrentPage(m_view->m_page - 1);
            return;
        default:
            QWidget::keyPressEvent(e);
            return;
        }
        if (!boxShown()) {
            QWidget::keyPressEvent(e);
            return;
        }
        m_view->userBox(m_view->m_box.translated(by));
        e->accept();
    }

    void resizeEvent(QResizeEvent *e) override
    {
        QWidget::resizeEvent(e);
        m_view->m_resizeTimer->start();
    }

    void focusInEvent(QFocusEvent *e) override
    {
        QWidget::focusInEvent(e);
        update();
    }
    void focusOutEvent(QFocusEvent *e) override
    {
        QWidget::focusOutEvent(e);
        update();
    }

private:
    enum class Mode
    {
        None,
        Draw,
        Move,
        Resize
    };

    /// The box from `anchor` towards `to`, kept to the view's proportions (inside the dragged rectangle).
    QRectF shaped(const QPointF &anchor, const QPointF &to) const
    {
        const double dx = to.x() - anchor.x(), dy = to.y() - anchor.y();
        double w = std::abs(dx), h = std::abs(dy);
        const double aspect = m_view->m_aspect;
        if (aspect > 0) {
            if (h <= 0 || w / h > aspect)
                w = h * aspect;
            else
                h = w / aspect;
        }
        return QRectF(dx >= 0 ? anchor.x() : anchor.x() - w, dy >= 0 ? anchor.y() : anchor.y() - h, w, h);
    }

    void drag(const QPointF &pos, bool final)
    {
        const QPointF at = toPage(pos);
        const bool moved = (pos - m_pressPixels).manhattanLength() > 4;
        switch (m_mode) {
        case Mode::Move:
            if (moved || final)
                m_view->userBox(QRectF(at - m_offset, m_view->m_box.size()));
            break;
        case Mode::Resize: {
            const QRectF r = shaped(m_anchor, at);
            if (r.width() >= kMinBox && r.height() >= kMinBox)
                m_view->userBox(r);
            break;
        }
        case Mode::Draw: {
            if (!m_view->m_fixedSize.isEmpty()) {
                // The seal keeps its real size: it goes where the drag (or the click) ends.
                if (final || moved)
                    m_view->userBox(QRectF(QPointF(), m_view->m_fixedSize)
                                        .translated(at - QPointF(m_view->m_fixedSize.width() / 2,
                                                                 m_view->m_fixedSize.height() / 2)));
                break;
            }
            const QRectF r = shaped(m_press, at);
            if (r.width() >= kMinBox && r.height() >= kMinBox) {
                m_view->userBox(r);
            } else if (final && !moved) {
                // A click: the box (or one of the proposed size) is centred there.
                QSizeF size = m_view->m_hasBox ? m_view->m_box.size() : QSizeF(150, 60);
                m_view->userBox(QRectF(at - QPointF(size.width() / 2, size.height() / 2), size));
            }
            break;
        }
        case Mode::None:
            break;
        }
    }

    void updateCursor(const QPointF &pos)
    {
        if (!m_view->m_boxVisible || m_view->m_image.isNull()) {
            unsetCursor();
            return;
        }
        if (boxShown()) {
            const QRectF box = toCanvas(m_view->m_box);
            if (m_view->m_fixedSize.isEmpty()) {
                const bool nearLeft = std::abs(pos.x() - box.left()) <= kHandlePixels;
                const bool nearRight = std::abs(pos.x() - box.right()) <= kHandlePixels;
                const bool nearTop = std::abs(pos.y() - box.top()) <= kHandlePixels;
                const bool nearBottom = std::abs(pos.y() - box.bottom()) <= kHandlePixels;
                if ((nearLeft && nearTop) || (nearRight && nearBottom)) {
                    setCursor(Qt::SizeFDiagCursor);
                    return;
                }
                if ((nearRight && nearTop) || (nearLeft && nearBottom)) {
                    setCursor(Qt::SizeBDiagCursor);
                    return;
                }
            }
            if (box.contains(pos)) {
                setCursor(Qt::SizeAllCursor);
                return;
            }
        }
        setCursor(Qt::CrossCursor);
    }

    SignaturePlacementView *m_view;
    Mode m_mode = Mode::None;
    QPointF m_press, m_pressPixels, m_anchor, m_offset;
};

SignaturePlacementView::SignaturePlacementView(QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_pool(pool), m_pageSpin(new QSpinBox(this)), m_pageTotal(new QLabel(this)),
      m_templateMode(new QRadioButton(this)), m_manualMode(new QRadioButton(tr("Chosen on the page"), this)),
      m_hint(new QLabel(this)), m_canvas(new PlacementCanvas(this)), m_resizeTimer(new QTimer(this)),
      m_renderer(new PdfPageRenderer(pool, this))
{
    setObjectName(QStringLiteral("signaturePlacementView"));
    m_pageSpin->setObjectName(QStringLiteral("placementPage"));
    PdfViewer::setUpPageSpin(m_pageSpin);
    m_templateMode->setObjectName(QStringLiteral("placementTemplate"));
    m_manualMode->setObjectName(QStringLiteral("placementManual"));
    setTemplateText(tr("By the template"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_templateMode);
    group->addButton(m_manualMode);
    m_templateMode->setChecked(true);
    m_hint->setObjectName(QStringLiteral("placementHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);

    auto *pageLabel = new QLabel(tr("Pa&ge:"), this);
    pageLabel->setBuddy(m_pageSpin);
    auto *modes = new QHBoxLayout;
    modes->setContentsMargins(0, 0, 0, 0);
    modes->addWidget(new QLabel(tr("Position:"), this));
    modes->addWidget(m_templateMode);
    modes->addWidget(m_manualMode);
    modes->addStretch(1);
    modes->addWidget(pageLabel);
    modes->addWidget(m_pageSpin);
    modes->addWidget(m_pageTotal);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modes);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_hint);

    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(120);
    connect(m_resizeTimer, &QTimer::timeout, this, &SignaturePlacementView::render);
    connect(m_pageSpin, &QSpinBox::valueChanged, this, [this](int v) { setCurrentPage(v - 1); });
    connect(m_templateMode, &QRadioButton::clicked, this, [this] { setManual(false); });
    connect(m_manualMode, &QRadioButton::clicked, this, [this] { setManual(true); });
    connect(m_renderer, &PdfPageRenderer::openFailed, this, [this](const QString &message) {
        showMessage(message);
        Q_EMIT loadFailed(message);
    });
    connect(m_renderer, &PdfPageRenderer::rendered, this, [this](int page, const QImage &image) {
        m_image = image;
        if (image.isNull())
            m_message = tr("Page %1 cannot be shown.").arg(page + 1);
        m_canvas->update();
    });

    showMessage(tr("Loading the document…"));
}

SignaturePlacementView::~SignaturePlacementView() = default;

QWidget *SignaturePlacementView::canvas() const
{
    return m_canvas;
}

QRectF SignaturePlacementView::pageArea() const
{
    return m_canvas->pageArea();
}

QRectF SignaturePlacementView::boxArea() const
{
    return m_canvas->boxShown() ? m_canvas->toCanvas(m_box) : QRectF();
}

bool SignaturePlacementView::hasPdf() const
{
    return !m_pages.isEmpty();
}

int SignaturePlacementView::pageCount() const
{
    return int(m_pages.size());
}

QSizeF SignaturePlacementView::pageSize() const
{
    if (m_page < 0 || m_page >= m_pages.size())
        return {};
    return displayPageSize(m_pages[m_page]);
}

double SignaturePlacementView::scale() const
{
    return m_canvas->scale();
}

void SignaturePlacementView::showMessage(const QString &message)
{
    m_renderer->clear();
    m_pages.clear();
    m_image = QImage();
    m_message = message;
    m_hasBox = false;
    updateControls();
    m_canvas->update();
}

void SignaturePlacementView::setPdf(const QByteArray &pdf)
{
    showMessage(tr("Loading the document…"));
    m_pdf = pdf;
    m_manual = false;
    m_hasProposal = false;
    m_proposalNote.clear();
    m_page = 0;
    struct Opened
    {
        std::shared_ptr<PdfPages> pages;
        QList<PdfPageInfo> info;
        QString error;
    };
    m_renderer->open(
        [pdf]() {
            Opened r;
            auto inspection = inspectPdf(pdf);
            if (!inspection) {
                r.error = inspection.error().text();
                return r;
            }
            PdfPages::Problem problem;
            std::shared_ptr<PdfPages> pages = PdfPages::open(pdf, &problem);
            if (inspection->encrypted || problem == PdfPages::Problem::Unreadable ||
                problem == PdfPages::Problem::Locked) {
                r.error = tr("The document is protected by a password and cannot be shown here.");
                return r;
            }
            if (!pages || inspection->pages.isEmpty()) {
                r.error = tr("The document has no pages to show.");
                return r;
            }
            r.pages = pages;
            r.info = inspection->pages;
            return r;
        },
        [this](const Opened &r) {
            m_pages = r.info;
            // Signatures of the main document go on the last page until the proposal says where.
            m_page = int(m_pages.size()) - 1;
            m_message.clear();
            updateControls();
            render();
            Q_EMIT pdfLoaded(int(m_pages.size()));
            computeProposal();
        });
}

void SignaturePlacementView::setSignOptions(const SignOptions &options)
{
    m_options = options;
    m_haveOptions = true;
    m_preview = QImage();
    m_previewText.clear();
    switch (options.role) {
    case SignatureRole::Personal:
        m_preview = options.signatureImage;
        if (m_preview.isNull())
            m_previewText = tr("Digital signature");
        break;
    case SignatureRole::Organisation:
        m_preview = options.sealImage;
        break;
    case SignatureRole::Attachment:
    case SignatureRole::Copy:
        m_previewText = signatureTextLines(options, QDateTime::currentDateTime()).join(QLatin1Char('\n'));
        break;
    }
    computeProposal();
}

void SignaturePlacementView::computeProposal()
{
    if (m_pages.isEmpty() || !m_haveOptions)
        return;
    const int generation = ++m_proposalGeneration;
    // The proposal is made as the signing service will make it, so "by the template" shows the truth.
    SignOptions options = m_options;
    options.rect = QRectF();
    options.page = -1;
    const QByteArray pdf = m_pdf;
    struct ProposalResult
    {
        bool ok = false;
        Placement placement;
        QString error;
    };
    runInWorker(
        m_pool, this,
        [pdf, options]() {
            ProposalResult r;
            auto p = placeSignature(pdf, options, signatureTextLines(options, QDateTime::currentDateTime()));
            if (p) {
                r.ok = true;
                r.placement = p.value();
            } else {
                r.error = p.error().text();
            }
            return r;
        },
        [this, generation](const ProposalResult &r) {
            if (generation != m_proposalGeneration || m_pages.isEmpty())
                return;
            m_hasProposal = r.ok && r.placement.pageIndex >= 0 && r.placement.pageIndex < m_pages.size();
            m_proposalPage = r.placement.pageIndex;
            m_proposalPdf = r.placement.rect;
            m_proposalNote = r.ok ? r.placement.warning : r.error;
            // The constraints are those of the box's page: the seal keeps its real size, the handwritten
            // signature its proportions (in user space, as the service fits the image there).
            m_fixedSize = QSizeF();
            m_aspect = 0;
            if (m_options.role == SignatureRole::Organisation && !m_options.sealImage.isNull()) {
                const double w = m_options.sealSizeMm * kPointsPerMm;
                const double h = w * m_options.sealImage.height() / std::max(1, m_options.sealImage.width());
                m_fixedSize = QSizeF(w, h);
            } else if (m_options.role == SignatureRole::Personal && !m_options.signatureImage.isNull()) {
                m_aspect =
                    double(m_options.signatureImage.width()) / std::max(1, m_options.signatureImage.height());
            }
            const PdfPageInfo &page = m_pages[m_hasProposal ? m_proposalPage : m_page];
            if (turned(page)) {
                m_fixedSize = m_fixedSize.transposed();
                if (m_aspect > 0)
                    m_aspect = 1 / m_aspect;
            }
            if (m_manual && m_hasBox) {
                // Keep the user's place; only the size the options impose changes, about the centre.
                QRectF box = m_box;
                if (!m_fixedSize.isEmpty())
                    box.setSize(m_fixedSize);
                else if (m_aspect > 0)
                    box.setHeight(box.width() / m_aspect);
                box.moveCenter(m_box.center());
                userBox(box);
            } else {
                useProposal();
            }
            updateControls();
            Q_EMIT proposalReady();
        });
}

void SignaturePlacementView::useProposal()
{
    m_manual = false;
    if (m_hasProposal && hasPdf()) {
        m_hasBox = true;
        m_boxPage = m_proposalPage;
        m_box = pdfToDisplayRect(m_pages[m_proposalPage], m_proposalPdf);
        if (m_page != m_boxPage) {
            m_page = m_boxPage;
            render();
        }
    } else {
        m_hasBox = false;
    }
    updateControls();
    m_canvas->update();
    Q_EMIT placementChanged();
}

void SignaturePlacementView::setManual(bool manual)
{
    if (!manual) {
        useProposal();
        return;
    }
    if (!hasPdf())
        return;
    if (!m_hasBox) {
        // Nothing proposed: a box of the usual size in the lower right of the page shown, to be moved.
        const QSizeF page = pageSize();
        QSizeF size = m_fixedSize.isEmpty() ? QSizeF(150, m_aspect > 0 ? 150 / m_aspect : 60) : m_fixedSize;
        userBox(QRectF(QPointF(page.width() * 0.55, page.height() * 0.7), size));
        return;
    }
    m_manual = true;
    updateControls();
    m_canvas->update();
    Q_EMIT placementChanged();
}

void SignaturePlacementView::userBox(const QRectF &requested)
{
    const QSizeF page = pageSize();
    if (page.isEmpty())
        return;
    QRectF box = requested;
    if (box.width() > page.width() || box.height() > page.height()) {
        const double f = std::min(page.width() / box.width(), page.height() / box.height());
        box.setSize(box.size() * f);
    }
    box.moveLeft(std::clamp(box.left(), 0.0, page.width() - box.width()));
    box.moveTop(std::clamp(box.top(), 0.0, page.height() - box.height()));
    m_box = box;
    m_boxPage = m_page;
    m_hasBox = true;
    m_manual = true;
    updateControls();
    m_canvas->update();
    Q_EMIT placementChanged();
}

void SignaturePlacementView::placeBox(int page, const QRectF &pdfRect)
{
    if (page < 0 || page >= m_pages.size())
        return;
    setCurrentPage(page);
    userBox(pdfToDisplayRect(m_pages[page], pdfRect));
}

QRectF SignaturePlacementView::pdfRect() const
{
    if (!m_hasBox || m_boxPage >= m_pages.size())
        return {};
    return displayToPdfRect(m_pages[m_boxPage], m_box);
}

void SignaturePlacementView::applyTo(SignOptions &options) const
{
    if (!m_manual || !m_hasBox || !hasPdf())
        return;
    options.page = m_boxPage + 1;
    options.rect = pdfRect();
}

void SignaturePlacementView::setBoxVisible(bool visible)
{
    m_boxVisible = visible;
    updateControls();
    m_canvas->update();
}

void SignaturePlacementView::setTemplateText(const QString &text)
{
    m_templateMode->setText(text);
}

void SignaturePlacementView::setCurrentPage(int page)
{
    if (page < 0 || page >= m_pages.size() || page == m_page)
        return;
    m_page = page;
    updateControls();
    render();
}

void SignaturePlacementView::render()
{
    if (!hasPdf())
        return;
    m_renderer->render(m_page, 72.0 * m_canvas->scale() * devicePixelRatioF());
    m_canvas->update();
}

void SignaturePlacementView::updateControls()
{
    const int pages = pageCount();
    PdfViewer::showPagePosition(m_pageSpin, m_pageTotal, m_page, pages);
    m_templateMode->setEnabled(m_boxVisible && pages > 0);
    m_manualMode->setEnabled(m_boxVisible && pages > 0);
    {
        const QSignalBlocker a(m_templateMode), b(m_manualMode);
        m_templateMode->setChecked(!m_manual);
        m_manualMode->setChecked(m_manual);
    }
    QStringList lines;
    if (m_boxVisible && pages > 0) {
        lines << (m_fixedSize.isEmpty()
                      ? tr("Drag on the page to draw the signature box; drag the box to move it or a corner "
                           "to resize it; the arrow keys nudge it (Shift: faster).")
                      : tr("Drag the seal or click where it goes; the arrow keys nudge it (Shift: faster)."))
                     .toHtmlEscaped();
        if (m_hasBox && m_boxPage != m_page)
            lines << QStringLiteral("<b>%1</b>")
                         .arg(tr("The signature is on page %1.").arg(m_boxPage + 1).toHtmlEscaped());
        if (!m_proposalNote.isEmpty() && !m_manual)
            lines << QStringLiteral("<span style='color:#9a6700'>%1</span>")
                         .arg(m_proposalNote.toHtmlEscaped());
    }
    m_hint->setText(lines.join(QStringLiteral("<br/>")));
    m_hint->setVisible(!lines.isEmpty());
}

} // namespace govdesk::gui
