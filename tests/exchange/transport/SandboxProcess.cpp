#include "SandboxProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace govdesk::test {

QList<SandboxAgency> standardAgencies()
{
    return {
        {QStringLiteral("000.00.00.H16"), QStringLiteral("UBND tỉnh Đắk Nông"), QStringLiteral("vxp.saas.16"),
         QStringLiteral("bí-mật-tỉnh-16"), QString()},
        {QStringLiteral("000.00.02.H16"), QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"),
         QStringLiteral("H16.SNV.002"), QStringLiteral("secret-sở-nội-vụ"), QStringLiteral("000.00.00.H16")},
        {QStringLiteral("000.00.00.G22"), QStringLiteral("Văn phòng Chính phủ"),
         QStringLiteral("000.00.00.G22"), QStringLiteral("vpcp-secret"), QString()},
    };
}

SandboxProcess::SandboxProcess(QString program)
    : m_program(program.isEmpty() ? qEnvironmentVariable("GOVDESK_SANDBOX") : std::move(program))
{}

SandboxProcess::~SandboxProcess()
{
    stop();
}

bool SandboxProcess::start(const QList<SandboxAgency> &agencies, const QStringList &extraArgs, QString *error)
{
    stop();
    if (m_program.isEmpty()) {
        *error = QStringLiteral("GOVDESK_SANDBOX is not set");
        return false;
    }
    m_args = QStringList{QStringLiteral("--port"), QStringLiteral("0")};
    if (!agencies.isEmpty()) {
        QJsonArray list;
        for (const SandboxAgency &a : agencies) {
            QJsonObject o{{QStringLiteral("code"), a.code},
                          {QStringLiteral("name"), a.name},
                          {QStringLiteral("systemId"), a.systemId},
                          {QStringLiteral("secret"), a.secret}};
            if (!a.parent.isEmpty())
                o.insert(QStringLiteral("parent"), a.parent);
            list.append(o);
        }
        const QString file = m_dir.filePath(QStringLiteral("agencies.json"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(list).toJson()) < 0) {
            *error = QStringLiteral("cannot write %1").arg(file);
            return false;
        }
        f.close();
        m_args << QStringLiteral("--agencies") << file;
    }
    m_args += extraArgs;
    m_process = std::make_unique<QProcess>();
    m_process->start(m_program, m_args);
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("%1 does not start: %2").arg(m_program, m_process->errorString());
        return false;
    }
    QByteArray out;
    QDeadlineTimer deadline(15000);
    while (!out.contains('\n') && !deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n')).trimmed();
    const QByteArray prefix = "govdesk-sandbox listening on ";
    if (!line.startsWith(prefix)) {
        *error = QStringLiteral("no listening line from the sandbox: stdout \"%1\", stderr \"%2\"")
                     .arg(QString::fromUtf8(out), QString::fromUtf8(m_process->readAllStandardError()));
        return false;
    }
    m_url = QString::fromUtf8(line.mid(prefix.size()));
    return true;
}

void SandboxProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
    m_url.clear();
}

QByteArray SandboxProcess::errorOutput()
{
    return m_process ? m_process->readAllStandardError() : QByteArray();
}

SandboxProcess::Reply SandboxProcess::request(const QByteArray &method, const QString &path,
                                              const QByteArray &body,
                                              const QList<std::pair<QByteArray, QByteArray>> &headers) const
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest req(QUrl(m_url + path));
    req.setRawHeader("Content-Type", "application/json");
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    delete reply;
    return r;
}

QJsonObject SandboxProcess::state() const
{
    return QJsonDocument::fromJson(request("GET", QStringLiteral("/_sandbox/state")).body).object();
}

QJsonObject SandboxProcess::counts(const QString &code) const
{
    return state().value(QLatin1String("agencies")).toObject().value(code).toObject();
}

bool SandboxProcess::arm(const QString &spec) const
{
    return request("POST", QStringLiteral("/_sandbox/faults"),
                   QJsonDocument(QJsonObject{{QStringLiteral("spec"), spec}}).toJson())
               .status == 200;
}

void SandboxProcess::clearFaults() const
{
    request("POST", QStringLiteral("/_sandbox/faults"),
            QJsonDocument(QJsonObject{{QStringLiteral("clear"), true}}).toJson());
}

void SandboxProcess::reset() const
{
    request("POST", QStringLiteral("/_sandbox/reset"));
}

void SandboxProcess::expireTokens() const
{
    request("POST", QStringLiteral("/_sandbox/expire-tokens"));
}

QByteArray samplePacket(const QString &from, const QStringList &to, const QString &marker, int size)
{
    QString tos;
    for (const QString &t : to)
        tos += QStringLiteral("<edXML:To><edXML:OrganId>%1</edXML:OrganId><edXML:OrganName>Đơn vị nhận"
                              "</edXML:OrganName></edXML:To>\r\n")
                   .arg(t);
    QByteArray filler(qMax(0, size - 1500) * 3 / 4, Qt::Uninitialized);
    for (char &c : filler)
        c = char(QRandomGenerator::global()->bounded(256));
    const QString xml =
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\r\n"
            "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\r\n"
            "<edXML:edXMLHeader><edXML:MessageHeader>\r\n"
            "<edXML:From><edXML:OrganId>%1</edXML:OrganId><edXML:OrganName>UBND tỉnh Đắk "
            "Nông</edXML:OrganName>"
            "</edXML:From>\r\n%2"
            "<edXML:DocumentId>%1,2025/05/20,%3/UBND-VP</edXML:DocumentId>\r\n"
            "<edXML:Subject>V/v triển khai công tác số hóa hồ sơ (%3)</edXML:Subject>\r\n"
            "</edXML:MessageHeader></edXML:edXMLHeader>\r\n"
            "<edXML:edXMLBody><edXML:edXMLManifest version=\"1.0\"><edXML:Reference><edXML:ContentId>cid:1"
            "</edXML:ContentId><edXML:AttachmentName>công-văn.pdf</edXML:AttachmentName></edXML:Reference>"
            "</edXML:edXMLManifest></edXML:edXMLBody>\r\n"
            "</edXML:edXMLEnvelope>\r\n"
            "<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>công-văn.pdf"
            "</AttachmentName><ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded "
            "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">%4</edXML:ContentTransferEncoded>"
            "</Attachment></AttachmentEncoded>\r\n"
            "</edXML>\r\n")
            .arg(from, tos, marker, QString::fromLatin1(filler.toBase64()));
    return xml.toUtf8();
}

QByteArray sampleStatus(const QString &from, const QString &responseFor, const QString &statusCode)
{
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
               "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
               "<edXML:edXMLHeader><edXML:MessageHeader>\n"
               "<edXML:From><edXML:OrganId>%1</edXML:OrganId></edXML:From>\n"
               "<edXML:ResponseFor><edXML:OrganId>%2</edXML:OrganId><edXML:Code>12/UBND-VP</edXML:Code>"
               "<edXML:DocumentId>%2,2025/05/20,12/UBND-VP</edXML:DocumentId></edXML:ResponseFor>\n"
               "<edXML:StatusCode>%3</edXML:StatusCode><edXML:Description>Đã đến</edXML:Description>\n"
               "<edXML:Timestamp>2025/05/21 08:00:00</edXML:Timestamp>\n"
               "</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>\n")
        .arg(from, responseFor, statusCode)
        .toUtf8();
}

void clearProxyEnvironment()
{
    for (const char *v : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                          "no_proxy", "NO_PROXY"})
        qunsetenv(v);
}

bool ServerCertificates::openssl(const QStringList &args, QString *error) const
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool ServerCertificates::serverCertificate(const QString &name, const QStringList &validity,
                                           QString *error) const
{
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                    QStringLiteral("-out"), name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                    QStringLiteral("/O=GovDesk test/CN=127.0.0.1")},
                   error) &&
           openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                               name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                               QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                               QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                               name + QStringLiteral(".pem"), QStringLiteral("-extfile"),
                               QStringLiteral("server.ext")} +
                       validity,
                   error);
}

bool ServerCertificates::create(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder for the certificates");
        return false;
    }
    QFile ext(path(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly)) {
        *error = ext.errorString();
        return false;
    }
    ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,"
              "keyEncipherment\nextendedKeyUsage=serverAuth\n");
    ext.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                    QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                    QStringLiteral("/O=GovDesk test/CN=GovDesk Test CA"), QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                   error) &&
           serverCertificate(QStringLiteral("good"), {QStringLiteral("-days"), QStringLiteral("30")},
                             error) &&
           serverCertificate(QStringLiteral("expired"),
                             {QStringLiteral("-not_before"), QStringLiteral("20200101000000Z"),
                              QStringLiteral("-not_after"), QStringLiteral("20210101000000Z")},
                             error);
}

QStringList ServerCertificates::tlsArgs(const QString &name) const
{
    return {QStringLiteral("--tls-cert"), path(name + QStringLiteral(".pem")), QStringLiteral("--tls-key"),
            path(name + QStringLiteral(".key"))};
}

} // namespace govdesk::test
