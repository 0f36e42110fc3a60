#pragma once

#include "signing/SigningService.h"

#include <QDialog>
#include <QPointer>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace govdesk::gui {

class Session;
class TokenChooser;

/// Signs one or many PDFs with the USB token: choose the certificate (holder, organisation, issuer,
/// validity), the role of the signature (Decree 30 Phụ lục I), the images, then enter the PIN once for the
/// whole batch. Files are signed on a worker with progress and a result per file; originals are never
/// replaced; a failed file does not stop the others. Plugging or unplugging a token updates the list.
class SignDialog : public QDialog
{
    Q_OBJECT
public:
    SignDialog(Session &session, const QStringList &files, QWidget *parent = nullptr);
    ~SignDialog() override;

    /// For tests and IT: watch these modules instead of the installed ones.
    void setModules(const QStringList &modulePaths);
    void addFiles(const QStringList &files);

    QTreeWidget *resultsView() const { return m_results; }
    TokenChooser *tokenChooser() const { return m_token; }

Q_SIGNALS:
    void batchFinished(int signedCount, int failedCount);

private:
    void roleChanged();
    /// "Chosen on the page": opens the page of the single file to place the box; back to the template when
    /// the user cancels.
    void placementModeChanged();
    void resetPlacement();
    signing::SignOptions currentOptions() const;
    void chooseFiles();
    void chooseImage(QLineEdit *target);
    void start();
    void cancel();
    void fileDone(int index, int count, const QString &input, const QString &output, const QString &result,
                  int verdict, bool ok);
    void finished(const QString &error);
    QString outputPathFor(const QString &input) const;
    void updateButtons();
    /// Keeps the chosen images for next time when the user asked to (SignerImages); false with a message.
    bool rememberImages();

    Session &m_session;

    QListWidget *m_files;
    TokenChooser *m_token;
    QComboBox *m_role;
    QComboBox *m_placementMode;
    QLabel *m_placementSummary;
    int m_placementPage = -1; ///< 1-based, with m_placementRect: the box the user placed on the single file
    QRectF m_placementRect;
    QStackedWidget *m_roleFields;
    QLineEdit *m_signatureImage;
    QLineEdit *m_title;
    QLineEdit *m_name;
    QLineEdit *m_sealImage;
    QDoubleSpinBox *m_sealSize;
    QCheckBox *m_rememberSignature;
    QCheckBox *m_rememberSeal;
    QLineEdit *m_reference;
    QLineEdit *m_copyType;
    QLineEdit *m_copyOrgan;
    QLineEdit *m_outputDir;
    QCheckBox *m_timestamp;
    QProgressBar *m_progress;
    QTreeWidget *m_results;
    QPushButton *m_signButton;
    QPushButton *m_cancelButton;
    QPushButton *m_closeButton;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
    QByteArray m_storedSignature;
    QByteArray m_storedSeal;
};

} // namespace govdesk::gui
