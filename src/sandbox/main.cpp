// govdesk-sandbox: a local stand-in for the national document exchange axis and the provincial LGSP, for
// tests, training and demonstrations. One process speaks every protocol at once, each under its own path
// prefix (the transport's endpoint URL includes the prefix):
//   /vxp/...        national axis, XroadVnpt HMAC headers           endpoint http://127.0.0.1:N/vxp
//   /lgsp/...       WSO2-style LGSP, OAuth2 token at /lgsp/token    endpoint http://127.0.0.1:N/lgsp
//   /lgsp-key/...   Lạng Sơn-style LGSP, X-SystemId/X-SecretKey     endpoint http://127.0.0.1:N/lgsp-key
//   /lgsp-soap      LGSP over SOAP 1.1, WS-Security UsernameToken    endpoint http://127.0.0.1:N/lgsp-soap
//                   (contract: src/exchange/transport/wsdl/lgsp-edoc.wsdl, also at GET /lgsp-soap?wsdl)
//   /_sandbox/...   control: state, faults, reset, expire-tokens
// It prints exactly one line on stdout once listening ("govdesk-sandbox listening on <url>") and runs until
// killed.
#include "SandboxServer.h"
#include "SandboxState.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace govdesk::sandbox;

namespace {

QString description()
{
    return QCoreApplication::translate(
        "Sandbox",
        "A local stand-in for the national document exchange axis (VXP) and the provincial LGSP, on "
        "127.0.0.1.\n"
        "Once listening it prints one line: govdesk-sandbox listening on <url>.\n"
        "\n"
        "Protocols (the transport's endpoint includes the prefix):\n"
        "  <url>/vxp        national axis: POST sendEdoc, getReceivedEdocList, getEdoc, updateStatus,\n"
        "                   getSentEdocList, getAgenciesList; XroadVnpt HMAC-SHA256 headers are checked\n"
        "  <url>/lgsp       WSO2-style LGSP: POST /lgsp/token (client credentials), then Bearer calls on\n"
        "                   /vanbans, /vanbans/{docId} (GET, PUT), /donvilienthongs\n"
        "  <url>/lgsp-key   key-header LGSP: X-SystemId and X-SecretKey on /v1/sendEdoc (multipart),\n"
        "                   /v1/syncReceivedEdocList, /v1/getEdoc, /v1/updateStatus, /v1/getAgencies\n"
        "  <url>/lgsp-soap  LGSP over SOAP 1.1 (namespace http://www.e-doc.vn/Schema/): POST envelopes to\n"
        "                   <url>/lgsp-soap for SendDocument, GetPendingDocumentIds, GetDocument,\n"
        "                   UpdateTraces, GetOrganizations; a WS-Security UsernameToken (Username = system\n"
        "                   id, Password = secret) is checked; faults are soap:Client.Authentication,\n"
        "                   soap:Client, soap:Server; the WSDL is at GET <url>/lgsp-soap?wsdl\n"
        "A sender's `from` must equal the system id of its credentials, otherwise the send fails with\n"
        "\"Don vi gui <from> khong dung voi ma da dang ky: <systemId>\". Packets go to the `to` organs, or, "
        "when\n"
        "none are given, to MessageHeader/To/OrganId of the edXML (ResponseFor/OrganId for a status "
        "packet).\n"
        "\n"
        "Agencies file: a JSON array of {\"code\", \"name\", \"systemId\", \"secret\", \"parent\", "
        "\"mail\"}\n"
        "(systemId defaults to the code; parent and mail are optional). Without a file: a demo set -\n"
        "000.00.00.G22 Văn phòng Chính phủ, 000.00.00.H16 UBND tỉnh Đắk Nông and four departments\n"
        "000.00.01.H16 to 000.00.04.H16 (illustrative codes), each with systemId = code and secret\n"
        "sandbox-<code>.\n"
        "\n"
        "Faults: SPEC = rule[,rule...], rule = operation=kind [x<count>|x*] (count 1 by default).\n"
        "  operations: sendEdoc getReceivedEdocList getEdoc updateStatus getSentEdocList getAgenciesList\n"
        "              token, deliver (routing of the next sent packet), * (any request)\n"
        "  (on /lgsp-soap: SendDocument = sendEdoc, GetPendingDocumentIds = getReceivedEdocList,\n"
        "  GetDocument = getEdoc, UpdateTraces = updateStatus, GetOrganizations = getAgenciesList)\n"
        "  kinds: 500 (any HTTP 4xx/5xx, not carried out), timeout (never answered), delay:<N>ms\n"
        "         (answered late), drop (closed after reading, not carried out), drop-mid (carried out,\n"
        "         closed inside the reply head), truncate (carried out, half the body sent),\n"
        "         duplicate (deliver: the packet reaches each recipient twice under two docIds),\n"
        "         base64 (getEdoc on /lgsp-key: edxml sent as base64)\n"
        "  e.g. sendEdoc=500x2,getEdoc=truncate x1,getReceivedEdocList=drop x1,deliver=duplicate x1,\n"
        "       *=delay:3000ms x1\n"
        "\n"
        "Control: GET /_sandbox/state (per agency: sent, delivered, pending, acknowledged), GET|POST\n"
        "/_sandbox/faults ({\"spec\": SPEC} or {\"clear\": true}), POST /_sandbox/reset, POST\n"
        "/_sandbox/expire-tokens.");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govdesk-sandbox"));

    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("Sandbox", "Port on 127.0.0.1 (0: any free port)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption agencies(QStringLiteral("agencies"),
                                      QCoreApplication::translate("Sandbox", "Agencies file (JSON)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption faults(QStringLiteral("faults"),
                                    QCoreApplication::translate("Sandbox", "Faults armed at start (SPEC)."),
                                    QStringLiteral("SPEC"));
    const QCommandLineOption cert(QStringLiteral("tls-cert"),
                                  QCoreApplication::translate("Sandbox",
                                                              "Serve HTTPS with this certificate (PEM, the "
                                                              "server's first, then its chain)."),
                                  QStringLiteral("PEM"));
    const QCommandLineOption key(
        QStringLiteral("tls-key"),
        QCoreApplication::translate("Sandbox", "Private key of the certificate (PEM)."),
        QStringLiteral("PEM"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QCoreApplication::translate("Sandbox",
                                                              "Keep packets and inboxes in this folder, so a "
                                                              "restart keeps them."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption lifetime(
        QStringLiteral("token-lifetime"),
        QCoreApplication::translate("Sandbox", "Lifetime of OAuth tokens in seconds."),
        QStringLiteral("SECONDS"), QStringLiteral("3600"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QCoreApplication::translate("Sandbox", "Log every request on stderr."));
    parser.addOptions({port, agencies, faults, cert, key, data, lifetime, verbose});
    parser.process(app);

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "govdesk-sandbox: %s\n", message.toLocal8Bit().constData());
        return 2;
    };
    SandboxState state;
    QString error;
    if (parser.isSet(agencies)) {
        if (!state.loadAgencies(parser.value(agencies), &error))
            return fail(error);
    } else {
        state.useDemoAgencies();
    }
    bool ok = false;
    state.tokenLifetimeSeconds = parser.value(lifetime).toInt(&ok);
    if (!ok || state.tokenLifetimeSeconds <= 0)
        return fail(
            QCoreApplication::translate("Sandbox", "--token-lifetime needs a positive number of seconds"));
    if (parser.isSet(faults) && !state.faults().add(parser.value(faults), &error))
        return fail(QCoreApplication::translate("Sandbox", "Invalid --faults: %1").arg(error));
    if (parser.isSet(data) && !state.openDataDir(parser.value(data), &error))
        return fail(error);
    if (parser.isSet(cert) != parser.isSet(key))
        return fail(QCoreApplication::translate("Sandbox", "--tls-cert and --tls-key go together"));
    const quint16 portNumber = quint16(parser.value(port).toUInt(&ok));
    if (!ok)
        return fail(QCoreApplication::translate("Sandbox", "--port needs a number"));

    SandboxServer server(state);
    server.setVerbose(parser.isSet(verbose));
    if (!server.listen(portNumber, parser.value(cert), parser.value(key), &error))
        return fail(error);
    // The one line tests and scripts wait for; kept in English on purpose.
    std::printf("govdesk-sandbox listening on %s\n", server.url().toLocal8Bit().constData());
    std::fflush(stdout);
    return app.exec();
}
