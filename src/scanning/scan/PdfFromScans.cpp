#include "PdfFromScans.h"

#include "CcittG4.h"
#include "ImageOps.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QImageWriter>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cmath>
#include <exception>

namespace govdesk::scanning {

using core::Error;
using core::Result;

namespace {

constexpr double kA4WidthPt = 210.0 / 25.4 * 72.0;
constexpr double kA4HeightPt = 297.0 / 25.4 * 72.0;
constexpr double kFallbackDpi = 200.0;

QByteArray num(double v)
{
    QByteArray s = QByteArray::number(v, 'f', 3);
    while (s.contains('.') && (s.endsWith('0') || s.endsWith('.')))
        s.chop(1);
    return s;
}

Error pdfWriteError(const std::exception &e)
{
    return GOVDESK_ERROR("pdf.write", QT_TRANSLATE_NOOP("Scanning", "The PDF could not be made: %1"),
                         QString::fromUtf8(e.what()));
}

/// The number of colour components a JPEG stream declares in its frame header; 0 if none is found.
int jpegComponents(const QByteArray &jpeg)
{
    const auto *p = reinterpret_cast<const uchar *>(jpeg.constData());
    const qsizetype n = jpeg.size();
    qsizetype i = 2;
    while (i + 9 < n) {
        if (p[i] != 0xFF) {
            ++i;
            continue;
        }
        const uchar marker = p[i + 1];
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return p[i + 9];
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF) {
            i += marker == 0xFF ? 1 : 2;
            continue;
        }
        i += 2 + ((p[i + 2] << 8) | p[i + 3]);
    }
    return 0;
}

Result<QByteArray> encodeJpeg(const QImage &image, int quality)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(std::clamp(quality, 1, 100));
    // Optimised Huffman tables and progressive scans: the same picture in fewer bytes, readable by every PDF
    // reader (PDF 1.3 and later accept progressive DCT).
    writer.setOptimizedWrite(true);
    writer.setProgressiveScanWrite(true);
    if (!writer.write(image))
        return GOVDESK_ERROR("pdf.jpeg",
                             QT_TRANSLATE_NOOP("Scanning", "The page could not be compressed as "
                                                           "JPEG: %1"),
                             writer.errorString());
    return data;
}

QString pdfDate(const QDateTime &t)
{
    const int offset = t.offsetFromUtc();
    const int h = std::abs(offset) / 3600;
    const int m = (std::abs(offset) % 3600) / 60;
    return t.toString(QStringLiteral("'D:'yyyyMMddHHmmss")) +
           (offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
           QStringLiteral("%1'%2'").arg(h, 2, 10, QLatin1Char('0')).arg(m, 2, 10, QLatin1Char('0'));
}

} // namespace

Result<void> checkElectronicCopy(int dpi, ColorMode mode)
{
    if (mode != ColorMode::Color)
        return GOVDESK_ERROR("scan.copy-colour",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "An electronic copy must be scanned in colour (Decree "
                                               "30/2020), not in: %1"),
                             colorModeText(mode));
    if (dpi < kElectronicCopyMinDpi - 0.5)
        return GOVDESK_ERROR("scan.copy-resolution",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "An electronic copy must be scanned at %1 dpi or more "
                                               "(Decree 30/2020); %2 dpi is too low"),
                             QString::number(int(kElectronicCopyMinDpi)), QString::number(dpi));
    return {};
}

QJsonObject PdfSummary::toJson() const
{
    return QJsonObject{{QStringLiteral("out"), path},
                       {QStringLiteral("pages"), pages},
                       {QStringLiteral("bytes"), double(bytes)},
                       {QStringLiteral("dpi"), dpi},
                       {QStringLiteral("mode"), mode}};
}

struct PdfFromScans::Impl
{
    PdfOptions options;
    QPDF pdf;
    std::unique_ptr<QPDFPageDocumentHelper> pages;
    // Pages copied from other PDFs read their streams from those documents until the file is written.
    QList<std::shared_ptr<QPDF>> foreign;
    QList<QByteArray> foreignData;
    int count = 0;
    double firstDpi = 0;
    QSet<QString> modes;
    QList<ScannedPage> kept;
    QList<double> skews;
};

PdfFromScans::PdfFromScans(PdfOptions options) : d(std::make_unique<Impl>())
{
    d->options = std::move(options);
    d->pdf.emptyPDF();
    d->pages = std::make_unique<QPDFPageDocumentHelper>(d->pdf);
}

PdfFromScans::~PdfFromScans() = default;

const PdfOptions &PdfFromScans::options() const
{
    return d->options;
}

int PdfFromScans::pageCount() const
{
    return d->count;
}

Result<void> PdfFromScans::addPage(ScannedPage page)
{
    const PdfOptions &o = d->options;
    if (page.image.isNull())
        return GOVDESK_ERROR("pdf.empty-image", QT_TRANSLATE_NOOP("Scanning", "The page has no image"));
    // What the image really is decides, whatever the page says it is.
    if (page.image.format() == QImage::Format_Mono || page.image.format() == QImage::Format_MonoLSB)
        page.mode = ColorMode::Lineart;
    else if (page.image.format() == QImage::Format_Grayscale8 ||
             page.image.format() == QImage::Format_Grayscale16)
        page.mode = page.mode == ColorMode::Lineart ? ColorMode::Lineart : ColorMode::Gray;
    if (o.electronicCopy)
        if (auto r = checkElectronicCopy(int(std::floor(page.dpi + 0.5)), page.mode); !r)
            return r;
    const double dpi = page.dpi > 0 ? page.dpi : kFallbackDpi;

    // One canonical format per mode.
    QImage image;
    switch (page.mode) {
    case ColorMode::Lineart:
        image = ImageOps::toCanonicalMono(page.image);
        break;
    case ColorMode::Gray:
        image = ImageOps::toGray(page.image);
        break;
    case ColorMode::Color:
        image = ImageOps::toRgb(page.image);
        break;
    }
    page.image = QImage();

    double skew = 0;
    if (o.crop)
        image = image.copy(ImageOps::paperBounds(image));
    if (o.deskew)
        image = ImageOps::deskew(image, &skew);
    if (o.crop) {
        image = image.copy(ImageOps::contentBounds(image, int(std::lround(5.0 / 25.4 * dpi))));
        if (image.format() == QImage::Format_Mono)
            image.setColorTable({0xffffffff, 0xff000000});
    }
    ColorMode mode = page.mode;
    if (mode == ColorMode::Color && o.grayWhenNoColour && !o.electronicCopy && !ImageOps::hasColour(image)) {
        image = ImageOps::toGray(image);
        mode = ColorMode::Gray;
    }
    image = withResolution(std::move(image), dpi);

    try {
        QPDFObjectHandle stream = d->pdf.newStream();
        QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
        dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
        dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
        dict.replaceKey("/Width", QPDFObjectHandle::newInteger(image.width()));
        dict.replaceKey("/Height", QPDFObjectHandle::newInteger(image.height()));
        if (mode == ColorMode::Lineart) {
            auto g4 = CcittG4::encode(image);
            if (!g4)
                return g4.error();
            dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceGray"));
            dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(1));
            stream.replaceDict(dict);
            QPDFObjectHandle parms = QPDFObjectHandle::newDictionary();
            parms.replaceKey("/K", QPDFObjectHandle::newInteger(-1));
            parms.replaceKey("/Columns", QPDFObjectHandle::newInteger(g4->columns));
            parms.replaceKey("/Rows", QPDFObjectHandle::newInteger(g4->rows));
            parms.replaceKey("/BlackIs1", QPDFObjectHandle::newBool(false));
            stream.replaceStreamData(g4->data.toStdString(), QPDFObjectHandle::newName("/CCITTFaxDecode"),
                                     parms);
        } else {
            auto jpeg = encodeJpeg(image, o.jpegQuality);
            if (!jpeg)
                return jpeg.error();
            const int components = jpegComponents(jpeg.value());
            if (components != 1 && components != 3)
                return GOVDESK_ERROR("pdf.jpeg",
                                     QT_TRANSLATE_NOOP("Scanning", "The page could not be "
                                                                   "compressed as JPEG: %1"),
                                     QStringLiteral("%1 components").arg(components));
            dict.replaceKey("/ColorSpace",
                            QPDFObjectHandle::newName(components == 1 ? "/DeviceGray" : "/DeviceRGB"));
            dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
            stream.replaceDict(dict);
            stream.replaceStreamData(jpeg->toStdString(), QPDFObjectHandle::newName("/DCTDecode"),
                                     QPDFObjectHandle::newNull());
        }

        // The image at its physical size; the page A4 (turned to match the image) or the image's own size.
        const double imageW = image.width() / dpi * 72.0;
        const double imageH = image.height() / dpi * 72.0;
        double pageW = imageW;
        double pageH = imageH;
        if (o.pageSize == PdfOptions::PageSize::A4) {
            const bool landscape = imageW > imageH && imageW > kA4WidthPt + 0.5;
            pageW = landscape ? kA4HeightPt : kA4WidthPt;
            pageH = landscape ? kA4WidthPt : kA4HeightPt;
        }
        double scale = 1.0;
        if (imageW > pageW + 0.5 || imageH > pageH + 0.5) {
            if (o.electronicCopy) {
                // A copy is shown at 100 %: the page grows rather than the image shrinking.
                pageW = std::max(pageW, imageW);
                pageH = std::max(pageH, imageH);
            } else {
                scale = std::min(pageW / imageW, pageH / imageH);
            }
        }
        const double drawW = imageW * scale;
        const double drawH = imageH * scale;
        const double x = o.crop ? (pageW - drawW) / 2 : 0.0;
        const double y = o.crop ? (pageH - drawH) / 2 : pageH - drawH;
        const QByteArray content =
            "q " + num(drawW) + " 0 0 " + num(drawH) + ' ' + num(x) + ' ' + num(y) + " cm /Im0 Do Q\n";

        QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
        xobjects.replaceKey("/Im0", stream);
        QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
        resources.replaceKey("/XObject", xobjects);
        QPDFObjectHandle pageDict = QPDFObjectHandle::newDictionary();
        pageDict.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
        pageDict.replaceKey("/MediaBox",
                            QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, pageW, pageH)));
        pageDict.replaceKey("/Resources", resources);
        pageDict.replaceKey("/Contents", d->pdf.newStream(content.toStdString()));
        d->pages->addPage(QPDFPageObjectHelper(d->pdf.makeIndirectObject(pageDict)), false);
    } catch (const std::exception &e) {
        return pdfWriteError(e);
    }

    ++d->count;
    if (d->firstDpi <= 0)
        d->firstDpi = dpi;
    d->modes.insert(colorModeKey(mode));
    d->skews << skew;
    if (o.keepPages)
        d->kept.append({image, dpi, mode, page.number > 0 ? page.number : d->count});
    return {};
}

Result<void> PdfFromScans::addPdf(const QByteArray &pdf, const QString &name)
{
    if (d->options.electronicCopy)
        return GOVDESK_ERROR("scan.copy-pdf",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "An electronic copy must be made from a scan or from "
                                               "image files, not from the PDF %1, whose resolution "
                                               "cannot be checked"),
                             name);
    auto other = std::make_shared<QPDF>();
    try {
        other->setSuppressWarnings(true);
        d->foreignData.append(pdf);
        const QByteArray &kept = d->foreignData.last();
        other->processMemoryFile(name.toUtf8().constData(), kept.constData(), size_t(kept.size()));
        QPDFPageDocumentHelper source(*other);
        const std::vector<QPDFPageObjectHelper> pages = source.getAllPages();
        if (pages.empty()) {
            d->foreignData.removeLast();
            return GOVDESK_ERROR("pdf.no-pages", QT_TRANSLATE_NOOP("Scanning", "The PDF %1 has no pages"),
                                 name);
        }
        for (const QPDFPageObjectHelper &p : pages)
            d->pages->addPage(p, false);
        d->count += int(pages.size());
    } catch (const std::exception &e) {
        return GOVDESK_ERROR("pdf.damaged", QT_TRANSLATE_NOOP("Scanning", "The PDF %1 cannot be read: %2"),
                             name, QString::fromUtf8(e.what()));
    }
    d->foreign.append(other);
    return {};
}

Result<QByteArray> PdfFromScans::toPdf()
{
    if (d->count == 0)
        return GOVDESK_ERROR(
            "pdf.no-pages-out",
            QT_TRANSLATE_NOOP("Scanning", "There is nothing to save: the document has no page"));
    try {
        QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
        info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString("GovDesk"));
        info.replaceKey("/CreationDate",
                        QPDFObjectHandle::newString(pdfDate(QDateTime::currentDateTime()).toStdString()));
        if (!d->options.title.isEmpty())
            info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(d->options.title.toStdString()));
        for (auto it = d->options.info.begin(); it != d->options.info.end(); ++it)
            info.replaceKey(("/" + it.key()).toStdString(),
                            QPDFObjectHandle::newUnicodeString(it.value().toStdString()));
        d->pdf.getTrailer().replaceKey("/Info", d->pdf.makeIndirectObject(info));

        QPDFWriter writer(d->pdf);
        writer.setOutputMemory();
        writer.setMinimumPDFVersion("1.4");
        // A classic cross-reference table: readable by every viewer a 1.4 file promises.
        writer.setObjectStreamMode(qpdf_o_disable);
        // JPEG and CCITT data go in as they are; page content streams get Flate.
        writer.setDecodeLevel(qpdf_dl_none);
        writer.setCompressStreams(true);
        writer.write();
        std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()), qsizetype(buffer->getSize()));
    } catch (const std::exception &e) {
        return pdfWriteError(e);
    }
}

Result<PdfSummary> PdfFromScans::save(const QString &path)
{
    auto bytes = toPdf();
    if (!bytes)
        return bytes.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.value()) != bytes->size() || !file.commit())
        return GOVDESK_ERROR("pdf.save", QT_TRANSLATE_NOOP("Scanning", "Cannot write the file %1: %2"), path,
                             file.errorString());
    PdfSummary s;
    s.path = QFileInfo(path).absoluteFilePath();
    s.pages = d->count;
    s.bytes = bytes->size();
    s.dpi = d->firstDpi;
    s.mode = d->modes.size() == 1 ? *d->modes.begin()
             : d->modes.isEmpty() ? QString()
                                  : QStringLiteral("mixed");
    s.pageImages = d->kept;
    s.skewAngles = d->skews;
    return s;
}

} // namespace govdesk::scanning
