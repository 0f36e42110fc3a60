#pragma once

#include <QImage>
#include <QList>
#include <QSizeF>
#include <QString>
#include <QVariantMap>

#include <atomic>
#include <optional>

namespace govdesk::scanning {

/// How a page is scanned: colour, grey or black-and-white (bi-level "lineart").
enum class ColorMode
{
    Color,
    Gray,
    Lineart
};

/// Where the paper is: on the glass, in the document feeder, or in the feeder scanned on both sides.
enum class ScanSource
{
    Flatbed,
    Adf,
    AdfDuplex
};

QString colorModeKey(ColorMode mode); ///< "color" | "gray" | "lineart"
std::optional<ColorMode> colorModeFromKey(const QString &key);
QString colorModeText(ColorMode mode);    ///< translated: "Colour", "Grey", "Black and white"
QString scanSourceKey(ScanSource source); ///< "flatbed" | "adf" | "duplex"
std::optional<ScanSource> scanSourceFromKey(const QString &key);
QString scanSourceText(ScanSource source); ///< translated

/// A scanner as the backend lists it. `id` is what ScanRequest::deviceId takes (a SANE device name such as
/// "test:0" or "net:host:epson2:libusb:001:004"; a WIA device id on Windows).
struct ScannerDevice
{
    QString id;
    QString vendor;
    QString model;
    QString type; ///< "flatbed scanner", "sheetfed scanner", "virtual device" …
};

/// A standard paper size that fits the scanner's area.
struct PaperSize
{
    QString key;  ///< "a4", "a5", "letter", "legal", "b5"
    QString name; ///< "A4"
    QSizeF mm;    ///< width × height in millimetres, portrait
};

/// What a scanner can do, for the scan dialog to offer only what works.
struct DeviceCapabilities
{
    QList<ScanSource> sources;
    QList<ColorMode> modes;
    QList<int> resolutions; ///< the values to offer (a continuous range is sampled at the usual values)
    int minResolution = 0;
    int maxResolution = 0;
    QSizeF maxAreaMm;            ///< the largest area the scanner reads (width × height, mm)
    QList<PaperSize> paperSizes; ///< the standard sizes within that area
    QStringList backendOptions;  ///< names of the device's own options (for ScanRequest::deviceOptions)
};

/// One scan job: a device, how to scan, and how many pages.
struct ScanRequest
{
    QString deviceId;
    ScanSource source = ScanSource::Flatbed;
    ColorMode mode = ColorMode::Color;
    int resolution = 200;
    /// Pages to scan; 0 means "until the feeder is empty" (feeder sources; one page on the glass). With a
    /// number, a feeder that runs out earlier is an error: the clerk expected that many pages.
    int pages = 1;
    /// The area to scan from the top-left corner of the glass, in millimetres; clipped to what the scanner
    /// reads. Empty: the whole area.
    QSizeF areaMm{210.0, 297.0};
    /// The device's own options by name (e.g. "swdeskew" → true), set after the standard ones.
    QVariantMap deviceOptions;
    /// A scanner that sends nothing for this long is taken as gone (a network scanner whose server died).
    int stallTimeoutMs = 30000;
};

/// A scanned (or imported) page: the image and its resolution. Lineart pages are QImage::Format_Mono with
/// colour table {white, black} (bit 1 = black); grey pages Format_Grayscale8; colour pages Format_RGB888.
/// The image's dots-per-metre carry the same resolution.
struct ScannedPage
{
    QImage image;
    double dpi = 0;
    ColorMode mode = ColorMode::Color;
    int number = 0; ///< 1-based within the job
};

/// Progress of a job: page `page` of `pages` (0 while the number is unknown, e.g. a feeder until empty),
/// `percent` of that page read.
struct ScanProgress
{
    int page = 0;
    int pages = 0;
    int percent = 0;
};

/// A cancel request another thread may set at any time; the scan stops at the next block of data.
class CancelFlag
{
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic_bool m_cancelled{false};
};

/// Sets the resolution into `image` (dots per metre) and returns it.
QImage withResolution(QImage image, double dpi);
/// The resolution an image file carries, or 0 when it says nothing useful.
double resolutionOf(const QImage &image);

} // namespace govdesk::scanning
