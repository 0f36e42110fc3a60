#pragma once

#include "core/Result.h"
#include "storage/Database.h"

namespace govdesk::storage {

/// Per-machine configuration written by IT staff at install time (/etc/govdesk/govdesk.conf on Linux,
/// %ProgramData%\GovDesk\govdesk.conf on Windows; GOVDESK_SYSTEM_CONFIG overrides the path). Keys:
///   [database] url=postgresql://…   locked=true|false
/// When the database is locked a user cannot point the client elsewhere.
/// Signing settings of the machine ([signing] section).
struct SigningSettings
{
    QStringList pkcs11Modules; ///< extra PKCS#11 module files (tokens not in the built-in list)
    QString tsaUrl;            ///< RFC 3161 timestamp server; "none" in the file disables timestamps
    QStringList
        trustDirs; ///< folders of government CA certificates, accepted when their fingerprint is pinned
    QStringList
        trustedCertificates; ///< further anchors IT trusts as given (files or folders), e.g. a national root
    bool onlineRevocation = true; ///< fetch OCSP/CRL at signing and verification time
};

/// Settings of the machine for document templates ([templates] section).
struct TemplateSettings
{
    QString officeConverter; ///< LibreOffice's soffice; empty: looked up on PATH and the usual places
    int conversionTimeoutSeconds = 120; ///< a conversion taking longer is stopped
};

class SystemConfig
{
    Q_DECLARE_TR_FUNCTIONS(SystemConfig)
public:
    static QString path();
    static QString defaultWorkspaceDir();

    /// Chooses where the data lives: an explicit workspace folder or database URL (CLI options, user
    /// settings) unless IT locked the database, then the system config, then the default SQLite workspace.
    static core::Result<ConnectionInfo> resolve(const QString &workspaceDir, const QString &databaseUrl);

    /// [signing] pkcs11Modules=a.so;b.so  tsa=http://tsa.ca.gov.vn  trustDirs=/etc/govdesk/trust
    /// trustedCertificates=…  onlineRevocation=true — with those defaults when the file or a key is missing.
    static SigningSettings signing();

    /// [templates] officeConverter=/opt/libreoffice/program/soffice  conversionTimeoutSeconds=120
    static TemplateSettings templates();
};

} // namespace govdesk::storage
