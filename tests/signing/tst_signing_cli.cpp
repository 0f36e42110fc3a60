// End to end: govdesk-cli token list / sign / verify against a SoftHSM2 token holding certificates of a test
// PKI, with a local TSA, OCSP responder and CRL on 127.0.0.1; outputs checked by pdfsig and OpenSSL too.
#include "signing/pdf/PdfSigner.h"
#include "support/CliRunner.h"
#include "support/LocalPkiServer.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::signing::testing;
using govdesk::test::CliResult;
using govdesk::test::CliRunner;
using govdesk::test::runTool;

class TestSigningCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestPki m_pki;
    LocalPkiServer m_server;
    SoftHsmToken m_token;
    QString m_shimState;
    QString m_input;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QProcessEnvironment env() const
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("SOFTHSM2_CONF"), m_token.confPath());
        e.insert(QStringLiteral("TOKEN_PIN"), QString::fromLatin1(kTokenPin));
        e.insert(QStringLiteral("GOVDESK_P11SHIM_TARGET"), QString::fromLatin1(SoftHsmToken::modulePath));
        e.insert(QStringLiteral("GOVDESK_P11SHIM_STATE"), m_shimState);
        return e;
    }

    QStringList signArgs(const QString &in, const QString &out, const QString &role,
                         const QString &certLabel) const
    {
        return {QStringLiteral("sign"),
                QStringLiteral("--module"),
                QString::fromLatin1(SoftHsmToken::modulePath),
                QStringLiteral("--token"),
                m_token.label(),
                QStringLiteral("--cert-label"),
                certLabel,
                QStringLiteral("--pin-env"),
                QStringLiteral("TOKEN_PIN"),
                QStringLiteral("--in"),
                in,
                QStringLiteral("--out"),
                out,
                QStringLiteral("--role"),
                role,
                QStringLiteral("--trust"),
                m_pki.root().certPem,
                QStringLiteral("--no-tsa")};
    }

    CliResult cli(const QStringList &args, const QProcessEnvironment &extra = {}) const
    {
        QProcessEnvironment e = env();
        for (const QString &k : extra.keys())
            e.insert(k, extra.value(k));
        return CliRunner().run(QStringList{QStringLiteral("--json")} + args, {}, {}, e);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // GOVDESK_KEEP_TEST_FILES=1 keeps the signed files for a look.
        m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("GOVDESK_KEEP_TEST_FILES"));
        QVERIFY2(m_server.start(m_pki), "local PKI server");
        QVERIFY2(m_pki.create(m_server.baseUrl()), "test PKI");
        QVERIFY2(m_token.create(QStringLiteral("Token Sở Tư pháp"), kTokenPin),
                 qPrintable(m_token.errorString()));
        const struct
        {
            TestIdentity id;
            QByteArray hex;
            QString label;
        } identities[] = {{m_pki.person(), "01", QStringLiteral("ca-nhan")},
                          {m_pki.organisation(), "02", QStringLiteral("co-quan")},
                          {m_pki.expired(), "03", QStringLiteral("het-han")},
                          {m_pki.revoked(), "04", QStringLiteral("thu-hoi")}};
        for (const auto &i : identities)
            QVERIFY2(m_token.importKeyAndCertificate(i.id.keyPem, i.id.certPem, i.hex, i.label),
                     qPrintable(m_token.errorString()));
        // Like real tokens, this one also holds the issuing CA's certificate.
        QVERIFY2(m_token.importCertificate(m_pki.issuingCa().certPem, "10", QStringLiteral("CA")),
                 qPrintable(m_token.errorString()));
        m_shimState = path(QStringLiteral("shim-state"));
        m_input = path(QStringLiteral("quyet-dinh.pdf"));
        QVERIFY(writeFile(m_input, officialPdf(QStringLiteral("15/QĐ-STP"))));
        QVERIFY(signatureImage().save(path(QStringLiteral("chu-ky.png"))));
        QVERIFY(sealImage().save(path(QStringLiteral("con-dau.png"))));
    }

    void tokenListShowsCertificatesWithVietnameseNames()
    {
        const CliResult r = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--module"),
                                 QString::fromLatin1(SoftHsmToken::modulePath)});
        QVERIFY2(r.ok(), r.describe());
        const QJsonArray tokens = r.json.array();
        QCOMPARE(tokens.size(), 1);
        const QJsonObject token = tokens.first().toObject();
        QCOMPARE(token.value(QStringLiteral("label")).toString(), QStringLiteral("Token Sở Tư pháp"));
        QVERIFY(token.value(QStringLiteral("flags")).toObject().contains(QStringLiteral("pinLocked")));
        QStringList subjects;
        for (const QJsonValue &c : token.value(QStringLiteral("certificates")).toArray())
            if (c.toObject().value(QStringLiteral("hasPrivateKey")).toBool())
                subjects << c.toObject().value(QStringLiteral("subject")).toString();
        QCOMPARE(subjects.size(), 4);
        QVERIFY2(subjects.contains(QStringLiteral("Nguyễn Văn An")),
                 qPrintable(subjects.join(QLatin1Char(','))));
        QVERIFY(subjects.contains(QStringLiteral("UBND tỉnh Đắk Nông")));
    }

    void personalThenOrganisationSignature()
    {
        // The leader signs: template placement between "PHÓ GIÁM ĐỐC" and the name.
        const QString personal = path(QStringLiteral("qd-canhan.pdf"));
        const QByteArray original = readFile(m_input);
        CliResult r = cli(signArgs(m_input, personal, QStringLiteral("ca-nhan"), QStringLiteral("ca-nhan")) +
                          QStringList{QStringLiteral("--signature-image"), path(QStringLiteral("chu-ky.png")),
                                      QStringLiteral("--title"), QStringLiteral("PHÓ GIÁM ĐỐC"),
                                      QStringLiteral("--name"), QStringLiteral("Nguyễn Văn An")});
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(readFile(m_input), original); // the source file is untouched
        const QJsonObject signed1 = r.json.object();
        QCOMPARE(signed1.value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QCOMPARE(signed1.value(QStringLiteral("level")).toString(), QStringLiteral("PAdES-B-B"));
        QVERIFY(readFile(personal).startsWith(original));
        const QRectF sigRect = rectOf(signed1);
        QVERIFY(!sigRect.isEmpty());

        // The signature image sits between the title and the name: blue pixels in its box on the page.
        const QImage page1 =
            renderPage(personal, signed1.value(QStringLiteral("page")).toInt(), m_dir.path());
        QVERIFY(!page1.isNull());
        QVERIFY2(share(page1, sigRect, isBlue) > 0.02, "signature image drawn in its box");
        QCOMPARE(pdfsigValidations(personal), QStringList{QStringLiteral("Signature is Valid.")});

        // The văn thư adds the organisation signature: the seal over the left third of the signature image.
        const QString both = path(QStringLiteral("qd-coquan.pdf"));
        r = cli(signArgs(personal, both, QStringLiteral("co-quan"), QStringLiteral("co-quan")) +
                QStringList{QStringLiteral("--seal-image"), path(QStringLiteral("con-dau.png")),
                            QStringLiteral("--seal-size-mm"), QStringLiteral("36")});
        QVERIFY2(r.ok(), r.describe());
        const QRectF sealRect = rectOf(r.json.object());
        QVERIFY2(std::abs(sealRect.width() - 36 * 72 / 25.4) < 0.5, "the seal at its real size");
        QVERIFY2(std::abs(sealRect.right() - (sigRect.left() + sigRect.width() / 3)) < 1.0,
                 "the seal's right edge at a third of the signature");
        const QImage page2 =
            renderPage(both, r.json.object().value(QStringLiteral("page")).toInt(), m_dir.path());
        const QRectF leftThird(sigRect.left(), sigRect.top(), sigRect.width() / 3, sigRect.height());
        const QRectF rightPart(sigRect.left() + sigRect.width() / 2, sigRect.top(), sigRect.width() / 2,
                               sigRect.height());
        QVERIFY2(share(page2, leftThird, isRed) > 0.05, "red seal over the left third");
        QVERIFY2(share(page2, rightPart, isRed) < 0.01, "no seal on the right of the signature");
        QVERIFY2(share(page2, rightPart, isBlue) > 0.02, "signature still visible on the right");

        // Both signatures verify in pdfsig and in our verifier; the first no longer covers the whole file.
        QCOMPARE(pdfsigValidations(both),
                 (QStringList{QStringLiteral("Signature is Valid."), QStringLiteral("Signature is Valid.")}));
        r = cli({QStringLiteral("verify"), both, QStringLiteral("--trust"), m_pki.root().certPem,
                 QStringLiteral("--offline")});
        QVERIFY2(r.ok(), r.describe());
        const QJsonArray sigs = r.json.array();
        QCOMPARE(sigs.size(), 2);
        const QJsonObject first = sigs.at(0).toObject();
        const QJsonObject second = sigs.at(1).toObject();
        for (const char *key :
             {"signer", "signingTime", "integrity", "chain", "revocation", "verdict", "coversWholeDocument"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("signer")).toString(), QStringLiteral("Nguyễn Văn An"));
        QCOMPARE(second.value(QStringLiteral("signer")).toString(), QStringLiteral("UBND tỉnh Đắk Nông"));
        QCOMPARE(first.value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QCOMPARE(first.value(QStringLiteral("coversWholeDocument")).toBool(), false);
        QVERIFY(!first.value(QStringLiteral("appendedChanges")).toArray().isEmpty());
        // After the last signature only the DSS (certificates and their status at signing time) was added.
        QCOMPARE(second.value(QStringLiteral("appendedChanges")).toArray(),
                 QJsonArray{QStringLiteral("DSS")});
        QCOMPARE(second.value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QCOMPARE(first.value(QStringLiteral("integrity")).toString(), QStringLiteral("passed"));
        QCOMPARE(first.value(QStringLiteral("chain")).toString(), QStringLiteral("passed"));

        // OpenSSL, independently, on the CMS of the second signature and the bytes it covers.
        auto entries = signing::readPdfSignatures(readFile(both));
        QVERIFY(entries);
        QCOMPARE(entries->size(), 2);
        QVERIFY(writeFile(path(QStringLiteral("sig2.der")), entries->at(1).cms));
        QVERIFY(writeFile(path(QStringLiteral("sig2.content")),
                          signing::signedBytes(readFile(both), entries->at(1))));
        const auto ossl =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-binary"),
                     QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
                     path(QStringLiteral("sig2.der")), QStringLiteral("-content"),
                     path(QStringLiteral("sig2.content")), QStringLiteral("-CAfile"), m_pki.root().certPem,
                     QStringLiteral("-purpose"), QStringLiteral("any"), QStringLiteral("-out"),
                     QStringLiteral("/dev/null")});
        QVERIFY2(ossl.exitCode == 0, qPrintable(ossl.err));
        QVERIFY(ossl.err.contains(QLatin1String("Verification successful")));
    }

    void attachmentSignatureIsTextTopRight()
    {
        const QString out = path(QStringLiteral("phu-luc-ky.pdf"));
        const CliResult r =
            cli(signArgs(m_input, out, QStringLiteral("dinh-kem"), QStringLiteral("co-quan")) +
                QStringList{QStringLiteral("--reference"), QStringLiteral("15/QĐ-UBND")});
        QVERIFY2(r.ok(), r.describe());
        const QJsonObject o = r.json.object();
        QCOMPARE(o.value(QStringLiteral("page")).toInt(), 1);
        const QRectF rect = rectOf(o);
        const QSizeF size = test::pdfPageSize(out);
        QVERIFY2(rect.center().x() > size.width() * 0.6, "right side of the page");
        QVERIFY2(rect.center().y() > size.height() * 0.85, "top of the page");
        const QImage page = renderPage(out, 1, m_dir.path());
        QVERIFY2(share(page, rect, isDark) > 0.01, "black text drawn");
        QVERIFY2(share(page, rect, isRed) == 0 && share(page, rect, isBlue) == 0, "no image, black only");
        const QString text = test::pdfText(out);
        QVERIFY2(text.contains(QStringLiteral("15/QĐ-UBND")), qPrintable(text.left(400)));
        QVERIFY2(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"))
                     .match(text)
                     .hasMatch(),
                 "ISO 8601 time with the Vietnam offset");
        QVERIFY2(o.value(QStringLiteral("bytesAdded")).toInt() < 60 * 1024 + 8 * 1024,
                 qPrintable(QString::number(o.value(QStringLiteral("bytesAdded")).toInt())));
        QCOMPARE(pdfsigValidations(out), QStringList{QStringLiteral("Signature is Valid.")});
    }

    void copySignatureNamesTheCopyingOrganisation()
    {
        const QString out = path(QStringLiteral("ban-sao.pdf"));
        const CliResult r =
            cli(signArgs(m_input, out, QStringLiteral("ban-sao"), QStringLiteral("co-quan")) +
                QStringList{QStringLiteral("--copy-type"), QStringLiteral("SAO Y"),
                            QStringLiteral("--copy-organ"), QStringLiteral("Văn phòng UBND tỉnh Đắk Nông")});
        QVERIFY2(r.ok(), r.describe());
        const QString text = test::pdfText(out);
        QVERIFY2(text.contains(QStringLiteral("SAO Y")) &&
                     text.contains(QStringLiteral("Văn phòng UBND tỉnh Đắk Nông")),
                 qPrintable(text.left(500)));
        const QRectF rect = rectOf(r.json.object());
        const QSizeF size = test::pdfPageSize(out);
        QVERIFY(rect.center().x() > size.width() * 0.6 && rect.center().y() > size.height() * 0.85);
        QCOMPARE(pdfsigValidations(out), QStringList{QStringLiteral("Signature is Valid.")});
    }

    void changeAfterTheFirstSignatureBreaksOnlyTheSecond()
    {
        // A byte changed in what only the organisation's signature covers: the personal signature stays
        // valid.
        const QByteArray personal = readFile(path(QStringLiteral("qd-canhan.pdf")));
        QByteArray data = readFile(path(QStringLiteral("qd-coquan.pdf")));
        QVERIFY(data.startsWith(personal));
        const qsizetype at = data.indexOf("/Type", personal.size());
        QVERIFY(at > 0);
        data[at + 1] = 'X';
        const QString broken = path(QStringLiteral("qd-hong-2.pdf"));
        QVERIFY(writeFile(broken, data));
        const CliResult r = cli({QStringLiteral("verify"), broken, QStringLiteral("--trust"),
                                 m_pki.root().certPem, QStringLiteral("--offline")});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray sigs = r.json.array();
        QCOMPARE(sigs.size(), 2);
        QCOMPARE(sigs.at(0).toObject().value(QStringLiteral("integrity")).toString(),
                 QStringLiteral("passed"));
        QCOMPARE(sigs.at(1).toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("invalid"));
        QCOMPARE(sigs.at(1).toObject().value(QStringLiteral("field")).toString(),
                 QStringLiteral("ChuKy_CoQuan_2"));
        QVERIFY2(r.out().contains(QLatin1String("ChuKy_CoQuan_2")), "the broken signature is named");
    }

    void flippedByteNamesTheBrokenSignature()
    {
        const QString both = path(QStringLiteral("qd-coquan.pdf"));
        QByteArray data = readFile(both);
        QVERIFY(!data.isEmpty());
        // A byte of the page content near the start: covered by both signatures.
        const qsizetype at = data.indexOf("stream") + 20;
        data[at] = char(data[at] ^ 0x01);
        const QString broken = path(QStringLiteral("qd-hong.pdf"));
        QVERIFY(writeFile(broken, data));
        const CliResult r = cli({QStringLiteral("verify"), broken, QStringLiteral("--trust"),
                                 m_pki.root().certPem, QStringLiteral("--offline")});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray sigs = r.json.array();
        QCOMPARE(sigs.size(), 2);
        for (const QJsonValue &s : sigs) {
            QCOMPARE(s.toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("invalid"));
            QCOMPARE(s.toObject().value(QStringLiteral("integrity")).toString(), QStringLiteral("failed"));
        }
        QVERIFY(pdfsigValidations(broken).first() != QLatin1String("Signature is Valid."));
    }

    void unusableCertificatesAreRefusedBeforeThePin()
    {
        QFile::remove(m_shimState);
        const QString shim = QString::fromLatin1(GOVDESK_P11SHIM_PATH);
        for (const auto &[label, code] :
             {std::pair{QStringLiteral("het-han"), QStringLiteral("signing.cert-expired")}}) {
            QStringList args =
                signArgs(m_input, path(QStringLiteral("x.pdf")), QStringLiteral("ca-nhan"), label);
            args[2] = shim;
            const CliResult r = cli(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err().contains(code), r.describe());
            QVERIFY(!QFile::exists(path(QStringLiteral("x.pdf"))));
            // Refused before the PIN: no try of the token spent.
            QVERIFY2(!readFile(m_shimState).contains("logins=") || readFile(m_shimState).contains("logins=0"),
                     readFile(m_shimState).constData());
        }
        // Revoked: found through the CRL/OCSP the local server publishes, when online.
        QStringList args = signArgs(m_input, path(QStringLiteral("x.pdf")), QStringLiteral("ca-nhan"),
                                    QStringLiteral("thu-hoi"));
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("signing.cert-revoked")), r.describe());
        QVERIFY(!QFile::exists(path(QStringLiteral("x.pdf"))));
    }

    void wrongPinConsumesExactlyOneTry()
    {
        QFile::remove(m_shimState);
        QStringList args = signArgs(m_input, path(QStringLiteral("sai-pin.pdf")), QStringLiteral("ca-nhan"),
                                    QStringLiteral("ca-nhan"));
        args[2] = QString::fromLatin1(GOVDESK_P11SHIM_PATH);
        QProcessEnvironment wrong;
        wrong.insert(QStringLiteral("TOKEN_PIN"), QStringLiteral("000000"));
        const CliResult r = cli(args, wrong);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("signing.pin-incorrect")), r.describe());
        QVERIFY(!QFile::exists(path(QStringLiteral("sai-pin.pdf"))));
        const QString state = QString::fromUtf8(readFile(m_shimState));
        QVERIFY2(state.contains(QLatin1String("logins=1")), qPrintable(state));
        // The token now reports a low count; a right PIN signs and resets it.
        const CliResult list = cli({QStringLiteral("token"), QStringLiteral("list"),
                                    QStringLiteral("--module"), QString::fromLatin1(GOVDESK_P11SHIM_PATH)});
        QVERIFY2(list.ok(), list.describe());
        QVERIFY(list.json.array()
                    .first()
                    .toObject()
                    .value(QStringLiteral("flags"))
                    .toObject()
                    .value(QStringLiteral("pinCountLow"))
                    .toBool());
        const CliResult ok = cli(args);
        QVERIFY2(ok.ok(), ok.describe());
    }

    void timestampAndRevocationDataMakeLongTermSignatures()
    {
        const QString out = path(QStringLiteral("qd-blt.pdf"));
        QStringList args = signArgs(m_input, out, QStringLiteral("ca-nhan"), QStringLiteral("ca-nhan"));
        args.removeAll(QStringLiteral("--no-tsa"));
        args << QStringLiteral("--tsa") << m_server.baseUrl() + QStringLiteral("/tsa")
             << QStringLiteral("--rect") << QStringLiteral("350,120,150,60");
        CliResult r = cli(args);
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.object().value(QStringLiteral("level")).toString(), QStringLiteral("PAdES-B-LT"));
        QCOMPARE(pdfsigValidations(out), QStringList{QStringLiteral("Signature is Valid.")});
        // Offline, the status kept in the document is enough; the time comes from the timestamp.
        r = cli({QStringLiteral("verify"), out, QStringLiteral("--trust"), m_pki.root().certPem,
                 QStringLiteral("--offline")});
        QVERIFY2(r.ok(), r.describe());
        const QJsonObject s = r.json.array().first().toObject();
        QCOMPARE(s.value(QStringLiteral("signingTimeSource")).toString(), QStringLiteral("timestamp"));
        QCOMPARE(s.value(QStringLiteral("revocation")).toString(), QStringLiteral("passed"));
        QVERIFY(s.value(QStringLiteral("revocationSource")).toString().startsWith(QLatin1String("embedded")));

        // Without a timestamp server answering: a clear refusal, nothing written.
        m_server.setDown(true);
        const QString none = path(QStringLiteral("khong-tsa.pdf"));
        args[args.indexOf(out)] = none;
        r = cli(args);
        m_server.setDown(false);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("signing.tsa-failed")), r.describe());
        QVERIFY(!QFile::exists(none));
    }

    void untrustedAndUnsignedFilesAreNotValid()
    {
        // Without the test root the chain ends nowhere: indeterminate, exit code 1.
        CliResult r = cli(
            {QStringLiteral("verify"), path(QStringLiteral("qd-canhan.pdf")), QStringLiteral("--offline")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.array().first().toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("indeterminate"));
        r = cli({QStringLiteral("verify"), m_input, QStringLiteral("--offline")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.json.array().isEmpty());
    }

    void badInputGetsAClearMessageAndNoOutput()
    {
        const QByteArray original = readFile(m_input);
        QVERIFY(writeFile(path(QStringLiteral("cut.pdf")), original.left(original.size() / 2)));
        QVERIFY(writeFile(path(QStringLiteral("noise.pdf")), QByteArray(4096, 'x')));
        const auto enc =
            runTool(QStringLiteral("qpdf"),
                    {QStringLiteral("--encrypt"), QStringLiteral("u"), QStringLiteral("o"),
                     QStringLiteral("256"), QStringLiteral("--"), m_input, path(QStringLiteral("enc.pdf"))});
        QVERIFY2(enc.exitCode == 0, qPrintable(enc.err));
        {
            // A huge file is refused before it is read (a sparse file: no disk space used).
            QFile huge(path(QStringLiteral("huge.pdf")));
            QVERIFY(huge.open(QIODevice::WriteOnly));
            QVERIFY(huge.write("%PDF-1.7\n") > 0);
            QVERIFY(huge.resize(600ll * 1024 * 1024));
        }
        for (const QString &name :
             {QStringLiteral("cut.pdf"), QStringLiteral("noise.pdf"), QStringLiteral("enc.pdf"),
              QStringLiteral("missing.pdf"), QStringLiteral("huge.pdf")}) {
            const QString in = path(name);
            const QByteArray before = name == QLatin1String("huge.pdf") ? QByteArray() : readFile(in);
            const QString out = path(QStringLiteral("out-") + name);
            const CliResult r = cli(signArgs(in, out, QStringLiteral("dinh-kem"), QStringLiteral("co-quan")) +
                                    QStringList{QStringLiteral("--reference"), QStringLiteral("1/UBND")});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err().contains(QStringLiteral("Lỗi [signing.")), r.describe());
            QVERIFY2(r.err().contains(QStringLiteral(" — ")), "Vietnamese and English");
            QVERIFY(!QFile::exists(out));
            if (name == QLatin1String("huge.pdf"))
                QVERIFY2(r.err().contains(QLatin1String("signing.file-too-large")), r.describe());
            else
                QCOMPARE(readFile(in), before);
        }
        QFile::remove(path(QStringLiteral("huge.pdf")));
        // Signing onto the source itself is refused unless asked.
        const CliResult same =
            cli(signArgs(m_input, m_input, QStringLiteral("dinh-kem"), QStringLiteral("co-quan")) +
                QStringList{QStringLiteral("--reference"), QStringLiteral("1/UBND")});
        QCOMPARE(same.exitCode, 1);
        QVERIFY(same.err().contains(QLatin1String("signing.would-overwrite")));
        QCOMPARE(readFile(m_input), original);
    }

    void outgoingDocumentIsSignedByTheCompetentLeader()
    {
        // A demo agency: the officer drafts on the template (number and date left blank), the leader approves
        // and signs with the token, the clerk issues it: number and date written in, then the seal.
        CliRunner office({QStringLiteral("--workspace"), path(QStringLiteral("ws"))});
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("GOVDESK_PASSWORD"), QStringLiteral("govdesk2026"));
        auto run = [&](const QString &user, const QStringList &args) {
            return office.run(QStringList{QStringLiteral("--json")} + args, user,
                              QStringLiteral("govdesk2026"), e);
        };
        const QString draftFile = path(QStringLiteral("du-thao.pdf"));
        QVERIFY(writeFile(draftFile, officialPdf(QStringLiteral("/QĐ-UBND"), QDate())));
        CliResult r = run({}, {QStringLiteral("init"), QStringLiteral("--demo")});
        QVERIFY2(r.ok(), r.describe());
        r = run(QStringLiteral("chuyenvien"),
                {QStringLiteral("outgoing"), QStringLiteral("draft"), QStringLiteral("--type"),
                 QStringLiteral("QĐ"), QStringLiteral("--subject"),
                 QStringLiteral("Ban hành quy chế công tác văn thư"), QStringLiteral("--file"), draftFile});
        QVERIFY2(r.ok(), r.describe());
        const QString id = r.json.object().value(QStringLiteral("id")).toString();
        QVERIFY(run(QStringLiteral("chuyenvien"), {QStringLiteral("outgoing"), QStringLiteral("submit"), id})
                    .ok());
        const QStringList token{QStringLiteral("--module"),  QString::fromLatin1(SoftHsmToken::modulePath),
                                QStringLiteral("--token"),   m_token.label(),
                                QStringLiteral("--pin-env"), QStringLiteral("TOKEN_PIN"),
                                QStringLiteral("--trust"),   m_pki.root().certPem,
                                QStringLiteral("--no-tsa")};
        const QStringList sign =
            QStringList{QStringLiteral("outgoing"), QStringLiteral("sign"), id} + token +
            QStringList{QStringLiteral("--cert-label"), QStringLiteral("ca-nhan"),
                        QStringLiteral("--signature-image"), path(QStringLiteral("chu-ky.png"))};
        // Not approved yet: refused, and an officer may never sign.
        r = run(QStringLiteral("lanhdao"), sign);
        QCOMPARE(r.exitCode, 1);
        r = run(QStringLiteral("chuyenvien"), sign);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("permission.sign")), r.describe());
        QVERIFY(
            run(QStringLiteral("lanhdao"), {QStringLiteral("outgoing"), QStringLiteral("approve"), id}).ok());
        r = run(QStringLiteral("lanhdao"), sign);
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.object().value(QStringLiteral("status")).toString(), QStringLiteral("da-ky"));
        // The signed file is the newest version; the approved draft stays as it was.
        const QString out = path(QStringLiteral("outgoing-signed.pdf"));
        r = run(QStringLiteral("lanhdao"),
                {QStringLiteral("outgoing"), QStringLiteral("file"), id, QStringLiteral("--out"), out});
        QVERIFY2(r.ok(), r.describe());
        QVERIFY(readFile(out).startsWith(readFile(draftFile)));
        QCOMPARE(pdfsigValidations(out), QStringList{QStringLiteral("Signature is Valid.")});
        r = cli({QStringLiteral("verify"), out, QStringLiteral("--trust"), m_pki.root().certPem});
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.array().first().toObject().value(QStringLiteral("signer")).toString(),
                 QStringLiteral("Nguyễn Văn An"));

        // Issuing: an officer is refused; the token pulled out in the middle of the seal signature leaves
        // the document signed, unnumbered, with the same file, and the number is not used up.
        const QStringList issue =
            QStringList{QStringLiteral("outgoing"), QStringLiteral("issue"), id} + token +
            QStringList{QStringLiteral("--cert-label"), QStringLiteral("co-quan"),
                        QStringLiteral("--seal-image"), path(QStringLiteral("con-dau.png"))};
        r = run(QStringLiteral("chuyenvien"), issue);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("permission.issue")), r.describe());
        QStringList unplugged = issue;
        unplugged[unplugged.indexOf(QString::fromLatin1(SoftHsmToken::modulePath))] =
            QString::fromLatin1(GOVDESK_P11SHIM_PATH);
        QVERIFY(writeFile(m_shimState, "tries=3\nlogins=0\npresent=1\nunplugAtSign=1\n"));
        r = run(QStringLiteral("vanthu"), unplugged);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("signing.token-removed")), r.describe());
        QFile::remove(m_shimState);
        r = run(QStringLiteral("vanthu"), {QStringLiteral("outgoing"), QStringLiteral("show"), id});
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.object().value(QStringLiteral("status")).toString(), QStringLiteral("da-ky"));
        QCOMPARE(r.json.object().value(QStringLiteral("number")).toInt(), 0);
        QCOMPARE(r.json.object().value(QStringLiteral("files")).toArray().size(), 2);

        r = run(QStringLiteral("vanthu"), issue);
        QVERIFY2(r.ok(), r.describe());
        const QDate today = QDate::currentDate();
        QCOMPARE(r.json.object().value(QStringLiteral("number")).toInt(), 1);
        QCOMPARE(r.json.object().value(QStringLiteral("notation")).toString(), QStringLiteral("QĐ-UBND"));
        QCOMPARE(r.json.object().value(QStringLiteral("issuedDate")).toString(), today.toString(Qt::ISODate));
        QCOMPARE(r.json.object().value(QStringLiteral("status")).toString(), QStringLiteral("da-cap-so"));

        // The issued file: two valid signatures (pdfsig and our verifier), the number and the date written
        // where the template left them blank, with Decree 30's leading zeros.
        const QString issued = path(QStringLiteral("outgoing-issued.pdf"));
        r = run(QStringLiteral("vanthu"),
                {QStringLiteral("outgoing"), QStringLiteral("file"), id, QStringLiteral("--out"), issued});
        QVERIFY2(r.ok(), r.describe());
        QVERIFY(readFile(issued).startsWith(readFile(out)));
        QCOMPARE(pdfsigValidations(issued),
                 (QStringList{QStringLiteral("Signature is Valid."), QStringLiteral("Signature is Valid.")}));
        const auto text =
            runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-l"),
                                                  QStringLiteral("1"), issued, QStringLiteral("-")});
        QString compact = text.out;
        compact.remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(compact.contains(QStringLiteral("Số:01/QĐ-UBND")), qPrintable(text.out));
        const QString dateText =
            QStringLiteral("ngày%1tháng%2năm%3")
                .arg(today.day() < 10 ? QStringLiteral("0%1").arg(today.day()) : QString::number(today.day()),
                     today.month() <= 2 ? QStringLiteral("0%1").arg(today.month())
                                        : QString::number(today.month()),
                     QString::number(today.year()));
        QVERIFY2(compact.contains(dateText), qPrintable(text.out));
        r = cli({QStringLiteral("verify"), issued, QStringLiteral("--trust"), m_pki.root().certPem,
                 QStringLiteral("--offline")});
        const QJsonArray sigs = r.json.array();
        QCOMPARE(sigs.size(), 2);
        QCOMPARE(sigs.at(0).toObject().value(QStringLiteral("signer")).toString(),
                 QStringLiteral("Nguyễn Văn An"));
        for (const QJsonValue &sig : sigs)
            QVERIFY2(sig.toObject().value(QStringLiteral("verdict")).toString() != QLatin1String("invalid"),
                     r.describe());
        const QString personalChanges = QJsonDocument(sigs.at(0).toObject()).toJson();
        QVERIFY2(!personalChanges.contains(QLatin1String("signature.modified-after")),
                 qPrintable(personalChanges));
        // Issued once: a second issue is refused and the number stays.
        r = run(QStringLiteral("vanthu"), issue);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("outgoing.already-sealed")), r.describe());
    }

    void batchGoesOnPastABrokenFile()
    {
        const QString outDir = path(QStringLiteral("lo"));
        QStringList args =
            signArgs(m_input, QString(), QStringLiteral("dinh-kem"), QStringLiteral("co-quan"));
        const int outAt = args.indexOf(QStringLiteral("--out"));
        args.remove(outAt, 2);
        QVERIFY(writeFile(path(QStringLiteral("a.pdf")), readFile(m_input)));
        QVERIFY(writeFile(path(QStringLiteral("c.pdf")), readFile(path(QStringLiteral("qd-canhan.pdf")))));
        args << QStringLiteral("--in") << path(QStringLiteral("noise.pdf")) << QStringLiteral("--in")
             << path(QStringLiteral("c.pdf")) << QStringLiteral("--out-dir") << outDir
             << QStringLiteral("--reference") << QStringLiteral("7/BC-UBND");
        args[args.indexOf(m_input)] = path(QStringLiteral("a.pdf"));
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, 1);
        const QJsonArray results = r.json.array();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("valid"));
        QVERIFY(results.at(1).toObject().contains(QStringLiteral("error")));
        QCOMPARE(results.at(2).toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("valid"));
        QCOMPARE(pdfsigValidations(outDir + QStringLiteral("/a.pdf")),
                 QStringList{QStringLiteral("Signature is Valid.")});
        QCOMPARE(pdfsigValidations(outDir + QStringLiteral("/c.pdf")),
                 (QStringList{QStringLiteral("Signature is Valid."), QStringLiteral("Signature is Valid.")}));
        QVERIFY(!QFile::exists(outDir + QStringLiteral("/noise.pdf")));
    }
};

QTEST_MAIN(TestSigningCli)
#include "tst_signing_cli.moc"
