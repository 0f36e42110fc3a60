#pragma once

#include "ProtocolHandler.h"

namespace govdesk::sandbox {

/// A Lạng Sơn-style provincial LGSP under /lgsp-key (shapes as LgspKeyTransport documents them), every call
/// with X-SystemId and X-SecretKey (wrong: 401 {"success":false,"message":…}):
///   POST /lgsp-key/v1/sendEdoc (multipart: edocFile, messageType, from, to)
///   GET  /lgsp-key/v1/syncReceivedEdocList?messageType=&fromDate=yyyy/MM/dd&toDate=yyyy/MM/dd (handled ones
///        included, with their status)
///   GET  /lgsp-key/v1/getEdoc?docId=  (data.edxml = XML text; base64 with the getEdoc=base64 variant)
///   POST /lgsp-key/v1/updateStatus {"docId","status"}      GET /lgsp-key/v1/getAgencies (invented)
class LgspKeyHandler : public ProtocolHandler
{
public:
    QString prefix() const override { return QStringLiteral("/lgsp-key"); }
    QString operation(const HttpRequest &request, const QString &subPath) const override;
    HttpResponse handle(const Call &call, SandboxState &state) override;
    HttpResponse injectedFailure(int status) const override;
};

struct MultipartPart
{
    QByteArray name;
    QByteArray fileName;
    QByteArray contentType;
    QByteArray data;
};
/// The parts of a multipart/form-data body; empty when the boundary is missing or the body is malformed.
QList<MultipartPart> parseMultipart(const QByteArray &contentType, const QByteArray &body);

} // namespace govdesk::sandbox
