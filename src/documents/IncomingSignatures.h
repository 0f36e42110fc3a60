#pragma once

#include "core/Result.h"
#include "signing/crypto/Certificate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace govdesk::documents {

/// The verdict on a received file's digital signatures, kept with the attachment.
struct SignatureCheck
{
    QString verdict; ///< "" (not a signed PDF), "valid", "invalid", "indeterminate"
    QString report;  ///< JSON array, one object per signature (as `govdesk-cli verify --json`)
};

/// The machine's trust anchors: the government anchors shipped with GovDesk, the pinned government CA
/// certificates IT placed in the trust folders of the system config, and `extra` files trusted as given
/// (PEM/DER files or folders).
core::Result<signing::TrustStore> systemTrustStore(const QStringList &extra = {});

/// Verifies the signatures of a PDF against the shipped and IT-installed government trust anchors, checking
/// revocation online when the machine's settings allow it. Files that are not PDFs get an empty verdict.
SignatureCheck checkSignatures(const QByteArray &data);

} // namespace govdesk::documents
