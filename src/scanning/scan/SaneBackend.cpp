#include "SaneBackend.h"

#include "ImageOps.h"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <QElapsedTimer>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace govdesk::scanning {

using core::Error;
using core::Result;

namespace {

// libsane is not thread-safe for initialisation, device listing, opening and closing; a handle is used by
// one thread at a time (the job that opened it).
std::mutex g_apiMutex;
bool g_initialised = false;
SANE_Int g_version = 0;
QSet<QString> g_openDevices;
// libsane's net backend keeps its connection to a scanner server for the life of the library: after that
// server went away it never reconnects. Set when it happened; SANE is restarted once no device is open.
std::atomic_bool g_restartWanted{false};

QString statusText(SANE_Status status)
{
    return QString::fromUtf8(sane_strstatus(status));
}

Result<void> ensureInitialised()
{
    if (g_initialised && g_restartWanted.load() && g_openDevices.isEmpty()) {
        sane_exit();
        g_initialised = false;
        g_restartWanted = false;
    }
    if (g_initialised)
        return {};
#ifdef SIGPIPE
    // A network scanner whose server is gone must end in an error, not kill the program when libsane
    // writes to the dead connection.
    if (const auto previous = std::signal(SIGPIPE, SIG_IGN); previous != SIG_DFL && previous != SIG_ERR)
        std::signal(SIGPIPE, previous); // the program has its own handler: keep it
#endif
    const SANE_Status status = sane_init(&g_version, nullptr);
    if (status != SANE_STATUS_GOOD)
        return GOVDESK_ERROR("scan.sane-init",
                             QT_TRANSLATE_NOOP("Scanning", "The scanner system (SANE) could not start: %1"),
                             statusText(status));
    g_initialised = true;
    // No sane_exit at process exit: a driver whose reader thread is stuck (a status forced mid-page) would
    // hang the program on its way out; the system releases devices and connections anyway.
    return {};
}

Error deviceLost(const QString &device)
{
    if (device.startsWith(QLatin1String("net:")))
        g_restartWanted = true;
    return GOVDESK_ERROR("scan.device-lost",
                         QT_TRANSLATE_NOOP("Scanning",
                                           "The scanner %1 stopped responding or was disconnected; the scan "
                                           "was stopped and nothing was saved"),
                         device);
}

Error feederEmpty()
{
    return GOVDESK_ERROR("scan.feeder-empty",
                         QT_TRANSLATE_NOOP("Scanning", "The document feeder is empty: put the pages in the "
                                                       "feeder and scan again"));
}

Error statusError(SANE_Status status, const QString &device)
{
    switch (status) {
    case SANE_STATUS_NO_DOCS:
        return feederEmpty();
    case SANE_STATUS_JAMMED:
        return GOVDESK_ERROR("scan.jammed",
                             QT_TRANSLATE_NOOP("Scanning", "Paper is jammed in the scanner %1: clear it and "
                                                           "scan again"),
                             device);
    case SANE_STATUS_COVER_OPEN:
        return GOVDESK_ERROR("scan.cover-open",
                             QT_TRANSLATE_NOOP("Scanning", "The cover of the scanner %1 is open"), device);
    case SANE_STATUS_DEVICE_BUSY:
        return GOVDESK_ERROR("scan.device-busy",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "The scanner %1 is busy (another program or job is "
                                               "using it); try again in a moment"),
                             device);
    case SANE_STATUS_IO_ERROR:
    case SANE_STATUS_EOF:
        return deviceLost(device);
    case SANE_STATUS_ACCESS_DENIED:
        return GOVDESK_ERROR("scan.access-denied",
                             QT_TRANSLATE_NOOP("Scanning", "Access to the scanner %1 was denied"), device);
    case SANE_STATUS_NO_MEM:
        return GOVDESK_ERROR("scan.no-memory",
                             QT_TRANSLATE_NOOP("Scanning", "Not enough memory to scan with %1"), device);
    case SANE_STATUS_CANCELLED:
        return cancelledError();
    default:
        return GOVDESK_ERROR("scan.failed",
                             QT_TRANSLATE_NOOP("Scanning", "The scanner %1 reported an error: %2"), device,
                             statusText(status));
    }
}

/// An open device; closing it releases it for the next job.
class Device
{
public:
    Device(SANE_Handle handle, QString id) : m_handle(handle), m_id(std::move(id)) {}
    ~Device()
    {
        std::lock_guard lock(g_apiMutex);
        sane_close(m_handle);
        g_openDevices.remove(m_id);
    }
    Device(const Device &) = delete;
    Device &operator=(const Device &) = delete;

    SANE_Handle handle() const { return m_handle; }
    const QString &id() const { return m_id; }

    int optionCount() const
    {
        SANE_Int count = 0;
        if (sane_control_option(m_handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD)
            return 0;
        return count;
    }
    const SANE_Option_Descriptor *descriptor(int index) const
    {
        return index > 0 ? sane_get_option_descriptor(m_handle, index) : nullptr;
    }
    /// The index of the active option `name`, or -1.
    int find(const char *name) const
    {
        const int n = optionCount();
        for (int i = 1; i < n; ++i) {
            const SANE_Option_Descriptor *d = descriptor(i);
            if (d && d->name && std::strcmp(d->name, name) == 0 && SANE_OPTION_IS_ACTIVE(d->cap))
                return i;
        }
        return -1;
    }
    /// Whether the device has an option `name` at all, active or not.
    bool exists(const char *name) const
    {
        const int n = optionCount();
        for (int i = 1; i < n; ++i) {
            const SANE_Option_Descriptor *d = descriptor(i);
            if (d && d->name && std::strcmp(d->name, name) == 0)
                return true;
        }
        return false;
    }
    bool settable(int index) const
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        return d && SANE_OPTION_IS_ACTIVE(d->cap) && SANE_OPTION_IS_SETTABLE(d->cap) &&
               d->type != SANE_TYPE_GROUP && d->type != SANE_TYPE_BUTTON;
    }
    QStringList stringList(int index) const
    {
        QStringList out;
        const SANE_Option_Descriptor *d = descriptor(index);
        if (d && d->constraint_type == SANE_CONSTRAINT_STRING_LIST)
            for (const SANE_String_Const *s = d->constraint.string_list; s && *s; ++s)
                out << QString::fromUtf8(*s);
        return out;
    }
    double toDouble(const SANE_Option_Descriptor *d, SANE_Word w) const
    {
        return d->type == SANE_TYPE_FIXED ? SANE_UNFIX(w) : double(w);
    }
    /// The values a numeric option allows: a word list, or {min, max, quant} of a range (`isRange`).
    QList<double> numbers(int index, bool *isRange) const
    {
        QList<double> out;
        *isRange = false;
        const SANE_Option_Descriptor *d = descriptor(index);
        if (!d)
            return out;
        if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
            const SANE_Word *list = d->constraint.word_list;
            for (int i = 1; list && i <= list[0]; ++i)
                out << toDouble(d, list[i]);
        } else if (d->constraint_type == SANE_CONSTRAINT_RANGE && d->constraint.range) {
            *isRange = true;
            out << toDouble(d, d->constraint.range->min) << toDouble(d, d->constraint.range->max)
                << toDouble(d, d->constraint.range->quant);
        }
        return out;
    }
    std::optional<double> number(int index) const
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        if (!d || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED) ||
            d->size < int(sizeof(SANE_Word)))
            return std::nullopt;
        std::vector<SANE_Word> value(size_t(d->size) / sizeof(SANE_Word) + 1);
        if (sane_control_option(m_handle, index, SANE_ACTION_GET_VALUE, value.data(), nullptr) !=
            SANE_STATUS_GOOD)
            return std::nullopt;
        return toDouble(d, value[0]);
    }
    QString string(int index) const
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        if (!d || d->type != SANE_TYPE_STRING)
            return {};
        QByteArray buffer(d->size + 1, '\0');
        if (sane_control_option(m_handle, index, SANE_ACTION_GET_VALUE, buffer.data(), nullptr) !=
            SANE_STATUS_GOOD)
            return {};
        return QString::fromUtf8(buffer.constData());
    }

    SANE_Status setString(int index, const QString &value)
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        QByteArray buffer = value.toUtf8();
        buffer.resize(std::max<qsizetype>(buffer.size() + 1, d->size), '\0');
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, buffer.data(), nullptr);
    }
    SANE_Status setNumber(int index, double value)
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        if (d->constraint_type == SANE_CONSTRAINT_RANGE && d->constraint.range) {
            const double lo = toDouble(d, d->constraint.range->min);
            const double hi = toDouble(d, d->constraint.range->max);
            const double quant = toDouble(d, d->constraint.range->quant);
            value = std::clamp(value, lo, hi);
            if (quant > 0)
                value = std::min(hi, lo + std::round((value - lo) / quant) * quant);
        }
        const SANE_Word word = d->type == SANE_TYPE_FIXED ? SANE_FIX(value) : SANE_Word(std::lround(value));
        std::vector<SANE_Word> words(std::max<size_t>(1, size_t(d->size) / sizeof(SANE_Word)), word);
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, words.data(), nullptr);
    }
    SANE_Status setBool(int index, bool value)
    {
        SANE_Bool b = value ? SANE_TRUE : SANE_FALSE;
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, &b, nullptr);
    }
    /// Sets an option from a QVariant according to its SANE type.
    SANE_Status setVariant(int index, const QVariant &value)
    {
        const SANE_Option_Descriptor *d = descriptor(index);
        switch (d->type) {
        case SANE_TYPE_BOOL: {
            const QString s = value.toString().toLower();
            return setBool(index, s == QLatin1String("1") || s == QLatin1String("true") ||
                                      s == QLatin1String("yes") || s == QLatin1String("on"));
        }
        case SANE_TYPE_INT:
        case SANE_TYPE_FIXED: {
            bool ok = false;
            const double v = value.toString().toDouble(&ok);
            return ok ? setNumber(index, v) : SANE_STATUS_INVAL;
        }
        case SANE_TYPE_STRING:
            return setString(index, value.toString());
        case SANE_TYPE_BUTTON:
            return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, nullptr, nullptr);
        default:
            return SANE_STATUS_UNSUPPORTED;
        }
    }

private:
    SANE_Handle m_handle;
    QString m_id;
};

Result<QString> firstDeviceId()
{
    const SANE_Device **list = nullptr;
    const SANE_Status status = sane_get_devices(&list, SANE_FALSE);
    if (status != SANE_STATUS_GOOD)
        return statusError(status, QString());
    if (!list || !list[0])
        return GOVDESK_ERROR("scan.no-device",
                             QT_TRANSLATE_NOOP("Scanning", "No scanner was found: check that it is switched "
                                                           "on, connected and its driver installed"));
    return QString::fromUtf8(list[0]->name);
}

Result<std::unique_ptr<Device>> openDevice(QString id)
{
    std::lock_guard lock(g_apiMutex);
    if (auto r = ensureInitialised(); !r)
        return r.error();
    if (id.isEmpty()) {
        auto first = firstDeviceId();
        if (!first)
            return first.error();
        id = first.value();
    }
    if (g_openDevices.contains(id))
        return statusError(SANE_STATUS_DEVICE_BUSY, id);
    SANE_Handle handle = nullptr;
    const SANE_Status status = sane_open(id.toUtf8().constData(), &handle);
    if (status == SANE_STATUS_INVAL || (status == SANE_STATUS_GOOD && !handle))
        return GOVDESK_ERROR("scan.device-not-found",
                             QT_TRANSLATE_NOOP("Scanning",
                                               "The scanner \"%1\" was not found: check that it is "
                                               "switched on and connected"),
                             id);
    if (status != SANE_STATUS_GOOD)
        return statusError(status, id);
    g_openDevices.insert(id);
    return std::make_unique<Device>(handle, id);
}

bool containsAny(const QString &s, std::initializer_list<const char *> words)
{
    for (const char *w : words)
        if (s.contains(QLatin1String(w), Qt::CaseInsensitive))
            return true;
    return false;
}

std::optional<ScanSource> classifySource(const QString &name)
{
    if (containsAny(name, {"duplex"}))
        return ScanSource::AdfDuplex;
    if (containsAny(name, {"adf", "feeder", "automatic document"}))
        return ScanSource::Adf;
    if (containsAny(name, {"flatbed", "document table", "platen", "normal", "glass"}))
        return ScanSource::Flatbed;
    return std::nullopt;
}

std::optional<ColorMode> classifyMode(const QString &name)
{
    if (containsAny(name, {"halftone", "dither"}))
        return std::nullopt;
    if (containsAny(name, {"lineart", "line art", "binary", "black", "mono", "b&w", "bw"}))
        return name.contains(QLatin1String("colo"), Qt::CaseInsensitive) ? std::nullopt
                                                                         : std::optional(ColorMode::Lineart);
    if (containsAny(name, {"color", "colour"}))
        return ColorMode::Color;
    if (containsAny(name, {"gray", "grey"}))
        return ColorMode::Gray;
    return std::nullopt;
}

/// The entry of `list` for `wanted`: the exact SANE name first, then the first one that classifies so.
template<typename Enum, typename Classify>
QString pick(const QStringList &list, Enum wanted, const char *standard, Classify classify)
{
    for (const QString &s : list)
        if (s.compare(QLatin1String(standard), Qt::CaseInsensitive) == 0)
            return s;
    QString fallback;
    for (const QString &s : list)
        if (classify(s) == wanted) {
            // A feeder's front side is what a simplex scan wants.
            if (containsAny(s, {"front", "simplex"}))
                return s;
            if (fallback.isEmpty())
                fallback = s;
        }
    return fallback;
}

const char *standardSourceName(ScanSource s)
{
    switch (s) {
    case ScanSource::Flatbed:
        return "Flatbed";
    case ScanSource::Adf:
        return "Automatic Document Feeder";
    case ScanSource::AdfDuplex:
        return "ADF Duplex";
    }
    return "";
}

const char *standardModeName(ColorMode m)
{
    switch (m) {
    case ColorMode::Color:
        return SANE_VALUE_SCAN_MODE_COLOR;
    case ColorMode::Gray:
        return SANE_VALUE_SCAN_MODE_GRAY;
    case ColorMode::Lineart:
        return SANE_VALUE_SCAN_MODE_LINEART;
    }
    return "";
}

Error optionError(const QString &device, const QString &option, SANE_Status status)
{
    return GOVDESK_ERROR("scan.option",
                         QT_TRANSLATE_NOOP("Scanning", "The scanner %1 refused the setting \"%2\": %3"),
                         device, option, statusText(status));
}

Error unsupportedSource(const QString &device, ScanSource source)
{
    return GOVDESK_ERROR("scan.unsupported-source",
                         QT_TRANSLATE_NOOP("Scanning", "The scanner %1 cannot scan from: %2"), device,
                         scanSourceText(source));
}

/// What the device was set to, for reading the pages back.
struct Setup
{
    bool hardwareLineart = false; ///< the device sends 1-bit data
    bool softwareLineart = false; ///< grey data to threshold
    double dpi = 0;
};

Result<void> setSource(Device &dev, ScanSource source)
{
    const int index = dev.find(SANE_NAME_SCAN_SOURCE);
    if (index < 0 || !dev.settable(index))
        return source == ScanSource::Flatbed ? Result<void>()
                                             : Result<void>(unsupportedSource(dev.id(), source));
    const QStringList list = dev.stringList(index);
    QString value = pick(list, source, standardSourceName(source), classifySource);
    bool duplexSwitch = false;
    if (value.isEmpty() && source == ScanSource::AdfDuplex) {
        // Some drivers scan both sides with a separate switch on the feeder source.
        value = pick(list, ScanSource::Adf, standardSourceName(ScanSource::Adf), classifySource);
        duplexSwitch = !value.isEmpty();
    }
    if (value.isEmpty())
        return unsupportedSource(dev.id(), source);
    if (const SANE_Status st = dev.setString(index, value); st != SANE_STATUS_GOOD)
        return optionError(dev.id(), QStringLiteral("source=%1").arg(value), st);
    if (duplexSwitch) {
        if (const int d = dev.find("duplex"); d >= 0 && dev.settable(d)) {
            if (const SANE_Status st = dev.setBool(d, true); st != SANE_STATUS_GOOD)
                return optionError(dev.id(), QStringLiteral("duplex"), st);
        } else if (const int m = dev.find("adf-mode"); m >= 0 && dev.settable(m)) {
            const QString duplex = pick(dev.stringList(m), ScanSource::AdfDuplex, "Duplex", classifySource);
            if (duplex.isEmpty())
                return unsupportedSource(dev.id(), source);
            if (const SANE_Status st = dev.setString(m, duplex); st != SANE_STATUS_GOOD)
                return optionError(dev.id(), QStringLiteral("adf-mode=%1").arg(duplex), st);
        } else {
            return unsupportedSource(dev.id(), source);
        }
    }
    return {};
}

Result<void> setMode(Device &dev, ColorMode mode, Setup *setup)
{
    const int index = dev.find(SANE_NAME_SCAN_MODE);
    const QStringList list = index >= 0 ? dev.stringList(index) : QStringList();
    auto setDepth = [&](int bits) {
        const int d = dev.find(SANE_NAME_BIT_DEPTH);
        if (d < 0 || !dev.settable(d))
            return bits == 8;
        bool range = false;
        const QList<double> allowed = dev.numbers(d, &range);
        if (!range && !allowed.isEmpty() && !allowed.contains(double(bits)))
            return false;
        return dev.setNumber(d, bits) == SANE_STATUS_GOOD;
    };
    auto setModeValue = [&](ColorMode m) -> Result<bool> {
        if (index < 0 || !dev.settable(index))
            return m != ColorMode::Lineart;
        const QString value = pick(list, m, standardModeName(m), classifyMode);
        if (value.isEmpty())
            return false;
        if (const SANE_Status st = dev.setString(index, value); st != SANE_STATUS_GOOD)
            return Result<bool>(optionError(dev.id(), QStringLiteral("mode=%1").arg(value), st));
        return true;
    };
    if (mode == ColorMode::Lineart) {
        auto r = setModeValue(ColorMode::Lineart);
        if (!r)
            return r.error();
        if (r.value()) {
            setup->hardwareLineart = true;
            return {};
        }
        // No lineart mode: 1-bit grey (the SANE test backend's lineart), else grey thresholded here.
        auto g = setModeValue(ColorMode::Gray);
        if (!g)
            return g.error();
        if (setDepth(1)) {
            setup->hardwareLineart = true;
            return {};
        }
        setDepth(8);
        setup->softwareLineart = true;
        return {};
    }
    auto r = setModeValue(mode);
    if (!r)
        return r.error();
    if (!r.value()) {
        // A grey page can come from a colour scan; colour cannot come from anything else.
        if (mode == ColorMode::Gray) {
            auto c = setModeValue(ColorMode::Color);
            if (!c)
                return c.error();
            if (c.value()) {
                setDepth(8);
                return {};
            }
        }
        return GOVDESK_ERROR("scan.unsupported-mode",
                             QT_TRANSLATE_NOOP("Scanning", "The scanner %1 cannot scan in this mode: %2"),
                             dev.id(), colorModeText(mode));
    }
    setDepth(8);
    return {};
}

Result<void> setResolution(Device &dev, int wanted, Setup *setup)
{
    setup->dpi = wanted;
    const int index = dev.find(SANE_NAME_SCAN_RESOLUTION);
    if (index < 0 || !dev.settable(index))
        return {};
    bool range = false;
    const QList<double> allowed = dev.numbers(index, &range);
    double value = wanted;
    if (!range && !allowed.isEmpty()) {
        // The smallest offered resolution at least as fine as asked, else the finest there is.
        QList<double> sorted = allowed;
        std::sort(sorted.begin(), sorted.end());
        value = sorted.last();
        for (double v : sorted)
            if (v >= wanted - 0.5) {
                value = v;
                break;
            }
    }
    if (const SANE_Status st = dev.setNumber(index, value); st != SANE_STATUS_GOOD)
        return optionError(dev.id(), QStringLiteral("resolution=%1").arg(value), st);
    if (const auto actual = dev.number(index))
        setup->dpi = *actual;
    return {};
}

Result<void> setArea(Device &dev, QSizeF areaMm, double dpi)
{
    auto setEdge = [&](const char *name, double mm, bool maxIfEmpty) -> Result<void> {
        const int index = dev.find(name);
        if (index < 0 || !dev.settable(index))
            return {};
        const SANE_Option_Descriptor *d = dev.descriptor(index);
        bool range = false;
        const QList<double> r = dev.numbers(index, &range);
        double value = mm;
        if (d->unit == SANE_UNIT_PIXEL)
            value = mm / 25.4 * dpi;
        if (maxIfEmpty && range && !r.isEmpty())
            value = r.value(1);
        if (const SANE_Status st = dev.setNumber(index, value); st != SANE_STATUS_GOOD)
            return optionError(dev.id(), QString::fromLatin1(name), st);
        return {};
    };
    const bool whole = areaMm.isEmpty();
    // Sheet-fed devices centre the paper by its declared size.
    if (auto r = setEdge(SANE_NAME_PAGE_WIDTH, areaMm.width(), whole); !r)
        return r;
    if (auto r = setEdge(SANE_NAME_PAGE_HEIGHT, areaMm.height(), whole); !r)
        return r;
    if (auto r = setEdge(SANE_NAME_SCAN_TL_X, 0, false); !r)
        return r;
    if (auto r = setEdge(SANE_NAME_SCAN_TL_Y, 0, false); !r)
        return r;
    if (auto r = setEdge(SANE_NAME_SCAN_BR_X, areaMm.width(), whole); !r)
        return r;
    return setEdge(SANE_NAME_SCAN_BR_Y, areaMm.height(), whole);
}

Result<void> setDeviceOptions(Device &dev, const QVariantMap &options)
{
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QByteArray name = it.key().toUtf8();
        const int index = dev.find(name.constData());
        if (index < 0) {
            if (dev.exists(name.constData()))
                return GOVDESK_ERROR("scan.inactive-option",
                                     QT_TRANSLATE_NOOP("Scanning",
                                                       "The setting \"%2\" of the scanner %1 is not "
                                                       "available with the other settings chosen"),
                                     dev.id(), it.key());
            return GOVDESK_ERROR("scan.unknown-option",
                                 QT_TRANSLATE_NOOP("Scanning", "The scanner %1 has no setting \"%2\""),
                                 dev.id(), it.key());
        }
        if (!dev.settable(index))
            return GOVDESK_ERROR("scan.inactive-option",
                                 QT_TRANSLATE_NOOP("Scanning", "The setting \"%2\" of the scanner %1 is not "
                                                               "available with the other settings chosen"),
                                 dev.id(), it.key());
        if (const SANE_Status st = dev.setVariant(index, it.value()); st != SANE_STATUS_GOOD)
            return optionError(dev.id(), it.key() + QLatin1Char('=') + it.value().toString(), st);
    }
    return {};
}

quint16 sample16(const uchar *p)
{
    quint16 v;
    std::memcpy(&v, p, 2); // SANE sends 16-bit samples in the host's byte order
    return v;
}

/// One channel value (0–255) of pixel `x` in a line of `depth`-bit samples with `channels` per pixel.
uchar sampleAt(const uchar *line, int x, int channel, int channels, int depth)
{
    const qsizetype i = qsizetype(x) * channels + channel;
    switch (depth) {
    case 1:
        return (line[i >> 3] & (0x80 >> (i & 7))) ? 255 : 0;
    case 16:
        return uchar(sample16(line + 2 * i) >> 8);
    default:
        return line[i];
    }
}

struct Frame
{
    SANE_Parameters params{};
    QByteArray data;
};

/// Turns the frames of one page into the page image.
QImage toImage(const QList<Frame> &frames)
{
    if (frames.isEmpty())
        return {};
    const SANE_Parameters &p = frames.first().params;
    const int width = p.pixels_per_line;
    const int bpl = p.bytes_per_line;
    if (width <= 0 || bpl <= 0)
        return {};
    int lines = p.lines > 0 ? p.lines : int(frames.first().data.size() / bpl);
    for (const Frame &f : frames)
        lines = std::min(lines, int(f.data.size() / bpl));
    if (lines <= 0)
        return {};

    if (frames.size() == 1 && p.format == SANE_FRAME_GRAY) {
        const QByteArray &data = frames.first().data;
        if (p.depth == 1) {
            // SANE lineart: a set bit is black, the most significant bit first — QImage's Mono layout.
            QImage img(width, lines, QImage::Format_Mono);
            img.setColorTable({0xffffffff, 0xff000000});
            const int bytes = (width + 7) / 8;
            for (int y = 0; y < lines; ++y)
                std::memcpy(img.scanLine(y), data.constData() + qsizetype(y) * bpl, size_t(bytes));
            return img;
        }
        QImage img(width, lines, QImage::Format_Grayscale8);
        for (int y = 0; y < lines; ++y) {
            const uchar *s = reinterpret_cast<const uchar *>(data.constData()) + qsizetype(y) * bpl;
            uchar *d = img.scanLine(y);
            if (p.depth == 8)
                std::memcpy(d, s, size_t(width));
            else
                for (int x = 0; x < width; ++x)
                    d[x] = sampleAt(s, x, 0, 1, p.depth);
        }
        return img;
    }

    QImage img(width, lines, QImage::Format_RGB888);
    if (frames.size() == 1 && p.format == SANE_FRAME_RGB) {
        const QByteArray &data = frames.first().data;
        for (int y = 0; y < lines; ++y) {
            const uchar *s = reinterpret_cast<const uchar *>(data.constData()) + qsizetype(y) * bpl;
            uchar *d = img.scanLine(y);
            if (p.depth == 8)
                std::memcpy(d, s, size_t(width) * 3);
            else
                for (int x = 0; x < width; ++x)
                    for (int c = 0; c < 3; ++c)
                        d[3 * x + c] = sampleAt(s, x, c, 3, p.depth);
        }
        return img;
    }
    // Three-pass scanners send one frame per colour.
    img.fill(Qt::black);
    for (const Frame &f : frames) {
        const int channel = f.params.format == SANE_FRAME_RED     ? 0
                            : f.params.format == SANE_FRAME_GREEN ? 1
                            : f.params.format == SANE_FRAME_BLUE  ? 2
                                                                  : -1;
        if (channel < 0)
            continue;
        for (int y = 0; y < lines; ++y) {
            const uchar *s = reinterpret_cast<const uchar *>(f.data.constData()) + qsizetype(y) * bpl;
            uchar *d = img.scanLine(y);
            for (int x = 0; x < width; ++x)
                d[3 * x + channel] = sampleAt(s, x, 0, 1, f.params.depth);
        }
    }
    return img;
}

/// For a scanner shared over the network (SANE device "net:HOST:…"): whether its server still answers.
/// libsane's net backend reads garbage, and can crash, when sane_start is sent over a connection whose server
/// has died; asking the server's port first turns that into a clean "scanner gone".
bool networkServerAnswers(const QString &deviceId)
{
#ifdef Q_OS_UNIX
    if (!deviceId.startsWith(QLatin1String("net:")))
        return true;
    QString rest = deviceId.mid(4);
    QString host;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype end = rest.indexOf(QLatin1Char(']'));
        if (end < 0)
            return true;
        host = rest.mid(1, end - 1);
    } else {
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        if (colon < 0)
            return true; // the default host of net.conf: nothing to ask
        host = rest.left(colon);
    }
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const char *service = getservbyname("sane-port", "tcp") ? "sane-port" : "6566";
    if (getaddrinfo(host.toUtf8().constData(), service, &hints, &found) != 0 || !found)
        return false;
    bool answered = false;
    for (addrinfo *a = found; a && !answered; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0)
            continue;
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            answered = true;
        } else if (errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            int error = 0;
            socklen_t length = sizeof error;
            answered = ::poll(&p, 1, 3000) == 1 &&
                       ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
        }
        ::close(fd);
    }
    freeaddrinfo(found);
    return answered;
#else
    Q_UNUSED(deviceId);
    return true;
#endif
}

/// Drivers built on sanei_thread (the test backend among them) stop their reader thread with an asynchronous
/// pthread_cancel when a frame's last byte is read or the job is cancelled. A reader caught inside malloc or
/// free at that moment never ends and takes the allocator's lock with it: the program hangs. So the last
/// byte of a frame is read only once the reader had time to write it and leave, and a batch that ends early
/// is cancelled only after the reader had time to reach its next write or pause.
constexpr unsigned long kReaderSettleMs = 10;
constexpr unsigned long kCancelSettleMs = 50;

/// Why reading a page stopped early.
enum class PageEnd
{
    Done,
    NoDocument, ///< the feeder had no sheet for this page
};

class PageReader
{
public:
    PageReader(Device &dev, const ScanRequest &request, const ScanCallbacks &callbacks,
               const CancelFlag &cancel)
        : m_dev(dev), m_request(request), m_callbacks(callbacks), m_cancel(cancel)
    {}

    /// Reads page `number` (sane_start already returned GOOD for its first frame).
    Result<PageEnd> read(int number, int pages, QList<Frame> *frames)
    {
        QElapsedTimer sinceData;
        sinceData.start();
        std::vector<SANE_Byte> buffer(256 * 1024);
        int lastPercent = -1;
        for (int frameIndex = 0;; ++frameIndex) {
            if (frameIndex > 0) {
                if (m_cancel.isCancelled())
                    return cancelledError();
                if (!networkServerAnswers(m_dev.id()))
                    return deviceLost(m_dev.id());
                const SANE_Status st = sane_start(m_dev.handle());
                if (st != SANE_STATUS_GOOD)
                    return statusError(st, m_dev.id());
            }
            Frame frame;
            if (const SANE_Status st = sane_get_parameters(m_dev.handle(), &frame.params);
                st != SANE_STATUS_GOOD)
                return statusError(st, m_dev.id());
            const bool threePass = frame.params.format == SANE_FRAME_RED ||
                                   frame.params.format == SANE_FRAME_GREEN ||
                                   frame.params.format == SANE_FRAME_BLUE;
            const qint64 expected =
                frame.params.lines > 0 ? qint64(frame.params.bytes_per_line) * frame.params.lines : 0;
            if (expected > 0)
                frame.data.reserve(expected);
            bool settled = false;
            for (;;) {
                if (m_cancel.isCancelled())
                    return cancelledError();
                // The last byte of a frame is asked for alone, after a pause: see kReaderSettleMs.
                SANE_Int ask = SANE_Int(buffer.size());
                if (expected > 0 && !settled) {
                    const qint64 remaining = expected - frame.data.size();
                    if (remaining > 1) {
                        ask = SANE_Int(std::min<qint64>(ask, remaining - 1));
                    } else {
                        QThread::msleep(kReaderSettleMs);
                        settled = true;
                    }
                }
                SANE_Int length = 0;
                const SANE_Status st = sane_read(m_dev.handle(), buffer.data(), ask, &length);
                if (st == SANE_STATUS_EOF)
                    break;
                if (st == SANE_STATUS_NO_DOCS && frame.data.isEmpty() && frameIndex == 0)
                    return PageEnd::NoDocument;
                if (st != SANE_STATUS_GOOD)
                    return statusError(st, m_dev.id());
                if (length <= 0) {
                    // A connection closed under the network backend reads as endless empty blocks.
                    if (sinceData.elapsed() > m_request.stallTimeoutMs)
                        return deviceLost(m_dev.id());
                    QThread::msleep(2);
                    continue;
                }
                sinceData.restart();
                frame.data.append(reinterpret_cast<const char *>(buffer.data()), length);
                if (expected > 0 && m_callbacks.progress) {
                    const int passes = threePass ? 3 : 1;
                    const qint64 done = qint64(frameIndex) * expected + frame.data.size();
                    const int percent = int(std::min<qint64>(99, done * 100 / (expected * passes)));
                    if (percent != lastPercent) {
                        lastPercent = percent;
                        m_callbacks.progress({number, pages, percent});
                    }
                }
            }
            const bool last = frame.params.last_frame;
            frames->append(std::move(frame));
            if (last || frameIndex >= 2)
                break;
        }
        return PageEnd::Done;
    }

private:
    Device &m_dev;
    const ScanRequest &m_request;
    const ScanCallbacks &m_callbacks;
    const CancelFlag &m_cancel;
};

QList<int> usualResolutions()
{
    return {75, 100, 150, 200, 240, 300, 400, 600, 1200};
}

QList<PaperSize> standardPapers()
{
    return {{QStringLiteral("a4"), QStringLiteral("A4"), QSizeF(210, 297)},
            {QStringLiteral("a5"), QStringLiteral("A5"), QSizeF(148, 210)},
            {QStringLiteral("b5"), QStringLiteral("B5"), QSizeF(182, 257)},
            {QStringLiteral("letter"), QStringLiteral("Letter"), QSizeF(215.9, 279.4)},
            {QStringLiteral("legal"), QStringLiteral("Legal"), QSizeF(215.9, 355.6)}};
}

} // namespace

SaneBackend::SaneBackend() = default;
SaneBackend::~SaneBackend() = default;

QString SaneBackend::name() const
{
    return QStringLiteral("SANE");
}

QString SaneBackend::version()
{
    std::lock_guard lock(g_apiMutex);
    if (!g_initialised)
        return {};
    return QStringLiteral("%1.%2.%3")
        .arg(SANE_VERSION_MAJOR(g_version))
        .arg(SANE_VERSION_MINOR(g_version))
        .arg(SANE_VERSION_BUILD(g_version));
}

Result<QList<ScannerDevice>> SaneBackend::devices()
{
    std::lock_guard lock(g_apiMutex);
    if (auto r = ensureInitialised(); !r)
        return r.error();
    const SANE_Device **list = nullptr;
    const SANE_Status status = sane_get_devices(&list, SANE_FALSE);
    if (status != SANE_STATUS_GOOD)
        return statusError(status, QString());
    QList<ScannerDevice> out;
    for (int i = 0; list && list[i]; ++i)
        out.append({QString::fromUtf8(list[i]->name), QString::fromUtf8(list[i]->vendor),
                    QString::fromUtf8(list[i]->model), QString::fromUtf8(list[i]->type)});
    return out;
}

Result<DeviceCapabilities> SaneBackend::capabilities(const QString &deviceId)
{
    auto opened = openDevice(deviceId);
    if (!opened)
        return opened.error();
    Device &dev = *opened.value();
    DeviceCapabilities caps;

    if (const int src = dev.find(SANE_NAME_SCAN_SOURCE); src >= 0) {
        for (const QString &s : dev.stringList(src))
            if (const auto kind = classifySource(s); kind && !caps.sources.contains(*kind))
                caps.sources << *kind;
        if (caps.sources.contains(ScanSource::Adf) && !caps.sources.contains(ScanSource::AdfDuplex) &&
            (dev.find("duplex") >= 0 || dev.find("adf-mode") >= 0))
            caps.sources << ScanSource::AdfDuplex;
    }
    if (caps.sources.isEmpty())
        caps.sources << ScanSource::Flatbed;
    std::sort(caps.sources.begin(), caps.sources.end());

    if (const int mode = dev.find(SANE_NAME_SCAN_MODE); mode >= 0) {
        for (const QString &m : dev.stringList(mode))
            if (const auto kind = classifyMode(m); kind && !caps.modes.contains(*kind))
                caps.modes << *kind;
    } else {
        caps.modes << ColorMode::Gray;
    }
    // Lineart can always be made from grey; grey from colour.
    if (caps.modes.contains(ColorMode::Color) && !caps.modes.contains(ColorMode::Gray))
        caps.modes << ColorMode::Gray;
    if (!caps.modes.contains(ColorMode::Lineart) && !caps.modes.isEmpty())
        caps.modes << ColorMode::Lineart;
    std::sort(caps.modes.begin(), caps.modes.end());

    if (const int res = dev.find(SANE_NAME_SCAN_RESOLUTION); res >= 0) {
        bool range = false;
        const QList<double> values = dev.numbers(res, &range);
        if (range && values.size() == 3) {
            caps.minResolution = int(std::ceil(values[0]));
            caps.maxResolution = int(values[1]);
            for (int r : usualResolutions())
                if (r >= values[0] && r <= values[1])
                    caps.resolutions << r;
        } else {
            for (double v : values)
                caps.resolutions << int(std::lround(v));
            std::sort(caps.resolutions.begin(), caps.resolutions.end());
            if (!caps.resolutions.isEmpty()) {
                caps.minResolution = caps.resolutions.first();
                caps.maxResolution = caps.resolutions.last();
            }
        }
    }

    auto maxOf = [&](const char *name) {
        const int index = dev.find(name);
        if (index < 0)
            return 0.0;
        bool range = false;
        const QList<double> v = dev.numbers(index, &range);
        if (range && v.size() == 3 && dev.descriptor(index)->unit == SANE_UNIT_MM)
            return v[1];
        if (!range && !v.isEmpty())
            return *std::max_element(v.begin(), v.end());
        return 0.0;
    };
    caps.maxAreaMm = QSizeF(maxOf(SANE_NAME_SCAN_BR_X), maxOf(SANE_NAME_SCAN_BR_Y));
    for (const PaperSize &p : standardPapers())
        if (p.mm.width() <= caps.maxAreaMm.width() + 1 && p.mm.height() <= caps.maxAreaMm.height() + 1)
            caps.paperSizes << p;

    const int n = dev.optionCount();
    for (int i = 1; i < n; ++i)
        if (const SANE_Option_Descriptor *d = dev.descriptor(i); d && d->name && *d->name && dev.settable(i))
            caps.backendOptions << QString::fromUtf8(d->name);
    return caps;
}

Result<int> SaneBackend::scan(const ScanRequest &request, const ScanCallbacks &callbacks,
                              const CancelFlag &cancel)
{
    if (cancel.isCancelled())
        return cancelledError();
    auto opened = openDevice(request.deviceId);
    if (!opened)
        return opened.error();
    Device &dev = *opened.value();
    Setup setup;
    if (auto r = setSource(dev, request.source); !r)
        return r.error();
    if (auto r = setMode(dev, request.mode, &setup); !r)
        return r.error();
    if (auto r = setResolution(dev, request.resolution, &setup); !r)
        return r.error();
    // The device's own options may switch others on or off (a hand-scanner mode has no scan area): they go
    // before the area, after the mode they may refine (depth).
    if (auto r = setDeviceOptions(dev, request.deviceOptions); !r)
        return r.error();
    if (auto r = setArea(dev, request.areaMm, setup.dpi); !r)
        return r.error();

    const bool feeder = request.source != ScanSource::Flatbed;
    const int wanted = feeder ? std::max(0, request.pages) : std::max(1, request.pages);
    // A feeder that never says it is empty must not scan forever.
    constexpr int kFeederLimit = 2000;
    PageReader reader(dev, request, callbacks, cancel);
    // Every exit after sane_start ends the batch, so the device is ready for the next job.
    struct EndBatch
    {
        SANE_Handle h;
        bool complete = false;
        ~EndBatch()
        {
            if (!complete)
                QThread::msleep(kCancelSettleMs);
            sane_cancel(h);
        }
    } endBatch{dev.handle()};

    int scanned = 0;
    for (int number = 1; wanted == 0 ? number <= kFeederLimit : number <= wanted; ++number) {
        if (cancel.isCancelled())
            return cancelledError();
        if (callbacks.progress)
            callbacks.progress({number, wanted, 0});
        if (number > 1 && !networkServerAnswers(dev.id()))
            return deviceLost(dev.id());
        SANE_Status st = sane_start(dev.handle());
        QList<Frame> frames;
        PageEnd end = PageEnd::Done;
        if (st == SANE_STATUS_NO_DOCS) {
            end = PageEnd::NoDocument;
        } else if (st != SANE_STATUS_GOOD) {
            return statusError(st, dev.id());
        } else {
            auto r = reader.read(number, wanted, &frames);
            if (!r)
                return r.error();
            end = r.value();
        }
        if (end == PageEnd::NoDocument) {
            if (number == 1)
                return feederEmpty();
            if (wanted == 0) {
                // No reader runs when the feeder said so at sane_start.
                endBatch.complete = st == SANE_STATUS_NO_DOCS;
                return scanned;
            }
            return GOVDESK_ERROR("scan.feeder-ran-out",
                                 QT_TRANSLATE_NOOP("Scanning",
                                                   "The document feeder ran out of paper after %1 "
                                                   "of %2 pages; nothing was saved"),
                                 QString::number(number - 1), QString::number(wanted));
        }
        QImage image = toImage(frames);
        if (image.isNull())
            return GOVDESK_ERROR("scan.empty-page",
                                 QT_TRANSLATE_NOOP("Scanning", "The scanner %1 sent no image for page %2"),
                                 dev.id(), QString::number(number));
        ScannedPage page;
        page.number = number;
        page.dpi = setup.dpi;
        if (image.format() == QImage::Format_Mono) {
            page.mode = ColorMode::Lineart;
        } else if (request.mode == ColorMode::Lineart) {
            image = ImageOps::binarize(image);
            page.mode = ColorMode::Lineart;
        } else if (request.mode == ColorMode::Gray) {
            image = ImageOps::toGray(image);
            page.mode = ColorMode::Gray;
        } else {
            page.mode = image.format() == QImage::Format_RGB888 ? ColorMode::Color : ColorMode::Gray;
        }
        page.image = withResolution(std::move(image), setup.dpi);
        if (callbacks.progress)
            callbacks.progress({number, wanted, 100});
        ++scanned;
        if (callbacks.pageScanned)
            if (auto r = callbacks.pageScanned(std::move(page)); !r)
                return r.error();
    }
    endBatch.complete = true;
    return scanned;
}

} // namespace govdesk::scanning
