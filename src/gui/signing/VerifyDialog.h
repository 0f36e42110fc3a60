#pragma once

#include <QDialog>

class QThreadPool;

namespace govdesk::gui {

class PdfViewer;
class SignaturePanel;

/// Checks the digital signatures of any PDF on disk (one received by e-mail, a file to be forwarded): the
/// document beside its signature panel, as in the incoming-document view.
class VerifyDialog : public QDialog
{
    Q_OBJECT
public:
    VerifyDialog(QThreadPool *pool, QWidget *parent = nullptr);

    /// Opens `path`; with an empty path asks for a file. False only when no file was chosen (a file that
    /// cannot be read is shown with the reason).
    bool openFile(const QString &path = QString());
    SignaturePanel *signaturePanel() const { return m_panel; }

private:
    SignaturePanel *m_panel;
    PdfViewer *m_viewer;
};

} // namespace govdesk::gui
