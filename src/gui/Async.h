#pragma once

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace govdesk::gui {

/// Runs `work` on `pool` and hands its result to `done` in the thread of `context` (the UI thread for a
/// widget). When `context` is destroyed first, `done` is never called, so a closed window cannot be touched
/// by a late answer. `work` must not touch widgets.
template<typename Work, typename Done>
void runInWorker(QThreadPool *pool, QObject *context, Work work, Done done)
{
    QtConcurrent::run(pool, std::move(work)).then(context, std::move(done));
}

} // namespace govdesk::gui
