#pragma once

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <future>
#include <type_traits>
#include <utility>

namespace govdesk::gui {

/// The one thread of the whole application that talks to the OS keychain (CredentialStore, and
/// ExchangeSettings::connect, which reads the secret from it). The keychain library binds its connection to
/// the event loop of the thread that first used it: a call from any other thread later waits on a loop
/// nobody runs (QtKeychain's two-minute time-out) or crashes. So every keychain call goes through this
/// thread, one at a time, and the thread lives as long as the application: its pool is never waited on or
/// cleared (both would end it), and nothing else runs there — the database and the network stay in the
/// callers' own workers.
class KeychainThread
{
public:
    /// Runs `work` on the keychain's thread and returns its result. Blocks the calling thread meanwhile:
    /// call it from a worker, never from the UI thread.
    template<typename Work> static std::invoke_result_t<Work &> call(Work work)
    {
        using Result = std::invoke_result_t<Work &>;
        Q_ASSERT(QThread::currentThread() != QCoreApplication::instance()->thread());
        std::packaged_task<Result()> task(std::move(work));
        std::future<Result> result = task.get_future();
        // A plain future: QFuture::waitForFinished() could run the task in this thread instead.
        pool()->start([&task] { task(); });
        return result.get();
    }

private:
    static QThreadPool *pool()
    {
        // Often first asked for from a worker: the pool is handed to the application's thread and deleted
        // when the application object goes, which ends the thread.
        static QThreadPool *const thread = [] {
            auto *p = new QThreadPool;
            p->setObjectName(QStringLiteral("keychainThread"));
            p->setMaxThreadCount(1);
            p->setExpiryTimeout(-1);
            p->moveToThread(QCoreApplication::instance()->thread());
            qAddPostRoutine([] { delete pool(); });
            return p;
        }();
        return thread;
    }
};

} // namespace govdesk::gui
