#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "scanning/scan/WatchedFolder.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace govdesk::gui {

/// The office's scan-to-folder inbox as this workstation watches it while GovDesk runs: the folder the
/// scanners write to and the folder for the PDFs are kept in the user's settings; new files become PDFs in
/// the background (the scanning service's WatchedFolder) and wait there until a clerk registers them or puts
/// them aside.
class ScanFolder : public QObject
{
    Q_OBJECT
public:
    explicit ScanFolder(QObject *parent = nullptr);
    ~ScanFolder() override;

    /// The folders in the settings (empty when none was chosen).
    QString inbox() const { return m_options.inbox; }
    QString outDir() const { return m_options.outDir; }
    bool isConfigured() const { return !m_options.inbox.isEmpty(); }
    /// Watching now (configured and its folders could be opened).
    bool isWatching() const { return m_folder != nullptr; }
    /// Why the folders could not be watched (null while all is well).
    const core::Error &problem() const { return m_problem; }

    /// Checks the folders, starts watching them and keeps them in the settings; on an error nothing changes.
    core::Result<void> configure(const QString &inbox, const QString &outDir);
    /// Stops watching and forgets the folders (the files in them stay).
    void turnOff();
    /// Starts watching the folders of the settings (at sign-in); a folder that cannot be opened (a network
    /// share not mounted yet) is reported through problem().
    void start();

    int pendingCount() const;
    /// A PDF being registered in an open form: shown as such and not offered twice.
    bool isBeingRegistered(const QString &pdf) const { return m_registering.contains(pdf); }
    void setBeingRegistered(const QString &pdf, bool on);
    core::Result<QString> settle(const QString &pdf, scanning::ScanSettlement how);
    core::Result<QString> retry(const QString &failedFile);

Q_SIGNALS:
    /// Something in the folders changed: a PDF made, a file failed, one registered or put aside, new folders.
    void changed();
    /// A dropped file could not be read (it is in failed/ with its reason).
    void fileFailed(const QString &source, const govdesk::core::Error &error);

private:
    scanning::WatchedFolderOptions m_options;
    std::unique_ptr<scanning::WatchedFolder> m_folder;
    core::Error m_problem;
    QSet<QString> m_registering;
};

} // namespace govdesk::gui
