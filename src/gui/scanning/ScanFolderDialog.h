#pragma once

#include "scanning/scan/WatchedFolder.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ScanFolderDialog;
}

namespace govdesk::gui {

class ScanFolder;

/// Tệp → Thư mục quét…: where the office's scanners save their files and where the PDFs made from them go,
/// the PDFs waiting to be registered (register one, open it, put it aside) and the files that could not be
/// read, with the reason (try one again once its cause is fixed). Changes of the folders show at once.
class ScanFolderDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScanFolderDialog(ScanFolder &folder, QWidget *parent = nullptr);
    ~ScanFolderDialog() override;

    /// The lists were read again (they are read in the background).
    int pendingRows() const;
    int failedRows() const;

public Q_SLOTS:
    void reload();
    /// The folders typed or chosen: checked, watched and kept.
    void applyFolders();
    void registerSelected();
    void openSelected();
    void discardSelected();
    void retrySelected();

Q_SIGNALS:
    /// The clerk asked to register this PDF as an incoming document.
    void registerRequested(const QString &pdf);
    /// The lists on screen are those of the folders now.
    void reloaded();

private:
    void showFolderState();
    void updateButtons();
    QString selectedPending() const;
    QString selectedFailed() const;
    void browse(bool inbox);
    void showError(const core::Error &error);

    ScanFolder &m_folder;
    std::unique_ptr<Ui::ScanFolderDialog> m_ui;
    QList<scanning::PendingScan> m_pending;
    QList<scanning::FailedScan> m_failed;
    QString m_error; ///< what went wrong with the last action, shown until the next one
    int m_generation = 0;
};

} // namespace govdesk::gui
