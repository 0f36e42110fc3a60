#include "HttpCall.h"

#include "TransportErrors.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <memory>

namespace govdesk::exchange {

namespace {

// The proxy the operating system names for each URL (environment on Linux, WinHTTP/IE settings on Windows),
// set per manager so the choice does not leak into the rest of the application.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

core::Result<HttpResponse> HttpCall::runServed(const HttpRequest &request) const
{
    auto response = run(request);
    if (response && errors::isServerBusy(response->status))
        return errors::server(serverName(request.url), response->status);
    return response;
}

QString HttpCall::serverName(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString();
}

core::Result<HttpResponse> HttpCall::run(const HttpRequest &request) const
{
    const QString server = serverName(request.url);
    if (m_config.cancel && m_config.cancel->load())
        return errors::cancelled(server);
    QNetworkAccessManager nam;
    const QString proxy = m_config.proxy.trimmed();
    if (proxy.isEmpty()) {
        nam.setProxyFactory(new SystemProxyFactory);
    } else if (proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        nam.setProxy(QNetworkProxy::NoProxy);
    } else {
        const QUrl p(proxy);
        nam.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, p.host(), quint16(p.port())));
    }

    QNetworkRequest req(request.url);
    for (const auto &[k, v] : request.headers)
        req.setRawHeader(k, v);
    // The exchanges speak HTTP/1.1; a compressed reply would hide a cut-off body from the length check.
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setRawHeader("Accept-Encoding", "identity");
    if (request.url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_config.caBundle.isEmpty())
            ssl.addCaCertificates(m_config.caBundle, QSsl::Pem);
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        req.setSslConfiguration(ssl);
    }

    QNetworkReply *reply = request.body.isEmpty() && request.method == "GET"
                               ? nam.get(req)
                               : nam.sendCustomRequest(req, request.method, request.body);
    QList<QSslError> sslErrors;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&sslErrors](const QList<QSslError> &errs) { sslErrors += errs; });
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(m_config.timeoutSeconds * 1000);
    bool timedOut = false;
    QObject::connect(&idle, &QTimer::timeout, reply, [&] {
        timedOut = true;
        reply->abort();
    });
    // The caller's stop, looked at a few times a second.
    bool cancelled = false;
    QTimer watch;
    if (m_config.cancel) {
        watch.setInterval(100);
        QObject::connect(&watch, &QTimer::timeout, reply, [&] {
            if (m_config.cancel->load()) {
                cancelled = true;
                reply->abort();
            }
        });
        watch.start();
    }
    auto progress = [&idle](qint64, qint64) { idle.start(); };
    QObject::connect(reply, &QNetworkReply::downloadProgress, &idle, progress);
    QObject::connect(reply, &QNetworkReply::uploadProgress, &idle, progress);
    // A reply larger than any packet is refused as soon as it announces its length, or once that much
    // has come without one: it is never held whole in memory.
    bool tooLarge = false;
    const qint64 maxReply = m_config.maxReplyBytes;
    auto refuseLarge = [&](qint64 size) {
        if (maxReply > 0 && size > maxReply && !tooLarge) {
            tooLarge = true;
            reply->abort();
        }
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [&] {
        bool known = false;
        const qint64 announced = reply->rawHeader("Content-Length").trimmed().toLongLong(&known);
        if (known)
            refuseLarge(announced);
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [&](qint64 received, qint64) { refuseLarge(received); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    idle.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    idle.stop();
    watch.stop();

    const std::unique_ptr<QNetworkReply> owned(reply);
    const QNetworkReply::NetworkError error = reply->error();
    if (cancelled)
        return errors::cancelled(server);
    if (tooLarge)
        return errors::tooLarge(server, maxReply);
    if (timedOut)
        return errors::timedOut(server, m_config.timeoutSeconds);
    if (!sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError)
        return errors::tls(sslErrors, server, reply->errorString());

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && status.toInt() > 0) {
        HttpResponse response;
        response.status = status.toInt();
        response.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.emplaceBack(pair.first, pair.second);
        bool lengthKnown = false;
        const qint64 expected = response.header("Content-Length").trimmed().toLongLong(&lengthKnown);
        const bool encoded = !response.header("Content-Encoding").isEmpty();
        if ((lengthKnown && !encoded && response.body.size() < expected) ||
            error == QNetworkReply::RemoteHostClosedError)
            return errors::truncated(server, response.body.size(), lengthKnown ? expected : -1);
        return response;
    }

    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
        return errors::closedEarly(server);
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
        return errors::unreadable(server, reply->errorString());
    default:
        return errors::unreachable(server, reply->errorString());
    }
}

} // namespace govdesk::exchange
