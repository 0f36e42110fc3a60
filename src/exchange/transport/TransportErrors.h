#pragma once

#include "core/Error.h"

#include <QList>
#include <QSslError>
#include <QString>

// The errors every transport reports, in one place so the codes and texts stay the same whatever the
// protocol (see ExchangeTransport for the codes and which ones are retried).
namespace govdesk::exchange::errors {

enum class TlsProblem
{
    Untrusted,
    Expired,
    HostMismatch,
};

/// HTTP statuses that mean "the server cannot serve now": 5xx, 408 Request Timeout, 429 Too Many Requests.
bool isServerBusy(int httpStatus);

core::Error unreachable(const QString &host, const QString &detail);
core::Error timedOut(const QString &host, int seconds);
core::Error closedEarly(const QString &host);
/// The caller stopped the run while a call to `host` was going.
core::Error cancelled(const QString &host);
core::Error server(const QString &host, int httpStatus);
core::Error tls(TlsProblem problem, const QString &host, const QString &detail);
/// The TLS error for what the handshake reported: a host mismatch first, then an expired certificate,
/// otherwise an untrusted one; `fallback` is the detail when the list is empty.
core::Error tls(const QList<QSslError> &sslErrors, const QString &host, const QString &fallback);
core::Error auth(const QString &systemId, const QString &serverText);
core::Error refused(const QString &errorDesc);
core::Error truncated(const QString &host, qint64 received, qint64 expected);
/// A reply larger than the transport takes (TransportConfig::maxReplyBytes); not retried.
core::Error tooLarge(const QString &host, qint64 limit);
core::Error unreadable(const QString &host, const QString &detail);
/// Any other HTTP status the protocol does not expect: the address or the configuration is wrong.
core::Error unexpectedStatus(const QString &host, int httpStatus, const QString &path);
core::Error unsupported(const QString &kind);

} // namespace govdesk::exchange::errors
