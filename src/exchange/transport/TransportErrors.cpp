#include "TransportErrors.h"

namespace govdesk::exchange::errors {

bool isServerBusy(int httpStatus)
{
    return httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
}

core::Error unreachable(const QString &host, const QString &detail)
{
    return GOVDESK_ERROR("exchange.network",
                         QT_TRANSLATE_NOOP("ExchangeTransport", "Cannot reach the exchange server %1: %2"),
                         host, detail);
}

core::Error timedOut(const QString &host, int seconds)
{
    return GOVDESK_ERROR(
        "exchange.network",
        QT_TRANSLATE_NOOP("ExchangeTransport", "The exchange server %1 did not answer within %2 seconds"),
        host, QString::number(seconds));
}

core::Error cancelled(const QString &host)
{
    return GOVDESK_ERROR(
        "exchange.cancelled",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The call to the exchange server %1 was stopped; it is tried again "
                          "at the next synchronisation"),
        host);
}

core::Error closedEarly(const QString &host)
{
    return GOVDESK_ERROR("exchange.network",
                         QT_TRANSLATE_NOOP("ExchangeTransport",
                                           "The exchange server %1 closed the connection without answering"),
                         host);
}

core::Error server(const QString &host, int httpStatus)
{
    return GOVDESK_ERROR(
        "exchange.server",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The exchange server %1 failed (HTTP %2); the request will be tried again later"),
        host, QString::number(httpStatus));
}

core::Error tls(TlsProblem problem, const QString &host, const QString &detail)
{
    switch (problem) {
    case TlsProblem::Expired:
        return GOVDESK_ERROR(
            "exchange.tls",
            QT_TRANSLATE_NOOP(
                "ExchangeTransport",
                "The certificate of the exchange server %1 has expired or is not yet valid: %2"),
            host, detail);
    case TlsProblem::HostMismatch:
        return GOVDESK_ERROR("exchange.tls",
                             QT_TRANSLATE_NOOP("ExchangeTransport",
                                               "The certificate presented by %1 was issued for another host "
                                               "name: %2"),
                             host, detail);
    case TlsProblem::Untrusted:
        break;
    }
    return GOVDESK_ERROR(
        "exchange.tls",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The certificate of the exchange server %1 is not trusted: %2. Ask "
                          "IT to add its CA to the exchange CA bundle"),
        host, detail);
}

core::Error auth(const QString &systemId, const QString &serverText)
{
    return GOVDESK_ERROR(
        "exchange.auth",
        QT_TRANSLATE_NOOP("ExchangeTransport", "The exchange refused the credentials of system %1: %2"),
        systemId, serverText);
}

core::Error refused(const QString &errorDesc)
{
    return GOVDESK_ERROR("exchange.refused",
                         QT_TRANSLATE_NOOP("ExchangeTransport", "The exchange refused the request: %1"),
                         errorDesc);
}

core::Error truncated(const QString &host, qint64 received, qint64 expected)
{
    if (expected < 0)
        return GOVDESK_ERROR(
            "exchange.protocol",
            QT_TRANSLATE_NOOP("ExchangeTransport",
                              "The reply of the exchange server %1 was cut off after %2 bytes"),
            host, QString::number(received));
    return GOVDESK_ERROR(
        "exchange.protocol",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The reply of the exchange server %1 was cut off (%2 of %3 bytes)"),
        host, QString::number(received), QString::number(expected));
}

core::Error tooLarge(const QString &host, qint64 limit)
{
    const QString size = limit >= 1024 * 1024
                             ? QString::number(limit / (1024 * 1024)) + QStringLiteral(" MB")
                             : QString::number(qMax<qint64>(limit / 1024, 1)) + QStringLiteral(" KB");
    return GOVDESK_ERROR(
        "exchange.too-large",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The exchange server %1 sent a reply larger than %2; it was not read"),
        host, size);
}

core::Error unreadable(const QString &host, const QString &detail)
{
    return GOVDESK_ERROR(
        "exchange.protocol",
        QT_TRANSLATE_NOOP("ExchangeTransport", "The reply of the exchange server %1 cannot be read: %2"),
        host, detail);
}

core::Error unexpectedStatus(const QString &host, int httpStatus, const QString &path)
{
    return GOVDESK_ERROR(
        "exchange.config",
        QT_TRANSLATE_NOOP("ExchangeTransport",
                          "The exchange server %1 answered HTTP %2 for %3; check the exchange address"),
        host, QString::number(httpStatus), path);
}

core::Error unsupported(const QString &kind)
{
    return GOVDESK_ERROR(
        "exchange.unsupported",
        QT_TRANSLATE_NOOP("ExchangeTransport", "The %1 exchange does not offer the list of sent packets"),
        kind);
}

core::Error tls(const QList<QSslError> &sslErrors, const QString &host, const QString &fallback)
{
    TlsProblem problem = TlsProblem::Untrusted;
    for (const QSslError &e : sslErrors)
        if (e.error() == QSslError::CertificateExpired || e.error() == QSslError::CertificateNotYetValid)
            problem = TlsProblem::Expired;
    for (const QSslError &e : sslErrors)
        if (e.error() == QSslError::HostNameMismatch)
            problem = TlsProblem::HostMismatch;
    QStringList details;
    for (const QSslError &e : sslErrors)
        details << e.errorString();
    if (details.isEmpty())
        details << fallback;
    return tls(problem, host, details.join(QStringLiteral("; ")));
}

} // namespace govdesk::exchange::errors
