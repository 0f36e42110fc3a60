#include "LocalPkiServer.h"

#include "TestPki.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

namespace govdesk::signing::testing {

class PkiHttpWorker : public QObject
{
public:
    PkiHttpWorker(LocalPkiServer *owner, TestPki *pki) : m_owner(owner), m_pki(pki) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(m_server, &QTcpServer::newConnection, this, &PkiHttpWorker::accept);
        return m_server->serverPort();
    }

private:
    void accept()
    {
        while (QTcpSocket *s = m_server->nextPendingConnection()) {
            if (m_owner->m_down) {
                s->abort();
                s->deleteLater();
                continue;
            }
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    }

    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        qsizetype contentLength = 0;
        for (const QByteArray &l : lines) {
            const qsizetype colon = l.indexOf(':');
            if (colon > 0 && l.left(colon).trimmed().toLower() == "content-length")
                contentLength = l.mid(colon + 1).trimmed().toLongLong();
        }
        if (buf.size() < headerEnd + 4 + contentLength)
            return;
        const QByteArray method = requestLine.value(0);
        const QString path = QString::fromLatin1(requestLine.value(1));
        const QByteArray body = buf.mid(headerEnd + 4, contentLength);
        m_buffers.remove(s);
        if (m_owner->m_down) {
            s->abort();
            return;
        }
        m_owner->count(path);

        int status = 200;
        QByteArray type = "application/octet-stream", reply;
        if (method == "POST" && path == u"/tsa") {
            type = "application/timestamp-reply";
            reply = runOpenssl({QStringLiteral("ts"), QStringLiteral("-reply"), QStringLiteral("-config"),
                                m_pki->tsaConfigPath(), QStringLiteral("-queryfile"), QStringLiteral("%IN%"),
                                QStringLiteral("-out"), QStringLiteral("%OUT%")},
                               body);
        } else if (method == "POST" && path == u"/ocsp") {
            type = "application/ocsp-response";
            const TestIdentity ca = m_pki->issuingCa();
            reply = runOpenssl({QStringLiteral("ocsp"), QStringLiteral("-index"), m_pki->ocspIndexPath(),
                                QStringLiteral("-CA"), ca.certPem, QStringLiteral("-rsigner"), ca.certPem,
                                QStringLiteral("-rkey"), ca.keyPem, QStringLiteral("-ndays"),
                                QStringLiteral("1"), QStringLiteral("-reqin"), QStringLiteral("%IN%"),
                                QStringLiteral("-respout"), QStringLiteral("%OUT%")},
                               body);
        } else if (method == "GET" && path == u"/ca.crl") {
            type = "application/pkix-crl";
            reply = readFile(m_pki->crlPath());
        } else if (method == "GET" && path == u"/root.crl") {
            type = "application/pkix-crl";
            reply = readFile(m_pki->rootCrlPath());
        } else if (method == "GET" && path == u"/ca.crt") {
            type = "application/pkix-cert";
            reply = m_pki->issuingCa().certDer;
        } else if (method == "GET" && path == u"/root.crt") {
            type = "application/pkix-cert";
            reply = m_pki->root().certDer;
        } else {
            status = 404;
        }
        if (status == 200 && reply.isEmpty())
            status = 500;
        const QByteArray reason = status == 200   ? "OK"
                                  : status == 404 ? "Not Found"
                                                  : "Internal Server Error";
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        head += "Content-Type: " + type + "\r\nContent-Length: " + QByteArray::number(reply.size()) +
                "\r\nConnection: close\r\n\r\n";
        s->write(head + reply);
        s->disconnectFromHost();
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QByteArray runOpenssl(QStringList args, const QByteArray &input)
    {
        const QString stem = m_pki->dir() + QStringLiteral("/req-%1").arg(++m_serial);
        const QString in = stem + QStringLiteral(".in"), out = stem + QStringLiteral(".out");
        QFile f(in);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(input);
        f.close();
        for (QString &a : args) {
            if (a == u"%IN%")
                a = in;
            else if (a == u"%OUT%")
                a = out;
        }
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStandardPaths::findExecutable(QStringLiteral("openssl")), args);
        p.waitForFinished(30000);
        const QByteArray result = p.exitCode() == 0 ? readFile(out) : QByteArray();
        if (result.isEmpty())
            qWarning("openssl %s failed: %s", qPrintable(args.value(0)), p.readAll().constData());
        QFile::remove(in);
        QFile::remove(out);
        return result;
    }

    LocalPkiServer *m_owner;
    TestPki *m_pki;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_serial = 0;
};

LocalPkiServer::LocalPkiServer(QObject *parent) : QObject(parent) {}

LocalPkiServer::~LocalPkiServer()
{
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

bool LocalPkiServer::start(TestPki &pki)
{
    if (m_worker)
        return m_port != 0;
    m_thread.start();
    m_worker = new PkiHttpWorker(this, &pki);
    m_worker->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QString LocalPkiServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

int LocalPkiServer::requestCount(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    return m_counts.value(path);
}

void LocalPkiServer::count(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    ++m_counts[path];
}

} // namespace govdesk::signing::testing
