#include "HttpMessage.h"

#include <QJsonDocument>
#include <QUrl>

namespace govdesk::sandbox {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qint64 kMaxBody = 256LL * 1024 * 1024;

QByteArray reason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return status >= 500 ? "Server Error" : (status >= 400 ? "Client Error" : "Status");
    }
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse r;
    r.status = status;
    r.headers.emplaceBack("Content-Type", "application/json; charset=utf-8");
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse HttpResponse::json(int status, const QJsonArray &array)
{
    HttpResponse r;
    r.status = status;
    r.headers.emplaceBack("Content-Type", "application/json; charset=utf-8");
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

QByteArray HttpResponse::head() const
{
    QByteArray h = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    for (const auto &[k, v] : headers)
        h += k + ": " + v + "\r\n";
    h += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    h += "Connection: close\r\nServer: govdesk-sandbox\r\n\r\n";
    return h;
}

RequestParser::State RequestParser::fail(int status, const QString &text)
{
    m_errorStatus = status;
    m_errorText = text;
    return State::Invalid;
}

RequestParser::State RequestParser::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
    if (!m_headDone) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return m_buffer.size() > kMaxHead ? fail(431, QStringLiteral("request head too large"))
                                              : State::NeedMore;
        if (const State s = parseHead(end); s != State::NeedMore)
            return s;
    }
    return parseBody();
}

RequestParser::State RequestParser::parseHead(qsizetype end)
{
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    m_headDone = true;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1."))
        return fail(400, QStringLiteral("malformed request line"));
    m_request.method = requestLine[0];
    QByteArray target = requestLine[1];
    if (target.startsWith("http://") || target.startsWith("https://")) {
        m_request.absoluteForm = true;
        const QUrl u(QString::fromLatin1(target));
        target = u.path(QUrl::FullyEncoded).toLatin1();
        if (u.hasQuery())
            target += '?' + u.query(QUrl::FullyEncoded).toLatin1();
    }
    const qsizetype q = target.indexOf('?');
    m_request.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    if (q >= 0)
        m_request.query = QUrlQuery(QString::fromLatin1(target.mid(q + 1)));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QStringLiteral("malformed header line"));
        m_request.headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    m_chunked = m_request.header("Transfer-Encoding").toLower().contains("chunked");
    if (!m_chunked) {
        bool ok = true;
        const QByteArray cl = m_request.header("Content-Length");
        m_contentLength = cl.isEmpty() ? 0 : cl.toLongLong(&ok);
        if (!ok || m_contentLength < 0)
            return fail(400, QStringLiteral("bad Content-Length"));
        if (m_contentLength > kMaxBody)
            return fail(413, QStringLiteral("body too large"));
    }
    m_wantsContinue = m_request.header("Expect").toLower() == "100-continue";
    return State::NeedMore;
}

RequestParser::State RequestParser::parseBody()
{
    if (!m_chunked) {
        if (m_buffer.size() < m_contentLength)
            return State::NeedMore;
        m_request.body = m_buffer.left(m_contentLength);
        m_buffer.remove(0, m_contentLength);
        return State::Complete;
    }
    // Chunked: decode whole chunks as they arrive; the terminating zero chunk completes the request.
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n");
        if (lineEnd < 0)
            return State::NeedMore;
        bool ok = false;
        const qint64 size = m_buffer.left(lineEnd).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return fail(400, QStringLiteral("bad chunk size"));
        if (size == 0) {
            if (m_buffer.indexOf("\r\n\r\n", lineEnd) < 0)
                return State::NeedMore;
            m_buffer.clear();
            return State::Complete;
        }
        if (m_buffer.size() < lineEnd + 2 + size + 2)
            return State::NeedMore;
        m_request.body += m_buffer.mid(lineEnd + 2, size);
        if (m_request.body.size() > kMaxBody)
            return fail(413, QStringLiteral("body too large"));
        m_buffer.remove(0, lineEnd + 2 + size + 2);
    }
}

} // namespace govdesk::sandbox
