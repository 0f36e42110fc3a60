#include "OcrPipeline.h"

#include "scanning/ocr/OcrEngine.h"
#include "scanning/ocr/RegisterFieldExtractor.h"
#include "scanning/ocr/SearchablePdf.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QMutex>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>
#include <QTransform>

#include <poppler-qt6.h>

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace govdesk::scanning {

using core::Result;

namespace {

/// A page "already has text" from this many letters or digits on: a scanner's stray page number or
/// stamp does not stop the scan under it from being read.
constexpr int kTextThreshold = 8;

bool isPdf(const QByteArray &data)
{
    return data.left(1024).contains("%PDF-");
}

int letterCount(const QString &text)
{
    int n = 0;
    for (const QChar c : text)
        n += c.isLetterOrNumber() ? 1 : 0;
    return n;
}

/// Words of a page that already has text, from Poppler's text boxes, grouped into lines.
QList<OcrWord> textWords(Poppler::Page *page)
{
    QList<OcrWord> out;
    int line = -1;
    QRectF previous;
    for (const auto &box : page->textList()) {
        const QString text = box->text().trimmed().normalized(QString::NormalizationForm_C);
        if (text.isEmpty())
            continue;
        const QRectF r = box->boundingBox();
        if (line < 0 ||
            std::abs(r.center().y() - previous.center().y()) > 0.5 * std::min(r.height(), previous.height()))
            ++line;
        out.append({text, r, 1.0, line});
        previous = r;
    }
    return out;
}

double imageDpi(const QImage &image)
{
    const double dpi = image.dotsPerMeterX() * 0.0254;
    if (dpi >= 100 && dpi <= 1200)
        return std::round(dpi);
    // No usable resolution recorded (Qt reports 72 dpi then): assume an A4 or Letter sheet's width.
    const double guess = std::round(image.width() / 8.27);
    return guess >= OcrPipeline::kMinDpi && guess <= OcrPipeline::kMaxDpi ? guess : OcrPipeline::kRenderDpi;
}

QByteArray glyphlessFont(const QString &tessdata)
{
    QFile f(tessdata + QStringLiteral("/pdf.ttf"));
    return f.size() > 0 && f.size() < 1024 * 1024 && f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

Result<OcrDocument> OcrPipeline::run(const QByteArray &data, const QString &name, const OcrOptions &options,
                                     const OcrProgress &progress, const std::atomic_bool *cancel)
{
    if (data.isEmpty())
        return GOVDESK_ERROR("ocr.empty", QT_TRANSLATE_NOOP("OcrPipeline", "%1 is empty"), name);
    const bool pdf = isPdf(data);
    QList<OcrPage> pages;
    QList<QImage> images;
    PdfFacts facts;
    struct Task
    {
        int index;
        double dpi;
    };
    QList<Task> tasks;
    if (pdf) {
        std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(data);
        if (!doc)
            return GOVDESK_ERROR(
                "ocr.pdf-damaged",
                QT_TRANSLATE_NOOP("OcrPipeline", "%1 is not a readable PDF (damaged or not a PDF)"), name);
        if (doc->isLocked())
            return GOVDESK_ERROR("ocr.pdf-locked",
                                 QT_TRANSLATE_NOOP("OcrPipeline", "%1 is protected by a password"), name);
        auto inspected = SearchablePdf::inspect(data);
        if (!inspected)
            return inspected.error();
        facts = inspected.value();
        if (doc->numPages() <= 0 || doc->numPages() != facts.pages.size())
            return GOVDESK_ERROR(
                "ocr.pdf-damaged",
                QT_TRANSLATE_NOOP("OcrPipeline", "%1 is not a readable PDF (damaged or not a PDF)"), name);
        for (int i = 0; i < doc->numPages(); ++i) {
            std::unique_ptr<Poppler::Page> page = doc->page(i);
            OcrPage p;
            p.index = i;
            p.size = page ? page->pageSizeF() : facts.pages[i].size;
            if (page && letterCount(page->text(QRectF())) >= kTextThreshold) {
                p.hadText = true;
                p.words = textWords(page.get());
            } else {
                const double own = facts.pages[i].imageDpi;
                tasks.append({i, own >= kMinDpi && own <= kMaxDpi ? own : kRenderDpi});
            }
            pages.append(p);
        }
    } else {
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        if (!reader.canRead())
            return GOVDESK_ERROR("ocr.format",
                                 QT_TRANSLATE_NOOP("OcrPipeline", "%1 is neither a PDF nor an image"), name);
        do {
            QImage image = reader.read();
            if (image.isNull()) {
                if (images.isEmpty())
                    return GOVDESK_ERROR("ocr.image-damaged",
                                         QT_TRANSLATE_NOOP("OcrPipeline", "The image %1 cannot be read: %2"),
                                         name, reader.errorString());
                break;
            }
            OcrPage p;
            p.index = int(images.size());
            const double dpi = imageDpi(image);
            p.size = QSizeF(image.width() * 72.0 / dpi, image.height() * 72.0 / dpi);
            tasks.append({p.index, dpi});
            pages.append(p);
            images.append(image);
        } while (images.size() < 2000 && reader.jumpToNextImage());
    }

    const int pageCount = int(pages.size());
    std::atomic_int done(pageCount - int(tasks.size()));
    if (progress)
        progress(done, pageCount);

    QByteArray font;
    if (!tasks.isEmpty()) {
        const int wanted = options.threads > 0 ? options.threads : QThread::idealThreadCount();
        const int workers = std::clamp(wanted, 1, int(tasks.size()));
        std::vector<std::unique_ptr<OcrEngine>> engines;
        for (int i = 0; i < workers; ++i) {
            auto engine = OcrEngine::create(options);
            if (!engine)
                return engine.error();
            engines.push_back(std::move(engine).value());
        }
        font = glyphlessFont(engines.front()->tessdataPath());
        std::atomic_int next(0);
        std::atomic_bool stop(false);
        QMutex errorLock;
        core::Error firstError;
        // Workers read the task list and images and write distinct result slots; nothing shared is modified.
        const QList<Task> &taskList = tasks;
        const QList<QImage> &imageList = images;
        std::vector<std::optional<OcrPage>> results(static_cast<size_t>(pageCount));
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        for (auto &engine : engines) {
            pool.start([&, engine = engine.get()] {
                std::unique_ptr<Poppler::Document> doc;
                if (pdf) {
                    doc = Poppler::Document::loadFromData(data);
                    if (doc) {
                        doc->setRenderHint(Poppler::Document::Antialiasing, true);
                        doc->setRenderHint(Poppler::Document::TextAntialiasing, true);
                    }
                }
                for (;;) {
                    const int t = next.fetch_add(1);
                    if (t >= taskList.size() || stop.load() || (cancel && cancel->load()))
                        return;
                    const Task task = taskList[t];
                    QImage image;
                    if (pdf) {
                        std::unique_ptr<Poppler::Page> page = doc ? doc->page(task.index) : nullptr;
                        if (page)
                            image = page->renderToImage(task.dpi, task.dpi);
                    } else {
                        image = imageList[task.index];
                    }
                    // A signed original is kept as it is, so its pages are read as they are shown.
                    const int turn = options.turnPages && !(pdf && facts.isSigned) && !image.isNull()
                                         ? engine->uprightTurn(image, task.dpi)
                                         : 0;
                    if (turn != 0)
                        image = image.transformed(QTransform().rotate(turn));
                    auto result =
                        image.isNull()
                            ? Result<OcrPage>(GOVDESK_ERROR(
                                  "ocr.render",
                                  QT_TRANSLATE_NOOP("OcrPipeline", "Page %1 of %2 cannot be rendered"),
                                  QString::number(task.index + 1), name))
                            : engine->recognize(image, task.dpi, options.segmentation, cancel);
                    if (!result) {
                        QMutexLocker lock(&errorLock);
                        if (firstError.isNull())
                            firstError = result.error();
                        stop = true;
                        return;
                    }
                    results[size_t(task.index)] = std::move(result).value();
                    results[size_t(task.index)]->turned = turn;
                    if (progress)
                        progress(++done, pageCount);
                }
            });
        }
        pool.waitForDone();
        if (cancel && cancel->load())
            return GOVDESK_ERROR("ocr.cancelled",
                                 QT_TRANSLATE_NOOP("OcrEngine", "Text recognition was cancelled"));
        if (!firstError.isNull())
            return firstError;
        for (int i = 0; i < pageCount; ++i) {
            if (!results[size_t(i)])
                continue;
            // Poppler's page size is exact; the image's differs by rounding to whole pixels.
            const QSizeF size = pages[i].size;
            pages[i] = *results[size_t(i)];
            pages[i].index = i;
            if (size.isValid())
                pages[i].size = pages[i].turned % 180 ? size.transposed() : size;
        }
    }

    OcrDocument result;
    result.outcome.pages = pages;
    result.outcome.fields = extractRegisterFields(pages);
    if (pdf && (tasks.isEmpty() || facts.isSigned)) {
        result.pdf = data;
        result.outcome.signedOriginalKept = facts.isSigned && !tasks.isEmpty();
    } else {
        auto base = pdf ? Result<QByteArray>(data) : SearchablePdf::fromImages(images, [&] {
            QList<double> dpis;
            for (const Task &t : tasks)
                dpis.append(t.dpi);
            return dpis;
        }());
        if (!base)
            return base.error();
        auto searchable = SearchablePdf::addTextLayer(base.value(), pages, font);
        if (!searchable)
            return searchable.error();
        result.pdf = searchable.value();
    }
    result.outcome.outputBytes = result.pdf.size();
    return result;
}

Result<OcrOutcome> OcrPipeline::runFile(const QString &input, const QString &output,
                                        const OcrOptions &options, const OcrProgress &progress,
                                        const std::atomic_bool *cancel)
{
    const QString name = QDir::toNativeSeparators(input);
    QFile in(input);
    if (!in.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("ocr.read", QT_TRANSLATE_NOOP("OcrPipeline", "Cannot read %1: %2"), name,
                             in.errorString());
    if (in.size() > kMaxInputSize)
        return GOVDESK_ERROR("ocr.too-large",
                             QT_TRANSLATE_NOOP("OcrPipeline", "%1 is too large to recognise"), name);
    const QByteArray data = in.readAll();
    in.close();
    auto doc = run(data, name, options, progress, cancel);
    if (!doc)
        return doc.error();
    QSaveFile out(output);
    if (!out.open(QIODevice::WriteOnly) || out.write(doc->pdf) != doc->pdf.size() || !out.commit())
        return GOVDESK_ERROR("ocr.write", QT_TRANSLATE_NOOP("OcrPipeline", "Cannot write %1: %2"),
                             QDir::toNativeSeparators(output), out.errorString());
    OcrOutcome outcome = doc->outcome;
    outcome.outputPath = output;
    return outcome;
}

} // namespace govdesk::scanning
