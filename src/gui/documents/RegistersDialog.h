#pragma once

#include "documents/IncomingRegisters.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class RegistersDialog;
}

namespace govdesk::gui {

class Session;

/// Prints the registers of Decree 30/2020 Phụ lục IV — Sổ đăng ký văn bản đến (and its classified book) and
/// Sổ theo dõi giải quyết văn bản đến — for a year or a range of arrival dates: preview, print or save as
/// PDF. The register is gathered and the PDF written in a worker.
class RegistersDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RegistersDialog(Session &session, QWidget *parent = nullptr);
    ~RegistersDialog() override;

    documents::IncomingRegisters::Request request() const;

public Q_SLOTS:
    void preview();
    void print();
    void exportPdf();

private:
    void build(std::function<void(const reports::RegisterReport &)> then);
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &message);

    std::unique_ptr<Ui::RegistersDialog> m_ui;
    Session &m_session;
    bool m_busy = false;
};

} // namespace govdesk::gui
