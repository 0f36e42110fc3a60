#include "ScanFolder.h"

#include <QSettings>

namespace govdesk::gui {

namespace {

const QString kInboxKey = QStringLiteral("scanning/folder/inbox");
const QString kPdfKey = QStringLiteral("scanning/folder/pdf");

} // namespace

ScanFolder::ScanFolder(QObject *parent) : QObject(parent)
{
    const QSettings settings;
    m_options.inbox = settings.value(kInboxKey).toString();
    m_options.outDir = settings.value(kPdfKey).toString();
}

ScanFolder::~ScanFolder() = default;

void ScanFolder::start()
{
    m_folder.reset();
    m_problem = {};
    if (!isConfigured()) {
        Q_EMIT changed();
        return;
    }
    auto folder = std::make_unique<scanning::WatchedFolder>(m_options);
    if (auto r = folder->start(); !r) {
        m_problem = r.error();
        Q_EMIT changed();
        return;
    }
    connect(folder.get(), &scanning::WatchedFolder::fileProcessed, this, &ScanFolder::changed);
    connect(folder.get(), &scanning::WatchedFolder::fileFailed, this,
            [this](const QString &source, const core::Error &error) {
                Q_EMIT fileFailed(source, error);
                Q_EMIT changed();
            });
    m_folder = std::move(folder);
    Q_EMIT changed();
}

core::Result<void> ScanFolder::configure(const QString &inbox, const QString &outDir)
{
    scanning::WatchedFolderOptions options = m_options;
    options.inbox = inbox.trimmed();
    options.outDir = outDir.trimmed();
    if (auto r = scanning::WatchedFolder::checkFolders(options); !r)
        return r;
    auto folder = std::make_unique<scanning::WatchedFolder>(options);
    if (auto r = folder->start(); !r)
        return r;
    folder.reset();
    m_options = options;
    QSettings settings;
    settings.setValue(kInboxKey, m_options.inbox);
    settings.setValue(kPdfKey, m_options.outDir);
    start();
    return {};
}

void ScanFolder::turnOff()
{
    m_folder.reset();
    m_problem = {};
    m_options.inbox.clear();
    m_options.outDir.clear();
    QSettings settings;
    settings.remove(kInboxKey);
    settings.remove(kPdfKey);
    Q_EMIT changed();
}

int ScanFolder::pendingCount() const
{
    return isConfigured() ? scanning::WatchedFolder::pendingCount(m_options.outDir) : 0;
}

void ScanFolder::setBeingRegistered(const QString &pdf, bool on)
{
    if (on)
        m_registering.insert(pdf);
    else
        m_registering.remove(pdf);
    Q_EMIT changed();
}

core::Result<QString> ScanFolder::settle(const QString &pdf, scanning::ScanSettlement how)
{
    auto r = scanning::WatchedFolder::settle(pdf, m_options.outDir, how);
    if (r)
        m_registering.remove(pdf);
    Q_EMIT changed();
    return r;
}

core::Result<QString> ScanFolder::retry(const QString &failedFile)
{
    auto r = scanning::WatchedFolder::retry(failedFile, m_options.inbox);
    Q_EMIT changed();
    return r;
}

} // namespace govdesk::gui
