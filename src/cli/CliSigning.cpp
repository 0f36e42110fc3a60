// govdesk-cli token / sign / verify: the signing services on files and tokens, without a workspace.
#include "Cli.h"
#include "CliCommon.h"

#include "documents/IncomingSignatures.h"
#include "signing/PdfVerifier.h"
#include "signing/SigningService.h"
#include "storage/Accounts.h"
#include "storage/SignerImages.h"
#include "storage/SystemConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace govdesk::cli {

using core::Error;
using core::Result;
using namespace govdesk::signing;

namespace {

QJsonObject certificateJson(const CertificateInfo &c)
{
    return QJsonObject{{QStringLiteral("subject"), c.subjectCommonName},
                       {QStringLiteral("organization"), c.subjectOrganization},
                       {QStringLiteral("title"), c.subjectTitle},
                       {QStringLiteral("subjectDn"), c.subjectDn},
                       {QStringLiteral("issuer"), c.issuerCommonName},
                       {QStringLiteral("serial"), c.serialHex},
                       {QStringLiteral("notBefore"), isoVietnamTime(c.notBefore)},
                       {QStringLiteral("notAfter"), isoVietnamTime(c.notAfter)},
                       {QStringLiteral("sha256"), c.sha256Hex}};
}

} // namespace

int Cli::cmdToken(const QStringList &args)
{
    const Options o = parse(args.mid(1), {QStringLiteral("module")}, {});
    if (!o.error.isEmpty() || args.value(0) != QLatin1String("list") || !o.positional.isEmpty())
        return usage(tr("token list [--module PATH]…"));
    QStringList modules = o.all(QStringLiteral("module"));
    if (modules.isEmpty())
        for (const KnownModule &m : availablePkcs11Modules(storage::SystemConfig::signing().pkcs11Modules))
            modules << m.path;
    if (modules.isEmpty())
        return fail(GOVDESK_ERROR("signing.no-module",
                                  QT_TRANSLATE_NOOP("Cli", "No token driver (PKCS#11 module) is installed; "
                                                           "install the token's software or give --module")));
    QJsonArray list;
    QString text;
    for (const QString &path : modules) {
        auto module = Pkcs11Module::load(path);
        if (!module)
            return fail(module.error());
        auto tokens = module.value()->tokens();
        if (!tokens)
            return fail(tokens.error());
        for (const TokenInfo &t : tokens.value()) {
            QJsonArray certs;
            text += tr("Token \"%1\" (%2 %3, serial %4) in slot %5 of %6 — %7\n")
                        .arg(t.label, t.manufacturer, t.model, t.serialNumber, QString::number(t.slotId),
                             path, t.pinStateText());
            for (const TokenObjectCertificate &c : t.certificates) {
                QJsonObject j{{QStringLiteral("id"), QString::fromLatin1(c.id.toHex())},
                              {QStringLiteral("label"), c.label},
                              {QStringLiteral("hasPrivateKey"), c.hasPrivateKey},
                              {QStringLiteral("keyType"), c.keyType},
                              {QStringLiteral("keyBits"), c.keyBits}};
                if (auto info = CertificateInfo::fromDer(c.der)) {
                    const QJsonObject cj = certificateJson(info.value());
                    for (auto it = cj.begin(); it != cj.end(); ++it)
                        j.insert(it.key(), it.value());
                    text += tr("  Certificate %1 (id %2): %3, issued by %4, valid %5 – %6%7\n")
                                .arg(c.label, QString::fromLatin1(c.id.toHex()), info->holderSummary(),
                                     info->issuerCommonName, isoVietnamTime(info->notBefore),
                                     isoVietnamTime(info->notAfter),
                                     c.hasPrivateKey ? QString() : tr(" (no private key)"));
                }
                certs.append(j);
            }
            list.append(QJsonObject{
                {QStringLiteral("module"), path},
                {QStringLiteral("slot"), double(t.slotId)},
                {QStringLiteral("slotDescription"), t.slotDescription},
                {QStringLiteral("label"), t.label},
                {QStringLiteral("manufacturer"), t.manufacturer},
                {QStringLiteral("model"), t.model},
                {QStringLiteral("serial"), t.serialNumber},
                {QStringLiteral("flags"),
                 QJsonObject{{QStringLiteral("loginRequired"), t.loginRequired},
                             {QStringLiteral("protectedAuthenticationPath"), t.protectedAuthenticationPath},
                             {QStringLiteral("pinCountLow"), t.pinCountLow},
                             {QStringLiteral("pinFinalTry"), t.pinFinalTry},
                             {QStringLiteral("pinLocked"), t.pinLocked},
                             {QStringLiteral("pinToBeChanged"), t.pinToBeChanged}}},
                {QStringLiteral("pinState"), t.pinStateText()},
                {QStringLiteral("certificates"), certs}});
        }
    }
    if (list.isEmpty())
        text = tr("No token is plugged in.");
    print(list, text);
    return 0;
}

Result<std::unique_ptr<TokenSigner>> Cli::openTokenSigner(const Options &o, const TrustStore *trust,
                                                          bool offline, QStringList *warnings)
{
    TokenSigner::Choice choice;
    choice.modulePath = o.value(QStringLiteral("module"));
    choice.tokenLabel = o.value(QStringLiteral("token"));
    choice.certLabel = o.value(QStringLiteral("cert-label"));
    choice.certId = QByteArray::fromHex(o.value(QStringLiteral("cert-id")).toLatin1());
    auto signer = TokenSigner::open(choice);
    if (!signer)
        return signer.error();
    TokenSigner &s = *signer.value();

    // Refuse an unusable certificate before asking for the PIN, so no try is spent on it.
    if (auto r = s.checkCertificate(QDateTime::currentDateTime(), trust, !offline, warnings); !r)
        return r.error();
    const TokenInfo &token = s.token();
    if (token.pinLocked)
        return GOVDESK_ERROR("signing.pin-locked",
                             QT_TRANSLATE_NOOP("Cli", "The token \"%1\" is locked: ask the certificate "
                                                      "authority's registration office to unlock it"),
                             token.label);
    if (token.pinCountLow || token.pinFinalTry)
        err() << token.pinStateText() << Qt::endl;
    QByteArray pin;
    const QString pinEnv = o.value(QStringLiteral("pin-env"));
    if (!pinEnv.isEmpty()) {
        if (!qEnvironmentVariableIsSet(pinEnv.toLocal8Bit().constData()))
            return GOVDESK_ERROR("signing.no-pin",
                                 QT_TRANSLATE_NOOP("Cli",
                                                   "The environment variable %1 holding the PIN is not "
                                                   "set"),
                                 pinEnv);
        pin = qgetenv(pinEnv.toLocal8Bit().constData());
    } else if (!token.protectedAuthenticationPath) {
        pin = password("GOVDESK_TOKEN_PIN", tr("PIN of token %1: ").arg(token.label)).toUtf8();
        if (pin.isEmpty())
            return GOVDESK_ERROR("signing.no-pin",
                                 QT_TRANSLATE_NOOP("Cli", "No PIN: give --pin-env VAR or run in a terminal"));
    }
    auto login = s.login(pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (!login)
        return login.error();
    return signer;
}

int Cli::cmdSign(const QStringList &args)
{
    const Options o =
        parse(args, {QStringLiteral("module"),     QStringLiteral("token"),
                     QStringLiteral("cert-label"), QStringLiteral("cert-id"),
                     QStringLiteral("pin-env"),    QStringLiteral("in"),
                     QStringLiteral("out"),        QStringLiteral("out-dir"),
                     QStringLiteral("role"),       QStringLiteral("signature-image"),
                     QStringLiteral("seal-image"), QStringLiteral("seal-size-mm"),
                     QStringLiteral("title"),      QStringLiteral("name"),
                     QStringLiteral("reference"),  QStringLiteral("copy-type"),
                     QStringLiteral("copy-organ"), QStringLiteral("page"),
                     QStringLiteral("rect"),       QStringLiteral("tsa"),
                     QStringLiteral("trust"),      QStringLiteral("reason"),
                     QStringLiteral("location")},
              {QStringLiteral("no-tsa"), QStringLiteral("offline"), QStringLiteral("overwrite")});
    const QString usageText = tr(
        "sign --module PATH [--token LABEL] [--cert-label L | --cert-id HEX] --pin-env VAR --in IN.pdf "
        "(--out OUT.pdf | --in … --out-dir DIR) --role ca-nhan|co-quan|dinh-kem|ban-sao [--signature-image "
        "PNG] [--seal-image PNG --seal-size-mm N] [--title TEXT --name TEXT] [--reference \"15/QĐ-UBND\"] "
        "[--copy-type \"SAO Y\" --copy-organ TEXT] [--page N --rect x,y,w,h] [--tsa URL | --no-tsa] "
        "[--trust PEM_OR_DIR]… [--offline] [--overwrite]");
    if (!o.error.isEmpty() || !o.positional.isEmpty())
        return usage(
            tr("sign: unexpected argument %1").arg(o.error.isEmpty() ? o.positional.value(0) : o.error) +
            QLatin1Char('\n') + usageText);
    const QStringList inputs = o.all(QStringLiteral("in"));
    const auto role = signatureRoleFromKey(o.value(QStringLiteral("role")));
    if (inputs.isEmpty() || !role || o.value(QStringLiteral("module")).isEmpty() ||
        (o.value(QStringLiteral("out")).isEmpty() == o.value(QStringLiteral("out-dir")).isEmpty()) ||
        (inputs.size() > 1 && o.value(QStringLiteral("out-dir")).isEmpty()))
        return usage(usageText);

    const storage::SigningSettings settings = storage::SystemConfig::signing();
    SignOptions options;
    options.role = *role;
    Error imageError;
    options.signatureImage = loadImage(o.value(QStringLiteral("signature-image")), &imageError);
    options.sealImage = loadImage(o.value(QStringLiteral("seal-image")), &imageError);
    if (!imageError.isNull())
        return fail(imageError);
    if (o.has(QStringLiteral("seal-size-mm"))) {
        bool ok = false;
        options.sealSizeMm = o.value(QStringLiteral("seal-size-mm")).toDouble(&ok);
        if (!ok || options.sealSizeMm < 10 || options.sealSizeMm > 80)
            return usage(tr("--seal-size-mm takes the seal's real size in millimetres (10–80)"));
    }
    options.title = o.value(QStringLiteral("title"));
    options.name = o.value(QStringLiteral("name"));
    options.reference = o.value(QStringLiteral("reference"));
    options.copyType = o.value(QStringLiteral("copy-type"));
    options.copyOrgan = o.value(QStringLiteral("copy-organ"));
    options.reason = o.value(QStringLiteral("reason"));
    options.location = o.value(QStringLiteral("location"));
    options.overwriteInput = o.has(QStringLiteral("overwrite"));
    if (options.role == SignatureRole::Attachment && options.reference.isEmpty())
        return usage(tr("--role dinh-kem needs --reference (the number and symbol of the main document)"));
    if (options.role == SignatureRole::Copy && (options.copyType.isEmpty() || options.copyOrgan.isEmpty()))
        return usage(tr("--role ban-sao needs --copy-type and --copy-organ"));
    if (o.has(QStringLiteral("page"))) {
        bool ok = false;
        options.page = o.value(QStringLiteral("page")).toInt(&ok);
        if (!ok || options.page < 1)
            return usage(tr("--page takes a page number from 1"));
    }
    if (o.has(QStringLiteral("rect"))) {
        const QStringList parts = o.value(QStringLiteral("rect")).split(QLatin1Char(','));
        QList<double> v;
        for (const QString &p : parts) {
            bool ok = false;
            v << p.trimmed().toDouble(&ok);
            if (!ok)
                v.clear();
        }
        if (v.size() != 4 || v[2] <= 0 || v[3] <= 0)
            return usage(
                tr("--rect takes x,y,width,height in points from the bottom-left corner of the page"));
        options.rect = QRectF(v[0], v[1], v[2], v[3]);
    }
    const bool offline = o.has(QStringLiteral("offline")) || !settings.onlineRevocation;
    options.collectRevocation = !offline;
    if (!o.has(QStringLiteral("no-tsa"))) {
        const QString tsa = o.has(QStringLiteral("tsa")) ? o.value(QStringLiteral("tsa")) : settings.tsaUrl;
        options.tsa = QUrl(tsa);
        if (!tsa.isEmpty() && (!options.tsa.isValid() || options.tsa.scheme().isEmpty()))
            return usage(tr("--tsa takes the URL of an RFC 3161 timestamp server"));
    }
    auto trust = documents::systemTrustStore(o.all(QStringLiteral("trust")));
    if (!trust)
        return fail(trust.error());
    options.trust = &trust.value();

    QStringList warnings;
    auto signer = openTokenSigner(o, options.trust, offline, &warnings);
    if (!signer)
        return fail(signer.error());
    TokenSigner &s = *signer.value();

    QList<TokenSigner::BatchItem> items;
    const QString outDir = o.value(QStringLiteral("out-dir"));
    for (const QString &in : inputs) {
        QString out = o.value(QStringLiteral("out"));
        if (!outDir.isEmpty()) {
            QDir().mkpath(outDir);
            out = QDir(outDir).filePath(QFileInfo(in).fileName());
        }
        items << TokenSigner::BatchItem{in, out};
    }
    QJsonArray results;
    // Without --json each file is reported as soon as it is done, so a long batch shows its progress; with
    // --json the results come as one document at the end.
    auto report = [&](const QString &line) {
        if (!m_json) {
            out() << line;
            out().flush();
        }
    };
    int failures = 0;
    std::optional<Error> onlyError;
    s.signBatch(items, options, [&](int index, int count, const TokenSigner::BatchResult &r) {
        if (!r.outcome) {
            ++failures;
            if (count == 1) {
                onlyError = r.outcome.error();
                return;
            }
            results.append(QJsonObject{{QStringLiteral("input"), r.item.inputPath},
                                       {QStringLiteral("error"), r.outcome.error().code()},
                                       {QStringLiteral("message"), r.outcome.error().bilingual()}});
            report(tr("[%1/%2] %3: not signed\n").arg(index).arg(count).arg(r.item.inputPath));
            err() << tr("%1: ").arg(r.item.inputPath) << tr("Error") << QStringLiteral(" [")
                  << r.outcome.error().code() << QStringLiteral("]: ") << r.outcome.error().bilingual()
                  << Qt::endl;
            return;
        }
        const SignOutcome &done = r.outcome.value();
        if (done.check.verdict != Verdict::Valid) {
            ++failures;
            err()
                << tr("%1 was signed and written, but on this computer its signature verifies as \"%2\": see "
                      "the reasons listed")
                       .arg(done.outputPath, verdictText(done.check.verdict))
                << Qt::endl;
        }
        QJsonArray rect{done.rect.x(), done.rect.y(), done.rect.width(), done.rect.height()};
        QJsonObject j{{QStringLiteral("input"), done.inputPath},
                      {QStringLiteral("output"), done.outputPath},
                      {QStringLiteral("field"), done.fieldName},
                      {QStringLiteral("page"), done.page},
                      {QStringLiteral("rect"), rect},
                      {QStringLiteral("bytesAdded"), done.bytesAdded},
                      {QStringLiteral("level"), done.level},
                      {QStringLiteral("verdict"), verdictKey(done.check.verdict)},
                      {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings + done.warnings)},
                      {QStringLiteral("signature"), done.check.toJson()}};
        results.append(j);
        report(tr("[%1/%2] %3 → %4 (%5, page %6, %7 bytes added)\n%8\n")
                   .arg(index)
                   .arg(count)
                   .arg(done.inputPath, done.outputPath, done.level)
                   .arg(done.page)
                   .arg(done.bytesAdded)
                   .arg(done.check.describe()));
        for (const QString &w : done.warnings)
            report(tr("Warning: %1\n").arg(w));
    });
    if (onlyError)
        return fail(*onlyError);
    for (const QString &w : warnings)
        report(tr("Warning: %1\n").arg(w));
    if (m_json)
        print(inputs.size() == 1 && !o.has(QStringLiteral("out-dir")) ? QJsonValue(results.first())
                                                                      : QJsonValue(results),
              QString());
    return failures == 0 ? 0 : 1;
}

int Cli::cmdVerify(const QStringList &args)
{
    const Options o = parse(args, {QStringLiteral("trust")}, {QStringLiteral("offline")});
    if (!o.error.isEmpty() || o.positional.size() != 1)
        return usage(tr("verify FILE.pdf [--trust PEM_OR_DIR]… [--offline] [--json]"));
    auto trust = documents::systemTrustStore(o.all(QStringLiteral("trust")));
    if (!trust)
        return fail(trust.error());
    PdfVerifyOptions options;
    options.trust = &trust.value();
    options.online = !o.has(QStringLiteral("offline")) && storage::SystemConfig::signing().onlineRevocation;
    auto result = verifyPdfFile(o.positional.first(), options);
    if (!result)
        return fail(result.error());
    if (result->signatures.isEmpty()) {
        print(QJsonArray(), tr("The file has no digital signature."));
        return 1;
    }
    QString text;
    for (const SignatureReport &s : result->signatures)
        text += s.describe() + QLatin1Char('\n');
    text += tr("Overall: %1").arg(verdictText(result->overall()));
    print(result->toJson(), text);
    return result->allValid() ? 0 : 1;
}

int Cli::cmdSigner(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1),
                            {QStringLiteral("file"), QStringLiteral("user"), QStringLiteral("size-mm"),
                             QStringLiteral("out-dir")},
                            {});
    const QString usageText = tr("signer set-signature --file PNG [--user NAME] | signer set-seal --file PNG "
                                 "--size-mm N | signer show [--user NAME] [--out-dir DIR]");
    if (!o.error.isEmpty() || !o.positional.isEmpty() ||
        (sub != QLatin1String("set-signature") && sub != QLatin1String("set-seal") &&
         sub != QLatin1String("show")))
        return usage(usageText);
    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    core::User target = actor.value();
    if (o.has(QStringLiteral("user"))) {
        auto u = accounts.userByName(o.value(QStringLiteral("user")));
        if (!u)
            return fail(u.error());
        target = u.value();
    }
    storage::SignerImages images(*m_db);
    if (sub == QLatin1String("show")) {
        auto signature = images.signature(target.id);
        if (!signature)
            return fail(signature.error());
        auto seal = images.seal();
        if (!seal)
            return fail(seal.error());
        QJsonObject j{{QStringLiteral("user"), target.username},
                      {QStringLiteral("signatureImage"), !signature->isEmpty()},
                      {QStringLiteral("sealImage"), !seal->png.isEmpty()},
                      {QStringLiteral("sealSizeMm"), seal->sizeMm}};
        if (const QString dir = o.value(QStringLiteral("out-dir")); !dir.isEmpty()) {
            QDir().mkpath(dir);
            for (const auto &[name, data] : {std::pair{QStringLiteral("signature.png"), signature.value()},
                                             std::pair{QStringLiteral("seal.png"), seal->png}}) {
                if (data.isEmpty())
                    continue;
                QFile f(QDir(dir).filePath(name));
                if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
                    return fail(GOVDESK_ERROR("cli.write", QT_TRANSLATE_NOOP("Cli", "Cannot write %1: %2"),
                                              f.fileName(), f.errorString()));
            }
        }
        print(j, tr("%1: signature image %2; organisation seal %3 (%4 mm)")
                     .arg(target.username, signature->isEmpty() ? tr("not set") : tr("set"),
                          seal->png.isEmpty() ? tr("not set") : tr("set"))
                     .arg(seal->sizeMm));
        return 0;
    }
    QFile f(o.value(QStringLiteral("file")));
    if (o.value(QStringLiteral("file")).isEmpty())
        return usage(usageText);
    if (!f.open(QIODevice::ReadOnly))
        return fail(GOVDESK_ERROR("signing.file-unreadable",
                                  QT_TRANSLATE_NOOP("Cli", "Cannot read the file %1: %2"), f.fileName(),
                                  f.errorString()));
    const QByteArray png = f.readAll();
    if (QImage::fromData(png, "PNG").isNull())
        return fail(GOVDESK_ERROR(
            "signing.image-unreadable",
            QT_TRANSLATE_NOOP("Cli", "Cannot read the image %1 (a PNG file is expected)"), f.fileName()));
    if (sub == QLatin1String("set-signature")) {
        if (auto r = images.setSignature(actor.value(), target.id, png); !r)
            return fail(r.error());
        print(QJsonObject{{QStringLiteral("user"), target.username}},
              tr("Signature image of %1 saved.").arg(target.username));
        return 0;
    }
    bool ok = false;
    const double size = o.value(QStringLiteral("size-mm")).toDouble(&ok);
    if (!ok)
        return usage(usageText);
    if (auto r = images.setSeal(actor.value(), png, size); !r)
        return fail(r.error());
    print(QJsonObject{{QStringLiteral("sealSizeMm"), size}},
          tr("Organisation seal saved (%1 mm).").arg(size));
    return 0;
}

} // namespace govdesk::cli
