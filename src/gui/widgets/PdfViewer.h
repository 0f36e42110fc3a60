#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace govdesk::gui {

class PdfPageRenderer;

/// Shows a PDF a page at a time with page navigation, zoom and fit-to-width. Loading and rendering run in a
/// worker (Poppler), so a large scan never freezes the window; a damaged file shows a message instead.
class PdfViewer : public QWidget
{
    Q_OBJECT
public:
    explicit PdfViewer(QWidget *parent = nullptr);
    ~PdfViewer() override;

    /// Shows the PDF held in `data`; `name` is used in messages.
    void setPdf(const QByteArray &data, const QString &name);
    /// Shows `message` instead of a document (no attachment, not a PDF, loading …).
    void showMessage(const QString &message);

    int pageCount() const;
    int currentPage() const { return m_page; } // 0-based
    /// The rendered image of the current page (null until it is rendered).
    QImage currentImage() const { return m_image; }
    QString message() const;
    double zoom() const { return m_zoom; }
    bool fitsWidth() const { return m_fitWidth; }

    /// The page spin box of a PDF view (this one's, the signature placement's): from 1, a value typed counts
    /// once it is complete.
    static void setUpPageSpin(QSpinBox *spin);
    /// Shows `page` (0-based) of `pages` in the spin box and "of N" in `total` without signalling a change.
    static void showPagePosition(QSpinBox *spin, QLabel *total, int page, int pages);

public Q_SLOTS:
    void setPage(int page);
    void nextPage();
    void previousPage();
    void zoomIn();
    void zoomOut();
    void fitWidth();

Q_SIGNALS:
    void pageRendered(int page);
    void loadFailed(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void render();
    void showPage(int page, QImage image);
    void updateControls();
    void setZoom(double zoom);

    int m_page = 0;
    double m_zoom = 1.0; // 1.0 = 100 % (72 dpi × screen scale)
    bool m_fitWidth = true;
    QImage m_image;
    QStackedWidget *m_stack;
    QScrollArea *m_scroll;
    QLabel *m_pageLabel;
    QLabel *m_message;
    QToolButton *m_prev;
    QToolButton *m_next;
    QSpinBox *m_pageSpin;
    QLabel *m_pageTotal;
    QToolButton *m_zoomOut;
    QToolButton *m_zoomIn;
    QLabel *m_zoomLabel;
    QToolButton *m_fit;
    QTimer *m_resizeTimer;
    PdfPageRenderer *m_renderer;
    qreal m_renderDpr = 1; ///< the screen scale of the page asked for
};

} // namespace govdesk::gui
