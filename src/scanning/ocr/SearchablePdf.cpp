#include "SearchablePdf.h"

#include <QBuffer>
#include <QHash>
#include <QImageWriter>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cmath>
#include <exception>

namespace govdesk::scanning {

using core::Result;

namespace {

/// Every character of the invisible text advances half its font size (the glyph-less font's /DW 500);
/// horizontal scaling (Tz) then stretches each word to its recognised width.
constexpr double kAdvance = 0.5;

core::Error damaged(const std::exception &e)
{
    return GOVDESK_ERROR(
        "ocr.pdf-damaged",
        QT_TRANSLATE_NOOP("SearchablePdf", "The PDF cannot be read (damaged or not a PDF): %1"),
        QString::fromLocal8Bit(e.what()));
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), size_t(b.size()));
}

QByteArray num(double v)
{
    return QByteArray::number(std::abs(v) < 0.0005 ? 0.0 : v, 'f', 3);
}

struct Geometry
{
    double x0 = 0, y0 = 0, width = 0, height = 0; // crop box in user space
    int rotation = 0;
};

int rotationOf(QPDFPageObjectHelper &page)
{
    const QPDFObjectHandle r = page.getAttribute("/Rotate", false);
    int rotation = r.isInteger() ? r.getIntValueAsInt() : 0;
    rotation = ((rotation % 360) + 360) % 360;
    return (rotation / 90) * 90;
}

Geometry geometryOf(QPDFPageObjectHelper &page)
{
    Geometry g;
    QPDFObjectHandle box = page.getCropBox(false);
    if (!box.isRectangle())
        box = page.getMediaBox(false);
    QPDFObjectHandle::Rectangle r =
        box.isRectangle() ? box.getArrayAsRectangle() : QPDFObjectHandle::Rectangle(0, 0, 595.276, 841.89);
    g.x0 = std::min(r.llx, r.urx);
    g.y0 = std::min(r.lly, r.ury);
    g.width = std::abs(r.urx - r.llx);
    g.height = std::abs(r.ury - r.lly);
    g.rotation = rotationOf(page);
    return g;
}

QSizeF displayedSize(const Geometry &g)
{
    return g.rotation % 180 ? QSizeF(g.height, g.width) : QSizeF(g.width, g.height);
}

/// The matrix from displayed coordinates (origin bottom-left of the page as shown) to user space.
QByteArray displayedToUser(const Geometry &g)
{
    double a = 1, b = 0, c = 0, d = 1, e = g.x0, f = g.y0;
    switch (g.rotation) {
    case 90: // shown turned clockwise: displayed (X, Y) is user (w - Y, X)
        a = 0, b = 1, c = -1, d = 0, e = g.x0 + g.width, f = g.y0;
        break;
    case 180:
        a = -1, b = 0, c = 0, d = -1, e = g.x0 + g.width, f = g.y0 + g.height;
        break;
    case 270:
        a = 0, b = -1, c = 1, d = 0, e = g.x0, f = g.y0 + g.height;
        break;
    default:
        break;
    }
    return num(a) + ' ' + num(b) + ' ' + num(c) + ' ' + num(d) + ' ' + num(e) + ' ' + num(f) + " cm\n";
}

/// The identity from 2-byte codes to UTF-16 code units.
const char *kToUnicode = "/CIDInit /ProcSet findresource begin\n"
                         "12 dict begin\n"
                         "begincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n"
                         "/CMapType 2 def\n"
                         "1 begincodespacerange\n"
                         "<0000> <FFFF>\n"
                         "endcodespacerange\n"
                         "1 beginbfrange\n"
                         "<0000> <FFFF> <0000>\n"
                         "endbfrange\n"
                         "endcmap\n"
                         "CMapName currentdict /CMap defineresource pop\n"
                         "end\n"
                         "end\n";

QPDFObjectHandle makeFont(QPDF &q, const QByteArray &fontProgram)
{
    // Every code maps to glyph 1 of the glyph-less font.
    std::string cidToGid(65536 * 2, '\0');
    for (size_t i = 0; i < 65536; ++i)
        cidToGid[2 * i + 1] = 1;
    QPDFObjectHandle descriptor =
        QPDFObjectHandle::parse("<< /Type /FontDescriptor /FontName /GlyphLessFont "
                                "/Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 "
                                "/Ascent 1000 /Descent -1 /CapHeight 1000 /StemV 80 >>");
    if (!fontProgram.isEmpty()) {
        QPDFObjectHandle file = q.newStream(str(fontProgram));
        file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(fontProgram.size()));
        descriptor.replaceKey("/FontFile2", file);
    }
    QPDFObjectHandle cidFont = QPDFObjectHandle::parse(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>");
    cidFont.replaceKey("/FontDescriptor", q.makeIndirectObject(descriptor));
    cidFont.replaceKey("/CIDToGIDMap", q.newStream(cidToGid));
    QPDFObjectHandle font = QPDFObjectHandle::parse(
        "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>");
    font.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({q.makeIndirectObject(cidFont)}));
    font.replaceKey("/ToUnicode", q.newStream(std::string(kToUnicode)));
    return q.makeIndirectObject(font);
}

/// The words of one page as invisible text in displayed coordinates.
QByteArray textContent(const OcrPage &page, const QByteArray &fontName, const Geometry &g)
{
    const double shownHeight = displayedSize(g).height();
    // Letter height of each line: a dash or a comma read as a word of its own gets it too, so text
    // extraction keeps it on its line instead of treating a one-point glyph as a line apart.
    QHash<int, QList<double>> heights;
    for (const OcrWord &w : page.words)
        heights[w.line].append(w.box.height());
    QHash<int, double> lineHeight;
    for (auto it = heights.begin(); it != heights.end(); ++it) {
        std::sort(it->begin(), it->end());
        lineHeight.insert(it.key(), it->at(it->size() / 2));
    }
    QByteArray out = "q\n" + displayedToUser(g) + "BT\n3 Tr\n";
    for (const OcrWord &w : page.words) {
        // Keep characters of the Basic Multilingual Plane (all of Vietnamese); a code outside it has no
        // two-byte code in the identity map.
        QByteArray hex;
        int count = 0;
        for (const QChar ch : w.text) {
            if (ch.isSurrogate())
                continue;
            hex += QByteArray::number(ch.unicode(), 16).rightJustified(4, '0').toUpper();
            ++count;
        }
        if (!count || w.box.width() <= 0 || w.box.height() <= 0)
            continue;
        double size = w.box.height();
        double bottom = w.box.bottom();
        const double line = lineHeight.value(w.line, size);
        if (size < 0.6 * line) {
            size = line;
            bottom = std::min(w.box.center().y() + 0.35 * size, w.box.top() + size);
        }
        const double scale = 100.0 * w.box.width() / (count * kAdvance * size);
        out += fontName + ' ' + num(size) + " Tf " + num(scale) + " Tz 1 0 0 1 " + num(w.box.left()) + ' ' +
               num(shownHeight - bottom) + " Tm <" + hex + "> Tj\n";
    }
    out += "ET\nQ\n";
    return out;
}

QByteArray written(QPDF &q)
{
    QPDFWriter writer(q);
    writer.setOutputMemory();
    // Existing streams (the page images above all) are copied as they are; only new ones are compressed.
    writer.setDecodeLevel(qpdf_dl_none);
    writer.setCompressStreams(true);
    writer.setObjectStreamMode(qpdf_o_preserve);
    // Digitised documents are PDF 1.4 or later (Decree 30/2020 Phụ lục I, Phần II.I.2).
    writer.setMinimumPDFVersion("1.4");
    writer.write();
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()), qsizetype(buffer->getSize()));
}

bool isBlackAndWhite(const QImage &image)
{
    if (image.format() == QImage::Format_Mono || image.format() == QImage::Format_MonoLSB)
        return true;
    if (image.format() != QImage::Format_Grayscale8)
        return false;
    for (int y = 0; y < image.height(); ++y) {
        const uchar *row = image.constScanLine(y);
        for (int x = 0; x < image.width(); ++x)
            if (row[x] != 0 && row[x] != 255)
                return false;
    }
    return true;
}

} // namespace

Result<PdfFacts> SearchablePdf::inspect(const QByteArray &pdf)
{
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("input.pdf", pdf.constData(), size_t(pdf.size()));
        PdfFacts facts;
        for (QPDFPageObjectHelper &page : QPDFPageDocumentHelper(q).getAllPages()) {
            const Geometry g = geometryOf(page);
            PdfPageFacts p;
            p.size = displayedSize(g);
            p.rotation = g.rotation;
            const auto images = page.getImages();
            if (images.size() == 1 && g.width > 0 && g.height > 0) {
                QPDFObjectHandle dict = images.begin()->second.getDict();
                const double w =
                    dict.getKey("/Width").isInteger() ? dict.getKey("/Width").getNumericValue() : 0;
                const double h =
                    dict.getKey("/Height").isInteger() ? dict.getKey("/Height").getNumericValue() : 0;
                // The image fills the page in user space (or turned a quarter within it).
                double dpiW = w * 72 / g.width, dpiH = h * 72 / g.height;
                if (std::abs(dpiW - dpiH) > 0.1 * std::max(dpiW, dpiH)) {
                    dpiW = w * 72 / g.height;
                    dpiH = h * 72 / g.width;
                }
                if (w > 0 && h > 0 && std::abs(dpiW - dpiH) <= 0.1 * std::max(dpiW, dpiH))
                    p.imageDpi = std::round((dpiW + dpiH) / 2);
            }
            facts.pages.append(p);
        }
        for (QPDFFormFieldObjectHelper &field : QPDFAcroFormDocumentHelper(q).getFormFields())
            if (field.getFieldType() == "/Sig" && field.getValue().isDictionary())
                facts.isSigned = true;
        return facts;
    } catch (const std::exception &e) {
        return damaged(e);
    }
}

Result<QByteArray> SearchablePdf::addTextLayer(const QByteArray &pdf, const QList<OcrPage> &pages,
                                               const QByteArray &fontProgram)
{
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("input.pdf", pdf.constData(), size_t(pdf.size()));
        std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(q).getAllPages();
        QPDFObjectHandle font;
        for (const OcrPage &p : pages) {
            if (p.hadText || p.index < 0 || size_t(p.index) >= all.size())
                continue;
            QPDFPageObjectHelper &page = all[size_t(p.index)];
            if (p.turned % 360 != 0)
                page.getObjectHandle().replaceKey(
                    "/Rotate", QPDFObjectHandle::newInteger((rotationOf(page) + p.turned) % 360));
            if (p.words.isEmpty())
                continue;
            if (!font.isInitialized())
                font = makeFont(q, fontProgram);
            QPDFObjectHandle resources = page.getAttribute("/Resources", true);
            if (!resources.isDictionary()) {
                resources = QPDFObjectHandle::newDictionary();
                page.getObjectHandle().replaceKey("/Resources", resources);
            }
            QPDFObjectHandle fonts = resources.getKey("/Font");
            if (!fonts.isDictionary()) {
                fonts = QPDFObjectHandle::newDictionary();
                resources.replaceKey("/Font", fonts);
            } else if (fonts.isIndirect()) {
                fonts = fonts.shallowCopy();
                resources.replaceKey("/Font", fonts);
            }
            std::string name = "/GovDeskOcr";
            for (int n = 1; fonts.hasKey(name); ++n)
                name = "/GovDeskOcr" + std::to_string(n);
            fonts.replaceKey(name, font);
            // The original drawing is wrapped in q … Q so whatever state it leaves cannot move the words.
            page.addPageContents(q.newStream(std::string("q\n")), true);
            page.addPageContents(
                q.newStream("Q\n" + str(textContent(p, QByteArray::fromStdString(name), geometryOf(page)))),
                false);
        }
        return written(q);
    } catch (const std::exception &e) {
        return damaged(e);
    }
}

Result<QByteArray> SearchablePdf::fromImages(const QList<QImage> &images, const QList<double> &dpis)
{
    try {
        QPDF q;
        q.emptyPDF();
        QPDFPageDocumentHelper doc(q);
        for (qsizetype i = 0; i < images.size(); ++i) {
            const QImage &image = images[i];
            const double dpi = dpis.value(i, 300);
            QPDFObjectHandle xobject = q.newStream();
            QPDFObjectHandle dict = xobject.getDict();
            dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
            dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
            dict.replaceKey("/Width", QPDFObjectHandle::newInteger(image.width()));
            dict.replaceKey("/Height", QPDFObjectHandle::newInteger(image.height()));
            if (isBlackAndWhite(image)) {
                // 1 bit per pixel, 1 = white; Flate-compressed by the writer.
                const QImage mono = image.convertToFormat(QImage::Format_Mono, Qt::ThresholdDither);
                const int rowBytes = (mono.width() + 7) / 8;
                const bool zeroIsBlack = qGray(mono.color(0)) < 128;
                std::string bits;
                bits.reserve(size_t(rowBytes) * size_t(mono.height()));
                for (int y = 0; y < mono.height(); ++y) {
                    const uchar *row = mono.constScanLine(y);
                    for (int b = 0; b < rowBytes; ++b)
                        bits.push_back(char(zeroIsBlack ? row[b] : uchar(~row[b])));
                }
                xobject.replaceStreamData(bits, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
                dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceGray"));
                dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(1));
            } else {
                const bool gray = image.isGrayscale();
                QByteArray jpeg;
                QBuffer buffer(&jpeg);
                buffer.open(QIODevice::WriteOnly);
                QImageWriter writer(&buffer, "jpeg");
                writer.setQuality(80);
                if (!writer.write(gray ? image.convertToFormat(QImage::Format_Grayscale8)
                                       : image.convertToFormat(QImage::Format_RGB888)))
                    return GOVDESK_ERROR(
                        "ocr.image-encode",
                        QT_TRANSLATE_NOOP("SearchablePdf", "The page image cannot be encoded: %1"),
                        writer.errorString());
                xobject.replaceStreamData(str(jpeg), QPDFObjectHandle::newName("/DCTDecode"),
                                          QPDFObjectHandle::newNull());
                dict.replaceKey("/ColorSpace",
                                QPDFObjectHandle::newName(gray ? "/DeviceGray" : "/DeviceRGB"));
                dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
            }
            const double w = image.width() * 72.0 / dpi, h = image.height() * 72.0 / dpi;
            QPDFObjectHandle page = QPDFObjectHandle::parse("<< /Type /Page >>");
            page.replaceKey("/MediaBox", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, w, h)));
            QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
            xobjects.replaceKey("/Im0", xobject);
            QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
            resources.replaceKey("/XObject", xobjects);
            page.replaceKey("/Resources", resources);
            page.replaceKey("/Contents",
                            q.newStream(str("q " + num(w) + " 0 0 " + num(h) + " 0 0 cm /Im0 Do Q\n")));
            doc.addPage(QPDFPageObjectHelper(q.makeIndirectObject(page)), false);
        }
        return written(q);
    } catch (const std::exception &e) {
        return damaged(e);
    }
}

} // namespace govdesk::scanning
