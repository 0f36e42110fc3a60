#pragma once

#include <atomic>

#include "core/Result.h"

#include <QString>
#include <QUrl>

class QSettings;

namespace govdesk::exchange {

/// Which wire protocol a transport speaks.
enum class TransportKind
{
    Vxp,       ///< national axis (VPCP), REST + XroadVnpt HMAC headers ("vxp")
    LgspOAuth, ///< provincial LGSP behind WSO2 API Manager, OAuth2 client credentials ("lgsp-oauth")
    LgspKey,   ///< provincial LGSP with X-SystemId / X-SecretKey headers ("lgsp-key")
    LgspSoap,  ///< provincial LGSP over SOAP 1.1 with a WS-Security UsernameToken ("lgsp-soap")
};

/// "vxp", "lgsp-oauth", "lgsp-key", "lgsp-soap".
QString transportKindName(TransportKind kind);
/// The kind named by `name` (the names above, case-insensitive); false when unknown.
bool transportKindFromName(const QString &name, TransportKind *kind);

/// Where and how one agency talks to one exchange. The secret is held in memory only: it comes from the
/// OS keychain or from the environment variable `secretEnv` (see CredentialStore), never from a file.
struct TransportConfig
{
    TransportKind kind = TransportKind::Vxp;
    /// Base address, including any path prefix: https://vxp.example.vn,
    /// https://lgsp.example.vn/truclienthong/v1
    QUrl endpoint;
    /// The system id the credentials are registered for (VXP systemid, OAuth consumer key, X-SystemId).
    QString systemId;
    /// The shared secret (VXP HMAC key, OAuth consumer secret, X-SecretKey).
    QString secret;
    /// The sender id written as `from` on sent packets; the server requires it to equal the registered
    /// system id, so leave it empty (= systemId) unless the exchange operator says otherwise.
    QString from;
    /// OAuth token endpoint; empty = endpoint + "/token".
    QUrl tokenUrl;
    /// PEM file of extra trusted CA certificates, added to the system ones (certificates are always
    /// verified).
    QString caBundle;
    /// Empty = the system proxy; "none" = direct connection; "http://host:port" = that proxy.
    QString proxy;
    /// A call fails when nothing moves on the connection for this long.
    int timeoutSeconds = 60;
    /// Not a setting: while a run is going, the caller's "stop now" (the window closing). A call in progress
    /// is abandoned with exchange.cancelled soon after it turns true. Null: never.
    const std::atomic_bool *cancel = nullptr;
    /// Name of the environment variable holding the secret when no keychain is available.
    QString secretEnv;
    /// LGSP key transport: how many days back the received list is asked for.
    int listWindowDays = 30;
    /// Not a setting: a reply larger than this is refused before it is read whole. The largest packet the
    /// edXML reader takes (200 MB) base64-encoded in a JSON reply, with room to spare.
    qint64 maxReplyBytes = 320LL * 1024 * 1024;

    QString effectiveFrom() const { return from.isEmpty() ? systemId : from; }
    QUrl effectiveTokenUrl() const;
    /// The endpoint with `path` (starting with '/') appended to its own path, trailing slashes dropped.
    QUrl endpointUrl(const QString &path) const;

    /// Checks the fields every transport needs (endpoint, system id, CA bundle readable, proxy syntax).
    core::Result<void> validate() const;

    /// Reads a group of a settings file (the machine's govdesk.conf, [exchange] or [exchange.lgsp]):
    ///   kind=vxp  endpoint=https://…  systemId=…  from=…  tokenUrl=…  caBundle=/etc/govdesk/lgsp-ca.pem
    ///   proxy=http://proxy:3128  timeoutSeconds=60  secretEnv=GOVDESK_VXP_SECRET  listWindowDays=30
    /// A "secret" key in the file is ignored on purpose.
    static core::Result<TransportConfig> fromSettings(const QSettings &settings, const QString &group);
};

} // namespace govdesk::exchange
