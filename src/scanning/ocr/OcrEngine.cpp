#include "OcrEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#ifdef GOVDESK_OCR_OPENMP
#include <omp.h>
#endif

#include <cmath>

namespace govdesk::scanning {

using core::Result;

namespace {

QStringList systemTessdataFolders()
{
    const QString app = QCoreApplication::applicationDirPath();
    return {QStringLiteral("/usr/share/tesseract-ocr/5/tessdata"),
            QStringLiteral("/usr/share/tesseract-ocr/4.00/tessdata"),
            QStringLiteral("/usr/share/tessdata"),
            QStringLiteral("/usr/local/share/tessdata"),
            QStringLiteral("/usr/local/share/tesseract-ocr/5/tessdata"),
            QStringLiteral("/opt/homebrew/share/tessdata"),
            app + QStringLiteral("/tessdata"),
            app + QStringLiteral("/../share/tessdata")};
}

bool hasModels(const QString &folder, const QStringList &languages)
{
    for (const QString &l : languages)
        if (!QFileInfo::exists(folder + QLatin1Char('/') + l + QStringLiteral(".traineddata")))
            return false;
    return true;
}

QString firstMissing(const QStringList &folders, const QStringList &languages)
{
    for (const QString &l : languages) {
        bool found = false;
        for (const QString &f : folders)
            found = found || QFileInfo::exists(f + QLatin1Char('/') + l + QStringLiteral(".traineddata"));
        if (!found)
            return l;
    }
    return languages.value(0);
}

core::Error missingModel(const QString &language, const QStringList &folders)
{
    const QString where = QDir::toNativeSeparators(folders.join(QStringLiteral(", ")));
    if (language == QLatin1String("vie"))
        return GOVDESK_ERROR("ocr.no-model",
                             QT_TRANSLATE_NOOP("OcrEngine",
                                               "The Vietnamese OCR model (vie.traineddata) is not installed "
                                               "(looked in %1). Install the package tesseract-ocr-vie or set "
                                               "TESSDATA_PREFIX to the folder that holds it"),
                             where);
    return GOVDESK_ERROR("ocr.no-model",
                         QT_TRANSLATE_NOOP("OcrEngine",
                                           "The OCR model %1.traineddata is not installed (looked in %2). "
                                           "Install the package tesseract-ocr-%1 or set TESSDATA_PREFIX to "
                                           "the folder that holds it"),
                         language, where);
}

/// Share of the page's ink (the recogniser's own black-and-white image, dust removed) that lies inside
/// recognised words: text the layout analysis skipped shows up as ink outside every word.
double inkCoverage(Pix *binary, const QList<QRect> &words, double dpi)
{
    if (!binary)
        return 0;
    const int minSize = std::max(2, int(std::ceil(dpi / 75.0)));
    Pix *ink = pixSelectBySize(binary, minSize, minSize, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr);
    if (!ink)
        return 0;
    l_int32 total = 0;
    pixCountPixels(ink, &total, nullptr);
    double coverage = 1;
    if (total > 0) {
        Pix *mask = pixCreate(pixGetWidth(ink), pixGetHeight(ink), 1);
        const int pad = std::max(1, int(dpi / 100));
        for (const QRect &r : words)
            pixRasterop(mask, r.x() - pad, r.y() - pad, r.width() + 2 * pad, r.height() + 2 * pad, PIX_SET,
                        nullptr, 0, 0);
        Pix *inside = pixAnd(nullptr, ink, mask);
        l_int32 covered = 0;
        pixCountPixels(inside, &covered, nullptr);
        coverage = double(covered) / double(total);
        pixDestroy(&inside);
        pixDestroy(&mask);
    }
    pixDestroy(&ink);
    return coverage;
}

QChar baseLetter(QChar c)
{
    if (c == QChar(0x0111) || c == QChar(0x0110))
        return QLatin1Char('d');
    const QString d = QString(c).normalized(QString::NormalizationForm_D);
    return (d.isEmpty() ? c : d.at(0)).toLower();
}

bool isVowel(QChar base)
{
    return QStringLiteral("aeiouy").contains(base);
}

} // namespace

QList<OcrWord> splitMergedSyllables(const OcrWord &word)
{
    // A Vietnamese syllable has one vowel group; "ĐẮKNÔNG" has two with the consonants between them splitting
    // into a coda and an onset: the recogniser lost the space. Only words with Vietnamese marks are
    // considered, so abbreviations ("UBND") and foreign words stay whole.
    static const QStringList onsets{
        QStringLiteral("b"), QStringLiteral("c"),  QStringLiteral("ch"),  QStringLiteral("d"),
        QStringLiteral("g"), QStringLiteral("gh"), QStringLiteral("gi"),  QStringLiteral("h"),
        QStringLiteral("k"), QStringLiteral("kh"), QStringLiteral("l"),   QStringLiteral("m"),
        QStringLiteral("n"), QStringLiteral("ng"), QStringLiteral("ngh"), QStringLiteral("nh"),
        QStringLiteral("p"), QStringLiteral("ph"), QStringLiteral("qu"),  QStringLiteral("r"),
        QStringLiteral("s"), QStringLiteral("t"),  QStringLiteral("th"),  QStringLiteral("tr"),
        QStringLiteral("v"), QStringLiteral("x")};
    // Codas, with k and l of the Central Highlands' names (Đắk, Lắk, Mil).
    static const QStringList codas{
        QString(),           QStringLiteral("c"),  QStringLiteral("ch"), QStringLiteral("m"),
        QStringLiteral("n"), QStringLiteral("ng"), QStringLiteral("nh"), QStringLiteral("p"),
        QStringLiteral("t"), QStringLiteral("k"),  QStringLiteral("l")};
    const QString &t = word.text;
    int letters = 0;
    while (letters < t.size() && t[letters].isLetter())
        ++letters;
    for (int i = letters; i < t.size(); ++i)
        if (t[i].isLetterOrNumber())
            return {word};
    QString base;
    bool marked = false;
    for (int i = 0; i < letters; ++i) {
        base += baseLetter(t[i]);
        marked = marked || t[i] == QChar(0x0111) || t[i] == QChar(0x0110) ||
                 QString(t[i]).normalized(QString::NormalizationForm_D).size() > 1;
    }
    if (!marked || letters < 4)
        return {word};
    QList<QPair<int, int>> groups; // vowel runs [start, end)
    for (int i = 0; i < base.size();) {
        if (!isVowel(base[i])) {
            ++i;
            continue;
        }
        int j = i;
        while (j < base.size() && isVowel(base[j]))
            ++j;
        // "gi" and "qu" begin a syllable: their vowel belongs to the onset.
        if (i > 0 && ((base[i - 1] == u'g' && base[i] == u'i') || (base[i - 1] == u'q' && base[i] == u'u')) &&
            j - i > 1)
            ++i;
        groups.append({i, j});
        i = j;
    }
    if (groups.size() != 2)
        return {word};
    const int from = groups[0].second, to = groups[1].first;
    for (int k = to; k >= from; --k) {
        if (codas.contains(base.mid(from, k - from)) && onsets.contains(base.mid(k, to - k)) && k < to) {
            if (k < 2 || letters - k < 2)
                return {word};
            const double share = double(k) / t.size();
            const double gap = word.box.height() * 0.15;
            OcrWord a = word, b = word;
            a.text = t.left(k);
            b.text = t.mid(k);
            a.box.setRight(word.box.left() + word.box.width() * share - gap / 2);
            b.box.setLeft(word.box.left() + word.box.width() * share + gap / 2);
            return {a, b};
        }
    }
    return {word};
}

namespace {

bool cancelRequested(void *flag, int)
{
    return flag && static_cast<const std::atomic_bool *>(flag)->load();
}

/// Tesseract's diagnostics go nowhere (they would clutter the CLI's output).
void silence(tesseract::TessBaseAPI &api)
{
#ifdef Q_OS_WIN
    api.SetVariable("debug_file", "NUL");
#else
    api.SetVariable("debug_file", "/dev/null");
#endif
}

QImage grayscale(const QImage &image)
{
    return image.format() == QImage::Format_Grayscale8
               ? image
               : image.convertToFormat(QImage::Format_Grayscale8, Qt::ThresholdDither);
}

} // namespace

Result<QString> findTessdata(const QString &language, const QString &explicitPath)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z_]+(\\+[A-Za-z_]+)*$"));
    if (!valid.match(language).hasMatch())
        return GOVDESK_ERROR(
            "ocr.language",
            QT_TRANSLATE_NOOP("OcrEngine",
                              "\"%1\" is not an OCR language (expected for example vie or vie+eng)"),
            language);
    const QStringList languages = language.split(QLatin1Char('+'));
    QStringList folders;
    if (!explicitPath.isEmpty()) {
        folders << explicitPath;
    } else if (!qEnvironmentVariableIsEmpty("TESSDATA_PREFIX")) {
        // Whoever set it means it: no fallback to the system's models.
        const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
        folders << prefix << prefix + QStringLiteral("/tessdata");
    } else {
        folders = systemTessdataFolders();
    }
    for (const QString &f : folders)
        if (hasModels(f, languages))
            return QDir::cleanPath(f);
    return missingModel(firstMissing(folders, languages), folders);
}

struct OcrEngine::Api
{
    tesseract::TessBaseAPI tess;
    /// Orientation and script detection (the legacy "osd" model), loaded at the first page.
    tesseract::TessBaseAPI osd;
    bool osdTried = false;
    bool osdReady = false;
};

OcrEngine::OcrEngine(std::unique_ptr<Api> api, QString tessdata, QString language)
    : m_api(std::move(api)), m_tessdata(std::move(tessdata)), m_language(std::move(language))
{}

OcrEngine::~OcrEngine()
{
    if (m_api) {
        m_api->tess.End();
        m_api->osd.End();
    }
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::create(const OcrOptions &options)
{
    auto folder = findTessdata(options.language, options.tessdataPath);
    if (!folder)
        return folder.error();
    auto api = std::make_unique<Api>();
    const QByteArray path = QFile::encodeName(folder.value());
    const QByteArray lang = options.language.toLatin1();
    if (api->tess.Init(path.constData(), lang.constData(), tesseract::OEM_LSTM_ONLY) != 0)
        return GOVDESK_ERROR(
            "ocr.init", QT_TRANSLATE_NOOP("OcrEngine", "The OCR engine could not load the model %1 from %2"),
            options.language, QDir::toNativeSeparators(folder.value()));
    silence(api->tess);
    return std::unique_ptr<OcrEngine>(new OcrEngine(std::move(api), folder.value(), options.language));
}

bool OcrEngine::chooseLayout(const OcrPage &layout, const OcrPage &block)
{
    // Text the layout analysis dropped is ink no word covers; PSM 6 reads the page as one block and keeps
    // it. Noise read as words raises PSM 6's coverage a little too, so it must win clearly, and by
    // confident characters, not by characters alone.
    auto confident = [](const OcrPage &p) {
        int n = 0;
        for (const OcrWord &w : p.words)
            n += w.confidence >= 0.6 ? int(w.text.size()) : 0;
        return n;
    };
    const double coverageGain = block.blockCoverage - layout.layoutCoverage;
    if (coverageGain > 0.01 && confident(block) > confident(layout))
        return false;
    if (coverageGain >= -0.01 && confident(block) > confident(layout) * 1.02)
        return false;
    return true;
}

Result<OcrPage> OcrEngine::run(const QImage &gray, double dpi, Segmentation mode,
                               const std::atomic_bool *cancel)
{
    tesseract::TessBaseAPI &t = m_api->tess;
    t.SetPageSegMode(mode == Segmentation::Block ? tesseract::PSM_SINGLE_BLOCK : tesseract::PSM_AUTO);
    t.SetImage(gray.constBits(), gray.width(), gray.height(), 1, int(gray.bytesPerLine()));
    t.SetSourceResolution(int(std::lround(dpi)));
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = &cancelRequested;
    monitor.cancel_this = const_cast<std::atomic_bool *>(cancel);
    const int rc = t.Recognize(&monitor);
    if (cancel && cancel->load())
        return GOVDESK_ERROR("ocr.cancelled",
                             QT_TRANSLATE_NOOP("OcrEngine", "Text recognition was cancelled"));
    if (rc != 0)
        return GOVDESK_ERROR("ocr.failed", QT_TRANSLATE_NOOP("OcrEngine", "Text recognition failed"));

    OcrPage page;
    page.dpi = dpi;
    page.size = QSizeF(gray.width() * 72.0 / dpi, gray.height() * 72.0 / dpi);
    page.psm = int(mode);
    QList<QRect> pixelBoxes;
    std::unique_ptr<tesseract::ResultIterator> it(t.GetIterator());
    int line = -1;
    if (it) {
        do {
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE))
                ++line;
            std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_WORD));
            if (!utf8)
                continue;
            const QString text =
                QString::fromUtf8(utf8.get()).trimmed().normalized(QString::NormalizationForm_C);
            if (text.isEmpty())
                continue;
            int l = 0, top = 0, r = 0, b = 0;
            if (!it->BoundingBox(tesseract::RIL_WORD, &l, &top, &r, &b))
                continue;
            const double k = 72.0 / dpi;
            OcrWord w;
            w.text = text;
            w.box = QRectF(l * k, top * k, (r - l) * k, (b - top) * k);
            w.confidence = std::clamp(double(it->Confidence(tesseract::RIL_WORD)) / 100.0, 0.0, 1.0);
            w.line = std::max(line, 0);
            page.words.append(splitMergedSyllables(w));
            pixelBoxes.append(QRect(QPoint(l, top), QPoint(r - 1, b - 1)));
        } while (it->Next(tesseract::RIL_WORD));
    }
    Pix *binary = t.GetThresholdedImage();
    const double coverage = inkCoverage(binary, pixelBoxes, dpi);
    pixDestroy(&binary);
    if (mode == Segmentation::Block) {
        page.blockCharacters = page.characterCount();
        page.blockConfidence = page.meanConfidence();
        page.blockCoverage = coverage;
    } else {
        page.layoutCharacters = page.characterCount();
        page.layoutConfidence = page.meanConfidence();
        page.layoutCoverage = coverage;
    }
    return page;
}

OcrEngine::Orientation OcrEngine::orientation(const QImage &image, double dpi)
{
    Orientation o;
    if (image.isNull() || dpi <= 0)
        return o;
    if (!m_api->osdTried) {
        m_api->osdTried = true;
        const QByteArray path = QFile::encodeName(m_tessdata);
        m_api->osdReady = QFileInfo::exists(m_tessdata + QStringLiteral("/osd.traineddata")) &&
                          m_api->osd.Init(path.constData(), "osd", tesseract::OEM_TESSERACT_ONLY) == 0;
        if (m_api->osdReady)
            silence(m_api->osd);
    }
    if (!m_api->osdReady)
        return o;
    QImage gray = grayscale(image);
    // Letters at body-text size are still well formed at kOrientationDpi, and the detector's time falls
    // with the pixels.
    if (dpi > kOrientationDpi * 1.1) {
        gray = gray.scaledToWidth(int(std::lround(gray.width() * kOrientationDpi / dpi)),
                                  Qt::SmoothTransformation);
        dpi = kOrientationDpi;
    }
    tesseract::TessBaseAPI &t = m_api->osd;
    t.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    t.SetImage(gray.constBits(), gray.width(), gray.height(), 1, int(gray.bytesPerLine()));
    t.SetSourceResolution(int(std::lround(dpi)));
    int degrees = 0;
    float confidence = 0, scriptConfidence = 0;
    const char *script = nullptr;
    o.found = t.DetectOrientationScript(&degrees, &confidence, &script, &scriptConfidence);
    t.Clear();
    // `degrees` is how far the text stands turned clockwise; turning it back is the rest of the circle.
    const int standing = ((degrees % 360) + 360) % 360;
    o.found = o.found && standing % 90 == 0;
    o.turn = o.found ? (360 - standing) % 360 : 0;
    o.confidence = o.found ? confidence : 0;
    return o;
}

int OcrEngine::uprightTurn(const QImage &image, double dpi)
{
    const Orientation o = orientation(image, dpi);
    return o.found && o.confidence >= kOrientationConfidence ? o.turn : 0;
}

Result<OcrPage> OcrEngine::recognize(const QImage &image, double dpi, Segmentation mode,
                                     const std::atomic_bool *cancel)
{
#ifdef GOVDESK_OCR_OPENMP
    // Tesseract asks OpenMP for 4 threads per recognition; on a 2-core office PC with one engine per core
    // that is 8 spinning threads and a 4x slower page. No active parallel level in this thread: serial.
    omp_set_max_active_levels(0);
#endif
    if (image.isNull() || dpi <= 0)
        return GOVDESK_ERROR("ocr.image", QT_TRANSLATE_NOOP("OcrEngine", "The page image is empty"));
    const QImage gray = grayscale(image);
    if (mode != Segmentation::Auto)
        return run(gray, dpi, mode, cancel);
    auto layout = run(gray, dpi, Segmentation::Layout, cancel);
    if (!layout)
        return layout;
    if (layout->layoutCoverage >= kLayoutCoverage && layout->layoutConfidence >= kLayoutConfidence)
        return layout;
    auto block = run(gray, dpi, Segmentation::Block, cancel);
    if (!block)
        return block;
    OcrPage chosen = chooseLayout(layout.value(), block.value()) ? layout.value() : block.value();
    chosen.layoutCharacters = layout->layoutCharacters;
    chosen.layoutConfidence = layout->layoutConfidence;
    chosen.layoutCoverage = layout->layoutCoverage;
    chosen.blockCharacters = block->blockCharacters;
    chosen.blockConfidence = block->blockConfidence;
    chosen.blockCoverage = block->blockCoverage;
    return chosen;
}

} // namespace govdesk::scanning
