#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace govdesk::signing::testing {

/// A fresh SoftHSM2 token store in a temporary folder. create() points SOFTHSM2_CONF of this process at it
/// (SoftHSM reads it in C_Initialize, so load the module after create()). Tools run through QProcess:
/// softhsm2-util, pkcs11-tool and the openssl command line.
class SoftHsmToken
{
public:
    static constexpr const char *modulePath = "/usr/lib/softhsm/libsofthsm2.so";

    SoftHsmToken();
    /// Removes the store and gives SOFTHSM2_CONF back its previous value (when it still points here).
    ~SoftHsmToken();

    /// Initialises a token labelled label in the store (the first call creates the store; later calls add
    /// more tokens to the same store).
    bool create(const QString &label, const QByteArray &userPin, const QByteArray &soPin = "12345678");

    /// Imports a private key (a PEM file or PEM text in any format `openssl pkey` reads; the public half is
    /// stored too, as on real tokens) and its certificate (a PEM or DER file, or PEM text) under the CKA_ID
    /// idHex and label, on the last created token.
    bool importKeyAndCertificate(const QString &keyPem, const QString &certPem, const QByteArray &idHex,
                                 const QString &label);
    /// Stores a certificate alone (no key), e.g. a CA certificate kept on the token.
    bool importCertificate(const QString &certPem, const QByteArray &idHex, const QString &label);

    /// Points SOFTHSM2_CONF at this store again (when several stores are used in turn; the module must be
    /// loaded afresh to read it).
    void makeCurrent();

    QString confPath() const;
    QString tokenDir() const;
    QString label() const;
    QByteArray userPin() const;
    QString errorString() const;

    /// Runs program with args (SOFTHSM2_CONF set); false with errorString() on a non-zero exit.
    bool run(const QString &program, const QStringList &args, QByteArray *output = nullptr);

private:
    bool ensureStore();
    QString materialise(const QString &pemOrPath, const QString &name);
    bool certificateToDer(const QString &certPem, const QString &derPath);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_label, m_error;
    QByteArray m_pin;
    QByteArray m_previousConf;
    bool m_hadPreviousConf = false;
    int m_files = 0;
};

} // namespace govdesk::signing::testing
