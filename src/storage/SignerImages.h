#pragma once

#include "core/Result.h"
#include "core/User.h"

#include <QByteArray>

namespace govdesk::storage {

class Database;

/// The images a digital signature shows (Decree 30/2020 Phụ lục I): each user's handwritten signature and
/// the organisation's seal with its real size. Kept in the blob store; every change is in the audit trail.
/// A user sets their own signature (an administrator may set anyone's); only the văn thư or an
/// administrator sets the seal, as the organisation certificate is in the văn thư's keeping.
class SignerImages
{
    Q_DECLARE_TR_FUNCTIONS(SignerImages)
public:
    explicit SignerImages(Database &db) : m_db(db) {}

    struct Seal
    {
        QByteArray png;
        double sizeMm = 0;
    };

    core::Result<void> setSignature(const core::User &actor, const QString &userId, const QByteArray &png);
    core::Result<QByteArray> signature(const QString &userId); ///< empty when none was set
    core::Result<void> setSeal(const core::User &actor, const QByteArray &png, double sizeMm);
    core::Result<Seal> seal(); ///< empty png when none was set

private:
    core::Result<void> store(const core::User &actor, const QString &key, const QByteArray &png,
                             const QList<QPair<QString, QString>> &extra);
    core::Result<QByteArray> load(const QString &key);
    Database &m_db;
};

} // namespace govdesk::storage
