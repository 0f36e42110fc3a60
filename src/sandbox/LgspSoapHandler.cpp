#include "LgspSoapHandler.h"

#include "VxpHandler.h"

#include <QCryptographicHash>
#include <QFile>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <functional>

namespace govdesk::sandbox {

namespace {

const QString kSoap11 = QStringLiteral("http://schemas.xmlsoap.org/soap/envelope/");
const QString kEdoc = QStringLiteral("http://www.e-doc.vn/Schema/");

// Operation of the contract → FaultPlan operation.
const QHash<QString, QString> &operations()
{
    static const QHash<QString, QString> ops{
        {QStringLiteral("SendDocument"), QStringLiteral("sendEdoc")},
        {QStringLiteral("GetPendingDocumentIds"), QStringLiteral("getReceivedEdocList")},
        {QStringLiteral("GetDocument"), QStringLiteral("getEdoc")},
        {QStringLiteral("UpdateTraces"), QStringLiteral("updateStatus")},
        {QStringLiteral("ConfirmReceived"), QStringLiteral("updateStatus")},
        {QStringLiteral("GetOrganizations"), QStringLiteral("getAgenciesList")},
    };
    return ops;
}

// The operation named by a SOAPAction header value ("http://www.e-doc.vn/Schema/SendDocument", quoted).
QString actionName(const QByteArray &header)
{
    QString action = QString::fromUtf8(header).trimmed();
    if (action.size() >= 2 && action.startsWith(QLatin1Char('"')) && action.endsWith(QLatin1Char('"')))
        action = action.mid(1, action.size() - 2).trimmed();
    const qsizetype cut = qMax(action.lastIndexOf(QLatin1Char('/')), action.lastIndexOf(QLatin1Char('#')));
    return action.mid(cut + 1);
}

using BodyWriter = std::function<void(QXmlStreamWriter &)>;

HttpResponse envelope(int status, const BodyWriter &body)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.writeStartDocument();
    w.writeNamespace(kSoap11, QStringLiteral("soap"));
    w.writeNamespace(kEdoc, QStringLiteral("tns"));
    w.writeStartElement(kSoap11, QStringLiteral("Envelope"));
    w.writeStartElement(kSoap11, QStringLiteral("Body"));
    body(w);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    HttpResponse r;
    r.status = status;
    r.headers.emplaceBack("Content-Type", "text/xml; charset=utf-8");
    r.body = xml;
    return r;
}

/// A SOAP 1.1 fault; faultcode and faultstring are unqualified, as the specification writes them.
HttpResponse fault(int status, const QString &code, const QString &text)
{
    return envelope(status, [&](QXmlStreamWriter &w) {
        w.writeStartElement(kSoap11, QStringLiteral("Fault"));
        w.writeTextElement(QStringLiteral("faultcode"), QStringLiteral("soap:") + code);
        w.writeTextElement(QStringLiteral("faultstring"), text);
        w.writeEndElement();
    });
}

HttpResponse clientFault(const QString &text)
{
    return fault(500, QStringLiteral("Client"), text);
}

HttpResponse authFault(const QString &text)
{
    return fault(500, QStringLiteral("Client.Authentication"), text);
}

HttpResponse answer(const QString &operation, const BodyWriter &children)
{
    return envelope(200, [&](QXmlStreamWriter &w) {
        w.writeStartElement(kEdoc, operation + QStringLiteral("Response"));
        children(w);
        w.writeEndElement();
    });
}

QString xsDateTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

// The secret a UsernameToken proves: the password itself, or Base64(SHA-1(nonce + created + password)).
bool tokenMatches(const SoapEnvelope &e, const QString &secret)
{
    if (e.passwordType.endsWith(QLatin1String("#PasswordDigest"))) {
        const QByteArray nonce = QByteArray::fromBase64(e.nonce.toLatin1());
        const QByteArray digest =
            QCryptographicHash::hash(nonce + e.created.toUtf8() + secret.toUtf8(), QCryptographicHash::Sha1);
        return !e.nonce.isEmpty() && e.password.toLatin1() == digest.toBase64();
    }
    return !secret.isEmpty() && e.password == secret;
}

void readUsernameToken(QXmlStreamReader &x, SoapEnvelope *e)
{
    e->hasToken = true;
    while (x.readNextStartElement()) {
        const QStringView name = x.name();
        if (name == QLatin1String("Username")) {
            e->username = x.readElementText().trimmed();
        } else if (name == QLatin1String("Password")) {
            e->passwordType = x.attributes().value(QLatin1String("Type")).toString();
            e->password = x.readElementText();
        } else if (name == QLatin1String("Nonce")) {
            e->nonce = x.readElementText().trimmed();
        } else if (name == QLatin1String("Created")) {
            e->created = x.readElementText().trimmed();
        } else {
            x.skipCurrentElement();
        }
    }
}

void readHeader(QXmlStreamReader &x, SoapEnvelope *e)
{
    while (x.readNextStartElement()) {
        if (x.name() != QLatin1String("Security")) {
            x.skipCurrentElement();
            continue;
        }
        while (x.readNextStartElement()) {
            if (x.name() == QLatin1String("UsernameToken"))
                readUsernameToken(x, e);
            else
                x.skipCurrentElement();
        }
    }
}

void readBody(QXmlStreamReader &x, SoapEnvelope *e)
{
    if (!x.readNextStartElement())
        return;
    e->operation = x.name().toString();
    e->operationNamespace = x.namespaceUri().toString();
    while (x.readNextStartElement())
        e->fields[x.name().toString()] << x.readElementText(QXmlStreamReader::IncludeChildElements);
    while (x.readNextStartElement()) // anything after the operation element is ignored
        x.skipCurrentElement();
}

} // namespace

SoapEnvelope parseSoapEnvelope(const QByteArray &body)
{
    SoapEnvelope e;
    QXmlStreamReader x(body);
    // Before the root element: a DOCTYPE could declare entities (internal or external); none are accepted.
    while (!x.atEnd() && !x.isStartElement()) {
        x.readNext();
        if (x.isDTD()) {
            e.error = QStringLiteral("DOCTYPE khong duoc phep trong thong diep SOAP");
            return e;
        }
    }
    if (!x.isStartElement() || x.name() != QLatin1String("Envelope")) {
        e.error = x.hasError() ? QStringLiteral("Thong diep SOAP khong doc duoc: %1").arg(x.errorString())
                               : QStringLiteral("Thong diep khong phai SOAP Envelope");
        return e;
    }
    if (x.namespaceUri() != kSoap11) {
        e.versionMismatch = true;
        e.error = QStringLiteral("Chi ho tro SOAP 1.1 (%1)").arg(kSoap11);
        return e;
    }
    bool sawBody = false;
    while (x.readNextStartElement()) {
        if (x.namespaceUri() == kSoap11 && x.name() == QLatin1String("Header")) {
            readHeader(x, &e);
        } else if (x.namespaceUri() == kSoap11 && x.name() == QLatin1String("Body")) {
            sawBody = true;
            readBody(x, &e);
        } else {
            x.skipCurrentElement();
        }
    }
    while (!x.atEnd() && !x.hasError())
        x.readNext();
    if (x.hasError()) {
        e.error = QStringLiteral("Thong diep SOAP khong doc duoc (dong %1, cot %2): %3")
                      .arg(x.lineNumber())
                      .arg(x.columnNumber())
                      .arg(x.errorString());
        return e;
    }
    if (!sawBody || e.operation.isEmpty())
        e.error = QStringLiteral("Thong diep SOAP khong co Body hoac Body rong");
    return e;
}

QString LgspSoapHandler::operation(const HttpRequest &request, const QString &) const
{
    if (request.method == "GET" && request.query.hasQueryItem(QStringLiteral("wsdl")))
        return QStringLiteral("wsdl");
    if (request.method != "POST")
        return {};
    QString name = actionName(request.header("SOAPAction"));
    if (name.isEmpty())
        name = parseSoapEnvelope(request.body).operation;
    // An operation outside the contract is still ours: it is answered with a soap:Client fault.
    return operations().value(name, name.isEmpty() ? QStringLiteral("soap") : name);
}

HttpResponse LgspSoapHandler::injectedFailure(int status) const
{
    return fault(status, QStringLiteral("Server"),
                 QStringLiteral("Loi he thong LGSP (loi gia lap %1)").arg(status));
}

HttpResponse LgspSoapHandler::handle(const Call &call, SandboxState &state)
{
    const HttpRequest &r = call.request;
    if (call.operation == QLatin1String("wsdl")) {
        QFile wsdl(QStringLiteral(":/sandbox/lgsp-edoc.wsdl"));
        HttpResponse out;
        if (!wsdl.open(QIODevice::ReadOnly))
            return clientFault(QStringLiteral("WSDL khong co san"));
        out.headers.emplaceBack("Content-Type", "text/xml; charset=utf-8");
        out.body = wsdl.readAll();
        return out;
    }
    const SoapEnvelope e = parseSoapEnvelope(r.body);
    if (e.versionMismatch)
        return fault(500, QStringLiteral("VersionMismatch"), e.error);
    if (!e.error.isEmpty())
        return clientFault(e.error);
    const QString action = actionName(r.header("SOAPAction"));
    if (!action.isEmpty() && action != e.operation)
        return clientFault(
            QStringLiteral("SOAPAction %1 khong khop voi phan tu %2 trong Body").arg(action, e.operation));
    if (!operations().contains(e.operation) || e.operationNamespace != kEdoc)
        return clientFault(QStringLiteral("Khong co thao tac {%1}%2").arg(e.operationNamespace, e.operation));

    if (!e.hasToken || e.username.isEmpty())
        return authFault(QStringLiteral("Thieu WS-Security UsernameToken"));
    const Agency *agency = state.bySystemId(e.username);
    if (!agency)
        return authFault(QStringLiteral("Ma he thong %1 chua duoc dang ky").arg(e.username));
    if (!tokenMatches(e, agency->secret))
        return authFault(QStringLiteral("Sai mat khau cua he thong %1").arg(e.username));

    auto field = [&e](const char *name) { return e.fields.value(QLatin1String(name)).value(0).trimmed(); };
    const QString op = call.operation;
    if (op == QLatin1String("sendEdoc")) {
        QByteArray encoded = field("edXML").toLatin1();
        encoded.replace(' ', QByteArray())
            .replace('\n', QByteArray())
            .replace('\r', QByteArray())
            .replace('\t', QByteArray());
        auto edxml = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!e.fields.contains(QStringLiteral("edXML")) || !edxml)
            return clientFault(QStringLiteral("edXML phai la base64Binary"));
        const QString type = field("messageType");
        if (type != QLatin1String("edoc") && type != QLatin1String("status"))
            return clientFault(QStringLiteral("messageType khong hop le: %1").arg(type));
        const QString from = e.fields.contains(QStringLiteral("from")) ? field("from") : agency->systemId;
        if (from != agency->systemId)
            return clientFault(SandboxState::wrongFrom(from, agency->systemId));
        QStringList to;
        for (const QString &t : e.fields.value(QStringLiteral("to")))
            if (!t.trimmed().isEmpty())
                to << t.trimmed();
        const auto outcome = state.send(*agency, edxml.decoded, type, to);
        if (!outcome.error.isEmpty())
            return clientFault(outcome.error);
        return answer(e.operation, [&](QXmlStreamWriter &w) {
            w.writeTextElement(kEdoc, QStringLiteral("documentId"), outcome.docId);
        });
    }
    if (op == QLatin1String("getReceivedEdocList")) {
        const QString type = field("messageType");
        if (type != QLatin1String("edoc") && type != QLatin1String("status"))
            return clientFault(QStringLiteral("messageType khong hop le: %1").arg(type));
        const QList<const Delivery *> inbox = state.inbox(agency->code, type, true);
        return answer(e.operation, [&](QXmlStreamWriter &w) {
            for (const Delivery *d : inbox) {
                const Packet *p = state.packet(d->packetId);
                w.writeStartElement(kEdoc, QStringLiteral("document"));
                w.writeTextElement(kEdoc, QStringLiteral("documentId"), d->docId);
                w.writeTextElement(kEdoc, QStringLiteral("from"), p->fromCode);
                w.writeTextElement(kEdoc, QStringLiteral("to"), d->toCode);
                w.writeTextElement(kEdoc, QStringLiteral("messageType"), p->messageType);
                w.writeTextElement(kEdoc, QStringLiteral("created"), xsDateTime(d->created));
                w.writeTextElement(kEdoc, QStringLiteral("status"), d->status);
                w.writeEndElement();
            }
        });
    }
    if (op == QLatin1String("getEdoc")) {
        const QString docId = field("documentId");
        const Delivery *d = state.delivery(agency->code, docId);
        if (!d)
            return clientFault(QStringLiteral("Khong tim thay van ban %1").arg(docId));
        const Packet *p = state.packet(d->packetId);
        return answer(e.operation, [&](QXmlStreamWriter &w) {
            w.writeTextElement(kEdoc, QStringLiteral("documentId"), d->docId);
            w.writeTextElement(kEdoc, QStringLiteral("edXML"), QString::fromLatin1(p->bytes.toBase64()));
        });
    }
    if (op == QLatin1String("updateStatus")) {
        const QString docId = field("documentId");
        const QString status =
            e.operation == QLatin1String("ConfirmReceived") ? QStringLiteral("done") : field("status");
        const QString error = state.acknowledge(agency->code, docId, status);
        if (!error.isEmpty())
            return clientFault(error);
        return answer(e.operation, [&](QXmlStreamWriter &w) {
            w.writeTextElement(kEdoc, QStringLiteral("documentId"), docId);
            w.writeTextElement(kEdoc, QStringLiteral("status"), status.toLower());
        });
    }
    // getAgenciesList
    return answer(e.operation, [&](QXmlStreamWriter &w) {
        for (const Agency &a : state.agencies()) {
            w.writeStartElement(kEdoc, QStringLiteral("organization"));
            w.writeTextElement(kEdoc, QStringLiteral("code"), a.code);
            w.writeTextElement(kEdoc, QStringLiteral("name"), a.name);
            if (!a.parent.isEmpty())
                w.writeTextElement(kEdoc, QStringLiteral("parentCode"), a.parent);
            if (!a.mail.isEmpty())
                w.writeTextElement(kEdoc, QStringLiteral("mail"), a.mail);
            w.writeEndElement();
        }
    });
}

} // namespace govdesk::sandbox
