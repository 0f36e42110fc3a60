#pragma once

#include "core/Error.h"
#include "gui/scanning/ProposedFields.h"
#include "scanning/ocr/OcrTypes.h"

#include <QGroupBox>
#include <QHash>
#include <QImage>

#include <functional>
#include <memory>
#include <optional>

class QBoxLayout;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTemporaryDir;

namespace Ui {
class IncomingScanPanel;
}

namespace govdesk::scanning {
class OcrJob;
}

namespace govdesk::gui {

class FieldProposalRow;
class PdfPageRenderer;
class ScanDialog;
class ScanPagePreview;
class Session;

/// The paper side of registering an incoming document: scan it ("Quét văn bản…") or import existing images or
/// PDFs, then recognise its text in the background while the clerk already types. When recognition ends,
/// what it read for cơ quan ban hành, số và ký hiệu, ngày ban hành, loại văn bản and trích yếu appears right
/// under those fields with its confidence; selecting a proposal marks on the page preview where it was read.
/// "Use" fills one field, "Use all" every field, and a value the clerk typed is never replaced without
/// asking. The document is registered with the searchable PDF (the scan plus its text layer) as its file.
class IncomingScanPanel : public QGroupBox
{
    Q_OBJECT
public:
    /// The parts of the registration form the panel reads and fills.
    struct Form
    {
        QComboBox *author = nullptr;
        QComboBox *type = nullptr;
        QLineEdit *number = nullptr;
        QLineEdit *notation = nullptr;
        QDateEdit *documentDate = nullptr;
        QPlainTextEdit *subject = nullptr;
        QSpinBox *pageCount = nullptr;
        /// Where each field's proposal goes: under the field, in the field's own column.
        QBoxLayout *authorLayout = nullptr;
        QBoxLayout *typeLayout = nullptr;
        QBoxLayout *referenceLayout = nullptr;
        QBoxLayout *documentDateLayout = nullptr;
        QBoxLayout *subjectLayout = nullptr;
        /// Puts `to` in the form's files in place of `from` (empty `from`: adds it).
        std::function<void(const QString &from, const QString &to)> setFile;
    };

    IncomingScanPanel(Session &session, Form form, QWidget *parent = nullptr);
    ~IncomingScanPanel() override;

    /// The register button was pressed: true when the save has to wait for the scan's text recognition (the
    /// document is to get the searchable PDF); `resume` is called once it ended, whichever way.
    bool holdSave(std::function<void()> resume);
    /// Scanning, importing or recognising.
    bool isBusy() const;
    bool isRecognising() const { return m_ocr != nullptr; }
    /// The PDF the document will get: the searchable one once recognition is done, the scan before.
    QString documentPdf() const { return m_documentPdf; }
    const scanning::OcrOutcome &outcome() const { return m_outcome; }

    FieldProposalRow *proposalRow(ProposedField field) const { return m_rows.value(field); }
    ScanPagePreview *preview() const;
    /// The field whose proposal is selected (marked on the preview), or none.
    std::optional<ProposedField> selectedField() const { return m_selected; }

public Q_SLOTS:
    /// Opens the scan dialog.
    void scan();
    /// Asks for image or PDF files to import.
    void importFiles();
    void importPaths(const QStringList &paths);
    /// Puts one proposal into its field, asking first when the clerk typed something else there.
    void use(govdesk::scanning::ProposedField field);
    /// Every proposal into its field; asks once whether to replace what the clerk typed.
    void useAll();
    void select(govdesk::scanning::ProposedField field);
    void cancelRecognition();

Q_SIGNALS:
    /// A scan or an import gave the document's PDF; recognition starts.
    void documentReady(const QString &pdf);
    /// Recognition ended: the proposals are shown (ok), or it failed or was stopped (the scan is kept).
    void recognitionFinished(bool ok);
    /// A scan or an import failed; nothing was added to the form.
    void failed(const govdesk::core::Error &error);

private:
    void onPdfReady(const QString &pdf, int pages);
    void startRecognition(const QString &pdf);
    void showProposals();
    void clearProposals();
    void showPage(int page);
    void updateZoom();
    void updateRows();
    void setStatus(const QString &text, bool error = false);
    QString nextPath(const QString &folder) const;
    void finishHold();

    /// What the field holds now, and whether the clerk put it there.
    bool holdsProposal(const FieldProposal &p) const;
    bool clerkTyped(const FieldProposal &p) const;
    void apply(const FieldProposal &p);
    void markTyped(ProposedField field);

    Session &m_session;
    Form m_form;
    std::unique_ptr<Ui::IncomingScanPanel> m_ui;
    std::unique_ptr<QTemporaryDir> m_dir;
    PdfPageRenderer *m_renderer;
    QHash<ProposedField, FieldProposalRow *> m_rows;
    QHash<ProposedField, bool> m_typed;
    QList<FieldProposal> m_proposals;
    std::optional<ProposedField> m_selected;
    scanning::OcrJob *m_ocr = nullptr;
    scanning::OcrOutcome m_outcome;
    QString m_documentPdf; ///< what the form's files hold: the scan, or the searchable PDF once made
    int m_page = 0;
    int m_pageCount = 0;
    int m_counter = 0;
    int m_importGeneration = 0;
    bool m_importing = false;
    bool m_applying = false;
    std::function<void()> m_resume;
};

} // namespace govdesk::gui
