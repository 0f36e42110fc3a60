#include "PdfText.h"

#include <poppler-qt6.h>

#include <memory>

namespace govdesk::documents {

QString pdfText(const QByteArray &pdf, int maxChars)
{
    if (!pdf.left(1024).contains("%PDF-") || maxChars <= 0)
        return {};
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    if (!doc || doc->isLocked())
        return {};
    QString text;
    for (int i = 0; i < doc->numPages() && text.size() < maxChars; ++i) {
        std::unique_ptr<Poppler::Page> page = doc->page(i);
        if (!page)
            continue;
        const QString pageText = page->text(QRectF());
        if (pageText.trimmed().isEmpty())
            continue;
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        text += pageText;
    }
    text.truncate(maxChars);
    return text;
}

} // namespace govdesk::documents
