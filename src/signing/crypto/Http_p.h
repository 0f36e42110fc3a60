#pragma once

// Private to the crypto layer: one blocking HTTP exchange for TSA, OCSP, CRL and CA-certificate downloads.
// Runs a local event loop in the calling thread (callers are worker threads or tests); TLS verification is
// Qt's default and is never relaxed.

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace govdesk::signing::http {

struct Reply
{
    enum Failure
    {
        None,
        Unreachable,
        Timeout,
        HttpStatus,
        TooLarge
    };
    Failure failure = None;
    int status = 0;
    QString detail; ///< the network error text (English) for Unreachable
    QByteArray body;
    bool ok() const { return failure == None; }
};

/// POST `body` with `contentType` when body is not null, otherwise GET. Bodies above `maxBytes` are refused.
Reply exchange(const QUrl &url, const QByteArray &body, const QByteArray &contentType, int timeoutMs,
               qint64 maxBytes = 64 * 1024 * 1024);

} // namespace govdesk::signing::http
