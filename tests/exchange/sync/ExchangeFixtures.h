#pragma once

#include "core/Result.h"
#include "documents/IncomingDocument.h"
#include "support/TestSupport.h"

#include <QString>
#include <QStringList>

namespace govdesk::test {

/// A công văn of `office` (the provincial People's Committee's office) addressed over the exchange to
/// `recipientCode`, drafted by the officer, approved by the leader and numbered by the clerk; its file is a
/// one-page PDF drawn like the template ("Kính gửi: `recipientName`."), named cong-van-`serial`.pdf.
/// Returns the outgoing document's id.
core::Result<QString> issuedCongVan(const Office &office, const QString &subject,
                                    const QString &recipientCode, const QString &recipientName, int serial,
                                    documents::Secrecy secrecy = documents::Secrecy::None);

} // namespace govdesk::test
