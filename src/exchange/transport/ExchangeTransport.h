#pragma once

#include "core/Result.h"
#include "exchange/transport/TransportConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace govdesk::exchange {

/// What a packet carries: a document (edoc) or a processing status about one (status, QCVN 102 §1.7).
enum class MessageType
{
    Edoc,
    Status,
};
/// "edoc" / "status", as the wire protocols write it.
QString messageTypeName(MessageType type);

/// Transport-level acknowledgement of a received packet (not the business status 01…16, which travels as a
/// status packet): done = downloaded and stored, fail = could not be stored, processing = being stored.
enum class TransportAck
{
    Done,
    Fail,
    Processing,
};

/// One packet waiting in this agency's inbox on the exchange.
struct ReceivedItem
{
    QString docId;  ///< the exchange's id for this delivery (not the edXML DocumentId)
    QString from;   ///< sender's organ code
    QStringList to; ///< recipients as the exchange reports them
    MessageType messageType = MessageType::Edoc;
    QDateTime createdTime;
    QString status; ///< transport status as the exchange reports it (e.g. "initial", "processing")
    QString statusDesc;
};

/// One (packet, recipient) pair this agency sent, with how far it got.
struct SentItem
{
    QString senderDocId;   ///< the id send() returned
    QString receiverDocId; ///< the recipient's id for the same packet
    QString fromCode;
    QString toCode;
    MessageType messageType = MessageType::Edoc;
    QDateTime sentTime;
    QDateTime receivedTime;
    QString sendStatus;
    QString sendStatusDesc;
    QString receiveStatus; ///< the recipient's transport ack: "initial" until it acknowledges
    QString receiveStatusDesc;
};

/// An agency of the exchange directory.
struct Agency
{
    QString code; ///< mã định danh, e.g. 000.00.00.H16
    QString name;
    QString parentCode; ///< empty for a top-level agency
    QString mail;
    QString oldCode; ///< previous code (QCVN 102 code before QĐ 20/2020), when the exchange gives one
};

/// A connection to one exchange (national axis or provincial LGSP) for one agency's credentials.
/// Calls block: each runs its own network access and event loop in the calling thread, so call them from a
/// worker thread or the CLI, never from the GUI thread. An object is used by one thread at a time.
/// Failures carry one of the codes below; retryable() tells the sync engine whether to try again later:
///   exchange.network      connection refused/reset/closed, DNS, time-out                     retry
///   exchange.server       the server cannot serve now (HTTP 5xx, 408, 429)                   retry
///   exchange.protocol     reply cut short or unreadable                                      retry
///   exchange.tls          certificate untrusted, expired or issued for another host          stop
///   exchange.auth         credentials refused (HTTP 401/403, HMAC, OAuth client or token)    stop
///   exchange.refused      the server refused the request; its ErrorDesc is quoted            stop
///   exchange.config       bad configuration, or an HTTP status saying the address is wrong   stop
///   exchange.unsupported  the protocol has no such call (sentList on the LGSP APIs)          stop
///   exchange.cancelled    the caller stopped the run (TransportConfig::cancel)               retry
/// A sendEdoc that failed with a retryable error may still have reached the exchange (a reply lost on the
/// way back), and Qt's HTTP stack itself re-sends a request once or twice when the connection closes before
/// any answer: receivers must expect an occasional duplicate (the axis produces them too) and recognise it by
/// the edXML DocumentId.
class ExchangeTransport
{
public:
    virtual ~ExchangeTransport();

    virtual TransportKind kind() const = 0;
    const TransportConfig &config() const { return m_config; }
    /// Calls stop with exchange.cancelled once `flag` turns true (see TransportConfig::cancel).
    void setCancelFlag(const std::atomic_bool *flag) { m_config.cancel = flag; }

    /// Sends one edXML packet as-is to `toOrganIds` (empty: the exchange reads the recipients from the
    /// packet). Returns the exchange's id for the sent packet.
    virtual core::Result<QString> send(const QByteArray &edxml, MessageType type,
                                       const QStringList &toOrganIds) = 0;
    /// Packets of that type waiting in this agency's inbox (not yet acknowledged done/fail).
    virtual core::Result<QList<ReceivedItem>> listReceived(MessageType type) = 0;
    /// The edXML bytes of a received packet, exactly as sent.
    virtual core::Result<QByteArray> fetch(const QString &docId) = 0;
    /// Transport-level acknowledgement; done/fail take the packet off the inbox list.
    virtual core::Result<void> acknowledge(const QString &docId, TransportAck status) = 0;
    /// The exchange's directory of agencies.
    virtual core::Result<QList<Agency>> agencies() = 0;
    /// Whether sentList() is offered by this protocol (the national axis has it, the LGSP APIs do not).
    virtual bool hasSentList() const { return false; }
    virtual core::Result<QList<SentItem>> sentList(MessageType type);

protected:
    explicit ExchangeTransport(TransportConfig config) : m_config(std::move(config)) {}
    TransportConfig m_config;
};

/// Whether a failure is worth retrying later (network, server, protocol) or must be shown and fixed first.
bool retryable(const core::Error &error);

} // namespace govdesk::exchange
