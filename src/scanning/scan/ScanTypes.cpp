#include "ScanTypes.h"

#include <QCoreApplication>

#include <cmath>

namespace govdesk::scanning {

QString colorModeKey(ColorMode mode)
{
    switch (mode) {
    case ColorMode::Color:
        return QStringLiteral("color");
    case ColorMode::Gray:
        return QStringLiteral("gray");
    case ColorMode::Lineart:
        return QStringLiteral("lineart");
    }
    return {};
}

std::optional<ColorMode> colorModeFromKey(const QString &key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("color") || k == QLatin1String("colour"))
        return ColorMode::Color;
    if (k == QLatin1String("gray") || k == QLatin1String("grey"))
        return ColorMode::Gray;
    if (k == QLatin1String("lineart") || k == QLatin1String("bw") || k == QLatin1String("mono"))
        return ColorMode::Lineart;
    return std::nullopt;
}

QString colorModeText(ColorMode mode)
{
    switch (mode) {
    case ColorMode::Color:
        return QCoreApplication::translate("Scanning", "Colour");
    case ColorMode::Gray:
        return QCoreApplication::translate("Scanning", "Grey");
    case ColorMode::Lineart:
        return QCoreApplication::translate("Scanning", "Black and white");
    }
    return {};
}

QString scanSourceKey(ScanSource source)
{
    switch (source) {
    case ScanSource::Flatbed:
        return QStringLiteral("flatbed");
    case ScanSource::Adf:
        return QStringLiteral("adf");
    case ScanSource::AdfDuplex:
        return QStringLiteral("duplex");
    }
    return {};
}

std::optional<ScanSource> scanSourceFromKey(const QString &key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("flatbed") || k == QLatin1String("glass"))
        return ScanSource::Flatbed;
    if (k == QLatin1String("adf") || k == QLatin1String("feeder"))
        return ScanSource::Adf;
    if (k == QLatin1String("duplex") || k == QLatin1String("adf-duplex"))
        return ScanSource::AdfDuplex;
    return std::nullopt;
}

QString scanSourceText(ScanSource source)
{
    switch (source) {
    case ScanSource::Flatbed:
        return QCoreApplication::translate("Scanning", "Flatbed (glass)");
    case ScanSource::Adf:
        return QCoreApplication::translate("Scanning", "Document feeder");
    case ScanSource::AdfDuplex:
        return QCoreApplication::translate("Scanning", "Document feeder, both sides");
    }
    return {};
}

QImage withResolution(QImage image, double dpi)
{
    if (dpi > 0) {
        const int dpm = int(std::lround(dpi / 0.0254));
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
    }
    return image;
}

double resolutionOf(const QImage &image)
{
    const double dpi = image.dotsPerMeterX() * 0.0254;
    // Below 50 dpi a paper page would be a few hundred pixels: the file's value is not a scan's.
    return dpi >= 50 ? std::round(dpi * 10) / 10 : 0;
}

} // namespace govdesk::scanning
