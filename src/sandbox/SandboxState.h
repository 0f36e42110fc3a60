#pragma once

#include "FaultPlan.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace govdesk::sandbox {

/// A registered agency: its organ code, and the credentials its system uses.
struct Agency
{
    int id = 0; ///< numeric directory id (VXP's id/pid)
    QString code;
    QString name;
    QString systemId;
    QString secret;
    QString parent; ///< parent organ code, may be empty
    QString mail;
};

/// One packet as sent; `id` is the sender's doc id.
struct Packet
{
    QString id;
    QString fromCode;
    QStringList to;
    QString messageType; ///< "edoc" / "status"
    QByteArray bytes;
    QDateTime created;
};

/// One packet in one recipient's inbox, under the recipient's own doc id.
struct Delivery
{
    QString docId;
    QString packetId;
    QString toCode;
    QString status = QStringLiteral("initial"); ///< initial | processing | done | fail
    QDateTime created;
    QDateTime updated;

    bool pending() const
    {
        return status == QLatin1String("initial") || status == QLatin1String("processing");
    }
};

/// Everything the sandbox axis knows, shared by all protocols: agencies and their credentials, packets,
/// inboxes, OAuth tokens, armed faults and counters. Kept in memory and, with a data folder, in
/// <dir>/state.json and <dir>/packets/<id>.edxml after every change (a restart keeps the inboxes).
class SandboxState
{
    Q_DECLARE_TR_FUNCTIONS(SandboxState)
public:
    bool loadAgencies(const QString &file, QString *error);
    void useDemoAgencies();
    const QList<Agency> &agencies() const { return m_agencies; }
    const Agency *bySystemId(const QString &systemId) const;
    const Agency *byCode(const QString &code) const;
    const Agency *byId(int id) const;

    bool openDataDir(const QString &dir, QString *error);

    /// ErrorDesc of a `from` that is not the caller's registered system id (the national axis's words).
    static QString wrongFrom(const QString &from, const QString &systemId);

    struct SendOutcome
    {
        QString docId;
        QString error; ///< ErrorDesc when refused
    };
    /// Routes a packet from `sender` to `to` (empty: read from the edXML), honouring a deliver fault.
    SendOutcome send(const Agency &sender, const QByteArray &bytes, const QString &messageType,
                     const QStringList &to);
    /// The caller's inbox, oldest first; `messageType` empty = both types.
    QList<const Delivery *> inbox(const QString &code, const QString &messageType, bool pendingOnly) const;
    const Delivery *delivery(const QString &code, const QString &docId) const;
    const Packet *packet(const QString &id) const;
    /// Sets the transport status of one of the caller's deliveries; an ErrorDesc when refused.
    QString acknowledge(const QString &code, const QString &docId, const QString &status);

    struct SentRow
    {
        const Packet *packet;
        const Delivery *delivery;
    };
    QList<SentRow> sent(const QString &code, const QString &messageType, const QString &docId) const;

    static QString statusDesc(const QString &status);

    int tokenLifetimeSeconds = 3600;
    QString issueToken(const Agency &agency);
    const Agency *tokenOwner(const QByteArray &token) const;
    void expireTokens();

    FaultPlan &faults() { return m_faults; }
    void countRequest(const QString &operation, bool proxied);
    QJsonObject stateJson() const;
    void reset();

private:
    QString newId();
    void save();
    void savePacket(const Packet &p);

    QList<Agency> m_agencies;
    QMap<QString, Packet> m_packets;
    QList<Delivery> m_deliveries;
    QHash<QString, qsizetype> m_deliveryIndex; // docId -> position in m_deliveries
    struct Token
    {
        QString systemId;
        QDateTime expiry;
    };
    QHash<QByteArray, Token> m_tokens;
    int m_tokensIssued = 0;
    FaultPlan m_faults;
    QMap<QString, int> m_requests;
    int m_proxied = 0;
    int m_duplicatesInjected = 0;
    quint32 m_counter = 0;
    QString m_dataDir;
};

} // namespace govdesk::sandbox
