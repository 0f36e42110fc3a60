// OCR evaluation: Decree-30-style pages drawn with Qt, degraded at six levels with fixed seeds, scanned into
// PDFs by Qt's PDF writer and run through the OCR pipeline as a clerk would (all pages of a level in one
// file, the cores shared by one engine each). Prints per level the character error rate against what was
// drawn, how often each register field comes out exactly as drawn, pages per minute and PDF bytes per page;
// then, per level, what page segmentation 3 and 6 each read and which one Auto kept. KB/page is the
// searchable PDF (the scanned image as the scanner's PDF holds it, plus the text layer); "layer" is what the
// text layer adds. --misses lists every field that differs from what was drawn. Last, orientation detection:
// every page of every level scanned upright, sideways both ways and upside down (and the header block alone,
// a sparse page), how often the turn that makes it upright is found, left alone (unsure) or wrong.
//
// Usage: bench_ocr [PAGES_PER_LEVEL=6] [--no-psm-study] [--no-orientation-study] [--misses]
#include "SyntheticDocument.h"
#include "scanning/ocr/OcrEngine.h"
#include "scanning/ocr/OcrPipeline.h"
#include "scanning/ocr/RegisterFieldExtractor.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTextStream>
#include <QThread>
#include <QTransform>

#include <cstdio>

using namespace govdesk;
using namespace govdesk::scanning;
using namespace govdesk::test::ocr;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QString pct(double v)
{
    return QString::number(v * 100, 'f', 1) + QLatin1Char('%');
}

QString cell(const QString &s, int width)
{
    return s.leftJustified(width);
}

struct FieldScore
{
    int organ = 0, number = 0, notation = 0, place = 0, date = 0, type = 0, subject = 0;
};

bool g_misses = false;
QString g_where;

void miss(const char *name, const QString &got, const QString &drawn)
{
    if (g_misses && got != drawn)
        out() << "  " << g_where << ' ' << name << ": read \"" << got << "\", drawn \"" << drawn << "\"\n";
}

void score(FieldScore &s, const RegisterFields &f, const DocumentSpec &spec)
{
    miss("organ", f.organ.value, spec.organ());
    miss("number", f.number.value, spec.number);
    miss("notation", f.notation.value, spec.notation);
    miss("place", f.place.value, spec.place);
    miss("date", f.date.value, spec.date.toString(Qt::ISODate));
    miss("type", f.type.value, spec.typeName);
    miss("subject", f.subject.value, spec.subject);
    s.organ += f.organ.value == spec.organ();
    s.number += f.number.value == spec.number;
    s.notation += f.notation.value == spec.notation;
    s.place += f.place.value == spec.place;
    s.date += f.date.value == spec.date.toString(Qt::ISODate);
    s.type += f.type.value == spec.typeName;
    s.subject += f.subject.value == spec.subject;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int perLevel = 6;
    bool psmStudy = true;
    bool orientationStudy = true;
    for (const QString &a : app.arguments().mid(1)) {
        if (a == QLatin1String("--no-psm-study"))
            psmStudy = false;
        else if (a == QLatin1String("--no-orientation-study"))
            orientationStudy = false;
        else if (a == QLatin1String("--misses"))
            g_misses = true;
        else if (a.toInt() > 0)
            perLevel = a.toInt();
    }
    auto probe = OcrEngine::create({});
    if (!probe) {
        out() << probe.error().bilingual() << Qt::endl;
        return 1;
    }
    out() << "OCR evaluation: " << perLevel << " Decree-30 pages per level, Tesseract "
          << "vie (" << probe.value()->tessdataPath() << "), " << QThread::idealThreadCount()
          << " worker(s)\n\n";

    QList<SyntheticPage> clean;
    for (int v = 0; v < perLevel; ++v)
        clean.append(renderPage(documentSpec(v)));

    const QList<Degradation> levels = degradationLevels();
    out() << cell(QStringLiteral("level"), 20) << cell(QStringLiteral("CER"), 7)
          << cell(QStringLiteral("organ"), 7) << cell(QStringLiteral("number"), 7)
          << cell(QStringLiteral("notat."), 7) << cell(QStringLiteral("place"), 7)
          << cell(QStringLiteral("date"), 7) << cell(QStringLiteral("type"), 7)
          << cell(QStringLiteral("subject"), 8) << cell(QStringLiteral("pages/min"), 10)
          << cell(QStringLiteral("KB/page"), 8) << cell(QStringLiteral("layer KB/p"), 11) << "psm 3/6\n";
    QList<QList<SyntheticPage>> degradedByLevel;
    for (int l = 0; l < levels.size(); ++l) {
        const Degradation &d = levels[l];
        QList<SyntheticPage> pages;
        QList<QImage> images;
        for (int v = 0; v < perLevel; ++v) {
            pages.append(degrade(clean[v], d, quint32(7919 * v + 104729 * l + 17)));
            images.append(pages.last().image);
        }
        degradedByLevel.append(pages);
        const QByteArray pdf = imagePdf(images, d.dpi);
        QElapsedTimer timer;
        timer.start();
        auto doc = OcrPipeline::run(pdf, d.name, {});
        const double seconds = timer.elapsed() / 1000.0;
        if (!doc) {
            out() << d.name << ": " << doc.error().bilingual() << Qt::endl;
            return 1;
        }
        double cer = 0;
        FieldScore fs;
        int psm3 = 0, psm6 = 0;
        for (int v = 0; v < perLevel; ++v) {
            const OcrPage &page = doc->outcome.pages[v];
            cer += characterErrorRate(pages[v], page);
            g_where = QStringLiteral("%1 page %2:").arg(d.name).arg(v + 1);
            score(fs, extractRegisterFields({page}), pages[v].spec);
            (page.psm == 6 ? psm6 : psm3)++;
        }
        auto share = [&](int n) { return cell(pct(double(n) / perLevel), 7); };
        out() << cell(d.name, 20) << cell(pct(cer / perLevel), 7) << share(fs.organ) << share(fs.number)
              << share(fs.notation) << share(fs.place) << share(fs.date) << share(fs.type)
              << cell(pct(double(fs.subject) / perLevel), 8)
              << cell(QString::number(perLevel * 60.0 / seconds, 'f', 1), 10)
              << cell(QString::number(doc->pdf.size() / 1024.0 / perLevel, 'f', 0), 8)
              << cell(QString::number((doc->pdf.size() - pdf.size()) / 1024.0 / perLevel, 'f', 1), 11) << psm3
              << '/' << psm6 << Qt::endl;
    }

    OcrEngine &engine = *probe.value();
    if (orientationStudy) {
        out() << "\nOrientation detection (each page at 0/90/180/270 degrees; confidence threshold "
              << OcrEngine::kOrientationConfidence << "):\n"
              << cell(QStringLiteral("level"), 28) << cell(QStringLiteral("right"), 8)
              << cell(QStringLiteral("unsure"), 8) << cell(QStringLiteral("wrong"), 8)
              << cell(QStringLiteral("min conf right"), 16) << cell(QStringLiteral("max conf wrong"), 16)
              << "s/page\n";
        for (int l = 0; l <= levels.size(); ++l) {
            // The last row: the header block alone (organ, number, date, title), a sparse page.
            const bool sparse = l == levels.size();
            const QList<SyntheticPage> &pages = degradedByLevel[sparse ? 1 : l];
            int right = 0, unsure = 0, wrong = 0, n = 0;
            double minRight = 1e9, maxWrong = 0, seconds = 0;
            for (const SyntheticPage &page : pages) {
                const QImage image =
                    sparse ? page.image.copy(0, 0, page.image.width(), page.image.height() / 4) : page.image;
                for (int scanned : {0, 90, 180, 270}) {
                    QElapsedTimer timer;
                    timer.start();
                    const OcrEngine::Orientation o =
                        engine.orientation(image.transformed(QTransform().rotate(scanned)), page.dpi);
                    seconds += timer.elapsed() / 1000.0;
                    ++n;
                    const int expected = (360 - scanned) % 360;
                    if (!o.found || o.confidence < OcrEngine::kOrientationConfidence) {
                        ++unsure;
                    } else if (o.turn == expected) {
                        ++right;
                        minRight = std::min(minRight, o.confidence);
                    } else {
                        ++wrong;
                        maxWrong = std::max(maxWrong, o.confidence);
                    }
                }
            }
            out() << cell(sparse ? QStringLiteral("200dpi, header block only") : levels[l].name, 28)
                  << cell(QStringLiteral("%1/%2").arg(right).arg(n), 8) << cell(QString::number(unsure), 8)
                  << cell(QString::number(wrong), 8)
                  << cell(right ? QString::number(minRight, 'f', 1) : QStringLiteral("-"), 16)
                  << cell(wrong ? QString::number(maxWrong, 'f', 1) : QStringLiteral("-"), 16)
                  << QString::number(seconds / n, 'f', 2) << Qt::endl;
        }
    }

    if (!psmStudy)
        return 0;
    // Both segmentations on every page, one engine, one thread: what each reads and what Auto keeps.
    out() << "\nPage segmentation per level (mean over pages; coverage = share of the page's ink inside "
             "recognised words):\n"
          << cell(QStringLiteral("level"), 20) << cell(QStringLiteral("CER psm3"), 10)
          << cell(QStringLiteral("CER psm6"), 10) << cell(QStringLiteral("CER auto"), 10)
          << cell(QStringLiteral("cov3 min"), 10) << cell(QStringLiteral("cov6 min"), 10)
          << cell(QStringLiteral("chars3"), 8) << cell(QStringLiteral("chars6"), 8)
          << cell(QStringLiteral("drawn"), 8) << cell(QStringLiteral("s/page 3"), 9)
          << cell(QStringLiteral("s/page 6"), 9) << "auto took 6\n";
    for (int l = 0; l < levels.size(); ++l) {
        double cer3 = 0, cer6 = 0, cerAuto = 0, cov3 = 1, cov6 = 1, t3 = 0, t6 = 0;
        int chars3 = 0, chars6 = 0, drawn = 0, took6 = 0;
        for (const SyntheticPage &page : degradedByLevel[l]) {
            QElapsedTimer timer;
            timer.start();
            auto a = engine.recognize(page.image, page.dpi, Segmentation::Layout);
            t3 += timer.restart() / 1000.0;
            auto b = engine.recognize(page.image, page.dpi, Segmentation::Block);
            t6 += timer.elapsed() / 1000.0;
            if (!a || !b)
                return 1;
            cer3 += characterErrorRate(page, a.value());
            cer6 += characterErrorRate(page, b.value());
            cov3 = std::min(cov3, a->layoutCoverage);
            cov6 = std::min(cov6, b->blockCoverage);
            chars3 += a->characterCount();
            chars6 += b->characterCount();
            drawn += page.characterCount();
            // Auto's decision from the same two readings.
            const bool keep3 = (a->layoutCoverage >= OcrEngine::kLayoutCoverage &&
                                a->layoutConfidence >= OcrEngine::kLayoutConfidence) ||
                               OcrEngine::chooseLayout(a.value(), b.value());
            cerAuto += characterErrorRate(page, keep3 ? a.value() : b.value());
            took6 += keep3 ? 0 : 1;
        }
        const int n = int(degradedByLevel[l].size());
        out() << cell(levels[l].name, 20) << cell(pct(cer3 / n), 10) << cell(pct(cer6 / n), 10)
              << cell(pct(cerAuto / n), 10) << cell(pct(cov3), 10) << cell(pct(cov6), 10)
              << cell(QString::number(chars3 / n), 8) << cell(QString::number(chars6 / n), 8)
              << cell(QString::number(drawn / n), 8) << cell(QString::number(t3 / n, 'f', 2), 9)
              << cell(QString::number(t6 / n, 'f', 2), 9) << took6 << '/' << n << Qt::endl;
    }
    return 0;
}
