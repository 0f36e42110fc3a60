#pragma once

#include "ProtocolHandler.h"

#include <QHash>
#include <QStringList>

namespace govdesk::sandbox {

/// A provincial LGSP over SOAP 1.1 under /lgsp-soap, following GovDesk's contract
/// src/exchange/transport/wsdl/lgsp-edoc.wsdl (document/literal, namespace http://www.e-doc.vn/Schema/; the
/// real provincial service's shape is not public). The envelope is POSTed to /lgsp-soap itself (a path below
/// it works too); the operation is the last segment of the SOAPAction header, or without one the Body's
/// first element, and both must agree:
///   SendDocument {edXML, messageType, from?, to*}   sendEdoc             → {documentId}
///   GetPendingDocumentIds {messageType}             getReceivedEdocList  → {document*} (pending only)
///   GetDocument {documentId}                        getEdoc              → {documentId, edXML}
///   UpdateTraces {documentId, status}               updateStatus         → {documentId, status}
///   ConfirmReceived {documentId}                    updateStatus         (UpdateTraces with status done)
///   GetOrganizations {}                             getAgenciesList      → {organization*}
///   GET /lgsp-soap?wsdl                             the WSDL itself (counted as operation "wsdl")
/// Every request needs a WS-Security UsernameToken header (Username = systemId, Password = secret as
/// PasswordText; PasswordDigest is accepted too). Answers are SOAP 1.1 envelopes; faults go with HTTP 500:
/// soap:Client.Authentication (token missing or refused), soap:Client (refused, with the axis's words, e.g.
/// the wrong-`from` text), soap:VersionMismatch (a SOAP 1.2 envelope); an injected HTTP error carries a
/// soap:Server fault. Envelopes are read with QXmlStreamReader and a DOCTYPE is refused, so no entity is
/// ever declared or expanded.
class LgspSoapHandler : public ProtocolHandler
{
public:
    QString prefix() const override { return QStringLiteral("/lgsp-soap"); }
    QString operation(const HttpRequest &request, const QString &subPath) const override;
    HttpResponse handle(const Call &call, SandboxState &state) override;
    HttpResponse injectedFailure(int status) const override;
};

/// A SOAP request as the sandbox reads it.
struct SoapEnvelope
{
    QString error;                ///< why it cannot be read; empty when it can
    bool versionMismatch = false; ///< a SOAP 1.2 (or other) envelope
    QString operation;            ///< local name of the Body's first element
    QString operationNamespace;
    bool hasToken = false; ///< a wsse:UsernameToken was present
    QString username;
    QString password;
    QString passwordType; ///< the Password's Type attribute
    QString nonce;        ///< base64, as sent
    QString created;
    QHash<QString, QStringList> fields; ///< the operation's child elements by local name, in order
};

/// Reads a SOAP 1.1 envelope; refuses a DOCTYPE (no entities) and anything not well-formed.
SoapEnvelope parseSoapEnvelope(const QByteArray &body);

} // namespace govdesk::sandbox
