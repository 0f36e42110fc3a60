#include "PdfPages.h"

#include <QMutexLocker>

#include <poppler-qt6.h>

namespace govdesk::gui {

std::shared_ptr<PdfPages> PdfPages::open(const QByteArray &data, Problem *problem, bool textHinting)
{
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(data);
    *problem = !doc                   ? Problem::Unreadable
               : doc->isLocked()      ? Problem::Locked
               : doc->numPages() <= 0 ? Problem::Empty
                                      : Problem::None;
    if (*problem != Problem::None)
        return nullptr;
    doc->setRenderHint(Poppler::Document::Antialiasing);
    doc->setRenderHint(Poppler::Document::TextAntialiasing);
    if (textHinting)
        doc->setRenderHint(Poppler::Document::TextHinting);
    std::shared_ptr<PdfPages> pages(new PdfPages);
    for (int i = 0; i < doc->numPages(); ++i) {
        std::unique_ptr<Poppler::Page> page = doc->page(i);
        pages->m_sizes << (page ? page->pageSizeF() : QSizeF(595, 842));
    }
    pages->m_document = std::move(doc);
    return pages;
}

PdfPages::~PdfPages() = default;

QSizeF PdfPages::pageSize(int page) const
{
    return m_sizes.value(page, QSizeF(595, 842));
}

QImage PdfPages::render(int page, double dpi) const
{
    QMutexLocker lock(&m_mutex);
    std::unique_ptr<Poppler::Page> p = m_document->page(page);
    return p ? p->renderToImage(dpi, dpi) : QImage();
}

PdfPageRenderer::PdfPageRenderer(QThreadPool *pool, QObject *parent) : QObject(parent), m_pool(pool) {}

PdfPageRenderer::~PdfPageRenderer() = default;

void PdfPageRenderer::clear()
{
    ++m_openGeneration;
    ++m_renderGeneration;
    m_pages.reset();
}

void PdfPageRenderer::render(int page, double dpi)
{
    if (!m_pages)
        return;
    const int generation = ++m_renderGeneration;
    runInWorker(
        m_pool, this, [pages = m_pages, page, dpi]() { return pages->render(page, dpi); },
        [this, generation, page](const QImage &image) {
            if (generation == m_renderGeneration) // else a newer page or size was asked for meanwhile
                Q_EMIT rendered(page, image);
        });
}

} // namespace govdesk::gui
