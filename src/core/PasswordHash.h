#pragma once

#include <QByteArray>
#include <QString>

namespace govdesk::core {

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256, stored as "pbkdf2-sha256$<iterations>$<salt b64>$<key
/// b64>" so the cost can be raised later without invalidating existing accounts.
class PasswordHash
{
public:
    static constexpr int DefaultIterations = 120000;

    static QString hash(const QString &password, int iterations = DefaultIterations);
    static bool verify(const QString &password, const QString &stored);
    static QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations,
                                   int length);
};

} // namespace govdesk::core
