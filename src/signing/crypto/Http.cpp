#include "Http_p.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace govdesk::signing::http {

Reply exchange(const QUrl &url, const QByteArray &body, const QByteArray &contentType, int timeoutMs,
               qint64 maxBytes)
{
    Reply out;
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setRawHeader("User-Agent", "GovDesk");
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);

    QNetworkReply *reply = body.isNull() ? nam.get(request) : nam.post(request, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false, tooLarge = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if (received > maxBytes || total > maxBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(qMax(1, timeoutMs));
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    timer.stop();

    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (timedOut) {
        out.failure = Reply::Timeout;
    } else if (tooLarge) {
        out.failure = Reply::TooLarge;
    } else if (out.status != 0 && (out.status < 200 || out.status >= 300)) {
        out.failure = Reply::HttpStatus;
    } else if (reply->error() != QNetworkReply::NoError) {
        out.failure = Reply::Unreachable;
        out.detail = reply->errorString();
    } else {
        out.body = reply->readAll();
    }
    delete reply;
    return out;
}

} // namespace govdesk::signing::http
