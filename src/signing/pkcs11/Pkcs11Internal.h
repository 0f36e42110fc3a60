#pragma once

// Private to the pkcs11 layer: included by its .cpp files only (it pulls in the PKCS#11 header).

#include "core/Error.h"

#include <QByteArray>
#include <QString>

// The PKCS#11 header defines short macros (value, count, params…) while it is being read and undefines them
// at its end; include it after every Qt header.
#include <p11-kit/pkcs11.h>

namespace govdesk::signing::p11 {

/// "CKR_PIN_INCORRECT (0xA0)": what an IT officer can look up in the vendor's documentation.
QString rvName(CK_RV rv);

/// True for the return values a module gives when the token left its reader (or the reader left the
/// computer) during the call.
bool isRemoval(CK_RV rv);

/// Blank- or NUL-padded CK_UTF8CHAR field, trimmed and decoded as UTF-8.
QString fixedText(const CK_UTF8CHAR *text, size_t size);

/// Overwrites memory in a way the compiler cannot drop (for PINs).
void wipe(void *data, size_t size);

/// "signing.token-removed": the token was unplugged.
core::Error tokenRemovedError();

/// Public key type and size read from a DER X.509 certificate; false when it cannot be parsed.
bool certificateKeyInfo(const QByteArray &der, QString *keyType, int *keyBits);

} // namespace govdesk::signing::p11
