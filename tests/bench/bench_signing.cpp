// Signing and verification with a SoftHSM2 token, in process after one login: one page signed (median and
// p95), a batch of N files, verification of one signature, and the bytes each signature adds.
#include "BenchCommon.h"

#include "signing/PdfVerifier.h"
#include "signing/SigningService.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>

using namespace govdesk;
using namespace govdesk::signing;
using namespace govdesk::signing::testing;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int batch = app.arguments().value(1, QStringLiteral("100")).toInt();
    QTemporaryDir dir;
    TestPki pki;
    SoftHsmToken token;
    if (!pki.create(QStringLiteral("http://127.0.0.1:9")) ||
        !token.create(QStringLiteral("Bench"), kTokenPin) ||
        !token.importKeyAndCertificate(pki.person().keyPem, pki.person().certPem, "01",
                                       QStringLiteral("ca-nhan"))) {
        bench::out() << "fixture failed: " << token.errorString() << Qt::endl;
        return 1;
    }
    auto signer = TokenSigner::open({QString::fromLatin1(SoftHsmToken::modulePath), token.label(), {}, {}});
    if (!signer || !signer.value()->login(kTokenPin)) {
        bench::out() << "token failed" << Qt::endl;
        return 1;
    }
    TrustStore trust = TrustStore::builtIn();
    if (!trust.addTrusted(pki.root().certPem)) {
        bench::out() << "test root unreadable" << Qt::endl;
        return 1;
    }
    const QByteArray pdf = officialPdf(QStringLiteral("15/QĐ-UBND"));
    SignOptions options;
    options.trust = &trust;
    options.collectRevocation = false;

    auto run = [&](SignatureRole role, const QString &label) {
        options.role = role;
        options.reference = QStringLiteral("15/QĐ-UBND");
        options.signatureImage = signatureImage();
        options.title = QStringLiteral("PHÓ GIÁM ĐỐC");
        options.name = QStringLiteral("Nguyễn Văn An");
        QList<double> ms;
        int added = 0;
        for (int i = 0; i < 50; ++i) {
            QElapsedTimer t;
            t.start();
            SignOutcome outcome;
            auto out = signer.value()->signBytes(pdf, options, &outcome);
            ms << t.nsecsElapsed() / 1e6;
            if (!out) {
                bench::out() << "sign failed: " << out.error().english() << Qt::endl;
                return QByteArray();
            }
            added = outcome.bytesAdded;
            if (i == 49)
                bench::out() << QStringLiteral("sign one page (%1): median %2 ms, p95 %3 ms, %4 bytes added "
                                               "(input %5 bytes)")
                                    .arg(label)
                                    .arg(bench::percentile(ms, 0.5), 0, 'f', 1)
                                    .arg(bench::percentile(ms, 0.95), 0, 'f', 1)
                                    .arg(added)
                                    .arg(pdf.size())
                             << Qt::endl;
            if (i == 49)
                return out.value();
        }
        return QByteArray();
    };
    const QByteArray text = run(SignatureRole::Attachment, QStringLiteral("text appearance, dinh-kem"));
    run(SignatureRole::Personal, QStringLiteral("signature image, ca-nhan"));
    if (text.isEmpty())
        return 1;

    QList<double> verifyMs;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        auto v = verifyPdf(text, PdfVerifyOptions{&trust, false, 1000});
        verifyMs << t.nsecsElapsed() / 1e6;
        if (!v || v->signatures.size() != 1 || v->signatures.first().cms.integrity != CheckState::Passed) {
            bench::out() << "verify failed" << Qt::endl;
            return 1;
        }
    }
    bench::out()
        << QStringLiteral(
               "verify one signature (integrity, chain to the test root; offline): median %1 ms, p95 %2 ms")
               .arg(bench::percentile(verifyMs, 0.5), 0, 'f', 2)
               .arg(bench::percentile(verifyMs, 0.95), 0, 'f', 2)
        << Qt::endl;

    QList<TokenSigner::BatchItem> items;
    for (int i = 0; i < batch; ++i) {
        const QString in = dir.filePath(QStringLiteral("in-%1.pdf").arg(i));
        writeFile(in, pdf);
        items << TokenSigner::BatchItem{in, dir.filePath(QStringLiteral("out-%1.pdf").arg(i))};
    }
    options.role = SignatureRole::Attachment;
    QElapsedTimer t;
    t.start();
    int failed = 0;
    for (const auto &r : signer.value()->signBatch(items, options))
        failed += r.outcome.ok() ? 0 : 1;
    const double s = t.nsecsElapsed() / 1e9;
    bench::out() << QStringLiteral(
                        "batch: %1 files signed in %2 s (%3 ms per file, %4 failed), files read and "
                        "written on disk")
                        .arg(batch)
                        .arg(s, 0, 'f', 2)
                        .arg(s * 1000 / batch, 0, 'f', 1)
                        .arg(failed)
                 << Qt::endl;
    return failed == 0 ? 0 : 1;
}
