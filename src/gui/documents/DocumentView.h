#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "documents/IncomingDocument.h"
#include "gui/Session.h"

#include <QWidget>

#include <functional>
#include <type_traits>

class QDialog;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace govdesk::gui {

class PdfViewer;
class SignaturePanel;

/// What the screens of one document (incoming or outgoing) have in common: the heading (title, summary,
/// status), a row of the actions the subclass offers, tabs beside the PDF with the verdict on its digital
/// signatures over it, and a placeholder while no document is shown. Everything is read in a worker; an
/// answer that arrives after another document was opened is dropped.
///
/// A subclass adds its action buttons and tabs in its constructor, then calls assemble().
class DocumentView : public QWidget
{
    Q_OBJECT
public:
    /// Reads the bytes of a file of the document, in a worker.
    using FileReader = std::function<core::Result<QByteArray>(Session &)>;

    void showDocument(const QString &id);
    void clear();
    QString documentId() const { return m_id; }
    PdfViewer *pdfViewer() const { return m_viewer; }
    SignaturePanel *signaturePanel() const { return m_signatures; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    /// The document finished loading (its panels are filled).
    void documentLoaded(const QString &id);

protected:
    /// `namePrefix` names the parts for tests and style sheets ("document" gives "documentTitle").
    DocumentView(Session &session, const QString &namePrefix, QWidget *parent);

    /// A button of the action row, in the order added.
    QPushButton *addActionButton(const QString &text, const char *name, const QString &toolTip = {});
    const QList<QPushButton *> &actionButtons() const { return m_actionButtons; }
    /// A tab of label–value rows (scrolling when long).
    QFormLayout *addFormTab(const QString &title);
    /// A table of who did what and when, filled by fillHistory().
    QTreeWidget *createHistoryTree(const QString &objectName);
    /// The row over the PDF, holding the signature verdict.
    QHBoxLayout *viewerHeader() const { return m_viewerHeader; }
    /// Lays the parts out; the subclass calls it once its buttons and tabs are added.
    void assemble();

    /// Reads the document m_id again and fills the panels.
    virtual void reload() = 0;
    /// Drops what is known of the document shown before (another one, or none, is about to be shown).
    virtual void forgetDocument() = 0;
    /// Under an error message: the English text, for the views whose errors are shown in both languages.
    virtual QString errorDetails(const core::Error &error) const;

    /// Starts reading again: answers of the reads started before are dropped.
    void newGeneration() { ++m_generation; }
    /// Runs `work` in a worker and hands its result to `done`, unless another document was opened (or this
    /// one reloaded) meanwhile.
    template<typename Work, typename Done> void runForDocument(Work work, Done done)
    {
        using R = std::invoke_result_t<Work>;
        const int generation = m_generation;
        m_session.run(this, std::move(work), [this, generation, done](const R &r) {
            if (generation == m_generation)
                done(r);
        });
    }

    /// Reads a PDF in a worker and shows it; `shown` follows when it is on screen.
    void openPdf(const QString &fileName, FileReader read, std::function<void()> shown = {});
    /// Shows the PDF in the viewer and has its signatures checked.
    void showPdf(const QByteArray &data, const QString &fileName);
    /// Asks where to save a file of the document and writes it there from a worker.
    void saveFileAs(const QString &title, const QString &fileName, const QString &filter, FileReader read);

    /// The panels instead of the placeholder.
    void showContent();
    /// The placeholder with `message` instead of the panels.
    void showPlaceholder(const QString &message);
    void setHeading(const QString &title, const QString &subject);
    /// How the status reads at a glance.
    enum class Tone
    {
        Neutral,
        Good,
        Warning,
        Bad,
    };
    void setStatus(const QString &text, Tone tone);
    /// Adds a row to a form tab; an empty value shows as a dash.
    static QLabel *addRow(QFormLayout *form, const QString &label, const QString &value);
    static void clearRows(QFormLayout *form);
    /// The urgency and classification rows, in colour when they are not the ordinary ones.
    static void addPriorityRows(QFormLayout *form, documents::Urgency urgency, documents::Secrecy secrecy);
    void fillHistory(QTreeWidget *tree, const QList<documents::ProgressEntry> &entries,
                     const std::function<QString(const documents::ProgressEntry &)> &what,
                     const std::function<QString(const documents::ProgressEntry &)> &note);
    /// Opens a dialog of this document; it is deleted when closed.
    void openDialog(QDialog *dialog);
    void showError(const core::Error &error);

    Session &m_session;
    QString m_id;
    QTabWidget *m_tabs;
    PdfViewer *m_viewer;
    SignaturePanel *m_signatures;
    QPushButton *m_signatureBanner;

private:
    QString m_namePrefix;
    int m_generation = 0;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subject;
    QLabel *m_status;
    QHBoxLayout *m_actions;
    QList<QPushButton *> m_actionButtons;
    QSplitter *m_splitter;
    QHBoxLayout *m_viewerHeader;
};

} // namespace govdesk::gui
