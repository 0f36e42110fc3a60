#pragma once

#include <atomic>

#include "core/Result.h"
#include "core/User.h"
#include "exchange/edxml/EdxmlPacket.h"
#include "exchange/sync/ExchangeSettings.h"
#include "exchange/transport/ExchangeTransport.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace govdesk::exchange {

/// One packet of the outbox: a document or a status for one recipient, and how far its sending got.
struct OutboxEntry
{
    QString id;
    QString kind; // edoc | status
    QString documentId;
    QString recipient; // organ code
    QString purpose;   // new | revoke | update | replace | status code
    QString state;     // pending | sending | sent | failed
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QString transportId;
    QDateTime sentAt;

    QJsonObject toJson() const;
};

/// A status a recipient reported about one of our documents (01 arrived … 06 completed, 02 refused, 15/16).
struct ReportedStatus
{
    QString organ;
    QString code;
    QString description;
    QDateTime at;
    QJsonObject toJson() const;
};

/// Where an outgoing document stands with one recipient over the exchange.
struct RecipientState
{
    QString organ;
    QString organName;
    OutboxEntry packet;
    QList<ReportedStatus> statuses; // oldest first
    QJsonObject toJson() const;
};

/// A recall (lấy lại, status 13), revocation, update or replacement (business types 1/2/3) the sender asked
/// for, waiting for the clerk to accept (status 15) or refuse (16).
struct ExchangeRequest
{
    QString id;
    QString kind;          // recall | revoke | update | replace
    QString incomingId;    // the document concerned
    QString newIncomingId; // replace: the replacing document
    QString sender;
    QString reason;
    QString state; // open | accepted | refused
    QDateTime createdAt;
    QString decidedBy;
    QString note;
    QJsonObject toJson() const;
};

struct SyncOptions
{
    /// The first retry after a failure waits this long, each next one twice as long, at most maxBackoff.
    int backoffSeconds = 30;
    int maxBackoffSeconds = 3600;
    /// Send every pending packet now, whatever its back-off says (the clerk's "send now").
    bool ignoreBackoff = false;
    /// The cycle also refreshes the organisation table from the exchange's directory when the last refresh
    /// is older than this many hours (0: only when asked, syncAgencies).
    int directoryRefreshHours = 24;
    /// "Stop now" (the window closing): no further packet is sent or fetched once it turns true, and a call
    /// in progress is abandoned; what was not done stays queued for the next cycle. Null: never.
    const std::atomic_bool *cancel = nullptr;
    bool cancelled() const { return cancel && cancel->load(); }
};

/// What one sync cycle did.
struct SyncReport
{
    int sent = 0;       // packets the exchange accepted
    int retrying = 0;   // packets that failed and will be tried again
    int failed = 0;     // packets refused for good (wrong credentials, refused by the server)
    int received = 0;   // documents that became incoming documents
    int statuses = 0;   // statuses received about our documents
    int requests = 0;   // recall/update/replace requests for the clerk
    int duplicates = 0; // deliveries of a document already received
    int rejected = 0;   // packets that could not be read (kept, reported to the exchange as failed)
    /// Agencies added or renamed when the cycle refreshed the directory; -1 when no refresh was due.
    int directoryChanged = -1;
    /// Why a due refresh of the directory failed (tried again next cycle; the packets are not affected).
    core::Error directoryError;
    QList<core::Error> errors;
    QJsonObject toJson() const;
};

/// Liên thông văn bản: sends issued documents to other agencies as edXML packets and takes theirs into the
/// incoming queue, over whichever transport the workspace is set up with. Nothing is lost: a packet is
/// stored before it is sent and marked sent only on the exchange's OK; a received packet is stored before
/// the exchange is told it arrived. Nothing is doubled: one packet per document, recipient and purpose; a
/// second delivery of a document already received is recorded as a duplicate. Rules live here, so the GUI
/// and the CLI behave the same.
class ExchangeService
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeService)
public:
    explicit ExchangeService(storage::Database &db);

    /// Queues an issued outgoing document for every recipient organ it is addressed to (once each; calling
    /// again queues only new recipients) and marks it sent over the exchange. Refused for a classified
    /// document (Mật and above), an unissued one, or one without recipient organs. A document replacing or
    /// updating one sent before travels as business type 3 or 2.
    core::Result<QList<OutboxEntry>> send(const core::User &actor, const QString &outgoingId);
    /// After the document was recalled (OutgoingService::recall): queues a revocation (business type 1) to
    /// every recipient it was sent to.
    core::Result<QList<OutboxEntry>> sendRevocation(const core::User &actor, const QString &outgoingId);

    /// The edXML packet of an issued outgoing document as it goes to its recipients (or to `recipients`):
    /// purpose new | revoke | update | replace. Built, not queued: `edxml build` shows it.
    core::Result<edxml::Packet> packet(const core::User &actor, const QString &outgoingId,
                                       const QString &purpose = QStringLiteral("new"),
                                       const QStringList &recipients = {});

    /// One cycle: sends what is due, fetches what waits in the inbox, reports the processing steps of
    /// received documents back to their senders, and sends those statuses.
    core::Result<SyncReport> sync(const core::User &actor, ExchangeTransport &transport,
                                  const SyncOptions &options = {});

    /// The outgoing document's state with each recipient (packet, statuses received).
    core::Result<QList<RecipientState>> status(const core::User &actor, const QString &outgoingId);
    /// Every outbox packet not yet sent (pending or failed), oldest first.
    core::Result<QList<OutboxEntry>> unsent(const core::User &actor);
    /// Puts failed packets back in the queue (after the cause was fixed).
    core::Result<int> retryFailed(const core::User &actor);

    core::Result<QList<ExchangeRequest>> requests(const core::User &actor, bool openOnly = true);
    /// The clerk accepts (status 15; a recall or revocation withdraws the incoming document, a replacement
    /// withdraws the replaced one, an update applies the new information) or refuses (16) a request.
    core::Result<ExchangeRequest> decide(const core::User &actor, const QString &requestId, bool accept,
                                         const QString &note);

    /// Refreshes the organisation table from the exchange's directory; returns how many agencies were added
    /// or changed. The time of the refresh is kept (lastDirectoryRefresh).
    core::Result<int> syncAgencies(const core::User &actor, ExchangeTransport &transport);
    /// When the directory was last refreshed (UTC); invalid when never.
    QDateTime lastDirectoryRefresh();

    /// The incoming document a received packet became ("" when none), by the exchange's id of the delivery.
    core::Result<QString> incomingForDelivery(const QString &transportId);

private:
    core::Result<void> checkClerk(const core::User &actor);
    core::Result<QList<OutboxEntry>> queueDocument(const core::User &actor, const QString &outgoingId,
                                                   const QString &purpose);
    void sendDue(ExchangeTransport &transport, const SyncOptions &options, SyncReport &report);
    void receive(const core::User &actor, ExchangeTransport &transport, MessageType type,
                 const SyncOptions &options, SyncReport &report);
    core::Result<QString> processDocument(const core::User &actor, const QString &inboxId,
                                          const edxml::Packet &packet, SyncReport &report);
    core::Result<QString> processStatus(const core::User &actor, const QString &inboxId,
                                        const edxml::Packet &packet, SyncReport &report);
    core::Result<void> reportProgress(const core::User &actor, SyncReport &report);
    core::Result<void> queueStatus(const core::User &actor, const QString &inboxId, const QString &incomingId,
                                   const QString &code, const QString &description);
    edxml::Organization ownOrganization();

    storage::Database &m_db;
};

} // namespace govdesk::exchange
