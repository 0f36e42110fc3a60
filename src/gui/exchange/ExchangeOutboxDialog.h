#pragma once

#include "exchange/sync/ExchangeService.h"
#include "gui/widgets/BusyCursor.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace govdesk::gui {

class ExchangeSync;
class Session;

/// Tệp → Hàng đợi liên thông… (or a click on the exchange's part of the status bar): every packet not yet
/// sent (ExchangeService::unsent) — what it carries, for which document, to whom, its state, how many
/// attempts, when the next one is due and the last error — with "Gửi lại các gói lỗi" (retryFailed) and
/// "Đồng bộ ngay". It reads the queue again after each cycle of the background sync.
class ExchangeOutboxDialog : public QDialog
{
    Q_OBJECT
public:
    ExchangeOutboxDialog(Session &session, ExchangeSync *sync, QWidget *parent = nullptr);
    ~ExchangeOutboxDialog() override;

    QTreeWidget *packetsTree() const { return m_packets; }
    /// The entries as last read.
    const QList<exchange::OutboxEntry> &entries() const { return m_entries; }
    /// The queue was read at least once since the dialog opened.
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    void reload();
    void retryFailed();
    void syncNow();

Q_SIGNALS:
    void reloaded();

private:
    struct Row;
    void fill(const QList<Row> &rows, const core::Error &error);
    void updateButtons();

    Session &m_session;
    QPointer<ExchangeSync> m_sync;
    QList<exchange::OutboxEntry> m_entries;
    bool m_loaded = false;
    int m_generation = 0;
    BusyCursor m_busy;
    QLabel *m_summary;
    QTreeWidget *m_packets;
    QLabel *m_error;
    QPushButton *m_retryButton;
    QPushButton *m_syncButton;
};

} // namespace govdesk::gui
