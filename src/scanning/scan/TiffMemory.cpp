#include "TiffMemory.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace govdesk::scanning {

TIFF *TiffMemory::open(const char *mode)
{
    if (mode[0] == 'w')
        m_data.clear();
    m_pos = 0;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, &TiffMemory::errorHandler, this);
    TIFFOpenOptionsSetWarningHandlerExtR(options, &TiffMemory::warningHandler, this);
    // A hostile file must not make libtiff allocate without bound.
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(1) << 30);
    TIFF *tif = TIFFClientOpenExt("memory", mode, this, &TiffMemory::readProc, &TiffMemory::writeProc,
                                  &TiffMemory::seekProc, &TiffMemory::closeProc, &TiffMemory::sizeProc,
                                  &TiffMemory::mapProc, &TiffMemory::unmapProc, options);
    TIFFOpenOptionsFree(options);
    return tif;
}

core::Error TiffMemory::error() const
{
    return GOVDESK_ERROR("tiff.failed",
                         QT_TRANSLATE_NOOP("Scanning", "The TIFF image could not be processed: %1"),
                         m_message.isEmpty() ? QStringLiteral("libtiff") : m_message);
}

tmsize_t TiffMemory::readProc(thandle_t h, void *buf, tmsize_t size)
{
    auto *self = static_cast<TiffMemory *>(h);
    const qint64 n = std::clamp<qint64>(self->m_data.size() - self->m_pos, 0, size);
    if (n > 0)
        std::memcpy(buf, self->m_data.constData() + self->m_pos, size_t(n));
    self->m_pos += n;
    return tmsize_t(n);
}

tmsize_t TiffMemory::writeProc(thandle_t h, void *buf, tmsize_t size)
{
    auto *self = static_cast<TiffMemory *>(h);
    const qint64 end = self->m_pos + size;
    if (end > self->m_data.size())
        self->m_data.resize(end, '\0');
    std::memcpy(self->m_data.data() + self->m_pos, buf, size_t(size));
    self->m_pos = end;
    return size;
}

toff_t TiffMemory::seekProc(thandle_t h, toff_t offset, int whence)
{
    auto *self = static_cast<TiffMemory *>(h);
    qint64 base = 0;
    if (whence == SEEK_CUR)
        base = self->m_pos;
    else if (whence == SEEK_END)
        base = self->m_data.size();
    const qint64 pos = base + qint64(offset);
    if (pos < 0)
        return toff_t(-1);
    self->m_pos = pos;
    return toff_t(pos);
}

int TiffMemory::closeProc(thandle_t)
{
    return 0;
}

toff_t TiffMemory::sizeProc(thandle_t h)
{
    return toff_t(static_cast<TiffMemory *>(h)->m_data.size());
}

int TiffMemory::mapProc(thandle_t, void **, toff_t *)
{
    return 0;
}

void TiffMemory::unmapProc(thandle_t, void *, toff_t) {}

int TiffMemory::errorHandler(TIFF *, void *user, const char *module, const char *fmt, va_list ap)
{
    char text[512];
    std::vsnprintf(text, sizeof text, fmt, ap);
    auto *self = static_cast<TiffMemory *>(user);
    self->m_message = module && *module
                          ? QStringLiteral("%1: %2").arg(QString::fromUtf8(module), QString::fromUtf8(text))
                          : QString::fromUtf8(text);
    return 1;
}

int TiffMemory::warningHandler(TIFF *, void *, const char *, const char *, va_list)
{
    return 1; // unknown tags and the like: real producers differ, the image is what matters
}

} // namespace govdesk::scanning
