#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace govdesk::test {

/// Unsets the proxy variables of the environment (http_proxy … no_proxy), so that calls to 127.0.0.1 go
/// straight to the sandbox whatever the machine running the tests is set up with.
void clearProxyEnvironment();

/// One agency of the sandbox's agencies file.
struct SandboxAgency
{
    QString code;
    QString name;
    QString systemId;
    QString secret;
    QString parent;
};

/// The three agencies the transport tests use: a province (A), one of its departments (B) and VPCP (C);
/// system ids differ from the codes, as on the real axis.
QList<SandboxAgency> standardAgencies();

/// A real govdesk-sandbox process (path from $GOVDESK_SANDBOX, or the path given), started on port 0 with
/// an agencies file written here; stopped with the object.
class SandboxProcess
{
public:
    explicit SandboxProcess(QString program = {});
    ~SandboxProcess();

    /// Starts it (with its built-in demo agencies when `agencies` is empty); false with `error` set when it
    /// does not come up. `extraArgs` are passed as they are.
    bool start(const QList<SandboxAgency> &agencies, const QStringList &extraArgs, QString *error);
    void stop();
    /// http(s)://127.0.0.1:N as printed by the sandbox.
    QString url() const { return m_url; }
    QUrl endpoint(const QString &prefix) const { return QUrl(m_url + prefix); }
    /// Everything the process wrote on stderr so far (for failure messages).
    QByteArray errorOutput();

    /// GET /_sandbox/state.
    QJsonObject state() const;
    /// The counts of one agency: sent, delivered, pending, acknowledged.
    QJsonObject counts(const QString &code) const;
    /// POST /_sandbox/faults {"spec": spec}; false when the sandbox refused it.
    bool arm(const QString &spec) const;
    void clearFaults() const;
    void reset() const;
    void expireTokens() const;

    /// Blocking request to the sandbox (control calls, raw protocol checks): status and body.
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {}) const;

    QString dataDir() const { return m_dir.path(); }

private:
    QString m_program;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_url;
    QStringList m_args;
};

/// A throwaway certificate authority made with the openssl command, with two server certificates for
/// IP 127.0.0.1: "good" (valid 30 days) and "expired" (valid in 2020 only).
class ServerCertificates
{
public:
    /// Makes the CA and both certificates; false with `error` set when openssl fails.
    bool create(QString *error);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    /// The CA certificate, for TransportConfig::caBundle.
    QString caBundle() const { return path(QStringLiteral("ca.pem")); }
    /// The sandbox arguments serving certificate `name` ("good" or "expired").
    QStringList tlsArgs(const QString &name) const;

private:
    bool openssl(const QStringList &args, QString *error) const;
    bool serverCertificate(const QString &name, const QStringList &validity, QString *error) const;

    QTemporaryDir m_dir;
};

/// A small edXML document packet from `from` to `to` whose content is made unique by `marker` and padded
/// with a base64 attachment to about `size` bytes.
QByteArray samplePacket(const QString &from, const QStringList &to, const QString &marker, int size = 4000);
/// A status packet (QCVN 102 §1.7) from `from` about a document issued by `responseFor`.
QByteArray sampleStatus(const QString &from, const QString &responseFor, const QString &statusCode);

} // namespace govdesk::test
