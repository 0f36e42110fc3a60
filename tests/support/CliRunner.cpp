#include "CliRunner.h"

#include <QProcess>

namespace govdesk::test {

QByteArray CliResult::describe() const
{
    return QByteArrayLiteral("exit ") + QByteArray::number(exitCode) + QByteArrayLiteral("\nstdout: ") +
           stdOut + QByteArrayLiteral("\nstderr: ") + stdErr;
}

CliRunner::CliRunner(QStringList options) : globalOptions(std::move(options)) {}

QString CliRunner::program()
{
    return qEnvironmentVariable("GOVDESK_CLI");
}

CliResult CliRunner::run(const QStringList &args, const QString &user, const QString &password,
                         const QProcessEnvironment &extra, int timeoutMs) const
{
    CliResult r;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GOVDESK_PASSWORD"));
    env.remove(QStringLiteral("GOVDESK_NEW_PASSWORD"));
    env.remove(QStringLiteral("GOVDESK_LANG"));
    if (!env.contains(QStringLiteral("GOVDESK_SYSTEM_CONFIG")))
        env.insert(QStringLiteral("GOVDESK_SYSTEM_CONFIG"), QStringLiteral("/nonexistent/govdesk.conf"));
    if (!password.isEmpty())
        env.insert(QStringLiteral("GOVDESK_PASSWORD"), password);
    for (const QString &k : extra.keys())
        env.insert(k, extra.value(k));
    QStringList all = globalOptions;
    if (!user.isEmpty())
        all << QStringLiteral("--as") << user;
    all << args;

    QProcess p;
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    if (program().isEmpty()) {
        r.stdErr = QByteArrayLiteral("GOVDESK_CLI is not set: run the tests through ctest");
        return r;
    }
    p.start(program(), all);
    if (!p.waitForStarted(10000)) {
        r.stdErr = p.errorString().toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.stdErr = QByteArrayLiteral("timed out");
        return r;
    }
    r.stdOut = p.readAllStandardOutput();
    r.stdErr = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.stdOut, &error);
    if (error.error == QJsonParseError::NoError)
        r.json = doc;
    return r;
}

} // namespace govdesk::test
