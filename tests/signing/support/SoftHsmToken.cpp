#include "SoftHsmToken.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

namespace govdesk::signing::testing {

SoftHsmToken::SoftHsmToken() = default;
SoftHsmToken::~SoftHsmToken()
{
    if (m_dir && qgetenv("SOFTHSM2_CONF") == QFile::encodeName(confPath())) {
        if (m_hadPreviousConf)
            qputenv("SOFTHSM2_CONF", m_previousConf);
        else
            qunsetenv("SOFTHSM2_CONF");
    }
}

void SoftHsmToken::makeCurrent()
{
    if (m_dir)
        qputenv("SOFTHSM2_CONF", QFile::encodeName(confPath()));
}

QString SoftHsmToken::confPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("softhsm2.conf")) : QString();
}

QString SoftHsmToken::tokenDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("tokens")) : QString();
}

QString SoftHsmToken::label() const
{
    return m_label;
}

QByteArray SoftHsmToken::userPin() const
{
    return m_pin;
}

QString SoftHsmToken::errorString() const
{
    return m_error;
}

bool SoftHsmToken::ensureStore()
{
    if (m_dir)
        return true;
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid() || !QDir().mkpath(tokenDir())) {
        m_error = QStringLiteral("cannot create a temporary folder for the SoftHSM store");
        m_dir.reset();
        return false;
    }
    QFile conf(confPath());
    if (!conf.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write %1").arg(confPath());
        return false;
    }
    conf.write("directories.tokendir = " + QFile::encodeName(tokenDir()) +
               "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n"
               "slots.mechanisms = ALL\nlibrary.reset_on_fork = false\n");
    conf.close();
    m_hadPreviousConf = qEnvironmentVariableIsSet("SOFTHSM2_CONF");
    m_previousConf = qgetenv("SOFTHSM2_CONF");
    qputenv("SOFTHSM2_CONF", QFile::encodeName(confPath()));
    return true;
}

bool SoftHsmToken::run(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SOFTHSM2_CONF"), confPath());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, p.errorString());
        return false;
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        m_error = QStringLiteral("%1 did not finish").arg(program);
        return false;
    }
    const QByteArray out = p.readAll();
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 %2 failed (exit %3): %4")
                      .arg(program, args.join(QLatin1Char(' ')))
                      .arg(p.exitCode())
                      .arg(QString::fromUtf8(out).trimmed());
        return false;
    }
    return true;
}

bool SoftHsmToken::create(const QString &label, const QByteArray &userPin, const QByteArray &soPin)
{
    if (!ensureStore())
        return false;
    if (!run(QStringLiteral("softhsm2-util"),
             {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"), label,
              QStringLiteral("--pin"), QString::fromUtf8(userPin), QStringLiteral("--so-pin"),
              QString::fromUtf8(soPin)}))
        return false;
    m_label = label;
    m_pin = userPin;
    return true;
}

// A file holding pemOrPath: the path itself, or a new file with the PEM text.
QString SoftHsmToken::materialise(const QString &pemOrPath, const QString &name)
{
    if (!pemOrPath.trimmed().startsWith(QLatin1StringView("-----BEGIN")))
        return pemOrPath;
    const QString path = m_dir->filePath(QStringLiteral("%1-%2.pem").arg(name).arg(++m_files));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(pemOrPath.toUtf8());
    return path;
}

bool SoftHsmToken::certificateToDer(const QString &certPem, const QString &derPath)
{
    const QString in = materialise(certPem, QStringLiteral("cert"));
    // PEM first, then DER.
    if (run(QStringLiteral("openssl"),
            {QStringLiteral("x509"), QStringLiteral("-in"), in, QStringLiteral("-outform"),
             QStringLiteral("DER"), QStringLiteral("-out"), derPath}))
        return true;
    return run(QStringLiteral("openssl"),
               {QStringLiteral("x509"), QStringLiteral("-inform"), QStringLiteral("DER"),
                QStringLiteral("-in"), in, QStringLiteral("-outform"), QStringLiteral("DER"),
                QStringLiteral("-out"), derPath});
}

bool SoftHsmToken::importKeyAndCertificate(const QString &keyPem, const QString &certPem,
                                           const QByteArray &idHex, const QString &label)
{
    if (!m_dir || m_label.isEmpty()) {
        m_error = QStringLiteral("create() a token first");
        return false;
    }
    const QString key = materialise(keyPem, QStringLiteral("key"));
    const QString pkcs8 = m_dir->filePath(QStringLiteral("key-%1.p8.pem").arg(QString::fromLatin1(idHex)));
    if (!run(QStringLiteral("openssl"),
             {QStringLiteral("pkey"), QStringLiteral("-in"), key, QStringLiteral("-out"), pkcs8}))
        return false;
    const bool imported =
        run(QStringLiteral("softhsm2-util"),
            {QStringLiteral("--import"), pkcs8, QStringLiteral("--token"), m_label, QStringLiteral("--label"),
             label, QStringLiteral("--id"), QString::fromLatin1(idHex), QStringLiteral("--pin"),
             QString::fromUtf8(m_pin)});
    QFile::remove(pkcs8);
    if (!imported)
        return false;
    return importCertificate(certPem, idHex, label);
}

bool SoftHsmToken::importCertificate(const QString &certPem, const QByteArray &idHex, const QString &label)
{
    if (!m_dir || m_label.isEmpty()) {
        m_error = QStringLiteral("create() a token first");
        return false;
    }
    const QString der = m_dir->filePath(QStringLiteral("cert-%1.der").arg(QString::fromLatin1(idHex)));
    if (!certificateToDer(certPem, der))
        return false;
    return run(QStringLiteral("pkcs11-tool"),
               {QStringLiteral("--module"), QString::fromLatin1(modulePath), QStringLiteral("--token-label"),
                m_label, QStringLiteral("--login"), QStringLiteral("--pin"), QString::fromUtf8(m_pin),
                QStringLiteral("--write-object"), der, QStringLiteral("--type"), QStringLiteral("cert"),
                QStringLiteral("--id"), QString::fromLatin1(idHex), QStringLiteral("--label"), label});
}

} // namespace govdesk::signing::testing
