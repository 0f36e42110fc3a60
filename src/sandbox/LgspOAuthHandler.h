#pragma once

#include "ProtocolHandler.h"

namespace govdesk::sandbox {

/// A WSO2-style provincial LGSP under /lgsp (shapes as LgspOAuthTransport documents them):
///   POST /lgsp/token   Basic base64(systemId:secret), grant_type=client_credentials
///        → {"access_token","token_type":"Bearer","expires_in"}; bad client: 401 {"error":"invalid_client"}
///   GET  /lgsp/vanbans?loaiVanBan=edoc|status     GET /lgsp/vanbans/{docId}
///   POST /lgsp/vanbans {"from","to":[…],"loaiVanBan","data":base64}
///   PUT  /lgsp/vanbans/{docId} {"status":"DONE"|"FAIL"|"PROCESSING"}      GET /lgsp/donvilienthongs
/// Calls need "Authorization: Bearer <token>"; a missing, unknown or expired token is 401 with WSO2's
/// {"fault":{"code":900901,…}}. Tokens live --token-lifetime seconds; POST /_sandbox/expire-tokens drops all.
class LgspOAuthHandler : public ProtocolHandler
{
public:
    QString prefix() const override { return QStringLiteral("/lgsp"); }
    QString operation(const HttpRequest &request, const QString &subPath) const override;
    HttpResponse handle(const Call &call, SandboxState &state) override;
    HttpResponse injectedFailure(int status) const override;

private:
    HttpResponse token(const HttpRequest &r, SandboxState &state);
};

} // namespace govdesk::sandbox
