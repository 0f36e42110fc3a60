#pragma once

#include "core/Error.h"
#include "exchange/sync/ExchangeSettings.h"
#include "gui/documents/DocumentActionDialog.h"
#include "gui/widgets/BusyCursor.h"

#include <memory>

namespace Ui {
class ExchangeSettingsDialog;
}

namespace govdesk::gui {

/// Tệp → Liên thông văn bản… (administrator): how this workspace reaches the document exchange — the
/// transport (national axis VXP, provincial LGSP with OAuth2 or with key headers; SOAP through KDSoap;
/// listed as not supported in a build without KDSoap), address, system id, sender id, token address, CA
/// certificates, proxy, time-out, poll interval, place name, and the secret: typed into the OS keychain when
/// this computer has one, else read from the environment variable named here. "Kiểm tra kết nối" asks the
/// exchange for its directory in a worker and says how many agencies it lists, or why it could not (TLS,
/// credentials, network …) in both languages. Settings the machine's system configuration locks are shown
/// read-only. Saving is ExchangeSettings::save: its refusal shows in the dialog and nothing typed is lost.
class ExchangeSettingsDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    explicit ExchangeSettingsDialog(Session &session, QWidget *parent = nullptr);
    ~ExchangeSettingsDialog() override;

    /// The settings and the keychain's state were read (the form is filled).
    bool isLoaded() const { return m_loaded; }
    bool keychainAvailable() const { return m_keychain; }
    bool isReadOnly() const { return m_settings.lockedBySystem; }
    /// The outcome of the last connection check: null error when it went through.
    const core::Error &lastTestError() const { return m_testError; }
    int lastTestAgencies() const { return m_testAgencies; }

    /// The settings as the form says them (the secret is never part of them).
    exchange::ExchangeSettings settingsFromForm() const;

public Q_SLOTS:
    void testConnection();
    void accept() override;

Q_SIGNALS:
    void loaded();
    /// A connection check ended (see lastTestError()).
    void connectionTested(bool ok);

protected:
    QString errorText(const core::Error &error) const override;

private:
    struct Loaded;
    void load();
    void fill(const Loaded &loaded);
    void updateKindRows();
    void showTestResult(const QString &text, bool ok);
    void fitToContents();

    std::unique_ptr<Ui::ExchangeSettingsDialog> m_ui;
    exchange::ExchangeSettings m_settings;
    bool m_loaded = false;
    bool m_keychain = false;
    bool m_storedSecret = false;
    bool m_testing = false;
    BusyCursor m_testBusy;
    BusyCursor m_saveBusy;
    core::Error m_testError;
    int m_testAgencies = -1;
};

} // namespace govdesk::gui
