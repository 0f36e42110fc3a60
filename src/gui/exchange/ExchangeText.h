#pragma once

#include "exchange/sync/ExchangeService.h"

#include <QCoreApplication>
#include <QString>

namespace govdesk::gui {

class Session;

/// How the exchange screens word what the exchange service reports: packet states, purposes, the short name
/// of a status code (the full meaning is edxml::StatusCodes::meaning), the kind of a request, an organ by
/// its code.
class ExchangeText
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeText)
public:
    /// pending → "chờ gửi", sending → "đang gửi", sent → "đã gửi", failed → "lỗi".
    static QString packetState(const QString &state);
    /// What a packet of the outbox carries: the document, its revocation, a status about a received one.
    static QString packetKind(const exchange::OutboxEntry &entry);
    /// "01" → "Đã đến" …; the code itself when unknown.
    static QString statusName(const QString &code);
    /// "01 — Đã đến".
    static QString statusLabel(const QString &code);
    /// recall → "lấy lại", revoke → "thu hồi", update → "cập nhật", replace → "thay thế".
    static QString requestKind(const QString &kind);
    /// "<sender> asks to recall this document: <reason>", as the banner of the document says it.
    static QString requestSentence(const QString &sender, const exchange::ExchangeRequest &request);
    /// The organ's name as the workspace knows it ("Sở Tài chính (000.00.01.H16)"), else the code.
    static QString organ(const Session &session, const QString &code);
    /// The organ's name alone, empty when unknown.
    static QString organName(const Session &session, const QString &code);
};

} // namespace govdesk::gui
