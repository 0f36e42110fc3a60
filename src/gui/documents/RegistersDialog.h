#pragma once

#include "documents/IncomingRegisters.h"
#include "gui/widgets/BusyCursor.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class RegistersDialog;
}

namespace govdesk::gui {

class Session;

/// Prints the registers of Decree 30/2020 Phụ lục IV: for incoming documents the Sổ đăng ký văn bản đến (and
/// its classified book) and the Sổ theo dõi giải quyết văn bản đến, for a year or a range of arrival dates;
/// for outgoing documents the Sổ đăng ký văn bản đi of each book (ordinary, classified, copies) for a year,
/// the Sổ gửi văn bản đi bưu điện and the Sổ sử dụng bản lưu for a year or a range of dates. Preview, print
/// or save as PDF; the register is gathered and the PDF written in a worker.
class RegistersDialog : public QDialog
{
    Q_OBJECT
public:
    /// Which register is chosen.
    enum class Register
    {
        Incoming,     // Sổ đăng ký văn bản đến (a book), or the tracking register: see request()
        OutgoingBook, // Sổ đăng ký văn bản đi of one outgoing book, per year
        Post,         // Sổ gửi văn bản đi bưu điện
        ArchiveUse,   // Sổ sử dụng bản lưu
    };

    explicit RegistersDialog(Session &session, QWidget *parent = nullptr);
    ~RegistersDialog() override;

    Register chosenRegister() const;
    /// The incoming register asked for (when chosenRegister() is Incoming).
    documents::IncomingRegisters::Request request() const;

public Q_SLOTS:
    void preview();
    void print();
    void exportPdf();

Q_SIGNALS:
    /// The register was gathered (before it is previewed, printed or written).
    void built(const reports::RegisterReport &report);

private:
    void build(std::function<void(const reports::RegisterReport &)> then);
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &message);
    void registerChosen();

    std::unique_ptr<Ui::RegistersDialog> m_ui;
    Session &m_session;
    BusyCursor m_busy;
};

} // namespace govdesk::gui
