#pragma once

#include "gui/Async.h"

#include <QImage>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSizeF>
#include <QThreadPool>

#include <memory>
#include <type_traits>

namespace Poppler {
class Document;
}

namespace govdesk::gui {

/// A PDF opened with Poppler to be shown a page at a time. Opening and rendering run on workers; the
/// document is kept to one worker at a time (Poppler documents are not thread-safe).
class PdfPages
{
public:
    /// Why a file cannot be shown.
    enum class Problem
    {
        None,
        Unreadable, ///< damaged, or not a PDF
        Locked,     ///< protected by a password
        Empty       ///< no page
    };

    /// Opens `data` (on a worker): the pages, or null and why in `problem`.
    static std::shared_ptr<PdfPages> open(const QByteArray &data, Problem *problem, bool textHinting = false);
    ~PdfPages();

    int count() const { return int(m_sizes.size()); }
    /// The size of `page` (0-based) in points, as Poppler shows it.
    QSizeF pageSize(int page) const;
    /// `page` at `dpi`, on a worker; null when it cannot be rendered.
    QImage render(int page, double dpi) const;

private:
    PdfPages() = default;

    std::unique_ptr<Poppler::Document> m_document;
    mutable QMutex m_mutex;
    QList<QSizeF> m_sizes;
};

/// Opens and renders PdfPages on workers for one widget and hands back only the newest answer: a file or a
/// page asked for before another one (or before clear()) is dropped when it comes.
class PdfPageRenderer : public QObject
{
    Q_OBJECT
public:
    explicit PdfPageRenderer(QThreadPool *pool, QObject *parent);
    ~PdfPageRenderer() override;

    /// The document shown, null while none is.
    PdfPages *pages() const { return m_pages.get(); }
    /// Forgets the document; answers still due are dropped.
    void clear();

    /// Runs `open` on a worker. It returns a struct whose `pages` are the opened document, or null with the
    /// message why in `error`: then openFailed() follows, else `done` gets the struct (unless clear() or
    /// another open() came first).
    template<typename Open, typename Done> void open(Open open, Done done)
    {
        using Opened = std::invoke_result_t<Open>;
        clear();
        const int generation = m_openGeneration;
        runInWorker(m_pool, this, std::move(open),
                    [this, generation, done = std::move(done)](const Opened &r) {
                        if (generation != m_openGeneration)
                            return;
                        if (!r.pages) {
                            Q_EMIT openFailed(r.error);
                            return;
                        }
                        m_pages = r.pages;
                        done(r);
                    });
    }

    /// Renders `page` (0-based) at `dpi`: rendered() follows unless another page is asked for first.
    void render(int page, double dpi);

Q_SIGNALS:
    void openFailed(const QString &message);
    /// `image` is null when the page cannot be rendered.
    void rendered(int page, const QImage &image);

private:
    QThreadPool *m_pool;
    std::shared_ptr<PdfPages> m_pages;
    int m_openGeneration = 0, m_renderGeneration = 0;
};

} // namespace govdesk::gui
