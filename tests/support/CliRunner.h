#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStringList>

namespace govdesk::test {

/// What one run of govdesk-cli gave back.
struct CliResult
{
    int exitCode = -1; // -1: did not start, crashed or timed out
    QByteArray stdOut;
    QByteArray stdErr;
    QJsonDocument json; // stdout parsed as JSON (when it is)

    bool ok() const { return exitCode == 0; }
    QString out() const { return QString::fromUtf8(stdOut); }
    QString err() const { return QString::fromUtf8(stdErr); }
    /// For failure messages: the exit code and both streams.
    QByteArray describe() const;
};

/// Runs govdesk-cli (path from GOVDESK_CLI, set by the test registration) as a user would: fixed global
/// options (the workspace or database), the acting user's password in GOVDESK_PASSWORD, no system config.
class CliRunner
{
public:
    explicit CliRunner(QStringList globalOptions = {});

    static QString program();

    /// Runs `args` as `user` (no --as when empty) with `password`; extra environment from `env`.
    CliResult run(const QStringList &args, const QString &user = {}, const QString &password = {},
                  const QProcessEnvironment &env = {}, int timeoutMs = 120000) const;

    QStringList globalOptions;
};

} // namespace govdesk::test
