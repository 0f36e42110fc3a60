#include "TokenWatcher.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QWaitCondition>

#include <algorithm>
#include <thread>
#include <tuple>

namespace govdesk::signing {

namespace {

using TokenKey = std::tuple<QString, quint64, QString>;

QList<TokenKey> keysOf(const QList<TokenInfo> &tokens)
{
    QList<TokenKey> keys;
    for (const TokenInfo &t : tokens)
        keys.append({t.modulePath, t.slotId, t.serialNumber});
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace

struct TokenWatcher::Private
{
    QStringList modulePaths;
    int intervalMs = 1500;

    mutable QMutex mutex; // guards everything below
    QWaitCondition wake;
    bool stopRequested = false;
    std::thread worker;
    QList<TokenInfo> current;
    QList<core::Error> errors;

    void run(TokenWatcher *q);
};

// q outlives the worker: its destructor joins the thread before QObject is torn down.
void TokenWatcher::Private::run(TokenWatcher *q)
{
    struct Slot
    {
        std::shared_ptr<Pkcs11Module> module;
        QDateTime failedFileTime; // retry a failed load only when the file changes
        bool failed = false;
        core::Error error;
    };
    QHash<QString, Slot> modules;
    QList<TokenKey> lastKeys;
    bool first = true;

    for (;;) {
        {
            QMutexLocker lock(&mutex);
            if (stopRequested)
                break;
        }
        QList<core::Error> errorsNow;
        QList<std::shared_ptr<Pkcs11Module>> loaded;
        for (const QString &path : modulePaths) {
            Slot &s = modules[path];
            if (!s.module) {
                const QDateTime fileTime = QFileInfo(path).lastModified();
                if (!s.failed || fileTime != s.failedFileTime) {
                    auto r = Pkcs11Module::load(path);
                    if (r.ok()) {
                        s.module = r.value();
                        s.failed = false;
                    } else {
                        s.failed = true;
                        s.failedFileTime = fileTime;
                        s.error = r.error();
                    }
                }
            }
            if (s.module)
                loaded.append(s.module);
            else
                errorsNow.append(s.error);
        }

        QList<TokenInfo> cheap;
        for (const auto &m : loaded) {
            auto r = m->tokensWithoutCertificates();
            if (r.ok())
                cheap += r.value();
            else
                errorsNow.append(r.error());
        }
        if (first || keysOf(cheap) != lastKeys) {
            QList<TokenInfo> full;
            for (const auto &m : loaded) {
                auto r = m->tokens();
                if (r.ok())
                    full += r.value();
            }
            const QList<TokenKey> keys = keysOf(full);
            if (keys != lastKeys) {
                lastKeys = keys;
                {
                    QMutexLocker lock(&mutex); // current() is right even without an event loop
                    current = full;
                }
                QMetaObject::invokeMethod(
                    q, [q, full] { q->deliver(full); }, Qt::QueuedConnection);
            }
            first = false;
        }

        QMutexLocker lock(&mutex);
        errors = errorsNow;
        if (stopRequested)
            break;
        wake.wait(&mutex, QDeadlineTimer(intervalMs));
    }
    // The modules are released here, in the thread that used them.
}

TokenWatcher::TokenWatcher(QStringList modulePaths, int intervalMs, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<TokenInfo>();
    qRegisterMetaType<QList<TokenInfo>>();
    d->modulePaths = std::move(modulePaths);
    d->modulePaths.removeDuplicates();
    d->intervalMs = std::max(100, intervalMs);
}

TokenWatcher::~TokenWatcher()
{
    stop();
}

void TokenWatcher::start()
{
    if (d->worker.joinable())
        return;
    {
        QMutexLocker lock(&d->mutex);
        d->stopRequested = false;
    }
    d->worker = std::thread([this] { d->run(this); });
}

void TokenWatcher::stop()
{
    if (!d->worker.joinable())
        return;
    {
        QMutexLocker lock(&d->mutex);
        d->stopRequested = true;
        d->wake.wakeAll();
    }
    d->worker.join();
}

bool TokenWatcher::isRunning() const
{
    return d->worker.joinable();
}

QList<TokenInfo> TokenWatcher::current() const
{
    QMutexLocker lock(&d->mutex);
    return d->current;
}

QList<core::Error> TokenWatcher::moduleErrors() const
{
    QMutexLocker lock(&d->mutex);
    return d->errors;
}

void TokenWatcher::deliver(const QList<TokenInfo> &tokens)
{
    Q_EMIT tokensChanged(tokens);
}

} // namespace govdesk::signing
