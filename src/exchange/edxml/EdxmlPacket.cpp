#include "EdxmlPacket.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace govdesk::exchange::edxml {

QTimeZone vietnamTimeZone()
{
    // Vietnam has kept UTC+7 without daylight saving since 1975; the fixed offset is the fallback where
    // no time-zone database is installed.
    static const QTimeZone zone = [] {
        QTimeZone z(QByteArrayLiteral("Asia/Ho_Chi_Minh"));
        return z.isValid() ? z : QTimeZone::fromSecondsAheadOfUtc(7 * 3600);
    }();
    return zone;
}

bool Organization::isEmpty() const
{
    return organId.isEmpty() && organizationInCharge.isEmpty() && organName.isEmpty() && organAdd.isEmpty() &&
           email.isEmpty() && telephone.isEmpty() && fax.isEmpty() && website.isEmpty();
}

QString Code::text() const
{
    if (number.isEmpty())
        return notation;
    if (notation.isEmpty())
        return number;
    return number + QLatin1Char('/') + notation;
}

bool ResponseFor::isEmpty() const
{
    return organId.isEmpty() && code.isEmpty() && !promulgationDate.isValid() && documentId.isEmpty();
}

bool StaffInfo::isEmpty() const
{
    return department.isEmpty() && staff.isEmpty() && mobile.isEmpty() && email.isEmpty();
}

QString Attachment::sha256() const
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// ---------------------------------------------------------------- status codes

namespace {

struct StatusCodeText
{
    const char *code;
    const char *english; // source text, translated in the context StatusCodes
    const char *wire;    // the standard Vietnamese description
};

const StatusCodeText statusTexts[] = {
    {"01",
     QT_TRANSLATE_NOOP("StatusCodes",
                       "Arrived: received by the document software, not yet handled by the clerk"),
     "Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý"},
    {"02", QT_TRANSLATE_NOOP("StatusCodes", "Refused: the electronic document is not accepted"),
     "Từ chối tiếp nhận văn bản điện tử"},
    {"03", QT_TRANSLATE_NOOP("StatusCodes", "Accepted and registered in the incoming document book"),
     "Tiếp nhận văn bản điện tử, vào sổ văn bản đến"},
    {"04", QT_TRANSLATE_NOOP("StatusCodes", "Assigned for handling"), "Phân công xử lý"},
    {"05", QT_TRANSLATE_NOOP("StatusCodes", "Being handled"), "Đang xử lý văn bản đến"},
    {"06", QT_TRANSLATE_NOOP("StatusCodes", "Handling completed"), "Hoàn thành xử lý"},
    {"13", QT_TRANSLATE_NOOP("StatusCodes", "Recall of the electronic document requested, with the reason"),
     "Yêu cầu lấy lại văn bản điện tử kèm lý do"},
    {"15", QT_TRANSLATE_NOOP("StatusCodes", "Request to update or recall accepted"),
     "Đồng ý yêu cầu cập nhật, lấy lại"},
    {"16", QT_TRANSLATE_NOOP("StatusCodes", "Request to update or recall refused"),
     "Từ chối yêu cầu cập nhật, lấy lại"},
};

const StatusCodeText *statusText(const QString &code)
{
    const QString c = StatusCodes::normalise(code);
    for (const StatusCodeText &t : statusTexts)
        if (c == QLatin1String(t.code))
            return &t;
    return nullptr;
}

} // namespace

QStringList StatusCodes::all()
{
    QStringList codes;
    for (const StatusCodeText &t : statusTexts)
        codes << QString::fromLatin1(t.code);
    return codes;
}

QString StatusCodes::normalise(const QString &code)
{
    const QString t = code.trimmed();
    bool ok = false;
    const int n = t.toInt(&ok);
    if (!ok || t.size() > 2)
        return {};
    const QString c = QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0'));
    for (const StatusCodeText &s : statusTexts)
        if (c == QLatin1String(s.code))
            return c;
    return {};
}

QString StatusCodes::meaning(const QString &code)
{
    const StatusCodeText *t = statusText(code);
    return t ? tr(t->english) : QString();
}

QString StatusCodes::meaningEnglish(const QString &code)
{
    const StatusCodeText *t = statusText(code);
    return t ? QString::fromUtf8(t->english) : QString();
}

QString StatusCodes::standardDescription(const QString &code)
{
    const StatusCodeText *t = statusText(code);
    return t ? QString::fromUtf8(t->wire) : QString();
}

// ---------------------------------------------------------------- dates

QString wireDate(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("yyyy/MM/dd")) : QString();
}

QString wireTimestamp(const QDateTime &timestamp)
{
    if (!timestamp.isValid())
        return {};
    return timestamp.toTimeZone(vietnamTimeZone()).toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"));
}

QDate parseWireDate(const QString &input)
{
    static const QRegularExpression ymd(QStringLiteral("^(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})$"));
    static const QRegularExpression dmy(QStringLiteral("^(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})$"));
    const QString text = input.trimmed();
    if (auto m = ymd.match(text); m.hasMatch())
        return QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (auto m = dmy.match(text); m.hasMatch())
        return QDate(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
    return {};
}

QDateTime parseWireTimestamp(const QString &input)
{
    static const QRegularExpression re(QStringLiteral(
        "^([0-9/-]+)(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?$"));
    const QString text = input.trimmed();
    const auto m = re.match(text);
    if (!m.hasMatch())
        return {};
    const QDate date = parseWireDate(m.captured(1));
    if (!date.isValid())
        return {};
    QTime time(0, 0);
    if (m.hasCaptured(2)) {
        time =
            QTime(m.captured(2).toInt(), m.captured(3).toInt(), m.hasCaptured(4) ? m.captured(4).toInt() : 0);
        if (!time.isValid())
            return {};
    }
    if (m.hasCaptured(5)) {
        // A producer that wrote a zone gets its instant, shown in Vietnam time.
        QString zone = m.captured(5);
        int offset = 0;
        if (zone != QLatin1String("Z")) {
            zone.remove(QLatin1Char(':'));
            offset = (zone.mid(1, 2).toInt() * 3600 + zone.mid(3, 2).toInt() * 60) *
                     (zone.startsWith(QLatin1Char('-')) ? -1 : 1);
        }
        return QDateTime(date, time, QTimeZone::fromSecondsAheadOfUtc(offset)).toTimeZone(vietnamTimeZone());
    }
    return QDateTime(date, time, vietnamTimeZone());
}

// ---------------------------------------------------------------- DocumentId

QString DocumentId::toString() const
{
    return build(organId, date, number, notation);
}

QString DocumentId::build(const QString &organId, const QDate &date, const QString &number,
                          const QString &notation)
{
    return organId + QLatin1Char(',') + wireDate(date) + QLatin1Char(',') + number + QLatin1Char('/') +
           notation;
}

std::optional<DocumentId> DocumentId::parse(const QString &input)
{
    const QString text = input.trimmed();
    const qsizetype c1 = text.indexOf(QLatin1Char(','));
    const qsizetype c2 = c1 < 0 ? -1 : text.indexOf(QLatin1Char(','), c1 + 1);
    if (c1 <= 0 || c2 < 0)
        return std::nullopt;
    DocumentId id;
    id.organId = text.left(c1).trimmed();
    id.date = parseWireDate(text.mid(c1 + 1, c2 - c1 - 1));
    const QString code = text.mid(c2 + 1).trimmed();
    const qsizetype slash = code.indexOf(QLatin1Char('/'));
    if (!id.date.isValid() || slash <= 0 || slash == code.size() - 1)
        return std::nullopt;
    id.number = code.left(slash).trimmed();
    id.notation = code.mid(slash + 1).trimmed();
    return id;
}

// ---------------------------------------------------------------- packet helpers

void Packet::appendTraceHeader(const QString &organId, const QDateTime &when)
{
    QDateTime at = when.isValid() ? when : QDateTime::currentDateTime();
    // The wire keeps whole seconds.
    at = at.toTimeZone(vietnamTimeZone());
    at.setTime(QTime(at.time().hour(), at.time().minute(), at.time().second()));
    traceHeaders.append({organId, at});
}

static QString stripCid(const QString &id)
{
    const QString t = id.trimmed();
    return t.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive) ? t.mid(4).trimmed() : t;
}

const Attachment *Packet::attachment(const QString &contentId) const
{
    const QString id = stripCid(contentId);
    for (const Attachment &a : attachments)
        if (a.contentId == id)
            return &a;
    return nullptr;
}

Packet Packet::statusFor(const Packet &document, const Organization &from, const QString &code,
                         const QString &description, const QDateTime &when, const StaffInfo &staff)
{
    Packet p;
    p.kind = PacketKind::Status;
    p.header.from = from;
    p.status.responseFor.organId = document.header.from.organId;
    p.status.responseFor.code = document.header.code.text();
    p.status.responseFor.promulgationDate = document.header.promulgation.date;
    p.status.responseFor.documentId = document.header.documentId;
    p.status.staff = staff;
    p.status.code = StatusCodes::normalise(code);
    if (p.status.code.isEmpty())
        p.status.code = code.trimmed();
    p.status.description =
        description.trimmed().isEmpty() ? StatusCodes::standardDescription(code) : description.trimmed();
    QDateTime at = (when.isValid() ? when : QDateTime::currentDateTime()).toTimeZone(vietnamTimeZone());
    at.setTime(QTime(at.time().hour(), at.time().minute(), at.time().second()));
    p.status.timestamp = at;
    return p;
}

// ---------------------------------------------------------------- JSON

namespace {

QJsonValue optionalInt(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QString isoDate(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QString isoTimestamp(const QDateTime &t)
{
    return t.isValid() ? t.toTimeZone(vietnamTimeZone()).toString(Qt::ISODate) : QString();
}

QJsonObject organizationJson(const Organization &o)
{
    return {{QStringLiteral("organId"), o.organId},
            {QStringLiteral("organizationInCharge"), o.organizationInCharge},
            {QStringLiteral("organName"), o.organName},
            {QStringLiteral("organAdd"), o.organAdd},
            {QStringLiteral("email"), o.email},
            {QStringLiteral("telephone"), o.telephone},
            {QStringLiteral("fax"), o.fax},
            {QStringLiteral("website"), o.website}};
}

QJsonObject responseForJson(const ResponseFor &r)
{
    return {{QStringLiteral("organId"), r.organId},
            {QStringLiteral("code"), r.code},
            {QStringLiteral("promulgationDate"), isoDate(r.promulgationDate)},
            {QStringLiteral("documentId"), r.documentId}};
}

QJsonObject staffJson(const StaffInfo &s)
{
    return {{QStringLiteral("department"), s.department},
            {QStringLiteral("staff"), s.staff},
            {QStringLiteral("mobile"), s.mobile},
            {QStringLiteral("email"), s.email}};
}

QJsonArray stringArray(const QStringList &l)
{
    QJsonArray a;
    for (const QString &s : l)
        a.append(s);
    return a;
}

} // namespace

QJsonObject Packet::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), isStatus() ? QStringLiteral("status") : QStringLiteral("document"));
    o.insert(QStringLiteral("from"), organizationJson(header.from));
    QJsonArray traces;
    for (const TraceHeader &t : traceHeaders)
        traces.append(QJsonObject{{QStringLiteral("organId"), t.organId},
                                  {QStringLiteral("timestamp"), isoTimestamp(t.timestamp)}});
    o.insert(QStringLiteral("traceHeaders"), traces);
    o.insert(QStringLiteral("signed"), !signatureXml.isEmpty());
    if (isStatus()) {
        o.insert(QStringLiteral("status"),
                 QJsonObject{{QStringLiteral("code"), status.code},
                             {QStringLiteral("description"), status.description},
                             {QStringLiteral("meaning"), StatusCodes::meaning(status.code)},
                             {QStringLiteral("timestamp"), isoTimestamp(status.timestamp)},
                             {QStringLiteral("responseFor"), responseForJson(status.responseFor)},
                             {QStringLiteral("staff"), staffJson(status.staff)}});
        return o;
    }
    QJsonArray to;
    for (const Organization &org : header.to)
        to.append(organizationJson(org));
    o.insert(QStringLiteral("to"), to);
    o.insert(QStringLiteral("documentId"), header.documentId);
    o.insert(QStringLiteral("code"), QJsonObject{{QStringLiteral("number"), header.code.number},
                                                 {QStringLiteral("notation"), header.code.notation}});
    o.insert(QStringLiteral("promulgationDate"), isoDate(header.promulgation.date));
    o.insert(QStringLiteral("place"), header.promulgation.place);
    o.insert(QStringLiteral("type"),
             QJsonObject{{QStringLiteral("type"), optionalInt(header.documentType.type)},
                         {QStringLiteral("detail"), optionalInt(header.documentType.typeDetail)},
                         {QStringLiteral("name"), header.documentType.typeName}});
    o.insert(QStringLiteral("subject"), header.subject);
    o.insert(QStringLiteral("content"), header.content);
    o.insert(QStringLiteral("signer"), QJsonObject{{QStringLiteral("competence"), header.signer.competence},
                                                   {QStringLiteral("position"), header.signer.position},
                                                   {QStringLiteral("fullName"), header.signer.fullName}});
    o.insert(QStringLiteral("dueDate"), isoDate(header.dueDate));
    o.insert(QStringLiteral("toPlaces"), stringArray(header.toPlaces));
    o.insert(QStringLiteral("priority"), optionalInt(header.otherInfo.priority));
    const OtherInfo &other = header.otherInfo;
    o.insert(QStringLiteral("otherInfo"),
             QJsonObject{
                 {QStringLiteral("priority"), optionalInt(other.priority)},
                 {QStringLiteral("sphereOfPromulgation"), other.sphereOfPromulgation},
                 {QStringLiteral("typerNotation"), other.typerNotation},
                 {QStringLiteral("promulgationAmount"), optionalInt(other.promulgationAmount)},
                 {QStringLiteral("pageAmount"), optionalInt(other.pageAmount)},
                 {QStringLiteral("direction"), other.direction ? QJsonValue(*other.direction) : QJsonValue()},
                 {QStringLiteral("appendixes"), stringArray(other.appendixes)}});
    o.insert(QStringLiteral("steeringType"), optionalInt(header.steeringType));
    QJsonArray responses;
    for (const ResponseFor &r : header.responseFor)
        responses.append(responseForJson(r));
    o.insert(QStringLiteral("responseFor"), responses);
    if (business) {
        const Business &b = *business;
        QJsonObject bj{{QStringLiteral("type"), optionalInt(b.type)},
                       {QStringLiteral("reason"), b.reason},
                       {QStringLiteral("documentId"), b.documentId},
                       {QStringLiteral("paper"), optionalInt(b.paper)},
                       {QStringLiteral("staff"), staffJson(b.staff)}};
        if (b.documentInfo) {
            QJsonArray receivers;
            for (const Receiver &r : b.documentInfo->receivers)
                receivers.append(QJsonObject{{QStringLiteral("organId"), r.organId},
                                             {QStringLiteral("receiverType"), optionalInt(r.receiverType)}});
            bj.insert(QStringLiteral("documentInfo"),
                      QJsonObject{
                          {QStringLiteral("documentInfo"), optionalInt(b.documentInfo->documentInfo)},
                          {QStringLiteral("documentReceiver"), optionalInt(b.documentInfo->documentReceiver)},
                          {QStringLiteral("receivers"), receivers}});
        }
        QJsonArray replacements;
        for (const ReplacementInfo &r : b.replacements)
            replacements.append(QJsonObject{{QStringLiteral("documentId"), r.documentId},
                                            {QStringLiteral("organIds"), stringArray(r.organIds)}});
        bj.insert(QStringLiteral("replacements"), replacements);
        o.insert(QStringLiteral("business"), bj);
    } else {
        o.insert(QStringLiteral("business"), QJsonValue());
    }
    QJsonArray refs;
    for (const ManifestReference &r : references)
        refs.append(QJsonObject{{QStringLiteral("contentId"), r.contentId},
                                {QStringLiteral("contentType"), r.contentType},
                                {QStringLiteral("description"), r.description},
                                {QStringLiteral("attachmentName"), r.attachmentName}});
    o.insert(QStringLiteral("references"), refs);
    QJsonArray atts;
    for (const Attachment &a : attachments)
        atts.append(QJsonObject{{QStringLiteral("contentId"), a.contentId},
                                {QStringLiteral("name"), a.name},
                                {QStringLiteral("description"), a.description},
                                {QStringLiteral("contentType"), a.contentType},
                                {QStringLiteral("size"), double(a.data.size())},
                                {QStringLiteral("sha256"), a.sha256()}});
    o.insert(QStringLiteral("attachments"), atts);
    return o;
}

// ---------------------------------------------------------------- comparison

namespace {

QString show(const QJsonValue &v)
{
    if (v.isString())
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString difference(const QString &path, const QJsonValue &a, const QJsonValue &b)
{
    if (a.isObject() && b.isObject()) {
        const QJsonObject oa = a.toObject(), ob = b.toObject();
        QStringList keys = oa.keys();
        for (const QString &k : ob.keys())
            if (!keys.contains(k))
                keys << k;
        for (const QString &k : keys)
            if (QString d =
                    difference(path.isEmpty() ? k : path + QLatin1Char('.') + k, oa.value(k), ob.value(k));
                !d.isEmpty())
                return d;
        return {};
    }
    if (a.isArray() && b.isArray()) {
        const QJsonArray aa = a.toArray(), ab = b.toArray();
        for (qsizetype i = 0; i < std::min(aa.size(), ab.size()); ++i)
            if (QString d = difference(QStringLiteral("%1[%2]").arg(path).arg(i), aa[i], ab[i]); !d.isEmpty())
                return d;
        if (aa.size() != ab.size())
            return QStringLiteral("%1: %2 items ≠ %3 items").arg(path).arg(aa.size()).arg(ab.size());
        return {};
    }
    // An absent value and an empty one mean the same on the wire.
    auto blank = [](const QJsonValue &v) {
        return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty());
    };
    if ((blank(a) && blank(b)) || a == b)
        return {};
    return QStringLiteral("%1: %2 ≠ %3").arg(path, show(a), show(b));
}

} // namespace

QString firstDifference(const Packet &a, const Packet &b)
{
    if (QString d = difference(QString(), a.toJson(), b.toJson()); !d.isEmpty())
        return d;
    if (a.signatureXml != b.signatureXml)
        return QStringLiteral("signatureXml differs");
    if (a.header.responseFor != b.header.responseFor || a.status.responseFor != b.status.responseFor)
        return QStringLiteral("responseFor differs");
    if (a != b)
        return QStringLiteral("the packets differ");
    return {};
}

} // namespace govdesk::exchange::edxml
