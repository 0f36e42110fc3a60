#include "ImageOps.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace govdesk::scanning::ImageOps {

namespace {

constexpr QRgb kWhite = 0xffffffff;
constexpr QRgb kBlack = 0xff000000;

QImage flattenOnWhite(const QImage &image)
{
    QImage canvas(image.size(), QImage::Format_RGB32);
    canvas.fill(Qt::white);
    QPainter p(&canvas);
    p.drawImage(0, 0, image);
    p.end();
    canvas.setDotsPerMeterX(image.dotsPerMeterX());
    canvas.setDotsPerMeterY(image.dotsPerMeterY());
    return canvas;
}

QImage emptyMono(QSize size, const QImage &like)
{
    QImage out(size, QImage::Format_Mono);
    out.setColorTable({kWhite, kBlack});
    out.fill(0);
    out.setDotsPerMeterX(like.dotsPerMeterX());
    out.setDotsPerMeterY(like.dotsPerMeterY());
    return out;
}

/// Box-averages an 8-bit image of `channels` channels by an integer factor.
QImage boxDownscale(const QImage &src, int factor, int channels, QImage::Format format)
{
    if (factor <= 1)
        return src;
    const int w = std::max(1, src.width() / factor);
    const int h = std::max(1, src.height() / factor);
    QImage out(w, h, format);
    std::vector<unsigned> acc(size_t(w) * channels);
    for (int y = 0; y < h; ++y) {
        std::fill(acc.begin(), acc.end(), 0u);
        for (int dy = 0; dy < factor; ++dy) {
            const uchar *s = src.constScanLine(y * factor + dy);
            for (int x = 0; x < w; ++x)
                for (int dx = 0; dx < factor; ++dx)
                    for (int c = 0; c < channels; ++c)
                        acc[size_t(x) * channels + c] += s[(size_t(x) * factor + dx) * channels + c];
        }
        uchar *d = out.scanLine(y);
        const unsigned n = unsigned(factor * factor);
        for (size_t i = 0; i < acc.size(); ++i)
            d[i] = uchar(acc[i] / n);
    }
    return out;
}

int factorFor(QSize size, int maxSide)
{
    const int longer = std::max(size.width(), size.height());
    return std::max(1, (longer + maxSide - 1) / maxSide);
}

/// Bilinear rotation of an 8-bit image of `channels` channels; outside the source is white.
QImage rotate8(const QImage &src, double degrees, int channels)
{
    QImage out(src.size(), src.format());
    out.setDotsPerMeterX(src.dotsPerMeterX());
    out.setDotsPerMeterY(src.dotsPerMeterY());
    const int w = src.width();
    const int h = src.height();
    const double rad = degrees * M_PI / 180.0;
    const double c = std::cos(rad);
    const double s = std::sin(rad);
    const double cx = (w - 1) / 2.0;
    const double cy = (h - 1) / 2.0;
    auto sample = [&](int x, int y, int ch) -> double {
        if (x < 0 || y < 0 || x >= w || y >= h)
            return 255.0;
        return src.constScanLine(y)[size_t(x) * channels + ch];
    };
    for (int y = 0; y < h; ++y) {
        uchar *d = out.scanLine(y);
        const double ry = y - cy;
        for (int x = 0; x < w; ++x) {
            const double rx = x - cx;
            // The source point that lands here: the inverse rotation.
            const double sx = c * rx + s * ry + cx;
            const double sy = -s * rx + c * ry + cy;
            const int x0 = int(std::floor(sx));
            const int y0 = int(std::floor(sy));
            const double fx = sx - x0;
            const double fy = sy - y0;
            for (int ch = 0; ch < channels; ++ch) {
                double v;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                    const uchar *r0 = src.constScanLine(y0) + size_t(x0) * channels + ch;
                    const uchar *r1 = src.constScanLine(y0 + 1) + size_t(x0) * channels + ch;
                    v = (r0[0] * (1 - fx) + r0[channels] * fx) * (1 - fy) +
                        (r1[0] * (1 - fx) + r1[channels] * fx) * fy;
                } else {
                    v = (sample(x0, y0, ch) * (1 - fx) + sample(x0 + 1, y0, ch) * fx) * (1 - fy) +
                        (sample(x0, y0 + 1, ch) * (1 - fx) + sample(x0 + 1, y0 + 1, ch) * fx) * fy;
                }
                d[size_t(x) * channels + ch] = uchar(std::clamp(int(v + 0.5), 0, 255));
            }
        }
    }
    return out;
}

} // namespace

QImage toGray(const QImage &image)
{
    if (image.isNull() || image.format() == QImage::Format_Grayscale8)
        return image;
    if (image.hasAlphaChannel())
        return flattenOnWhite(image).convertToFormat(QImage::Format_Grayscale8);
    return image.convertToFormat(QImage::Format_Grayscale8);
}

QImage toRgb(const QImage &image)
{
    if (image.isNull() || image.format() == QImage::Format_RGB888)
        return image;
    if (image.hasAlphaChannel())
        return flattenOnWhite(image).convertToFormat(QImage::Format_RGB888);
    return image.convertToFormat(QImage::Format_RGB888);
}

QImage toCanonicalMono(const QImage &image)
{
    if (image.isNull())
        return image;
    if ((image.format() == QImage::Format_Mono || image.format() == QImage::Format_MonoLSB) &&
        image.colorCount() == 2) {
        QImage mono = image.convertToFormat(QImage::Format_Mono);
        const bool zeroIsDark = qGray(mono.color(0)) < qGray(mono.color(1));
        if (zeroIsDark)
            mono.invertPixels();
        mono.setColorTable({kWhite, kBlack});
        return mono;
    }
    return binarize(image, 128);
}

int otsuThreshold(const QImage &grayIn)
{
    const QImage gray = toGray(grayIn);
    std::array<quint64, 256> hist{};
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *s = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            ++hist[s[x]];
    }
    const double total = double(gray.width()) * gray.height();
    if (total <= 0)
        return 128;
    double sumAll = 0;
    for (int i = 0; i < 256; ++i)
        sumAll += double(i) * double(hist[i]);
    double sumBack = 0;
    double weightBack = 0;
    double best = -1;
    int threshold = 128;
    for (int t = 0; t < 256; ++t) {
        weightBack += double(hist[t]);
        if (weightBack == 0)
            continue;
        const double weightFore = total - weightBack;
        if (weightFore == 0)
            break;
        sumBack += double(t) * double(hist[t]);
        const double meanBack = sumBack / weightBack;
        const double meanFore = (sumAll - sumBack) / weightFore;
        const double between = weightBack * weightFore * (meanBack - meanFore) * (meanBack - meanFore);
        if (between > best) {
            best = between;
            threshold = t + 1; // pixels below t + 1, i.e. at most t, are ink
        }
    }
    return threshold;
}

QImage binarize(const QImage &image, int threshold)
{
    const QImage gray = toGray(image);
    const int t = threshold < 0 ? otsuThreshold(gray) : threshold;
    QImage out = emptyMono(gray.size(), image);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *s = gray.constScanLine(y);
        uchar *d = out.scanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            if (s[x] < t)
                d[x >> 3] |= uchar(0x80 >> (x & 7));
    }
    return out;
}

QImage downscaledGray(const QImage &image, int maxSide)
{
    const QImage gray = toGray(image);
    return boxDownscale(gray, factorFor(gray.size(), maxSide), 1, QImage::Format_Grayscale8);
}

double estimateSkew(const QImage &page, double maxDegrees)
{
    const QImage small = downscaledGray(page, 1100);
    const int t = std::min(otsuThreshold(small), 200);
    const int w = small.width();
    const int h = small.height();
    // The lower edges of ink (an ink pixel above paper) line up along text lines; solid areas do not vote.
    std::vector<std::pair<float, float>> points;
    points.reserve(size_t(w) * h / 20);
    for (int y = 0; y + 1 < h; ++y) {
        const uchar *row = small.constScanLine(y);
        const uchar *below = small.constScanLine(y + 1);
        for (int x = 0; x < w; ++x)
            if (row[x] < t && below[x] >= t)
                points.emplace_back(float(x - w / 2.0), float(y - h / 2.0));
    }
    if (points.size() < 100)
        return 0.0;
    if (points.size() > 150000) {
        const size_t step = points.size() / 150000 + 1;
        std::vector<std::pair<float, float>> kept;
        kept.reserve(points.size() / step + 1);
        for (size_t i = 0; i < points.size(); i += step)
            kept.push_back(points[i]);
        points.swap(kept);
    }
    const int range = int(std::ceil(std::hypot(w, h))) + 4;
    std::vector<int> bins(size_t(range) * 2);
    auto score = [&](double degrees) {
        std::fill(bins.begin(), bins.end(), 0);
        const double rad = degrees * M_PI / 180.0;
        const double s = std::sin(rad);
        const double c = std::cos(rad);
        for (const auto &[x, y] : points) {
            const int b = int(std::lround(-x * s + y * c)) + range;
            ++bins[size_t(b)];
        }
        double sum = 0;
        for (int v : bins)
            sum += double(v) * v;
        return sum;
    };
    double best = 0;
    double bestScore = score(0);
    for (double a = -maxDegrees; a <= maxDegrees + 1e-9; a += 0.2) {
        const double sc = score(a);
        if (sc > bestScore) {
            bestScore = sc;
            best = a;
        }
    }
    const double coarse = best;
    for (double a = coarse - 0.2; a <= coarse + 0.2 + 1e-9; a += 0.02) {
        if (std::abs(a) > maxDegrees)
            continue;
        const double sc = score(a);
        if (sc > bestScore) {
            bestScore = sc;
            best = a;
        }
    }
    return std::round(best * 100) / 100;
}

QImage rotate(const QImage &page, double degrees)
{
    if (page.isNull() || degrees == 0)
        return page;
    switch (page.format()) {
    case QImage::Format_Grayscale8:
        return rotate8(page, degrees, 1);
    case QImage::Format_RGB888:
        return rotate8(page, degrees, 3);
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
        return binarize(rotate8(toGray(page), degrees, 1), 128);
    default:
        return rotate8(toRgb(page), degrees, 3);
    }
}

QImage deskew(const QImage &page, double *angle, double maxDegrees)
{
    const double a = estimateSkew(page, maxDegrees);
    if (angle)
        *angle = a;
    if (std::abs(a) < 0.05)
        return page;
    return rotate(page, -a);
}

QRect paperBounds(const QImage &page)
{
    const QRect all(QPoint(0, 0), page.size());
    if (page.isNull())
        return all;
    const int factor = factorFor(page.size(), 600);
    const QImage small = boxDownscale(toGray(page), factor, 1, QImage::Format_Grayscale8);
    const int w = small.width();
    const int h = small.height();
    constexpr int kDark = 80;
    auto rowDark = [&](int y) {
        const uchar *s = small.constScanLine(y);
        int n = 0;
        for (int x = 0; x < w; ++x)
            n += s[x] < kDark;
        return n * 2 > w;
    };
    auto colDark = [&](int x) {
        int n = 0;
        for (int y = 0; y < h; ++y)
            n += small.constScanLine(y)[x] < kDark;
        return n * 2 > h;
    };
    int top = 0, bottom = h - 1, left = 0, right = w - 1;
    while (top < h / 2 && rowDark(top))
        ++top;
    while (bottom > h / 2 && rowDark(bottom))
        --bottom;
    while (left < w / 2 && colDark(left))
        ++left;
    while (right > w / 2 && colDark(right))
        --right;
    if (top == 0 && left == 0 && bottom == h - 1 && right == w - 1)
        return all;
    // One more downscaled pixel inward on each cropped side drops the shadow of the paper's edge.
    if (top > 0)
        ++top;
    if (left > 0)
        ++left;
    if (bottom < h - 1)
        --bottom;
    if (right < w - 1)
        --right;
    QRect r(QPoint(left * factor, top * factor), QPoint((right + 1) * factor - 1, (bottom + 1) * factor - 1));
    r = r.intersected(all);
    return r.width() > page.width() / 4 && r.height() > page.height() / 4 ? r : all;
}

QRect contentBounds(const QImage &page, int marginPx)
{
    const QRect all(QPoint(0, 0), page.size());
    if (page.isNull())
        return all;
    const int factor = factorFor(page.size(), 800);
    const QImage small = boxDownscale(toGray(page), factor, 1, QImage::Format_Grayscale8);
    const int w = small.width();
    const int h = small.height();
    constexpr int kInk = 160;
    std::vector<int> rows(static_cast<size_t>(h)), cols(static_cast<size_t>(w));
    for (int y = 0; y < h; ++y) {
        const uchar *s = small.constScanLine(y);
        for (int x = 0; x < w; ++x)
            if (s[x] < kInk) {
                ++rows[size_t(y)];
                ++cols[size_t(x)];
            }
    }
    // A speck of dust is not content: a line counts when it holds a little ink.
    const int minRow = std::max(2, w / 500);
    const int minCol = std::max(2, h / 500);
    int top = 0, bottom = h - 1, left = 0, right = w - 1;
    while (top < h && rows[size_t(top)] < minRow)
        ++top;
    if (top >= h)
        return all;
    while (bottom > top && rows[size_t(bottom)] < minRow)
        --bottom;
    while (left < w && cols[size_t(left)] < minCol)
        ++left;
    while (right > left && cols[size_t(right)] < minCol)
        --right;
    QRect r(QPoint(left * factor, top * factor), QPoint((right + 1) * factor - 1, (bottom + 1) * factor - 1));
    r.adjust(-marginPx, -marginPx, marginPx, marginPx);
    return r.intersected(all);
}

QImage cropBorders(const QImage &page, double dpi, double marginMm)
{
    const QImage paper = page.copy(paperBounds(page));
    const int margin = int(std::lround(marginMm / 25.4 * (dpi > 0 ? dpi : 200)));
    QImage out = paper.copy(contentBounds(paper, margin));
    out.setDotsPerMeterX(page.dotsPerMeterX());
    out.setDotsPerMeterY(page.dotsPerMeterY());
    if (out.format() == QImage::Format_Mono)
        out.setColorTable({kWhite, kBlack});
    return out;
}

bool hasColour(const QImage &page)
{
    if (page.isNull() || page.format() == QImage::Format_Grayscale8 ||
        page.format() == QImage::Format_Grayscale16 || (page.colorCount() > 0 && page.isGrayscale()))
        return false;
    const QImage rgb = toRgb(page);
    const QImage small = boxDownscale(rgb, factorFor(rgb.size(), 400), 3, QImage::Format_RGB888);
    const qint64 pixels = qint64(small.width()) * small.height();
    qint64 coloured = 0;
    for (int y = 0; y < small.height(); ++y) {
        const uchar *s = small.constScanLine(y);
        for (int x = 0; x < small.width(); ++x) {
            const int r = s[3 * x], g = s[3 * x + 1], b = s[3 * x + 2];
            const int chroma = std::max({r, g, b}) - std::min({r, g, b});
            coloured += chroma > 32;
        }
    }
    return coloured >= std::max<qint64>(12, pixels / 5000);
}

} // namespace govdesk::scanning::ImageOps
