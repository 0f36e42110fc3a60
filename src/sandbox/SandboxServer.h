#pragma once

#include "FaultPlan.h"
#include "HttpMessage.h"
#include "ProtocolHandler.h"
#include "SandboxState.h"

#include <QHash>
#include <QObject>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

namespace govdesk::sandbox {

/// The HTTP/1.1 (HTTPS with a certificate) server on 127.0.0.1, written on the socket so faults can be
/// injected byte by byte. Every answer closes its connection. Routes by path prefix to the protocol handlers
/// and serves the control endpoints under /_sandbox:
///   GET  /_sandbox/state          counts per agency (sent, delivered, pending, acknowledged), requests per
///                                 operation, tokens issued, requests that came through a proxy, faults armed
///   GET  /_sandbox/faults         the faults still armed
///   POST /_sandbox/faults         {"spec":"<SPEC>"} arms more, {"clear":true} disarms all
///   POST /_sandbox/reset          forgets packets, inboxes, tokens, faults and counters (not the agencies)
///   POST /_sandbox/expire-tokens  every OAuth token issued so far stops working
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(SandboxState &state, QObject *parent = nullptr);
    ~SandboxServer() override;

    /// Listens on 127.0.0.1:port (0 = any free port), with TLS when cert and key files are given.
    bool listen(quint16 port, const QString &certFile, const QString &keyFile, QString *error);
    QString url() const;
    void setVerbose(bool verbose) { m_verbose = verbose; }

private:
    void acceptPending();
    void readFrom(QTcpSocket *socket);
    void dispatch(QTcpSocket *socket, const HttpRequest &request);
    void send(QTcpSocket *socket, const HttpResponse &response,
              FaultPlan::Kind shape = FaultPlan::Kind::None);
    HttpResponse control(const HttpRequest &request);
    void log(const QString &line) const;

    SandboxState &m_state;
    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    bool m_verbose = false;
    std::vector<std::unique_ptr<ProtocolHandler>> m_handlers;
    QHash<QTcpSocket *, std::shared_ptr<RequestParser>> m_parsers;
};

} // namespace govdesk::sandbox
