#include "SandboxServer.h"

#include "LgspKeyHandler.h"
#include "LgspOAuthHandler.h"
#include "LgspSoapHandler.h"
#include "VxpHandler.h"

#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace govdesk::sandbox {

SandboxServer::SandboxServer(SandboxState &state, QObject *parent) : QObject(parent), m_state(state)
{
    // Longest prefix first: /lgsp-key and /lgsp-soap before /lgsp.
    m_handlers.push_back(std::make_unique<LgspSoapHandler>());
    m_handlers.push_back(std::make_unique<LgspKeyHandler>());
    m_handlers.push_back(std::make_unique<LgspOAuthHandler>());
    m_handlers.push_back(std::make_unique<VxpHandler>());
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::listen(quint16 port, const QString &certFile, const QString &keyFile, QString *error)
{
    if (!certFile.isEmpty() || !keyFile.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
        QFile keyIn(keyFile);
        if (chain.isEmpty() || !keyIn.open(QIODevice::ReadOnly)) {
            error->assign(tr("Cannot read the certificate %1 or the key %2").arg(certFile, keyFile));
            return false;
        }
        const QByteArray keyPem = keyIn.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull()) {
            error->assign(tr("The key %1 is not an unencrypted RSA or EC PEM key").arg(keyFile));
            return false;
        }
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(chain);
        conf.setPrivateKey(key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto ssl = std::make_unique<QSslServer>();
        ssl->setSslConfiguration(conf);
        m_server = std::move(ssl);
        m_tls = true;
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &SandboxServer::acceptPending);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        error->assign(tr("Cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString()));
        return false;
    }
    return true;
}

QString SandboxServer::url() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(m_server->serverPort());
}

void SandboxServer::log(const QString &line) const
{
    if (m_verbose) {
        std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
        std::fflush(stderr);
    }
}

void SandboxServer::acceptPending()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_parsers.insert(socket, std::make_shared<RequestParser>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_parsers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void SandboxServer::readFrom(QTcpSocket *socket)
{
    const auto parser = m_parsers.value(socket);
    if (!parser) {
        socket->readAll(); // an answered connection: ignore anything more
        return;
    }
    const RequestParser::State state = parser->feed(socket->readAll());
#ifdef Q_OS_LINUX
    {
        // Qt's HTTP client writes the request head and body separately without TCP_NODELAY; with the
        // kernel's delayed ACK every upload would wait ~40 ms on loopback, which says nothing about the
        // client. Acknowledge at once, as a busy server effectively does.
        int one = 1;
        ::setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    }
#endif
    if (state == RequestParser::State::NeedMore) {
        if (parser->wantsContinue()) {
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            parser->continueSent();
        }
        return;
    }
    m_parsers.insert(socket, nullptr);
    if (state == RequestParser::State::Invalid) {
        send(socket, HttpResponse::json(parser->errorStatus(),
                                        QJsonObject{{QStringLiteral("error"), parser->errorText()}}));
        return;
    }
    dispatch(socket, parser->request());
}

void SandboxServer::send(QTcpSocket *socket, const HttpResponse &response, FaultPlan::Kind shape)
{
    const QByteArray head = response.head();
    switch (shape) {
    case FaultPlan::Kind::DropMid:
        socket->write(head.left(head.size() / 2));
        break;
    case FaultPlan::Kind::Truncate:
        socket->write(head);
        socket->write(response.body.left(response.body.size() / 2));
        break;
    default:
        socket->write(head);
        socket->write(response.body);
    }
    socket->disconnectFromHost();
}

void SandboxServer::dispatch(QTcpSocket *socket, const HttpRequest &request)
{
    if (request.path == QLatin1String("/_sandbox") || request.path.startsWith(QLatin1String("/_sandbox/"))) {
        send(socket, control(request));
        return;
    }
    ProtocolHandler *handler = nullptr;
    QString subPath;
    for (const auto &h : m_handlers) {
        const QString p = h->prefix();
        // The prefix itself is a path too: a SOAP endpoint is posted to as it is.
        if (request.path == p || request.path.startsWith(p + QLatin1Char('/'))) {
            handler = h.get();
            subPath = request.path.mid(p.size());
            break;
        }
    }
    const QString op = handler ? handler->operation(request, subPath) : QString();
    if (op.isEmpty()) {
        log(QStringLiteral("%1 %2 -> 404").arg(QString::fromLatin1(request.method), request.path));
        send(socket,
             HttpResponse::json(404, QJsonObject{{QStringLiteral("error"),
                                                  QStringLiteral("no such path: %1").arg(request.path)}}));
        return;
    }
    m_state.countRequest(op, request.absoluteForm);
    const FaultPlan::Fault fault = m_state.faults().take(op);
    log(QStringLiteral("%1 %2 -> %3%4")
            .arg(QString::fromLatin1(request.method), request.path, op,
                 fault.kind == FaultPlan::Kind::None ? QString() : QStringLiteral(" (fault)")));
    auto carryOut = [this, handler, subPath, op, request](bool base64) {
        return handler->handle(Call{request, subPath, op, base64}, m_state);
    };
    switch (fault.kind) {
    case FaultPlan::Kind::Status:
        send(socket, handler->injectedFailure(fault.status));
        return;
    case FaultPlan::Kind::Timeout:
        return; // the connection stays open, unanswered, until the client gives up
    case FaultPlan::Kind::Drop:
        socket->disconnectFromHost();
        return;
    case FaultPlan::Kind::Delay: {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(fault.delayMs, this, [this, guard, carryOut] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                send(guard, carryOut(false));
        });
        return;
    }
    case FaultPlan::Kind::DropMid:
    case FaultPlan::Kind::Truncate:
        send(socket, carryOut(false), fault.kind);
        return;
    case FaultPlan::Kind::Base64:
        send(socket, carryOut(true));
        return;
    case FaultPlan::Kind::None:
    case FaultPlan::Kind::Duplicate:
        break;
    }
    send(socket, carryOut(false));
}

HttpResponse SandboxServer::control(const HttpRequest &request)
{
    const QString what = request.path.mid(QStringLiteral("/_sandbox").size());
    if (what == QLatin1String("/state") && request.method == "GET")
        return HttpResponse::json(200, m_state.stateJson());
    if (what == QLatin1String("/faults") && request.method == "GET")
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("faults"), m_state.faults().describe()}});
    if (what == QLatin1String("/faults") && request.method == "POST") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        if (body.value(QLatin1String("clear")).toBool())
            m_state.faults().clear();
        const QString spec = body.value(QLatin1String("spec")).toString();
        QString error;
        if (!spec.isEmpty() && !m_state.faults().add(spec, &error))
            return HttpResponse::json(400, QJsonObject{{QStringLiteral("error"), error}});
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("faults"), m_state.faults().describe()}});
    }
    if (what == QLatin1String("/reset") && request.method == "POST") {
        m_state.reset();
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("OK")}});
    }
    if (what == QLatin1String("/expire-tokens") && request.method == "POST") {
        m_state.expireTokens();
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("OK")}});
    }
    return HttpResponse::json(
        404,
        QJsonObject{{QStringLiteral("error"), QStringLiteral("no such control path: %1").arg(request.path)}});
}

} // namespace govdesk::sandbox
