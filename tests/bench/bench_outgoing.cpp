// Outgoing documents end to end, on a SQLite workspace of the demo agency with a SoftHSM2 token: N documents
// drafted on the template (number and date blank), submitted, approved, signed by the leader (personal
// signature with the image) and issued by the clerk (number and date written in, organisation signature with
// the seal). Prints the time of each step (median, p95) and the total, and checks the last file's signatures.
#include "BenchCommon.h"

#include "documents/DemoWorkspace.h"
#include "documents/OutgoingService.h"
#include "signing/PdfVerifier.h"
#include "signing/SigningService.h"
#include "storage/Accounts.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <functional>

using namespace govdesk;
using namespace govdesk::signing;
using namespace govdesk::signing::testing;

namespace {

[[noreturn]] void die(const QString &what, const core::Error &e = {})
{
    bench::out() << what << ": " << e.code() << " " << e.english() << Qt::endl;
    std::exit(1);
}

struct Step
{
    QString name;
    QList<double> ms;

    template<typename F> auto time(F &&f)
    {
        QElapsedTimer t;
        t.start();
        auto r = f();
        ms << t.nsecsElapsed() / 1e6;
        if (!r)
            die(name, r.error());
        return r;
    }

    void print() const
    {
        double total = 0;
        for (double v : ms)
            total += v;
        bench::out() << QStringLiteral("  %1: median %2 ms, p95 %3 ms, total %4 s")
                            .arg(name, -10)
                            .arg(bench::percentile(ms, 0.5), 0, 'f', 1)
                            .arg(bench::percentile(ms, 0.95), 0, 'f', 1)
                            .arg(total / 1000, 0, 'f', 1)
                     << Qt::endl;
    }
};

std::unique_ptr<TokenSigner> openSigner(const SoftHsmToken &token, const QString &certLabel)
{
    auto signer =
        TokenSigner::open({QString::fromLatin1(SoftHsmToken::modulePath), token.label(), certLabel, {}});
    if (!signer)
        die(QStringLiteral("token"), signer.error());
    if (auto r = signer.value()->login(kTokenPin); !r)
        die(QStringLiteral("login"), r.error());
    return std::move(signer.value());
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = app.arguments().value(1, QStringLiteral("1000")).toInt();
    QTemporaryDir dir;
    TestPki pki;
    SoftHsmToken token;
    if (!pki.create(QStringLiteral("http://127.0.0.1:9")) ||
        !token.create(QStringLiteral("Bench"), kTokenPin) ||
        !token.importKeyAndCertificate(pki.person().keyPem, pki.person().certPem, "01",
                                       QStringLiteral("ca-nhan")) ||
        !token.importKeyAndCertificate(pki.organisation().keyPem, pki.organisation().certPem, "02",
                                       QStringLiteral("co-quan")))
        die(QStringLiteral("fixture: ") + token.errorString() + pki.errorString());
    TrustStore trust = TrustStore::builtIn();
    if (!trust.addTrusted(pki.root().certPem))
        die(QStringLiteral("test root unreadable"));

    auto db = bench::openWorkspace(dir.filePath(QStringLiteral("ws")));
    documents::DemoWorkspace::Options demo;
    demo.password = QStringLiteral("benchmark-pass");
    demo.documents = 0;
    if (auto r = documents::DemoWorkspace::seed(*db, demo); !r)
        die(QStringLiteral("demo"), r.error());
    storage::Accounts accounts(*db);
    const core::User officer = accounts.userByName(QStringLiteral("chuyenvien")).value();
    const core::User leader = accounts.userByName(QStringLiteral("lanhdao")).value();
    const core::User clerk = accounts.userByName(QStringLiteral("vanthu")).value();
    documents::OutgoingService service(*db);

    auto personal = openSigner(token, QStringLiteral("ca-nhan"));
    auto organisation = openSigner(token, QStringLiteral("co-quan"));
    SignOptions signOptions;
    signOptions.trust = &trust;
    signOptions.collectRevocation = false;
    signOptions.signatureImage = signatureImage();
    signOptions.title = QStringLiteral("PHÓ GIÁM ĐỐC");
    signOptions.name = QStringLiteral("Nguyễn Văn An");
    documents::IssueOptions issue;
    issue.sealSigner = organisation.get();
    issue.seal.trust = &trust;
    issue.seal.collectRevocation = false;
    issue.seal.sealImage = sealImage();

    const QByteArray draftPdf = officialPdf(QStringLiteral("/QĐ-UBND"), QDate());
    Step draft{QStringLiteral("draft")}, submit{QStringLiteral("submit")}, approve{QStringLiteral("approve")},
        sign{QStringLiteral("sign")}, issued{QStringLiteral("issue")};
    QElapsedTimer all;
    all.start();
    documents::OutgoingDocument last;
    for (int i = 0; i < count; ++i) {
        documents::OutgoingDraft d;
        d.typeAbbr = QStringLiteral("QĐ");
        d.subject = QStringLiteral("Quyết định số thứ tự %1 về công tác văn thư, lưu trữ").arg(i + 1);
        d.signerName = QStringLiteral("Nguyễn Văn An");
        d.signerPosition = QStringLiteral("PHÓ GIÁM ĐỐC");
        d.file = documents::AttachmentSource{{}, QStringLiteral("du-thao.pdf"), draftPdf};
        auto doc = draft.time([&] { return service.draft(officer, d); });
        const QString id = doc->id;
        submit.time([&] { return service.submit(officer, id); });
        approve.time([&] { return service.approve(leader, id); });
        sign.time([&] { return service.sign(leader, id, *personal, signOptions); });
        last = issued.time([&] { return service.issue(clerk, id, issue); }).value();
    }
    const double seconds = all.nsecsElapsed() / 1e9;
    bench::out() << QStringLiteral("outgoing end to end: %1 documents in %2 s (%3 documents/min), SQLite, "
                                   "SoftHSM2, no TSA")
                        .arg(count)
                        .arg(seconds, 0, 'f', 1)
                        .arg(count / seconds * 60, 0, 'f', 0)
                 << Qt::endl;
    for (const Step *s : {&draft, &submit, &approve, &sign, &issued})
        s->print();
    auto file = service.fileData(clerk, last.id);
    if (!file)
        die(QStringLiteral("file"), file.error());
    PdfVerifyOptions v;
    v.trust = &trust;
    v.online = false;
    auto report = verifyPdf(file.value(), v);
    if (!report)
        die(QStringLiteral("verify"), report.error());
    QStringList verdicts;
    for (const SignatureReport &r : report->signatures)
        verdicts << verdictKey(r.verdict);
    bench::out() << QStringLiteral("  last document %1: signatures %2, %3 bytes")
                        .arg(last.reference(), verdicts.join(QStringLiteral(", ")))
                        .arg(file->size())
                 << Qt::endl;
    return 0;
}
