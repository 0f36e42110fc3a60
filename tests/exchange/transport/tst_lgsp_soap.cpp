// The provincial LGSP over SOAP, beyond the shared scenarios (tst_transport_lgsp_soap): a wrong password is
// an authentication error a clerk can act on; the request the WSDL-generated client writes carries the
// contract's namespace, operation names, SOAPAction and WS-Security UsernameToken (checked on the raw bytes
// by a listening socket of this test, independently of the sandbox); each kind of SOAP fault and broken
// reply maps to the code the sync engine acts on; HTTPS is verified against the configured CA bundle and
// refused otherwise, saying why; an explicit proxy is used; and the sandbox's /lgsp-soap handler refuses
// what a SOAP server must refuse (DOCTYPEs, SOAP 1.2, missing tokens) and serves its WSDL.
#include "SandboxProcess.h"
#include "exchange/transport/TransportFactory.h"
#include "support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QMultiMap>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QXmlStreamReader>

#include <memory>
#include <optional>

using namespace govdesk;
using namespace govdesk::exchange;
using govdesk::test::SandboxAgency;

namespace {

const QString kSoap11 = QStringLiteral("http://schemas.xmlsoap.org/soap/envelope/");
const QString kEdoc = QStringLiteral("http://www.e-doc.vn/Schema/");
const QString kWsse =
    QStringLiteral("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");

/// Runs a blocking transport call on another thread while this one keeps serving the test's socket.
template<typename F> auto aside(F f) -> decltype(f())
{
    std::optional<decltype(f())> out;
    std::unique_ptr<QThread> thread(QThread::create([&] { out.emplace(f()); }));
    thread->start();
    while (!thread->isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    thread->wait();
    return std::move(*out);
}

/// A one-shot HTTP server on 127.0.0.1: keeps every request as received and answers each with `reply`.
class CaptureServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    int status = 200;
    QByteArray contentType = "text/xml; charset=utf-8";
    QByteArray reply;
    QList<Request> requests;

    bool listen()
    {
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &CaptureServer::accept);
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl endpoint() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/lgsp-soap").arg(m_server.serverPort()));
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                if (buffer->isNull() && socket->property("answered").toBool())
                    return;
                *buffer += socket->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request r;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                r.method = first.value(0);
                r.path = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                         lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = r.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                r.body = buffer->mid(end + 4, length);
                requests << r;
                socket->setProperty("answered", true);
                *buffer = QByteArray();
                QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
                if (!reply.isEmpty())
                    head += "Content-Type: " + contentType + "\r\n";
                head +=
                    "Content-Length: " + QByteArray::number(reply.size()) + "\r\nConnection: close\r\n\r\n";
                socket->write(head + reply);
                socket->disconnectFromHost();
            });
        }
    }

    QTcpServer m_server;
};

QByteArray envelope(const QByteArray &body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
           "xmlns:e=\"http://www.e-doc.vn/Schema/\"><soap:Body>" +
           body + "</soap:Body></soap:Envelope>";
}

QByteArray faultBody(const QByteArray &code, const QByteArray &text, const QByteArray &extraNs = {})
{
    return envelope("<soap:Fault" + extraNs + "><faultcode>" + code + "</faultcode><faultstring>" + text +
                    "</faultstring></soap:Fault>");
}

/// What the test reads out of a request envelope, with its own parser.
struct Shape
{
    QString envelopeNs;
    QString securityNs;
    QString username;
    QString password;
    QString passwordType;
    QString operation;
    QString operationNs;
    QList<std::pair<QString, QString>> fields; // local name, text, in order
    QSet<QString> fieldNamespaces;
    QString error;

    QStringList values(const QString &name) const
    {
        QStringList out;
        for (const auto &[n, v] : fields)
            if (n == name)
                out << v;
        return out;
    }
};

Shape shapeOf(const QByteArray &body)
{
    Shape s;
    QXmlStreamReader x(body);
    if (!x.readNextStartElement()) {
        s.error = x.errorString();
        return s;
    }
    s.envelopeNs = x.namespaceUri().toString();
    while (x.readNextStartElement()) {
        if (x.name() == QLatin1String("Header")) {
            while (x.readNextStartElement()) {
                if (x.name() != QLatin1String("Security")) {
                    x.skipCurrentElement();
                    continue;
                }
                s.securityNs = x.namespaceUri().toString();
                while (x.readNextStartElement()) {
                    if (x.name() != QLatin1String("UsernameToken")) {
                        x.skipCurrentElement();
                        continue;
                    }
                    while (x.readNextStartElement()) {
                        if (x.name() == QLatin1String("Username")) {
                            s.username = x.readElementText();
                        } else if (x.name() == QLatin1String("Password")) {
                            s.passwordType = x.attributes().value(QLatin1String("Type")).toString();
                            s.password = x.readElementText();
                        } else {
                            x.skipCurrentElement();
                        }
                    }
                }
            }
        } else if (x.name() == QLatin1String("Body")) {
            if (x.readNextStartElement()) {
                s.operation = x.name().toString();
                s.operationNs = x.namespaceUri().toString();
                while (x.readNextStartElement()) {
                    s.fieldNamespaces.insert(x.namespaceUri().toString());
                    const QString name = x.name().toString();
                    s.fields.append({name, x.readElementText(QXmlStreamReader::IncludeChildElements)});
                }
                x.skipCurrentElement();
            }
            x.skipCurrentElement();
        } else {
            x.skipCurrentElement();
        }
    }
    if (x.hasError())
        s.error = x.errorString();
    return s;
}

} // namespace

class TestLgspSoap : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    test::SandboxProcess m_tls;     // HTTPS, certificate for IP 127.0.0.1 from the test CA
    test::SandboxProcess m_expired; // same CA, validity over in 2021
    test::ServerCertificates m_pki;
    QList<SandboxAgency> m_agencies = test::standardAgencies();
    int m_serial = 0;

    TransportConfig configFor(const QUrl &endpoint, const SandboxAgency &agency,
                              int timeoutSeconds = 15) const
    {
        TransportConfig c;
        c.kind = TransportKind::LgspSoap;
        c.endpoint = endpoint;
        c.systemId = agency.systemId;
        c.secret = agency.secret;
        c.timeoutSeconds = timeoutSeconds;
        return c;
    }

    std::unique_ptr<ExchangeTransport> transport(const TransportConfig &c) const
    {
        auto t = createTransport(c);
        if (!t)
            qFatal("%s", test::why(t).constData());
        return std::move(t).value();
    }

    core::Error failureOf(const TransportConfig &c)
    {
        const auto r = transport(c)->agencies();
        return r.ok() ? core::Error() : r.error();
    }

    /// The error of one call against a server that answers `status` and `body`.
    core::Error errorFromServer(int status, const QByteArray &body)
    {
        CaptureServer server;
        if (!server.listen())
            return core::Error();
        server.status = status;
        server.reply = body;
        const TransportConfig c = configFor(server.endpoint(), m_agencies[0], 10);
        const auto sent = aside([&] {
            return transport(c)->send(test::samplePacket(m_agencies[0].code, {m_agencies[1].code},
                                                         QStringLiteral("fault-%1").arg(++m_serial)),
                                      MessageType::Edoc, {m_agencies[1].code});
        });
        return sent.ok() ? core::Error() : sent.error();
    }

    /// Posts a raw envelope to the sandbox's /lgsp-soap.
    test::SandboxProcess::Reply post(const QByteArray &body, const QByteArray &action)
    {
        return m_sandbox.request("POST", QStringLiteral("/lgsp-soap"), body,
                                 {{"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", action}});
    }

    QByteArray token(const SandboxAgency &agency) const
    {
        return "<soap:Header><wsse:Security xmlns:wsse=\"" + kWsse.toUtf8() +
               "\"><wsse:UsernameToken><wsse:Username>" + agency.systemId.toUtf8() +
               "</wsse:Username><wsse:Password>" + agency.secret.toUtf8() +
               "</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>";
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::clearProxyEnvironment();
        QString error;
        QVERIFY2(m_sandbox.start(m_agencies, {}, &error), qPrintable(error));

        QVERIFY2(m_pki.create(&error), qPrintable(error));
        QVERIFY2(m_tls.start(m_agencies, m_pki.tlsArgs(QStringLiteral("good")), &error), qPrintable(error));
        QVERIFY2(m_expired.start(m_agencies, m_pki.tlsArgs(QStringLiteral("expired")), &error),
                 qPrintable(error));
    }

    void init() { m_sandbox.reset(); }

    void wrongPasswordIsAnAuthenticationError()
    {
        TransportConfig c = configFor(m_sandbox.endpoint(QStringLiteral("/lgsp-soap")), m_agencies[0]);
        c.secret = QStringLiteral("sai-mật-khẩu");
        auto t = transport(c);
        const auto sent = t->send(
            test::samplePacket(m_agencies[0].code, {m_agencies[1].code}, QStringLiteral("wrong-password")),
            MessageType::Edoc, {m_agencies[1].code});
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), QStringLiteral("exchange.auth"));
        // The system id the clerk must check, and the server's own words.
        QVERIFY2(sent.error().english().contains(m_agencies[0].systemId), qPrintable(sent.error().english()));
        QVERIFY2(sent.error().english().contains(QStringLiteral("Sai mat khau")),
                 qPrintable(sent.error().english()));
        QVERIFY(!retryable(sent.error()));
        for (const auto &other : {t->agencies().error(), t->listReceived(MessageType::Edoc).error(),
                                  t->fetch(QStringLiteral("0123456789abcdef01234567")).error()})
            QCOMPARE(other.code(), QStringLiteral("exchange.auth"));
        QCOMPARE(m_sandbox.counts(m_agencies[1].code).value(QLatin1String("delivered")).toInt(-1), 0);

        // The right password works at once: nothing of the refusal sticks.
        c.secret = m_agencies[0].secret;
        GD_VERIFY_OK(transport(c)->agencies());
    }

    void generatedRequestsCarryTheContractsNamespaceAndOperations()
    {
        CaptureServer server;
        QVERIFY(server.listen());
        const TransportConfig c = configFor(server.endpoint(), m_agencies[0]);
        const QByteArray packet = test::samplePacket(
            m_agencies[0].code, {m_agencies[1].code, m_agencies[2].code}, QStringLiteral("shape"));

        auto check = [&](const QString &operation) -> Shape {
            const CaptureServer::Request r = server.requests.value(server.requests.size() - 1);
            Shape s = shapeOf(r.body);
            s.error +=
                r.method == "POST" ? QString() : QStringLiteral(" method ") + QString::fromLatin1(r.method);
            s.error +=
                r.path == "/lgsp-soap" ? QString() : QStringLiteral(" path ") + QString::fromLatin1(r.path);
            const QByteArray action = r.headers.value("soapaction");
            if (action != '"' + (kEdoc + operation).toUtf8() + '"')
                s.error += QStringLiteral(" SOAPAction ") + QString::fromLatin1(action);
            if (!r.headers.value("content-type").startsWith("text/xml"))
                s.error += QStringLiteral(" content type");
            return s;
        };
        auto verifyCommon = [&](const Shape &s, const QString &operation) {
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QCOMPARE(s.envelopeNs, kSoap11);
            QCOMPARE(s.operation, operation);
            QCOMPARE(s.operationNs, kEdoc);
            QVERIFY(s.fieldNamespaces.isEmpty() || s.fieldNamespaces == QSet<QString>{kEdoc});
            QCOMPARE(s.securityNs, kWsse);
            QCOMPARE(s.username, m_agencies[0].systemId);
            QCOMPARE(s.password, m_agencies[0].secret);
            QVERIFY2(s.passwordType.endsWith(QLatin1String("#PasswordText")), qPrintable(s.passwordType));
        };

        // SendDocument: the packet as base64Binary, its type, the sender and the receivers in order.
        server.reply =
            envelope("<e:SendDocumentResponse><e:documentId>65f0a1b2c3d4e5f601234567</e:documentId>"
                     "</e:SendDocumentResponse>");
        const auto sent = aside([&] {
            return transport(c)->send(packet, MessageType::Edoc, {m_agencies[1].code, m_agencies[2].code});
        });
        GD_VERIFY_OK(sent);
        QCOMPARE(sent.value(), QStringLiteral("65f0a1b2c3d4e5f601234567"));
        Shape s = check(QStringLiteral("SendDocument"));
        verifyCommon(s, QStringLiteral("SendDocument"));
        QCOMPARE(QByteArray::fromBase64(s.values(QStringLiteral("edXML")).value(0).toLatin1()), packet);
        QCOMPARE(s.values(QStringLiteral("messageType")), QStringList{QStringLiteral("edoc")});
        QCOMPARE(s.values(QStringLiteral("from")), QStringList{m_agencies[0].systemId});
        QCOMPARE(s.values(QStringLiteral("to")), (QStringList{m_agencies[1].code, m_agencies[2].code}));

        // GetPendingDocumentIds for status packets, and the list read back.
        server.reply =
            envelope("<e:GetPendingDocumentIdsResponse><e:document><e:documentId>aa01</e:documentId>"
                     "<e:from>000.00.02.H16</e:from><e:to>000.00.00.H16</e:to>"
                     "<e:messageType>status</e:messageType><e:created>2025-03-04T08:09:10Z</e:created>"
                     "<e:status>initial</e:status></e:document><e:document><e:documentId>aa02</e:documentId>"
                     "<e:from>000.00.00.G22</e:from><e:messageType>status</e:messageType>"
                     "<e:created>2025-03-04T15:09:10+07:00</e:created><e:status>done</e:status></e:document>"
                     "</e:GetPendingDocumentIdsResponse>");
        const auto list = aside([&] { return transport(c)->listReceived(MessageType::Status); });
        GD_VERIFY_OK(list);
        s = check(QStringLiteral("GetPendingDocumentIds"));
        verifyCommon(s, QStringLiteral("GetPendingDocumentIds"));
        QCOMPARE(s.values(QStringLiteral("messageType")), QStringList{QStringLiteral("status")});
        QCOMPARE(list->size(), 1); // the one already done is not waiting any more
        QCOMPARE(list->first().docId, QStringLiteral("aa01"));
        QCOMPARE(list->first().from, QStringLiteral("000.00.02.H16"));
        QCOMPARE(list->first().to, QStringList{QStringLiteral("000.00.00.H16")});
        QCOMPARE(list->first().messageType, MessageType::Status);
        QCOMPARE(list->first().createdTime.toUTC(),
                 QDateTime(QDate(2025, 3, 4), QTime(8, 9, 10), QTimeZone::UTC));

        // GetDocument: the bytes as they were sent.
        server.reply = envelope("<e:GetDocumentResponse><e:documentId>aa01</e:documentId><e:edXML>" +
                                packet.toBase64() + "</e:edXML></e:GetDocumentResponse>");
        const auto fetched = aside([&] { return transport(c)->fetch(QStringLiteral("aa01")); });
        GD_VERIFY_OK(fetched);
        QCOMPARE(fetched.value(), packet);
        s = check(QStringLiteral("GetDocument"));
        verifyCommon(s, QStringLiteral("GetDocument"));
        QCOMPARE(s.values(QStringLiteral("documentId")), QStringList{QStringLiteral("aa01")});

        // UpdateTraces with the transport acknowledgement.
        server.reply =
            envelope("<e:UpdateTracesResponse><e:documentId>aa01</e:documentId><e:status>processing"
                     "</e:status></e:UpdateTracesResponse>");
        GD_VERIFY_OK(aside(
            [&] { return transport(c)->acknowledge(QStringLiteral("aa01"), TransportAck::Processing); }));
        s = check(QStringLiteral("UpdateTraces"));
        verifyCommon(s, QStringLiteral("UpdateTraces"));
        QCOMPARE(s.values(QStringLiteral("documentId")), QStringList{QStringLiteral("aa01")});
        QCOMPARE(s.values(QStringLiteral("status")), QStringList{QStringLiteral("processing")});

        // GetOrganizations: no parameters; Vietnamese names come back intact.
        server.reply =
            envelope(QStringLiteral("<e:GetOrganizationsResponse><e:organization><e:code>000.00.00.H16"
                                    "</e:code><e:name>UBND tỉnh Đắk Nông</e:name></e:organization>"
                                    "<e:organization><e:code>000.00.02.H16</e:code><e:name>Sở Nội vụ"
                                    "</e:name><e:parentCode>000.00.00.H16</e:parentCode><e:mail>"
                                    "snv@daknong.gov.vn</e:mail></e:organization>"
                                    "</e:GetOrganizationsResponse>")
                         .toUtf8());
        const auto directory = aside([&] { return transport(c)->agencies(); });
        GD_VERIFY_OK(directory);
        s = check(QStringLiteral("GetOrganizations"));
        verifyCommon(s, QStringLiteral("GetOrganizations"));
        QVERIFY(s.fields.isEmpty());
        QCOMPARE(directory->size(), 2);
        QCOMPARE(directory->at(0).name, QStringLiteral("UBND tỉnh Đắk Nông"));
        QVERIFY(directory->at(0).parentCode.isEmpty());
        QCOMPARE(directory->at(1).parentCode, QStringLiteral("000.00.00.H16"));
        QCOMPARE(directory->at(1).mail, QStringLiteral("snv@daknong.gov.vn"));
        QCOMPARE(server.requests.size(), 5);
    }

    void faultsMapToWhatTheSyncEngineDoes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<bool>("retry");

        QTest::newRow("Client: refused, in the server's words")
            << 500 << faultBody("soap:Client", "Van ban 65f0 da bi thu hoi") << "exchange.refused"
            << "Van ban 65f0 da bi thu hoi" << false;
        QTest::newRow("Client.Validation: refused too")
            << 500 << faultBody("soap:Client.Validation", "messageType khong hop le") << "exchange.refused"
            << "messageType khong hop le" << false;
        QTest::newRow("Client.Authentication: credentials")
            << 500 << faultBody("soap:Client.Authentication", "Sai mat khau") << "exchange.auth"
            << "Sai mat khau" << false;
        QTest::newRow("WS-Security FailedAuthentication: credentials")
            << 500
            << faultBody("wsse:FailedAuthentication", "The security token could not be authenticated",
                         " xmlns:wsse=\"" + kWsse.toUtf8() + "\"")
            << "exchange.auth"
            << "could not be authenticated" << false;
        QTest::newRow("Server: try again later")
            << 500 << faultBody("soap:Server", "He thong dang qua tai") << "exchange.server"
            << "He thong dang qua tai" << true;
        QTest::newRow("HTTP 503 without a body") << 503 << QByteArray() << "exchange.server"
                                                 << "503" << true;
        QTest::newRow("HTTP 404 without a body") << 404 << QByteArray() << "exchange.config"
                                                 << "" << false;
        QTest::newRow("an HTML page instead of SOAP")
            << 200 << QByteArray("<html><body>Captive portal</body></html>") << "exchange.protocol"
            << "Envelope" << true;
        QTest::newRow("an envelope cut short")
            << 200
            << envelope(
                   "<e:SendDocumentResponse><e:documentId>65f0a1</e:documentId></e:SendDocumentResponse>")
                   .chopped(40)
            << "exchange.protocol"
            << "" << true;
        QTest::newRow("an empty answer") << 200 << QByteArray() << "exchange.protocol"
                                         << "documentId" << true;
    }

    void faultsMapToWhatTheSyncEngineDoes()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        QFETCH(bool, retry);
        const core::Error e = errorFromServer(status, body);
        QVERIFY(!e.isNull());
        QCOMPARE(e.code(), code);
        QVERIFY2(e.english().contains(mentions), qPrintable(e.english()));
        QCOMPARE(retryable(e), retry);
    }

    void httpsWithTheConfiguredCaIsTrusted()
    {
        TransportConfig c = configFor(m_tls.endpoint(QStringLiteral("/lgsp-soap")), m_agencies[0]);
        c.caBundle = m_pki.caBundle();
        const QByteArray packet =
            test::samplePacket(m_agencies[0].code, {m_agencies[1].code}, QStringLiteral("soap-tls"));
        GD_VERIFY_OK(transport(c)->send(packet, MessageType::Edoc, {m_agencies[1].code}));
        TransportConfig rc = c;
        rc.systemId = m_agencies[1].systemId;
        rc.secret = m_agencies[1].secret;
        const auto list = transport(rc)->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        const auto bytes = transport(rc)->fetch(list->first().docId);
        GD_VERIFY_OK(bytes);
        QCOMPARE(bytes.value(), packet);
    }

    void httpsWithoutTheCaIsNotTrusted()
    {
        const core::Error e =
            failureOf(configFor(m_tls.endpoint(QStringLiteral("/lgsp-soap")), m_agencies[0]));
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("is not trusted")), qPrintable(e.english()));
        QVERIFY(!retryable(e));
    }

    void certificateForAnotherHostIsRefused()
    {
        QUrl url = m_tls.endpoint(QStringLiteral("/lgsp-soap"));
        url.setHost(QStringLiteral("localhost"));
        TransportConfig c = configFor(url, m_agencies[0]);
        c.caBundle = m_pki.caBundle();
        const core::Error e = failureOf(c);
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("another host name")), qPrintable(e.english()));
    }

    void expiredCertificateIsRefused()
    {
        TransportConfig c = configFor(m_expired.endpoint(QStringLiteral("/lgsp-soap")), m_agencies[0]);
        c.caBundle = m_pki.caBundle();
        const core::Error e = failureOf(c);
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("expired")), qPrintable(e.english()));
    }

    void explicitProxyIsHonoured()
    {
        // The host cannot be resolved: only a proxy forwarding the request reaches the sandbox, which plays
        // the proxy itself.
        TransportConfig c = configFor(QUrl(QStringLiteral("http://lgsp.govdesk-sandbox.invalid/lgsp-soap")),
                                      m_agencies[1], 10);
        c.proxy = QStringLiteral("none");
        QCOMPARE(failureOf(c).code(), QStringLiteral("exchange.network"));
        c.proxy = m_sandbox.url();
        const auto viaProxy = transport(c)->agencies();
        GD_VERIFY_OK(viaProxy);
        QCOMPARE(viaProxy->size(), m_agencies.size());
        QCOMPARE(m_sandbox.state().value(QLatin1String("proxiedRequests")).toInt(), 1);
    }

    void sandboxRefusesADoctypeAndDeliversNothing()
    {
        // An entity declared in a DOCTYPE could pull in a file or blow up in size: refused outright.
        const QByteArray edxml =
            test::samplePacket(m_agencies[0].code, {m_agencies[1].code}, QStringLiteral("doctype"));
        const QByteArray body =
            "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" +
            token(m_agencies[0]) +
            "<soap:Body><e:SendDocument xmlns:e=\"http://www.e-doc.vn/Schema/\"><e:edXML>" +
            edxml.toBase64() + "</e:edXML><e:messageType>edoc</e:messageType><e:to>" +
            m_agencies[1].code.toUtf8() +
            "</e:to><e:from>&x;</e:from></e:SendDocument></soap:Body></soap:Envelope>";
        const auto reply = post(body, "\"http://www.e-doc.vn/Schema/SendDocument\"");
        QCOMPARE(reply.status, 500);
        QVERIFY2(reply.body.contains("<faultcode>soap:Client</faultcode>"), reply.body.constData());
        QVERIFY2(reply.body.contains("DOCTYPE"), reply.body.constData());
        QVERIFY(!reply.body.contains("root:"));
        QCOMPARE(m_sandbox.counts(m_agencies[1].code).value(QLatin1String("delivered")).toInt(-1), 0);
    }

    void sandboxAnswersSoap12WithVersionMismatch()
    {
        const auto reply =
            post("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>"
                 "<e:GetOrganizations xmlns:e=\"http://www.e-doc.vn/Schema/\"/></env:Body>"
                 "</env:Envelope>",
                 "\"http://www.e-doc.vn/Schema/GetOrganizations\"");
        QCOMPARE(reply.status, 500);
        QVERIFY2(reply.body.contains("<faultcode>soap:VersionMismatch</faultcode>"), reply.body.constData());
    }

    void sandboxWantsTheUsernameToken()
    {
        const QByteArray body =
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            "<e:GetOrganizations xmlns:e=\"http://www.e-doc.vn/Schema/\"/></soap:Body>"
            "</soap:Envelope>";
        const auto without = post(body, "\"http://www.e-doc.vn/Schema/GetOrganizations\"");
        QCOMPARE(without.status, 500);
        QVERIFY2(without.body.contains("<faultcode>soap:Client.Authentication</faultcode>"),
                 without.body.constData());

        QByteArray withToken = body;
        withToken.replace("<soap:Body>", token(m_agencies[2]) + "<soap:Body>");
        const auto with = post(withToken, "\"http://www.e-doc.vn/Schema/GetOrganizations\"");
        QCOMPARE(with.status, 200);
        QVERIFY2(with.body.contains("GetOrganizationsResponse"), with.body.constData());
        QVERIFY(with.body.contains(QStringLiteral("Văn phòng Chính phủ").toUtf8()));

        // The SOAPAction and the Body must name the same operation.
        const auto mismatch = post(withToken, "\"http://www.e-doc.vn/Schema/GetDocument\"");
        QCOMPARE(mismatch.status, 500);
        QVERIFY2(mismatch.body.contains("<faultcode>soap:Client</faultcode>"), mismatch.body.constData());
    }

    void sandboxServesItsWsdl()
    {
        const auto reply = m_sandbox.request("GET", QStringLiteral("/lgsp-soap?wsdl"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.body.contains("targetNamespace=\"http://www.e-doc.vn/Schema/\""));
        for (const char *op :
             {"SendDocument", "GetPendingDocumentIds", "GetDocument", "UpdateTraces", "GetOrganizations"})
            QVERIFY2(reply.body.contains(QByteArray("soapAction=\"http://www.e-doc.vn/Schema/") + op + '"'),
                     op);
    }
};

QTEST_GUILESS_MAIN(TestLgspSoap)
#include "tst_lgsp_soap.moc"
