#include "SandboxState.h"

#include "EdxmlRecipients.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

namespace govdesk::sandbox {

bool SandboxState::loadAgencies(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        error->assign(tr("Cannot read the agencies file %1: %2").arg(file, f.errorString()));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isArray()) {
        error->assign(tr("The agencies file %1 is not a JSON array: %2").arg(file, parseError.errorString()));
        return false;
    }
    QList<Agency> list;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Agency a;
        a.id = int(list.size()) + 1;
        a.code = o.value(QLatin1String("code")).toString().trimmed();
        a.name = o.value(QLatin1String("name")).toString();
        a.systemId = o.value(QLatin1String("systemId")).toString(a.code).trimmed();
        a.secret = o.value(QLatin1String("secret")).toString();
        a.parent = o.value(QLatin1String("parent")).toString().trimmed();
        a.mail = o.value(QLatin1String("mail")).toString();
        if (a.code.isEmpty() || a.secret.isEmpty()) {
            error->assign(tr("Every agency in %1 needs a code and a secret").arg(file));
            return false;
        }
        list << a;
    }
    m_agencies = list;
    return true;
}

void SandboxState::useDemoAgencies()
{
    // Illustrative set: the province (000.00.00.H16, QĐ 365/QĐ-UBND) and VPCP are real codes; the department
    // codes are examples, not the official list.
    const struct
    {
        const char *code, *name, *parent;
    } demo[] = {
        {"000.00.00.G22", "Văn phòng Chính phủ", ""},
        {"000.00.00.H16", "UBND tỉnh Đắk Nông", ""},
        {"000.00.01.H16", "Văn phòng UBND tỉnh Đắk Nông", "000.00.00.H16"},
        {"000.00.02.H16", "Sở Nội vụ tỉnh Đắk Nông", "000.00.00.H16"},
        {"000.00.03.H16", "Sở Tài chính tỉnh Đắk Nông", "000.00.00.H16"},
        {"000.00.04.H16", "Sở Thông tin và Truyền thông tỉnh Đắk Nông", "000.00.00.H16"},
    };
    m_agencies.clear();
    for (const auto &d : demo) {
        Agency a;
        a.id = int(m_agencies.size()) + 1;
        a.code = QString::fromUtf8(d.code);
        a.name = QString::fromUtf8(d.name);
        a.systemId = a.code;
        a.secret = QStringLiteral("sandbox-") + a.code;
        a.parent = QString::fromUtf8(d.parent);
        m_agencies << a;
    }
}

const Agency *SandboxState::bySystemId(const QString &systemId) const
{
    for (const Agency &a : m_agencies)
        if (a.systemId == systemId)
            return &a;
    return nullptr;
}

const Agency *SandboxState::byCode(const QString &code) const
{
    for (const Agency &a : m_agencies)
        if (a.code == code)
            return &a;
    return nullptr;
}

const Agency *SandboxState::byId(int id) const
{
    return id >= 1 && id <= m_agencies.size() ? &m_agencies[id - 1] : nullptr;
}

QString SandboxState::wrongFrom(const QString &from, const QString &systemId)
{
    return QStringLiteral("Don vi gui %1 khong dung voi ma da dang ky: %2").arg(from, systemId);
}

QString SandboxState::statusDesc(const QString &status)
{
    if (status == QLatin1String("initial"))
        return QStringLiteral("Chua nhan");
    if (status == QLatin1String("processing"))
        return QStringLiteral("Dang xu ly");
    if (status == QLatin1String("done"))
        return QStringLiteral("Da nhan");
    if (status == QLatin1String("fail"))
        return QStringLiteral("Nhan loi");
    return status;
}

QString SandboxState::newId()
{
    // 24 hex characters like the axis's ids: seconds, random bits, a counter.
    const quint32 seconds = quint32(QDateTime::currentSecsSinceEpoch());
    const quint64 random = QRandomGenerator::global()->generate64() & 0xFFFFFFFFFFULL;
    const quint32 counter = ++m_counter & 0xFFFFFF;
    return QStringLiteral("%1%2%3")
        .arg(seconds, 8, 16, QLatin1Char('0'))
        .arg(random, 10, 16, QLatin1Char('0'))
        .arg(counter, 6, 16, QLatin1Char('0'));
}

SandboxState::SendOutcome SandboxState::send(const Agency &sender, const QByteArray &bytes,
                                             const QString &messageType, const QStringList &to)
{
    if (bytes.trimmed().isEmpty())
        return {{}, QStringLiteral("Goi tin rong")};
    const EdxmlAddress address = scanAddress(bytes);
    if (!address.wellFormed)
        return {{}, QStringLiteral("Goi tin edXML khong dung dinh dang XML")};
    QStringList recipients = to;
    recipients.removeDuplicates();
    if (recipients.isEmpty())
        recipients = recipientsOf(address, messageType);
    if (recipients.isEmpty())
        return {{}, QStringLiteral("Khong xac dinh duoc don vi nhan cua goi tin")};
    for (const QString &code : std::as_const(recipients))
        if (!byCode(code))
            return {{}, QStringLiteral("Don vi nhan %1 chua dang ky tren truc").arg(code)};

    Packet p;
    p.id = newId();
    p.fromCode = sender.code;
    p.to = recipients;
    p.messageType = messageType;
    p.bytes = bytes;
    p.created = QDateTime::currentDateTime();
    const bool duplicate = m_faults.take(QStringLiteral("deliver")).kind == FaultPlan::Kind::Duplicate;
    if (duplicate)
        ++m_duplicatesInjected;
    for (const QString &code : std::as_const(recipients)) {
        for (int copy = 0; copy < (duplicate ? 2 : 1); ++copy) {
            Delivery d;
            d.docId = newId();
            d.packetId = p.id;
            d.toCode = code;
            d.created = p.created;
            d.updated = p.created;
            m_deliveryIndex.insert(d.docId, m_deliveries.size());
            m_deliveries << d;
        }
    }
    m_packets.insert(p.id, p);
    savePacket(p);
    save();
    return {p.id, {}};
}

QList<const Delivery *> SandboxState::inbox(const QString &code, const QString &messageType,
                                            bool pendingOnly) const
{
    QList<const Delivery *> out;
    for (const Delivery &d : m_deliveries) {
        if (d.toCode != code || (pendingOnly && !d.pending()))
            continue;
        if (!messageType.isEmpty() && m_packets.value(d.packetId).messageType != messageType)
            continue;
        out << &d;
    }
    return out;
}

const Delivery *SandboxState::delivery(const QString &code, const QString &docId) const
{
    const auto it = m_deliveryIndex.constFind(docId);
    if (it == m_deliveryIndex.cend() || m_deliveries[*it].toCode != code)
        return nullptr;
    return &m_deliveries[*it];
}

const Packet *SandboxState::packet(const QString &id) const
{
    const auto it = m_packets.constFind(id);
    return it == m_packets.cend() ? nullptr : &*it;
}

QString SandboxState::acknowledge(const QString &code, const QString &docId, const QString &status)
{
    const QString s = status.toLower();
    if (s != QLatin1String("done") && s != QLatin1String("fail") && s != QLatin1String("processing"))
        return QStringLiteral("Trang thai %1 khong hop le (done, fail, processing)").arg(status);
    const auto it = m_deliveryIndex.constFind(docId);
    if (it == m_deliveryIndex.cend() || m_deliveries[*it].toCode != code)
        return QStringLiteral("Khong tim thay goi tin %1").arg(docId);
    Delivery &d = m_deliveries[*it];
    d.status = s;
    d.updated = QDateTime::currentDateTime();
    save();
    return {};
}

QList<SandboxState::SentRow> SandboxState::sent(const QString &code, const QString &messageType,
                                                const QString &docId) const
{
    QList<SentRow> out;
    for (const Delivery &d : m_deliveries) {
        const Packet *p = packet(d.packetId);
        if (!p || p->fromCode != code || (!messageType.isEmpty() && p->messageType != messageType))
            continue;
        if (!docId.isEmpty() && p->id != docId)
            continue;
        out.append({p, &d});
    }
    return out;
}

QString SandboxState::issueToken(const Agency &agency)
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QByteArray token = raw.toHex();
    m_tokens.insert(token, {agency.systemId, QDateTime::currentDateTimeUtc().addSecs(tokenLifetimeSeconds)});
    ++m_tokensIssued;
    return QString::fromLatin1(token);
}

const Agency *SandboxState::tokenOwner(const QByteArray &token) const
{
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.cend() || QDateTime::currentDateTimeUtc() >= it->expiry)
        return nullptr;
    return bySystemId(it->systemId);
}

void SandboxState::expireTokens()
{
    m_tokens.clear();
}

void SandboxState::countRequest(const QString &operation, bool proxied)
{
    ++m_requests[operation];
    if (proxied)
        ++m_proxied;
}

QJsonObject SandboxState::stateJson() const
{
    struct Counts
    {
        int sent = 0, delivered = 0, pending = 0, acknowledged = 0;
    };
    QMap<QString, Counts> counts;
    for (const Agency &a : m_agencies)
        counts[a.code];
    for (const Packet &p : m_packets)
        ++counts[p.fromCode].sent;
    Counts total;
    total.sent = int(m_packets.size());
    for (const Delivery &d : m_deliveries) {
        Counts &c = counts[d.toCode];
        ++c.delivered;
        ++total.delivered;
        if (d.pending()) {
            ++c.pending;
            ++total.pending;
        } else {
            ++c.acknowledged;
            ++total.acknowledged;
        }
    }
    auto toJson = [](const Counts &c) {
        return QJsonObject{{QStringLiteral("sent"), c.sent},
                           {QStringLiteral("delivered"), c.delivered},
                           {QStringLiteral("pending"), c.pending},
                           {QStringLiteral("acknowledged"), c.acknowledged}};
    };
    QJsonObject agencies;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        agencies.insert(it.key(), toJson(it.value()));
    QJsonObject requests;
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        requests.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("agencies"), agencies},
                       {QStringLiteral("totals"), toJson(total)},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("tokensIssued"), m_tokensIssued},
                       {QStringLiteral("proxiedRequests"), m_proxied},
                       {QStringLiteral("duplicatesInjected"), m_duplicatesInjected},
                       {QStringLiteral("faults"), m_faults.describe()}};
}

void SandboxState::reset()
{
    m_packets.clear();
    m_deliveries.clear();
    m_deliveryIndex.clear();
    m_tokens.clear();
    m_tokensIssued = 0;
    m_faults.clear();
    m_requests.clear();
    m_proxied = 0;
    m_duplicatesInjected = 0;
    if (!m_dataDir.isEmpty()) {
        QDir(m_dataDir + QStringLiteral("/packets")).removeRecursively();
        QDir().mkpath(m_dataDir + QStringLiteral("/packets"));
        save();
    }
}

// Persistence: packet bytes once per packet, the small index after every change.

bool SandboxState::openDataDir(const QString &dir, QString *error)
{
    m_dataDir = QDir(dir).absolutePath();
    if (!QDir().mkpath(m_dataDir + QStringLiteral("/packets"))) {
        error->assign(tr("Cannot create the data folder %1").arg(m_dataDir));
        return false;
    }
    QFile f(m_dataDir + QStringLiteral("/state.json"));
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        error->assign(tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (const QJsonValue &v : o.value(QLatin1String("packets")).toArray()) {
        const QJsonObject po = v.toObject();
        Packet p;
        p.id = po.value(QLatin1String("id")).toString();
        p.fromCode = po.value(QLatin1String("from")).toString();
        for (const QJsonValue &t : po.value(QLatin1String("to")).toArray())
            p.to << t.toString();
        p.messageType = po.value(QLatin1String("messageType")).toString();
        p.created = QDateTime::fromString(po.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        QFile pf(m_dataDir + QStringLiteral("/packets/") + p.id + QStringLiteral(".edxml"));
        if (!pf.open(QIODevice::ReadOnly)) {
            error->assign(tr("Cannot read %1: %2").arg(pf.fileName(), pf.errorString()));
            return false;
        }
        p.bytes = pf.readAll();
        m_packets.insert(p.id, p);
    }
    for (const QJsonValue &v : o.value(QLatin1String("deliveries")).toArray()) {
        const QJsonObject dobj = v.toObject();
        Delivery d;
        d.docId = dobj.value(QLatin1String("docId")).toString();
        d.packetId = dobj.value(QLatin1String("packetId")).toString();
        d.toCode = dobj.value(QLatin1String("to")).toString();
        d.status = dobj.value(QLatin1String("status")).toString();
        d.created = QDateTime::fromString(dobj.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        d.updated = QDateTime::fromString(dobj.value(QLatin1String("updated")).toString(), Qt::ISODateWithMs);
        m_deliveryIndex.insert(d.docId, m_deliveries.size());
        m_deliveries << d;
    }
    m_duplicatesInjected = o.value(QLatin1String("duplicatesInjected")).toInt();
    return true;
}

void SandboxState::savePacket(const Packet &p)
{
    if (m_dataDir.isEmpty())
        return;
    QSaveFile f(m_dataDir + QStringLiteral("/packets/") + p.id + QStringLiteral(".edxml"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(p.bytes);
        f.commit();
    }
}

void SandboxState::save()
{
    if (m_dataDir.isEmpty())
        return;
    QJsonArray packets;
    for (const Packet &p : std::as_const(m_packets))
        packets.append(QJsonObject{{QStringLiteral("id"), p.id},
                                   {QStringLiteral("from"), p.fromCode},
                                   {QStringLiteral("to"), QJsonArray::fromStringList(p.to)},
                                   {QStringLiteral("messageType"), p.messageType},
                                   {QStringLiteral("created"), p.created.toString(Qt::ISODateWithMs)}});
    QJsonArray deliveries;
    for (const Delivery &d : std::as_const(m_deliveries))
        deliveries.append(QJsonObject{{QStringLiteral("docId"), d.docId},
                                      {QStringLiteral("packetId"), d.packetId},
                                      {QStringLiteral("to"), d.toCode},
                                      {QStringLiteral("status"), d.status},
                                      {QStringLiteral("created"), d.created.toString(Qt::ISODateWithMs)},
                                      {QStringLiteral("updated"), d.updated.toString(Qt::ISODateWithMs)}});
    QSaveFile f(m_dataDir + QStringLiteral("/state.json"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("packets"), packets},
                                          {QStringLiteral("deliveries"), deliveries},
                                          {QStringLiteral("duplicatesInjected"), m_duplicatesInjected}})
                    .toJson());
        f.commit();
    }
}

} // namespace govdesk::sandbox
