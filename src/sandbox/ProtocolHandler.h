#pragma once

#include "HttpMessage.h"
#include "SandboxState.h"

namespace govdesk::sandbox {

/// One request routed to a protocol: the path below the protocol's prefix and the logical operation.
struct Call
{
    const HttpRequest &request;
    QString subPath;     ///< e.g. "/sendEdoc", "/vanbans/<docId>", "/v1/getEdoc"
    QString operation;   ///< FaultPlan operation name
    bool base64 = false; ///< the "base64" reply variant was asked for (getEdoc)
};

/// One wire protocol of the sandbox axis, served under its own path prefix. Adding a protocol (the LGSP
/// SOAP variant, say) is one more subclass and one line in SandboxServer's constructor.
class ProtocolHandler
{
public:
    virtual ~ProtocolHandler() = default;
    /// "/vxp", "/lgsp", "/lgsp-key".
    virtual QString prefix() const = 0;
    /// The operation (FaultPlan::operations()) a request asks for; empty when the path is not one of ours.
    virtual QString operation(const HttpRequest &request, const QString &subPath) const = 0;
    virtual HttpResponse handle(const Call &call, SandboxState &state) = 0;
    /// The reply to an injected HTTP error status, in the protocol's own shape.
    virtual HttpResponse injectedFailure(int status) const = 0;
};

} // namespace govdesk::sandbox
