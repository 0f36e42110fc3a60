#include "PdfAppearance.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMap>
#include <QTransform>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace govdesk::signing {

using core::Result;

namespace {

constexpr double kPaddingPt = 2.0;
constexpr double kMinFontSizePt = 4.0;
constexpr double kImageDpi = 300.0;

QString defaultFontPath()
{
    static const char *const candidates[] = {
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/TTF/LiberationSerif-Regular.ttf",
    };
    for (const char *path : candidates) {
        if (QFile::exists(QString::fromLatin1(path)))
            return QString::fromLatin1(path);
    }
    return {};
}

template<typename T, void (*Destroy)(T *)> struct HbDeleter
{
    void operator()(T *p) const { Destroy(p); }
};
using BlobPtr = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using FacePtr = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using FontPtr = std::unique_ptr<hb_font_t, HbDeleter<hb_font_t, hb_font_destroy>>;
using BufferPtr = std::unique_ptr<hb_buffer_t, HbDeleter<hb_buffer_t, hb_buffer_destroy>>;
using SubsetInputPtr =
    std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;
using SubsetPlanPtr = std::unique_ptr<hb_subset_plan_t, HbDeleter<hb_subset_plan_t, hb_subset_plan_destroy>>;

struct Glyph
{
    unsigned gid = 0;
    int xAdvance = 0, xOffset = 0, yOffset = 0; // font units
    QString text;                               // the characters this glyph stands for (first of a cluster)
};

/// A TrueType font opened with HarfBuzz: shaping, metrics and subset embedding.
class TextFont
{
public:
    static Result<std::shared_ptr<TextFont>> open(const QString &requestedPath)
    {
        const QString path = requestedPath.isEmpty() ? defaultFontPath() : requestedPath;
        if (path.isEmpty() || !QFile::exists(path)) {
            return GOVDESK_ERROR(
                "signing.pdf-font",
                QT_TRANSLATE_NOOP("Signing",
                                  "The font for the signature text was not found (%1). Install the "
                                  "Liberation Serif font (package fonts-liberation2)."),
                path.isEmpty() ? QStringLiteral("LiberationSerif-Regular.ttf") : path);
        }
        auto font = std::make_shared<TextFont>();
        font->m_path = path;
        font->m_blob.reset(hb_blob_create_from_file_or_fail(QFile::encodeName(path).constData()));
        if (!font->m_blob)
            return fontError(path);
        font->m_face.reset(hb_face_create(font->m_blob.get(), 0));
        font->m_upem = int(hb_face_get_upem(font->m_face.get()));
        if (hb_face_get_glyph_count(font->m_face.get()) == 0 || font->m_upem <= 0)
            return fontError(path);
        font->m_font.reset(hb_font_create(font->m_face.get()));
        hb_font_extents_t ext{};
        hb_font_get_h_extents(font->m_font.get(), &ext);
        font->m_ascender = ext.ascender;
        font->m_descender = ext.descender;
        hb_position_t cap = 0;
        font->m_capHeight = hb_ot_metrics_get_position(font->m_font.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &cap)
                                ? cap
                                : ext.ascender;
        hb_blob_t *head = hb_face_reference_table(font->m_face.get(), HB_TAG('h', 'e', 'a', 'd'));
        unsigned len = 0;
        const auto *d = reinterpret_cast<const unsigned char *>(hb_blob_get_data(head, &len));
        if (d && len >= 54) {
            auto s16 = [d](int at) { return int(int16_t(uint16_t(d[at] << 8 | d[at + 1]))); };
            font->m_bbox = {s16(36), s16(38), s16(40), s16(42)};
        }
        hb_blob_destroy(head);
        return font;
    }

    static core::Error fontError(const QString &path)
    {
        return GOVDESK_ERROR(
            "signing.pdf-font",
            QT_TRANSLATE_NOOP("Signing", "The font file %1 cannot be read as a TrueType font."), path);
    }

    Result<QList<Glyph>> shape(const QString &input) const
    {
        const QString text = input.normalized(QString::NormalizationForm_C);
        BufferPtr buf(hb_buffer_create());
        hb_buffer_add_utf16(buf.get(), reinterpret_cast<const uint16_t *>(text.utf16()), int(text.size()), 0,
                            int(text.size()));
        hb_buffer_set_direction(buf.get(), HB_DIRECTION_LTR);
        hb_buffer_set_script(buf.get(), HB_SCRIPT_LATIN);
        hb_buffer_set_language(buf.get(), hb_language_from_string("vi", -1));
        hb_shape(m_font.get(), buf.get(), nullptr, 0);
        unsigned n = 0;
        const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf.get(), &n);
        const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf.get(), &n);
        QList<Glyph> glyphs;
        for (unsigned i = 0; i < n; ++i) {
            if (info[i].codepoint == 0) {
                const int at = int(info[i].cluster);
                const char32_t ch = QStringView(text).mid(at).toUcs4().value(0);
                return GOVDESK_ERROR(
                    "signing.pdf-font",
                    QT_TRANSLATE_NOOP("Signing", "The font %1 has no glyph for the character \"%2\" (U+%3)."),
                    m_path, QString::fromUcs4(&ch, 1),
                    QString::number(uint(ch), 16).toUpper().rightJustified(4, QLatin1Char('0')));
            }
            Glyph g;
            g.gid = info[i].codepoint;
            g.xAdvance = pos[i].x_advance;
            g.xOffset = pos[i].x_offset;
            g.yOffset = pos[i].y_offset;
            const bool firstOfCluster = i == 0 || info[i - 1].cluster != info[i].cluster;
            if (firstOfCluster) {
                unsigned end = unsigned(text.size());
                for (unsigned j = i + 1; j < n; ++j) {
                    if (info[j].cluster != info[i].cluster) {
                        end = info[j].cluster;
                        break;
                    }
                }
                if (end > info[i].cluster)
                    g.text = text.mid(int(info[i].cluster), int(end - info[i].cluster));
            }
            glyphs.append(g);
        }
        return glyphs;
    }

    /// hmtx advance of a glyph, font units.
    int advance(unsigned gid) const { return hb_font_get_glyph_h_advance(m_font.get(), gid); }

    double width(const QList<Glyph> &glyphs, double sizePt) const
    {
        qint64 units = 0;
        for (const Glyph &g : glyphs)
            units += g.xAdvance;
        return double(units) * sizePt / m_upem;
    }

    double ascentPt(double sizePt) const { return double(m_ascender) * sizePt / m_upem; }
    double descentPt(double sizePt) const { return double(-m_descender) * sizePt / m_upem; }
    double leadingPt(double sizePt) const
    {
        return std::max(1.15 * sizePt, ascentPt(sizePt) + descentPt(sizePt));
    }
    int upem() const { return m_upem; }

    /// Subsets the font to `oldGids`; gives the subset font program and the old -> new glyph id map.
    Result<std::pair<QByteArray, QMap<unsigned, unsigned>>> subset(const QList<unsigned> &oldGids) const
    {
        SubsetInputPtr input(hb_subset_input_create_or_fail());
        if (!input)
            return fontError(m_path);
        hb_set_t *glyphs = hb_subset_input_glyph_set(input.get());
        for (unsigned gid : oldGids)
            hb_set_add(glyphs, gid);
        hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
        hb_set_t *drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (hb_tag_t tag :
             {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
              HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('g', 'a', 's', 'p'),
              HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H')})
            hb_set_add(drop, tag);
        SubsetPlanPtr plan(hb_subset_plan_create_or_fail(m_face.get(), input.get()));
        if (!plan)
            return fontError(m_path);
        const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
        QMap<unsigned, unsigned> oldToNew;
        for (unsigned gid : oldGids) {
            const hb_codepoint_t mapped = hb_map_get(map, gid);
            if (mapped == HB_MAP_VALUE_INVALID)
                return fontError(m_path);
            oldToNew[gid] = mapped;
        }
        FacePtr sub(hb_subset_plan_execute_or_fail(plan.get()));
        if (!sub)
            return fontError(m_path);
        BlobPtr blob(hb_face_reference_blob(sub.get()));
        unsigned len = 0;
        const char *data = hb_blob_get_data(blob.get(), &len);
        if (!data || len == 0)
            return fontError(m_path);
        return std::pair{QByteArray(data, len), oldToNew};
    }

    /// Writes a Type0 / CIDFontType2 font (Identity-H, /W, ToUnicode, FontFile2) of the given glyphs;
    /// `oldToNew` maps the shaped glyph ids to the CIDs used in the content stream.
    int embed(pdf::IncrementalWriter &w, const QByteArray &program, const QMap<unsigned, unsigned> &oldToNew,
              const QMap<unsigned, QString> &textOfOldGid) const
    {
        using pdf::real;
        QByteArray tagSource;
        for (auto it = oldToNew.cbegin(); it != oldToNew.cend(); ++it)
            tagSource += QByteArray::number(it.key()) + ',';
        const QByteArray hash = QCryptographicHash::hash(tagSource, QCryptographicHash::Sha256);
        QByteArray tag;
        for (int i = 0; i < 6; ++i)
            tag += char('A' + static_cast<unsigned char>(hash[i]) % 26);
        const QByteArray baseFont = "/" + tag + "+LiberationSerif";
        const double k = 1000.0 / m_upem;

        const QByteArray compressed = pdf::deflate(program);
        const int fontFile = w.addStream(
            "/Length1 " + QByteArray::number(program.size()) + " /Filter /FlateDecode", compressed);
        const int descriptor =
            w.addObject("<< /Type /FontDescriptor /FontName " + baseFont + " /Flags 34 /FontBBox [" +
                        real(m_bbox[0] * k) + ' ' + real(m_bbox[1] * k) + ' ' + real(m_bbox[2] * k) + ' ' +
                        real(m_bbox[3] * k) + "] /ItalicAngle 0 /Ascent " + real(m_ascender * k) +
                        " /Descent " + real(m_descender * k) + " /CapHeight " + real(m_capHeight * k) +
                        " /StemV 80 /FontFile2 " + QByteArray::number(fontFile) + " 0 R >>");

        QMap<unsigned, unsigned> widthOfNew;
        QMap<unsigned, QString> textOfNew;
        for (auto it = oldToNew.cbegin(); it != oldToNew.cend(); ++it) {
            widthOfNew[it.value()] = unsigned(std::lround(advance(it.key()) * k));
            const QString t = textOfOldGid.value(it.key());
            if (!t.isEmpty())
                textOfNew[it.value()] = t;
        }
        QByteArray widths;
        for (auto it = widthOfNew.cbegin(); it != widthOfNew.cend(); ++it)
            widths += QByteArray::number(it.key()) + " [" + QByteArray::number(it.value()) + "] ";

        QByteArray cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        const QList<unsigned> cids = textOfNew.keys();
        for (qsizetype start = 0; start < cids.size(); start += 100) {
            const qsizetype count = std::min<qsizetype>(100, cids.size() - start);
            cmap += QByteArray::number(count) + " beginbfchar\n";
            for (qsizetype i = start; i < start + count; ++i) {
                QByteArray utf16;
                for (QChar c : textOfNew[cids[i]]) {
                    utf16 += char(c.unicode() >> 8);
                    utf16 += char(c.unicode() & 0xff);
                }
                cmap += '<' + QByteArray::number(cids[i], 16).rightJustified(4, '0').toUpper() + "> <" +
                        utf16.toHex().toUpper() + ">\n";
            }
            cmap += "endbfchar\n";
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        const int toUnicode = w.addStream("/Filter /FlateDecode", pdf::deflate(cmap));

        const int cidFont = w.addObject(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + baseFont +
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
            QByteArray::number(descriptor) + " 0 R /DW 1000 /W [" + widths.trimmed() +
            "] /CIDToGIDMap /Identity >>");
        return w.addObject("<< /Type /Font /Subtype /Type0 /BaseFont " + baseFont +
                           " /Encoding /Identity-H /DescendantFonts [" + QByteArray::number(cidFont) +
                           " 0 R] /ToUnicode " + QByteArray::number(toUnicode) + " 0 R >>");
    }

private:
    QString m_path;
    BlobPtr m_blob;
    FacePtr m_face;
    FontPtr m_font;
    int m_upem = 1000;
    int m_ascender = 0, m_descender = 0, m_capHeight = 0;
    std::array<int, 4> m_bbox{0, 0, 1000, 1000};
};

struct TextLayout
{
    double sizePt = 10;
    QList<QList<Glyph>> lines;
};

Result<TextLayout> layoutText(const TextFont &font, const QStringList &lines, double sizePt)
{
    TextLayout layout;
    layout.sizePt = sizePt > 0 ? sizePt : 10;
    for (const QString &line : lines) {
        auto shaped = font.shape(line);
        if (!shaped)
            return shaped.error();
        layout.lines.append(shaped.value());
    }
    return layout;
}

QSizeF naturalSize(const TextFont &font, const TextLayout &layout, double sizePt)
{
    double width = 0;
    for (const auto &line : layout.lines)
        width = std::max(width, font.width(line, sizePt));
    const qsizetype n = std::max<qsizetype>(1, layout.lines.size());
    const double height =
        double(n - 1) * font.leadingPt(sizePt) + font.ascentPt(sizePt) + font.descentPt(sizePt);
    return {width + 2 * kPaddingPt, height + 2 * kPaddingPt};
}

/// The content stream showing the text lines left-aligned from the top-left of a w x h box.
QByteArray textContent(const TextFont &font, const TextLayout &layout, double sizePt, double boxHeight,
                       const QMap<unsigned, unsigned> &oldToNew)
{
    using pdf::real;
    const double scale = sizePt / font.upem();
    QByteArray out = "q BT 0 g /F1 " + real(sizePt) + " Tf\n";
    double baseline = boxHeight - kPaddingPt - font.ascentPt(sizePt);
    for (const auto &line : layout.lines) {
        qint64 pen = 0;
        bool open = false;
        qint64 expected = 0;
        int runY = 0;
        for (const Glyph &g : line) {
            const qint64 ox = pen + g.xOffset;
            if (!open || g.yOffset != runY) {
                if (open)
                    out += "] TJ\n";
                out += "1 0 0 1 " + real(kPaddingPt + ox * scale) + ' ' + real(baseline + g.yOffset * scale) +
                       " Tm [";
                open = true;
                expected = ox;
                runY = g.yOffset;
            } else if (ox != expected) {
                out += ' ' + real(-double(ox - expected) * 1000.0 / font.upem()) + ' ';
            }
            out += '<' + QByteArray::number(oldToNew.value(g.gid), 16).rightJustified(4, '0').toUpper() + '>';
            expected = ox + font.advance(g.gid);
            pen += g.xAdvance;
        }
        if (open)
            out += "] TJ\n";
        baseline -= font.leadingPt(sizePt);
    }
    out += "ET Q\n";
    return out;
}

/// Form matrix and box size so that content drawn in a displayed-orientation box appears upright on a
/// page turned by `rotation`.
QByteArray formMatrix(int rotation, double w, double h)
{
    using pdf::real;
    switch (rotation) {
    case 90:
        return "[0 1 -1 0 " + real(h) + " 0]";
    case 180:
        return "[-1 0 0 -1 " + real(w) + ' ' + real(h) + ']';
    case 270:
        return "[0 -1 1 0 0 " + real(w) + ']';
    default:
        return "[1 0 0 1 0 0]";
    }
}

Result<int> writeImage(pdf::IncrementalWriter &w, const QImage &source, QSizeF drawnPt)
{
    if (source.isNull() || source.width() <= 0 || source.height() <= 0) {
        return GOVDESK_ERROR("signing.pdf-image",
                             QT_TRANSLATE_NOOP("Signing", "The signature image is empty or cannot be read."));
    }
    QImage img = source.convertToFormat(QImage::Format_ARGB32);
    const int maxW = std::max(1, int(std::ceil(drawnPt.width() / 72.0 * kImageDpi)));
    const int maxH = std::max(1, int(std::ceil(drawnPt.height() / 72.0 * kImageDpi)));
    if (img.width() > maxW || img.height() > maxH)
        img = img.scaled(maxW, maxH, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                  .convertToFormat(QImage::Format_ARGB32);
    QByteArray rgb, alpha;
    rgb.reserve(qsizetype(img.width()) * img.height() * 3);
    alpha.reserve(qsizetype(img.width()) * img.height());
    bool opaque = true;
    for (int y = 0; y < img.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = line[x];
            const int a = qAlpha(p);
            opaque = opaque && a == 255;
            // Fully transparent pixels become white: smaller, and right for viewers that ignore /SMask.
            rgb += char(a == 0 ? 255 : qRed(p));
            rgb += char(a == 0 ? 255 : qGreen(p));
            rgb += char(a == 0 ? 255 : qBlue(p));
            alpha += char(a);
        }
    }
    const QByteArray dims = "/Width " + QByteArray::number(img.width()) + " /Height " +
                            QByteArray::number(img.height()) + " /BitsPerComponent 8";
    QByteArray smask;
    if (!opaque) {
        const int mask = w.addStream("/Type /XObject /Subtype /Image " + dims +
                                         " /ColorSpace /DeviceGray /Filter /FlateDecode",
                                     pdf::deflate(alpha));
        smask = " /SMask " + QByteArray::number(mask) + " 0 R";
    }
    return w.addStream("/Type /XObject /Subtype /Image " + dims +
                           " /ColorSpace /DeviceRGB /Filter /FlateDecode" + smask,
                       pdf::deflate(rgb));
}

} // namespace

namespace pdf {

Result<int> writeAppearance(IncrementalWriter &w, const SignatureAppearance &appearance, const QRectF &rect,
                            int rotation)
{
    const bool turned = rotation == 90 || rotation == 270;
    const double bw = turned ? rect.height() : rect.width();
    const double bh = turned ? rect.width() : rect.height();
    const bool invisible = appearance.kind == SignatureAppearance::Kind::Invisible || rect.isEmpty();
    if (invisible)
        return w.addStream("/Type /XObject /Subtype /Form /BBox [0 0 0 0] /Resources << >>", QByteArray());

    const QByteArray formDict = "/Type /XObject /Subtype /Form /BBox [0 0 " + real(bw) + ' ' + real(bh) +
                                "] /Matrix " + formMatrix(rotation, bw, bh);

    if (appearance.kind == SignatureAppearance::Kind::Image) {
        const QImage &img = appearance.image;
        if (img.isNull() || img.width() <= 0 || img.height() <= 0) {
            return GOVDESK_ERROR(
                "signing.pdf-image",
                QT_TRANSLATE_NOOP("Signing", "The signature image is empty or cannot be read."));
        }
        // Fill the box with the aspect ratio kept, centred.
        const double s = std::min(bw / img.width(), bh / img.height());
        const double dw = img.width() * s, dh = img.height() * s;
        const double dx = (bw - dw) / 2, dy = (bh - dh) / 2;
        auto image = writeImage(w, img, {dw, dh});
        if (!image)
            return image.error();
        const QByteArray content =
            "q " + real(dw) + " 0 0 " + real(dh) + ' ' + real(dx) + ' ' + real(dy) + " cm /Im1 Do Q\n";
        return w.addStream(formDict + " /Resources << /XObject << /Im1 " + QByteArray::number(image.value()) +
                               " 0 R >> >>",
                           content);
    }

    auto font = TextFont::open(appearance.fontPath);
    if (!font)
        return font.error();
    const TextFont &f = *font.value();
    auto layout = layoutText(f, appearance.textLines, appearance.fontSizePt);
    if (!layout)
        return layout.error();
    // Shrink the text when it does not fit the box.
    double size = layout->sizePt;
    const QSizeF natural = naturalSize(f, layout.value(), size);
    const double fitW =
        natural.width() > bw ? (bw - 2 * kPaddingPt) / (natural.width() - 2 * kPaddingPt) : 1.0;
    const double fitH =
        natural.height() > bh ? (bh - 2 * kPaddingPt) / (natural.height() - 2 * kPaddingPt) : 1.0;
    size = std::max(kMinFontSizePt, size * std::min(fitW, fitH));

    QList<unsigned> gids;
    QMap<unsigned, QString> textOfGid;
    for (const auto &line : layout->lines) {
        for (const Glyph &g : line) {
            if (!gids.contains(g.gid))
                gids.append(g.gid);
            if (!g.text.isEmpty() && !textOfGid.contains(g.gid))
                textOfGid[g.gid] = g.text;
        }
    }
    if (gids.isEmpty())
        return w.addStream(formDict + " /Resources << >>", QByteArray());
    std::sort(gids.begin(), gids.end());
    auto subset = f.subset(gids);
    if (!subset)
        return subset.error();
    const int fontObj = f.embed(w, subset->first, subset->second, textOfGid);
    return w.addStream(formDict + " /Resources << /Font << /F1 " + QByteArray::number(fontObj) + " 0 R >> >>",
                       textContent(f, layout.value(), size, bh, subset->second));
}

} // namespace pdf

Result<QSizeF> measureTextAppearance(const QStringList &lines, double fontSizePt, const QString &fontPath)
{
    auto font = TextFont::open(fontPath);
    if (!font)
        return font.error();
    auto layout = layoutText(*font.value(), lines, fontSizePt);
    if (!layout)
        return layout.error();
    return naturalSize(*font.value(), layout.value(), layout->sizePt);
}

} // namespace govdesk::signing
