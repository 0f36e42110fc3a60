#include "LgspSoapTransport.h"

#include "HttpCall.h"
#include "TransportErrors.h"
#include "WireHelpers.h"
#include "wsdl_lgsp-edoc.h"

#include <KDSoapClient/KDSoapAuthentication.h>
#include <KDSoapClient/KDSoapClientInterface.h>
#include <KDSoapClient/KDSoapSslHandler.h>

#include <QMutex>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <optional>

namespace govdesk::exchange {

namespace {

namespace wsdl = LgspSoapWsdl;

QNetworkProxy proxyFor(const TransportConfig &config)
{
    const QString proxy = config.proxy.trimmed();
    if (proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    if (!proxy.isEmpty()) {
        const QUrl p(proxy);
        return QNetworkProxy(QNetworkProxy::HttpProxy, p.host(), quint16(p.port()));
    }
    // The proxy the operating system names for this address, chosen here so that the choice does not
    // depend on the application-wide proxy settings.
    const QList<QNetworkProxy> system =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(config.endpoint));
    return system.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
}

/// The generated client set up for one blocking call from the calling thread: endpoint, UsernameToken,
/// time-out, proxy and TLS (the system CAs plus the configured bundle; certificate errors are collected,
/// never ignored). KDSoap runs the request in a thread of its own while the caller waits; the certificate
/// errors arrive from that thread.
class SoapCall
{
public:
    explicit SoapCall(const TransportConfig &config)
    {
        m_service.setEndPoint(config.endpoint.toString(QUrl::FullyEncoded));
        m_service.setSoapVersion(KDSoapClientInterface::SOAP1_1);
        KDSoapClientInterface *client = m_service.clientInterface();
        KDSoapAuthentication auth;
        auth.setUser(config.systemId);
        auth.setPassword(config.secret);
        auth.setUseWSUsernameToken(true);
        auth.setUsePasswordDigest(false);
        client->setAuthentication(auth);
        client->setTimeout(config.timeoutSeconds * 1000);
        client->setProxy(proxyFor(config));
        if (config.endpoint.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            if (!config.caBundle.isEmpty())
                ssl.addCaCertificates(config.caBundle, QSsl::Pem);
            ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
            client->setSslConfiguration(ssl);
            KDSoapSslHandler *handler = client->sslHandler();
            QObject::connect(
                handler, &KDSoapSslHandler::sslErrors, handler,
                [this](KDSoapSslHandler *, const QList<QSslError> &errors) {
                    const QMutexLocker lock(&m_mutex);
                    m_sslErrors += errors;
                },
                Qt::DirectConnection);
        }
    }

    wsdl::EdocService &service() { return m_service; }

    /// The fault of the last call, empty when it succeeded.
    struct Fault
    {
        QString code;
        QString text;
        QList<QSslError> sslErrors;
    };
    std::optional<Fault> fault()
    {
        const QString all = m_service.lastError();
        if (all.isEmpty())
            return std::nullopt;
        const QString code = m_service.lastFaultCode();
        // lastError() is KDSoapMessage::faultAsString(): "Fault code <code>: <faultstring>[ (<actor>)]".
        const QString prefix = QStringLiteral("Fault code %1: ").arg(code);
        Fault f;
        f.code = code.trimmed();
        f.text = (all.startsWith(prefix) ? all.mid(prefix.size()) : all).trimmed();
        const QMutexLocker lock(&m_mutex);
        f.sslErrors = m_sslErrors;
        return f;
    }

private:
    // Declared before the service, so that KDSoap's thread is gone before they are.
    QMutex m_mutex;
    QList<QSslError> m_sslErrors;
    wsdl::EdocService m_service;
};

bool isNumber(const QString &s)
{
    bool ok = false;
    s.toInt(&ok);
    return ok;
}

} // namespace

LgspSoapTransport::LgspSoapTransport(TransportConfig config) : ExchangeTransport(std::move(config)) {}

core::Error LgspSoapTransport::faultError(const QString &faultCode, const QString &faultString,
                                          const QList<QSslError> &sslErrors) const
{
    const QString server = HttpCall::serverName(m_config.endpoint);
    const QString code = faultCode.trimmed();
    if (code.isEmpty() || isNumber(code)) {
        // KDSoap's own fault: the reply was no SOAP envelope, or it never came.
        if (faultString.startsWith(QLatin1String("XML error:")))
            return errors::unreadable(server, faultString);
        const auto error = QNetworkReply::NetworkError(code.toInt());
        if (!sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError)
            return errors::tls(sslErrors, server, faultString);
        switch (error) {
        case QNetworkReply::RemoteHostClosedError:
            return errors::closedEarly(server);
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            return errors::timedOut(server, m_config.timeoutSeconds);
        case QNetworkReply::InternalServerError:
            return errors::server(server, 500);
        case QNetworkReply::OperationNotImplementedError:
            return errors::server(server, 501);
        case QNetworkReply::ServiceUnavailableError:
            return errors::server(server, 503);
        case QNetworkReply::UnknownServerError:
            return GOVDESK_ERROR("exchange.server",
                                 QT_TRANSLATE_NOOP("LgspSoapTransport",
                                                   "The exchange server %1 failed: %2; the request will be "
                                                   "tried again later"),
                                 server, faultString);
        case QNetworkReply::AuthenticationRequiredError:
        case QNetworkReply::ContentAccessDenied:
            return errors::auth(m_config.systemId, faultString);
        case QNetworkReply::ProtocolFailure:
        case QNetworkReply::ProtocolUnknownError:
            return errors::unreadable(server, faultString);
        case QNetworkReply::ContentNotFoundError:
        case QNetworkReply::ContentOperationNotPermittedError:
        case QNetworkReply::ContentGoneError:
        case QNetworkReply::ContentConflictError:
        case QNetworkReply::ProtocolInvalidOperationError:
        case QNetworkReply::UnknownContentError:
            return GOVDESK_ERROR(
                "exchange.config",
                QT_TRANSLATE_NOOP("LgspSoapTransport",
                                  "The exchange server %1 refused the HTTP request: %2; check "
                                  "the exchange address"),
                server, faultString);
        default:
            // Connection refused, host not found, proxy failures, network down.
            return errors::unreachable(server, faultString);
        }
    }

    // The server's fault: a qualified name such as soap:Client.Authentication or wsse:FailedAuthentication.
    const QString local = code.mid(code.lastIndexOf(QLatin1Char(':')) + 1);
    const QString text = faultString.isEmpty() ? code : faultString;
    if (local.startsWith(QLatin1String("Client.Authentication"), Qt::CaseInsensitive) ||
        local.compare(QLatin1String("FailedAuthentication"), Qt::CaseInsensitive) == 0 ||
        local.compare(QLatin1String("InvalidSecurity"), Qt::CaseInsensitive) == 0 ||
        local.compare(QLatin1String("InvalidSecurityToken"), Qt::CaseInsensitive) == 0)
        return errors::auth(m_config.systemId, text);
    if (local.compare(QLatin1String("Server"), Qt::CaseInsensitive) == 0 ||
        local.startsWith(QLatin1String("Server."), Qt::CaseInsensitive))
        return GOVDESK_ERROR("exchange.server",
                             QT_TRANSLATE_NOOP("LgspSoapTransport",
                                               "The exchange server %1 reported a server fault: %2; the "
                                               "request will be tried again later"),
                             server, text);
    // Client, Client.*, VersionMismatch, MustUnderstand: the request itself is refused.
    return errors::refused(text);
}

core::Result<QString> LgspSoapTransport::send(const QByteArray &edxml, MessageType type,
                                              const QStringList &toOrganIds)
{
    SoapCall call(m_config);
    wsdl::TNS__SendDocument request;
    request.setEdXML(edxml);
    request.setMessageType(type == MessageType::Status ? wsdl::TNS__MessageType::Status
                                                       : wsdl::TNS__MessageType::Edoc);
    request.setFrom(m_config.effectiveFrom());
    if (!toOrganIds.isEmpty())
        request.setTo(toOrganIds);
    const wsdl::TNS__SendDocumentResponse reply = call.service().sendDocument(request);
    if (const auto fault = call.fault())
        return faultError(fault->code, fault->text, fault->sslErrors);
    if (reply.documentId().trimmed().isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("documentId")));
    return reply.documentId().trimmed();
}

core::Result<QList<ReceivedItem>> LgspSoapTransport::listReceived(MessageType type)
{
    SoapCall call(m_config);
    wsdl::TNS__GetPendingDocumentIds request;
    request.setMessageType(type == MessageType::Status ? wsdl::TNS__MessageType::Status
                                                       : wsdl::TNS__MessageType::Edoc);
    const wsdl::TNS__GetPendingDocumentIdsResponse reply = call.service().getPendingDocumentIds(request);
    if (const auto fault = call.fault())
        return faultError(fault->code, fault->text, fault->sslErrors);
    QList<ReceivedItem> items;
    const QList<wsdl::TNS__PendingDocument> documents = reply.document();
    for (const wsdl::TNS__PendingDocument &d : documents) {
        ReceivedItem item;
        item.docId = d.documentId().trimmed();
        item.from = d.from().trimmed();
        for (const QString &to : d.to())
            if (!to.trimmed().isEmpty())
                item.to << to.trimmed();
        item.messageType = wire::parseMessageType(d.messageType().trimmed());
        item.createdTime = d.created();
        item.status = d.status().trimmed();
        // The contract lists pending documents only; a server that lists handled ones too is tolerated.
        const bool handled = item.status.compare(QLatin1String("done"), Qt::CaseInsensitive) == 0 ||
                             item.status.compare(QLatin1String("fail"), Qt::CaseInsensitive) == 0;
        if (!item.docId.isEmpty() && !handled)
            items << item;
    }
    return items;
}

core::Result<QByteArray> LgspSoapTransport::fetch(const QString &docId)
{
    SoapCall call(m_config);
    wsdl::TNS__GetDocument request;
    request.setDocumentId(docId);
    const wsdl::TNS__GetDocumentResponse reply = call.service().getDocument(request);
    if (const auto fault = call.fault())
        return faultError(fault->code, fault->text, fault->sslErrors);
    if (reply.edXML().isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("edXML")));
    return reply.edXML();
}

core::Result<void> LgspSoapTransport::acknowledge(const QString &docId, TransportAck status)
{
    SoapCall call(m_config);
    wsdl::TNS__UpdateTraces request;
    request.setDocumentId(docId);
    switch (status) {
    case TransportAck::Done:
        request.setStatus(wsdl::TNS__TraceStatus::Done);
        break;
    case TransportAck::Fail:
        request.setStatus(wsdl::TNS__TraceStatus::Fail);
        break;
    case TransportAck::Processing:
        request.setStatus(wsdl::TNS__TraceStatus::Processing);
        break;
    }
    const wsdl::TNS__UpdateTracesResponse reply = call.service().updateTraces(request);
    if (const auto fault = call.fault())
        return faultError(fault->code, fault->text, fault->sslErrors);
    // The echo tells a recorded trace from an empty 200 answer of something that is not the service.
    if (reply.documentId().trimmed().isEmpty())
        return errors::unreadable(HttpCall::serverName(m_config.endpoint),
                                  wire::missing(QStringLiteral("documentId")));
    return {};
}

core::Result<QList<Agency>> LgspSoapTransport::agencies()
{
    SoapCall call(m_config);
    const wsdl::TNS__GetOrganizationsResponse reply = call.service().getOrganizations();
    if (const auto fault = call.fault())
        return faultError(fault->code, fault->text, fault->sslErrors);
    QList<Agency> out;
    const QList<wsdl::TNS__Organization> organizations = reply.organization();
    for (const wsdl::TNS__Organization &o : organizations) {
        Agency a;
        a.code = o.code().trimmed();
        a.name = o.name().trimmed();
        a.parentCode = o.parentCode().trimmed();
        a.mail = o.mail().trimmed();
        if (!a.code.isEmpty())
            out << a;
    }
    return out;
}

} // namespace govdesk::exchange
