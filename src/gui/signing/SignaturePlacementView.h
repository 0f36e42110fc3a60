#pragma once

#include "signing/SigningService.h"
#include "signing/pdf/PdfSigner.h"

#include <QImage>
#include <QThreadPool>
#include <QWidget>

class QLabel;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace govdesk::gui {

class PdfPageRenderer;
class PlacementCanvas;

/// `rect` in points from the top-left corner of the page as it is shown (its crop box, its /Rotate applied)
/// given in PDF user space (points from the bottom-left of the unrotated page), and back.
QRectF displayToPdfRect(const signing::PdfPageInfo &page, const QRectF &rect);
QRectF pdfToDisplayRect(const signing::PdfPageInfo &page, const QRectF &rect);
/// The size of the page as it is shown, in points.
QSizeF displayPageSize(const signing::PdfPageInfo &page);

/// Shows a page of a PDF fitted into the widget with the box where the signature will go: first the
/// position the signing service proposes (placeSignature: between the title and the name for a personal
/// signature, over the left third of it for the seal, top-right for attachments and copies), which the
/// user may keep ("by the template"), move or resize with the mouse, replace by dragging a new rectangle,
/// or nudge with the arrow keys (Shift: 10 points). The result is the page and the rectangle in PDF points
/// from the bottom-left corner, page rotation and crop box taken into account.
/// Loading, page rendering and the proposal run on a worker.
class SignaturePlacementView : public QWidget
{
    Q_OBJECT
public:
    explicit SignaturePlacementView(QThreadPool *pool = QThreadPool::globalInstance(),
                                    QWidget *parent = nullptr);
    ~SignaturePlacementView() override;

    /// Shows this PDF (empty: a message that the document is being loaded).
    void setPdf(const QByteArray &pdf);
    void showMessage(const QString &message);
    /// How the signature will be made: role, images, title and name for the template. Computes the proposed
    /// box (as placeSignature would) and sets how the box may change: a personal signature keeps the image's
    /// proportions, the seal keeps its real size and only moves.
    void setSignOptions(const signing::SignOptions &options);
    /// Hides the box (e.g. no organisation signature is wanted) without forgetting it.
    void setBoxVisible(bool visible);
    /// The text of the "by the template" choice, e.g. "Between the title and the name".
    void setTemplateText(const QString &text);

    bool hasPdf() const;
    /// The page shown is drawn (its image came from the worker); the box can be placed with the mouse.
    bool isPageShown() const { return !m_image.isNull(); }
    int pageCount() const;
    int currentPage() const { return m_page; } ///< 0-based, the page shown
    void setCurrentPage(int page);

    /// True when the user placed the box; false: the template position is used.
    bool isManual() const { return m_manual; }
    /// Back to the template position (false), or keeps the box where it is and lets the user move it (true).
    void setManual(bool manual);
    bool hasBox() const { return m_hasBox; }
    bool hasProposal() const { return m_hasProposal; }
    int boxPage() const { return m_boxPage; } ///< 0-based
    /// The box in PDF user space points (bottom-left origin) on boxPage().
    QRectF pdfRect() const;
    /// Puts the box on `page` at `pdfRect` (PDF user space) as if the user had placed it.
    void placeBox(int page, const QRectF &pdfRect);
    /// Writes the user's placement into the options (page 1-based, rect); leaves them as they are when the
    /// template position is used.
    void applyTo(signing::SignOptions &options) const;
    /// Why there is no proposal, or the warning that came with it (translated); empty when all is well.
    QString proposalNote() const { return m_proposalNote; }

    /// The widget the page is drawn on, and where the page is in it (for tests and screenshots).
    QWidget *canvas() const;
    QRectF pageArea() const;
    /// The box in the canvas's coordinates (empty when it is not on the page shown).
    QRectF boxArea() const;

Q_SIGNALS:
    void pdfLoaded(int pageCount);
    void loadFailed(const QString &message);
    /// The proposal was computed (or could not be: see proposalNote()).
    void proposalReady();
    /// The box moved, changed size or page, or the template position was chosen again.
    void placementChanged();

private:
    friend class PlacementCanvas;
    void render();
    void computeProposal();
    void updateControls();
    void useProposal();
    /// The page shown, in display points.
    QSizeF pageSize() const;
    double scale() const;
    // Canvas interaction, in display points of the page shown.
    void userBox(const QRectF &box);

    QThreadPool *m_pool;
    QList<signing::PdfPageInfo> m_pages; ///< of the document shown; empty while none is
    QByteArray m_pdf;
    signing::SignOptions m_options;
    bool m_haveOptions = false;
    int m_proposalGeneration = 0;
    int m_page = 0;
    QImage m_image;
    QString m_message;

    bool m_hasBox = false, m_boxVisible = true, m_manual = false;
    int m_boxPage = 0;
    QRectF m_box; ///< display points of m_boxPage
    bool m_hasProposal = false;
    int m_proposalPage = 0;
    QRectF m_proposalPdf; ///< PDF user space
    QString m_proposalNote;
    double m_aspect = 0; ///< width / height the box keeps (display); 0 = free
    QSizeF m_fixedSize;  ///< display points; empty = resizable
    QImage m_preview;    ///< drawn in the box
    QString m_previewText;

    QSpinBox *m_pageSpin;
    QLabel *m_pageTotal;
    QRadioButton *m_templateMode;
    QRadioButton *m_manualMode;
    QLabel *m_hint;
    PlacementCanvas *m_canvas;
    QTimer *m_resizeTimer;
    PdfPageRenderer *m_renderer;
};

} // namespace govdesk::gui
