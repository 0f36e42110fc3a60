// The agency's templates per document type and drafts started from them, on both engines: the clerk keeps
// .pdf, .docx and .odt templates (an officer cannot), a PDF template is the draft file as it is, an office
// template is turned into PDF by LibreOffice. LibreOffice is not needed here: the system config points at a
// program that does not exist (the clear "not installed" error), or at a small shell script the test writes
// that stands in for soffice — it takes soffice's command line and writes a PDF into --outdir, or fails, or
// hangs, so GovDesk's side of the conversion (private folder and profile, timeout, errors, nothing stored on
// failure) is what is tested.
#include "documents/OutgoingService.h"
#include "documents/OutgoingTemplates.h"
#include "storage/AuditLog.h"
#include "support/OfficeFiles.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestOutgoingTemplates : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    Office m_o;
    std::unique_ptr<OutgoingService> m_svc;
    std::unique_ptr<OutgoingTemplates> m_templates;
    QString m_log; // where the stand-in for soffice writes the command line it was given

    void setUpOffice(Engine engine)
    {
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        auto office = createOffice(info.value());
        QVERIFY2(office.ok(), why(office).constData());
        m_o = office.value();
        m_svc = std::make_unique<OutgoingService>(*m_o.db);
        m_templates = std::make_unique<OutgoingTemplates>(*m_o.db);
    }

    /// A system config whose [templates] section names `converter`.
    void useConverter(const QString &converter, int timeoutSeconds = 0)
    {
        const QString path = m_ws.tempDir() + QStringLiteral("/govdesk.conf");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[templates]\nofficeConverter=" + converter.toUtf8() + "\n");
        if (timeoutSeconds > 0)
            f.write("conversionTimeoutSeconds=" + QByteArray::number(timeoutSeconds) + "\n");
        f.close();
        qputenv("GOVDESK_SYSTEM_CONFIG", path.toUtf8());
    }

    /// Writes the stand-in for soffice: a shell script that reads soffice's command line
    /// (-env:UserInstallation=URL --headless --norestore --convert-to pdf --outdir DIR FILE), writes it to
    /// m_log, then does `behaviour`: "convert" writes DIR/<name>.pdf naming the file it got and its size;
    /// "fail" exits 3 with a message; "nothing" exits 0 without output; "hang" sleeps far past the timeout.
    QString standInForSoffice(const QString &behaviour)
    {
        const QString dir = m_ws.tempDir();
        m_log = dir + QStringLiteral("/soffice-args.txt");
        const QString path = dir + QStringLiteral("/soffice-stand-in.sh");
        QByteArray script =
            "#!/bin/sh\n"
            "profile=; headless=no; convert=; outdir=; input=\n"
            "while [ $# -gt 0 ]; do\n"
            "  case \"$1\" in\n"
            "    -env:UserInstallation=*) profile=\"${1#-env:UserInstallation=}\" ;;\n"
            "    --headless) headless=yes ;;\n"
            "    --convert-to) shift; convert=\"$1\" ;;\n"
            "    --outdir) shift; outdir=\"$1\" ;;\n"
            "    -*) ;;\n"
            "    *) input=\"$1\" ;;\n"
            "  esac\n"
            "  shift\n"
            "done\n"
            "printf '%s\\n' \"$profile\" \"$headless\" \"$convert\" \"$outdir\" \"$input\" > '" +
            m_log.toUtf8() +
            "'\n"
            "if [ \"$headless\" != yes ] || [ \"$convert\" != pdf ] || [ ! -d \"$outdir\" ] || "
            "[ ! -f \"$input\" ]; then echo 'bad command line' >&2; exit 64; fi\n";
        if (behaviour == QLatin1String("convert"))
            script += "name=$(basename \"$input\"); size=$(wc -c < \"$input\" | tr -d ' ')\n"
                      "printf '%%PDF-1.4\\n1 0 obj\\n<< /Type /Catalog >>\\nendobj\\n%% converted %s %s\\n"
                      "trailer\\n<< /Root 1 0 R >>\\n%%%%EOF\\n' \"$name\" \"$size\" > "
                      "\"$outdir/${name%.*}.pdf\"\n";
        else if (behaviour == QLatin1String("fail"))
            script += "echo 'Error: source file could not be loaded' >&2\nexit 3\n";
        else if (behaviour == QLatin1String("hang"))
            script += "exec sleep 60\n";
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(script) != script.size())
            return {};
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    int count(const QString &sql)
    {
        QSqlQuery q(m_o.db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static void expectError(const core::Error &e, const char *code)
    {
        QVERIFY2(!e.isNull(), "the step was accepted");
        QCOMPARE(e.code(), QString::fromLatin1(code));
    }

    OutgoingDraft draftOf(const QString &subject)
    {
        OutgoingDraft d;
        d.subject = subject;
        d.unitId = m_o.unitKT;
        return d;
    }

#define SET_UP()                                                                                             \
    {                                                                                                        \
        QFETCH(Engine, engine);                                                                              \
        setUpOffice(engine);                                                                                 \
    }                                                                                                        \
    if (QTest::currentTestFailed())                                                                          \
    return

private Q_SLOTS:
    void cleanup()
    {
        qputenv("GOVDESK_SYSTEM_CONFIG", "/nonexistent/govdesk.conf");
        m_templates.reset();
        m_svc.reset();
        m_o = Office();
    }

    void pdfTemplate_data()
    {
        addEngineRows();
    }
    void pdfTemplate()
    {
        SET_UP();
        const QByteArray mau = minimalPdf(QStringLiteral("Mẫu quyết định cá biệt"));
        const AttachmentSource file{{}, QStringLiteral("mau-quyet-dinh.pdf"), mau};
        expectError(
            m_templates->add(m_o.officer, QStringLiteral("QĐ"), QStringLiteral("Quyết định"), file).error(),
            "permission.template");
        expectError(
            m_templates->add(m_o.leader, QStringLiteral("QĐ"), QStringLiteral("Quyết định"), file).error(),
            "permission.template");
        auto added = m_templates->add(m_o.clerk, QStringLiteral("quyết định"),
                                      QStringLiteral("Quyết định cá biệt"), file);
        GD_VERIFY_OK(added);
        QCOMPARE(added->typeAbbr, QStringLiteral("QĐ"));
        QCOMPARE(added->format, QStringLiteral("pdf"));
        QCOMPARE(added->uploadedBy, QStringLiteral("vanthu"));
        QVERIFY(added->active);
        auto plan = m_templates->add(
            m_o.admin, QStringLiteral("KH"), QStringLiteral("Kế hoạch"),
            AttachmentSource{{}, QStringLiteral("ke-hoach.docx"), docx(QStringLiteral("KH"))});
        GD_VERIFY_OK(plan);
        QCOMPARE(plan->format, QStringLiteral("docx"));

        // Files that are not what they claim to be.
        expectError(m_templates
                        ->add(m_o.clerk, QStringLiteral("QĐ"), QStringLiteral("Ghi chú"),
                              AttachmentSource{{}, QStringLiteral("ghi-chu.txt"), "ghi chú"})
                        .error(),
                    "template.format");
        expectError(m_templates
                        ->add(m_o.clerk, QStringLiteral("QĐ"), QStringLiteral("Giả PDF"),
                              AttachmentSource{{}, QStringLiteral("gia.pdf"), "GIF89a"})
                        .error(),
                    "template.content");
        expectError(
            m_templates
                ->add(m_o.clerk, QStringLiteral("QĐ"), QStringLiteral("Giả Word"),
                      AttachmentSource{{}, QStringLiteral("gia.docx"), minimalPdf(QStringLiteral("x"))})
                .error(),
            "template.content");
        expectError(m_templates
                        ->add(m_o.clerk, QStringLiteral("QĐ"), QStringLiteral("Word đặt tên odt"),
                              AttachmentSource{{}, QStringLiteral("nham.odt"), docx(QStringLiteral("x"))})
                        .error(),
                    "template.content");
        expectError(m_templates->add(m_o.clerk, QStringLiteral("XYZ"), QStringLiteral("Lạ"), file).error(),
                    "outgoing.type");
        expectError(m_templates->add(m_o.clerk, QStringLiteral("QĐ"), QStringLiteral("  "), file).error(),
                    "template.name");

        auto all = m_templates->list(m_o.officer);
        GD_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        auto decisions = m_templates->list(m_o.officer, QStringLiteral("QĐ"));
        GD_VERIFY_OK(decisions);
        QCOMPARE(decisions->size(), 1);
        QCOMPARE(decisions->first().name, QStringLiteral("Quyết định cá biệt"));
        auto stored = m_templates->fetch(m_o.officer, added->id);
        GD_VERIFY_OK(stored);
        QCOMPARE(stored.value(), mau);

        // The draft starts from the template: its file, its type.
        OutgoingDraft d = draftOf(QStringLiteral("Quyết định khen thưởng tập thể"));
        auto doc = m_svc->draftFromTemplate(m_o.officer, d, added->id);
        GD_VERIFY_OK(doc);
        QCOMPARE(doc->typeAbbr, QStringLiteral("QĐ"));
        QCOMPARE(doc->notation, QStringLiteral("QĐ-UBND"));
        QCOMPARE(doc->files.size(), 1);
        QCOMPARE(doc->files.first().fileName, QStringLiteral("mau-quyet-dinh.pdf"));
        auto data = m_svc->fileData(m_o.officer, doc->id);
        GD_VERIFY_OK(data);
        QCOMPARE(data.value(), mau);
        auto hist = m_svc->history(m_o.officer, doc->id);
        GD_VERIFY_OK(hist);
        QVERIFY2(hist->first().note.contains(QStringLiteral("Quyết định cá biệt")),
                 qPrintable(hist->first().note));
        // A template of another type is refused.
        d.typeAbbr = QStringLiteral("TB");
        expectError(m_svc->draftFromTemplate(m_o.officer, d, added->id).error(), "outgoing.template-type");
        expectError(m_svc->draftFromTemplate(m_o.officer, d, QStringLiteral("khong-co")).error(),
                    "template.unknown");

        // Removed: no longer offered nor usable, still known.
        expectError(m_templates->remove(m_o.officer, added->id).error(), "permission.template");
        auto removed = m_templates->remove(m_o.clerk, added->id);
        GD_VERIFY_OK(removed);
        QVERIFY(!removed->active);
        QCOMPARE(m_templates->list(m_o.officer, QStringLiteral("QĐ"))->size(), 0);
        QCOMPARE(m_templates->list(m_o.officer, QStringLiteral("QĐ"), true)->size(), 1);
        expectError(m_templates->remove(m_o.clerk, added->id).error(), "template.removed");
        d.typeAbbr.clear();
        expectError(m_svc->draftFromTemplate(m_o.officer, d, added->id).error(), "template.removed");
        // The draft made from it is untouched.
        QCOMPARE(m_svc->fileData(m_o.officer, doc->id).value(), mau);

        auto trail = storage::AuditLog::entriesFor(*m_o.db, added->id);
        GD_VERIFY_OK(trail);
        QCOMPARE(trail->size(), 2);
        QCOMPARE(trail->at(0).action, QStringLiteral("outgoing.template-add"));
        QCOMPARE(trail->at(1).action, QStringLiteral("outgoing.template-remove"));
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    void officeTemplateWithoutLibreOffice_data()
    {
        addEngineRows();
    }
    void officeTemplateWithoutLibreOffice()
    {
        SET_UP();
        useConverter(m_ws.tempDir() + QStringLiteral("/khong-co/soffice"));
        QVERIFY(!OutgoingTemplates::officeConversionAvailable());
        QVERIFY(OutgoingTemplates::officeConverter().isEmpty());
        // Keeping an office template needs no LibreOffice; turning it into a draft does.
        auto tpl = m_templates->add(
            m_o.clerk, QStringLiteral("CV"), QStringLiteral("Công văn"),
            AttachmentSource{{}, QStringLiteral("cong-van.docx"), docx(QStringLiteral("CV"))});
        GD_VERIFY_OK(tpl);
        const int blobs = count(QStringLiteral("SELECT COUNT(*) FROM blobs"));
        const int audit = count(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        auto refused =
            m_svc->draftFromTemplate(m_o.officer, draftOf(QStringLiteral("Về việc góp ý")), tpl->id);
        expectError(refused.error(), "template.no-office");
        QVERIFY2(refused.error().english().contains(QStringLiteral("LibreOffice is not installed")),
                 qPrintable(refused.error().english()));
        QVERIFY2(refused.error().english().contains(QStringLiteral("use a PDF template")),
                 qPrintable(refused.error().english()));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_documents")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM blobs")), blobs);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log")), audit);
        auto direct = OutgoingTemplates::convertToPdf(docx(QStringLiteral("x")), QStringLiteral("docx"));
        expectError(direct.error(), "template.no-office");
    }

    void officeTemplateConverted_data()
    {
        addEngineRows();
    }
    void officeTemplateConverted()
    {
        SET_UP();
        const QString standIn = standInForSoffice(QStringLiteral("convert"));
        QVERIFY(!standIn.isEmpty());
        useConverter(standIn);
        QVERIFY(OutgoingTemplates::officeConversionAvailable());
        QCOMPARE(OutgoingTemplates::officeConverter(), QFileInfo(standIn).absoluteFilePath());

        for (const auto &[fileName, bytes] :
             {std::pair{QStringLiteral("giay-moi.docx"), docx(QStringLiteral("Giấy mời họp"))},
              std::pair{QStringLiteral("giay-moi.odt"), odt(QStringLiteral("Giấy mời họp"))}}) {
            auto tpl = m_templates->add(m_o.clerk, QStringLiteral("GM"), QStringLiteral("Giấy mời"),
                                        AttachmentSource{{}, fileName, bytes});
            GD_VERIFY_OK(tpl);
            auto doc =
                m_svc->draftFromTemplate(m_o.officer, draftOf(QStringLiteral("Mời họp giao ban")), tpl->id);
            GD_VERIFY_OK(doc);
            QCOMPARE(doc->typeAbbr, QStringLiteral("GM"));
            QCOMPARE(doc->files.first().fileName, QStringLiteral("giay-moi.pdf"));
            auto data = m_svc->fileData(m_o.officer, doc->id);
            GD_VERIFY_OK(data);
            // What the converter wrote for the file it was handed: the template's bytes, with its format.
            const QString ext = QFileInfo(fileName).suffix();
            QVERIFY2(
                data->contains(QStringLiteral("converted mau.%1 %2").arg(ext).arg(bytes.size()).toUtf8()),
                data->constData());

            // The command line: headless, PDF, a private profile and folders that are gone afterwards.
            QFile log(m_log);
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QStringList args = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
            QVERIFY2(args.size() >= 5, qPrintable(args.join(QLatin1Char('|'))));
            QVERIFY2(args[0].startsWith(QStringLiteral("file:///")), qPrintable(args[0]));
            QCOMPARE(args[1], QStringLiteral("yes"));
            QCOMPARE(args[2], QStringLiteral("pdf"));
            QVERIFY(args[4].endsWith(QStringLiteral(".") + ext));
            const QString profile = QUrl(args[0]).toLocalFile();
            QVERIFY2(!profile.startsWith(QDir::homePath() + QStringLiteral("/.config")), qPrintable(profile));
            QVERIFY2(!QFileInfo::exists(profile) && !QFileInfo::exists(args[3]) &&
                         !QFileInfo::exists(args[4]),
                     "the temporary folder is removed");
        }
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_documents")), 2);
    }

    void conversionFailures_data()
    {
        addEngineRows();
    }
    void conversionFailures()
    {
        SET_UP();
        auto tpl = m_templates->add(
            m_o.clerk, QStringLiteral("TB"), QStringLiteral("Thông báo"),
            AttachmentSource{{}, QStringLiteral("thong-bao.odt"), odt(QStringLiteral("TB"))});
        GD_VERIFY_OK(tpl);
        const int blobs = count(QStringLiteral("SELECT COUNT(*) FROM blobs"));
        const int audit = count(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        struct Case
        {
            const char *behaviour;
            int timeout;
            const char *code;
            const char *english;
        };
        for (const Case &c : {Case{"fail", 0, "template.convert-failed", "source file could not be loaded"},
                              Case{"nothing", 0, "template.convert-failed", "no complete PDF"},
                              Case{"hang", 1, "template.convert-timeout", "within 1 seconds"}}) {
            useConverter(standInForSoffice(QString::fromLatin1(c.behaviour)), c.timeout);
            auto refused =
                m_svc->draftFromTemplate(m_o.officer, draftOf(QStringLiteral("Thông báo nghỉ lễ")), tpl->id);
            expectError(refused.error(), c.code);
            QVERIFY2(refused.error().english().contains(QString::fromLatin1(c.english)),
                     qPrintable(refused.error().english()));
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_documents")), 0);
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_files")), 0);
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM blobs")), blobs);
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log")), audit);
        }
    }
};

QTEST_GUILESS_MAIN(TestOutgoingTemplates)
#include "tst_outgoingtemplates.moc"
