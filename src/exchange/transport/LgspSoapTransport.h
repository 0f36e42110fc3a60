#pragma once

#include "exchange/transport/ExchangeTransport.h"

#include <QList>
#include <QSslError>

namespace govdesk::exchange {

/// A provincial LGSP spoken over SOAP 1.1 (document/literal), through the client KDSoap's kdwsdl2cpp
/// generates at build time from wsdl/lgsp-edoc.wsdl.
///
/// The real provincial SOAP service was not found in public material: EXCHANGE.md §4.3 gives only the legacy
/// eDoc axis's namespace http://www.e-doc.vn/Schema/ and its operation names. The WSDL is therefore our
/// contract, which govdesk-sandbox serves under /lgsp-soap; a real deployment must be checked against it.
///   SendDocument          {edXML base64Binary, messageType edoc|status, from?, to*}  → {documentId}
///   GetPendingDocumentIds {messageType}  → {document*: documentId, from, to*, messageType, created, status?}
///   GetDocument           {documentId}   → {documentId, edXML base64Binary}
///   UpdateTraces          {documentId, status done|fail|processing}  → {documentId, status}
///   GetOrganizations      {}             → {organization*: code, name, parentCode?, mail?}
/// The endpoint is the SOAP address itself (SOAPAction http://www.e-doc.vn/Schema/<Operation>). Every request
/// carries a WS-Security UsernameToken header, Username = systemId and Password = secret as PasswordText —
/// the secret travels in the message, so anything but a test bench must be HTTPS. `from` is always sent
/// (effectiveFrom()); the server refuses one that is not the UsernameToken's Username.
///
/// SOAP faults: faultcode Client.Authentication (and the WS-Security codes FailedAuthentication,
/// InvalidSecurity, InvalidSecurityToken) → exchange.auth; Client or Client.* → exchange.refused quoting the
/// faultstring; Server or Server.* → exchange.server. Below SOAP: connection refused, reset or closed and
/// time-out → exchange.network; certificate problems → exchange.tls saying which; a reply cut short or not a
/// SOAP envelope → exchange.protocol.
/// Two limits of KDSoap's blocking calls: they do not expose the HTTP status, so an HTTP error whose body
/// is not a SOAP fault (a proxy's HTML page) is reported as a reply that is not SOAP (exchange.protocol,
/// retried like a server error) and only a bodiless 5xx as exchange.server; and the time-out runs over the
/// whole call, not over a silent connection.
class LgspSoapTransport : public ExchangeTransport
{
public:
    explicit LgspSoapTransport(TransportConfig config);

    TransportKind kind() const override { return TransportKind::LgspSoap; }
    core::Result<QString> send(const QByteArray &edxml, MessageType type,
                               const QStringList &toOrganIds) override;
    core::Result<QList<ReceivedItem>> listReceived(MessageType type) override;
    core::Result<QByteArray> fetch(const QString &docId) override;
    core::Result<void> acknowledge(const QString &docId, TransportAck status) override;
    core::Result<QList<Agency>> agencies() override;

    /// The error a failed call reports, from the fault KDSoap returned: the server's faultcode and
    /// faultstring, or KDSoap's own (a QNetworkReply::NetworkError number, or an "XML error: …" text when
    /// the reply was not a readable SOAP envelope) and the certificate errors seen during the handshake.
    core::Error faultError(const QString &faultCode, const QString &faultString,
                           const QList<QSslError> &sslErrors = {}) const;
};

} // namespace govdesk::exchange
