#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

namespace govdesk::signing::testing {

class TestPki;
class PkiHttpWorker;

/// A tiny HTTP/1.1 server on 127.0.0.1 in its own thread (so a client blocking in a local event loop on the
/// test's main thread is still answered), serving the TestPki:
///   POST /tsa   → `openssl ts -reply` with the TSA certificate
///   POST /ocsp  → `openssl ocsp -index …` signed by the issuing CA
///   GET  /ca.crl, /root.crl → the CRLs (DER); GET /ca.crt, /root.crt → the CA certificates (DER)
/// Start it first (it picks a free port), then create the PKI with baseUrl().
class LocalPkiServer : public QObject
{
    Q_OBJECT
public:
    explicit LocalPkiServer(QObject *parent = nullptr);
    ~LocalPkiServer() override;

    bool start(TestPki &pki);
    QString baseUrl() const;
    /// Requests received for a path ("/tsa", "/ocsp", "/ca.crl"…) while up.
    int requestCount(const QString &path) const;
    /// Down: connections are closed without an answer.
    void setDown(bool down) { m_down = down; }

private:
    friend class PkiHttpWorker;
    void count(const QString &path);

    QThread m_thread;
    PkiHttpWorker *m_worker = nullptr;
    quint16 m_port = 0;
    std::atomic<bool> m_down{false};
    mutable QMutex m_mutex;
    QHash<QString, int> m_counts;
};

} // namespace govdesk::signing::testing
