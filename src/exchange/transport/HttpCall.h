#pragma once

#include "core/Result.h"
#include "exchange/transport/TransportConfig.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace govdesk::exchange {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    HeaderList headers;

    /// The value of a header (case-insensitive name); empty when absent.
    QByteArray header(const QByteArray &name) const;
};

/// One blocking HTTP exchange as the transports need it: a QNetworkAccessManager and an event loop of its
/// own in the calling thread, the configured proxy, the system CAs plus the configured bundle (certificate
/// errors are never ignored), and an inactivity time-out. Any complete HTTP answer (whatever its status) is
/// a response; what never became one is an error: exchange.network (refused, reset, DNS, time-out),
/// exchange.tls (untrusted, expired, host mismatch) or exchange.protocol (the body was cut off).
class HttpCall
{
public:
    explicit HttpCall(const TransportConfig &config) : m_config(config) {}

    core::Result<HttpResponse> run(const HttpRequest &request) const;
    /// run(), and a status saying the server cannot serve now (5xx, 408, 429) is exchange.server too.
    core::Result<HttpResponse> runServed(const HttpRequest &request) const;

    /// "https://host:port" of a URL, as error messages name the server.
    static QString serverName(const QUrl &url);

private:
    const TransportConfig &m_config;
};

} // namespace govdesk::exchange
