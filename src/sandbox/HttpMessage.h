#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <utility>

namespace govdesk::sandbox {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

/// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QString path; ///< decoded path, without the query
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    bool absoluteForm = false; ///< the target was a full URL: the request came through a proxy

    QByteArray header(const QByteArray &name) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse json(int status, const QJsonArray &array);
    /// Status line, headers (Content-Length, Connection: close added) and the blank line.
    QByteArray head() const;
};

/// Incremental parser of one request from a connection's bytes (Content-Length or chunked bodies).
class RequestParser
{
public:
    enum class State
    {
        NeedMore,
        Complete,
        Invalid,
    };

    State feed(const QByteArray &bytes);
    const HttpRequest &request() const { return m_request; }
    /// When Invalid: the status to answer (400, 413, 431) and why.
    int errorStatus() const { return m_errorStatus; }
    const QString &errorText() const { return m_errorText; }
    /// The client asked "Expect: 100-continue" and is waiting for the interim answer.
    bool wantsContinue() const { return m_wantsContinue && !m_continueSent; }
    void continueSent() { m_continueSent = true; }

private:
    State fail(int status, const QString &text);
    State parseHead(qsizetype end);
    State parseBody();

    QByteArray m_buffer;
    HttpRequest m_request;
    bool m_headDone = false;
    bool m_chunked = false;
    qint64 m_contentLength = 0;
    bool m_wantsContinue = false;
    bool m_continueSent = false;
    int m_errorStatus = 400;
    QString m_errorText;
};

} // namespace govdesk::sandbox
