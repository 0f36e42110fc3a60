#pragma once

#include "core/Error.h"

#include <QByteArray>

#include <tiffio.h>

namespace govdesk::scanning {

/// A TIFF file in memory for libtiff (TIFFClientOpenExt), collecting libtiff's error messages for this file
/// only instead of printing them. Internal to the scan library.
class TiffMemory
{
public:
    TiffMemory() = default;
    explicit TiffMemory(QByteArray data) : m_data(std::move(data)) {}
    TiffMemory(const TiffMemory &) = delete;
    TiffMemory &operator=(const TiffMemory &) = delete;

    /// Opens the buffer ("r" or "w"; writing starts an empty file); null on failure (see error()).
    TIFF *open(const char *mode);
    const QByteArray &data() const { return m_data; }
    /// The last libtiff message as a user-facing error.
    core::Error error() const;
    const QString &message() const { return m_message; }
    void clearMessage() { m_message.clear(); }

private:
    static tmsize_t readProc(thandle_t h, void *buf, tmsize_t size);
    static tmsize_t writeProc(thandle_t h, void *buf, tmsize_t size);
    static toff_t seekProc(thandle_t h, toff_t offset, int whence);
    static int closeProc(thandle_t h);
    static toff_t sizeProc(thandle_t h);
    static int mapProc(thandle_t h, void **base, toff_t *size);
    static void unmapProc(thandle_t h, void *base, toff_t size);
    static int errorHandler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap);
    static int warningHandler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap);

    QByteArray m_data;
    qint64 m_pos = 0;
    QString m_message;
};

} // namespace govdesk::scanning
