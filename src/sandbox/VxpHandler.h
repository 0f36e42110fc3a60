#pragma once

#include "ProtocolHandler.h"

namespace govdesk::sandbox {

/// The national axis (VXP) under /vxp: POST /vxp/sendEdoc, /getReceivedEdocList, /getEdoc, /updateStatus,
/// /getSentEdocList, /getAgenciesList, parameters in XroadVnpt-* headers, checked like the real one:
/// the caller's systemid must be registered, XroadVnpt-hash-header must be hex HMAC-SHA256(secret,
/// XroadVnpt-sign-header), every name in XroadVnpt-sign-header-key must be in that JSON with the value of the
/// header sent, timestamp/systemid and the call's own keys must be signed, the timestamp
/// (ddMMyyyy'T'HHmmss+SSSS) must be within 15 minutes. Refused credentials: HTTP 401 with
/// {"status":"FAIL","ErrorCode":"401","ErrorDesc":…}; refused requests: HTTP 200 with status FAIL.
class VxpHandler : public ProtocolHandler
{
public:
    QString prefix() const override { return QStringLiteral("/vxp"); }
    QString operation(const HttpRequest &request, const QString &subPath) const override;
    HttpResponse handle(const Call &call, SandboxState &state) override;
    HttpResponse injectedFailure(int status) const override;
};

/// Lower-case hex SHA-256 and the SDK's variant without leading zeros per byte (SDKVXP writes hash-file with
/// Integer.toHexString), either is accepted.
bool hashFileMatches(const QByteArray &body, const QString &hashFile);
/// ISO 8601 local time with offset, as the sandbox writes times.
QString isoTime(const QDateTime &t);

} // namespace govdesk::sandbox
