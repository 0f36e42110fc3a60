// govdesk-cli used as IT staff and scripts use it: set up a workspace, add accounts, register, list, route
// and complete documents, export the register, verify the audit trail; refusals exit non-zero with one line
// on stderr in Vietnamese and English. Also against a shared PostgreSQL database.
#include "support/CliRunner.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;

class TestCli : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    const QString m_adminPw = QStringLiteral("admin-pass-2026");
    const QString m_userPw = QStringLiteral("user-pass-2026");

    static QProcessEnvironment newPassword(const QString &pw)
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("GOVDESK_NEW_PASSWORD"), pw);
        return env;
    }

    /// The refusal contract: non-zero exit, one line on stderr holding the Vietnamese text then the English.
    static void checkRefusal(const CliResult &r, const QString &english)
    {
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, r.describe().constData());
        const QStringList lines = r.err().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 1, r.describe().constData());
        const QString line = lines.first();
        QVERIFY2(line.contains(english), r.describe().constData());
        const int dash = line.indexOf(QStringLiteral(" — "));
        QVERIFY2(dash > 0 && dash < line.lastIndexOf(english), r.describe().constData());
        static const QRegularExpression vietnamese(QStringLiteral("[ăâđêôơưĂÂĐÊÔƠƯ\\x{1EA0}-\\x{1EF9}]"));
        QVERIFY2(line.left(dash).contains(vietnamese), r.describe().constData());
    }

    QString initWorkspace(CliRunner *runner, bool withUsers = true)
    {
        const QString dir = m_ws.tempDir() + QStringLiteral("/workspace");
        *runner = CliRunner({QStringLiteral("--workspace"), dir});
        const CliResult init =
            runner->run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--org-code"),
                         QStringLiteral("000.00.00.H16"), QStringLiteral("--org-name"),
                         QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"), QStringLiteral("--org-abbr"),
                         QStringLiteral("UBND")},
                        {}, m_adminPw);
        if (!init.ok()) {
            qWarning("%s", init.describe().constData());
            return {};
        }
        if (withUsers) {
            for (auto [name, role] : {std::pair{"vanthu", "van-thu"}, std::pair{"lanhdao", "lanh-dao"},
                                      std::pair{"chuyenvien", "chuyen-vien"}}) {
                const CliResult add =
                    runner->run({QStringLiteral("user"), QStringLiteral("add"), QString::fromUtf8(name),
                                 QStringLiteral("--role"), QString::fromUtf8(role)},
                                QStringLiteral("admin"), m_adminPw, newPassword(m_userPw));
                if (!add.ok()) {
                    qWarning("%s", add.describe().constData());
                    return {};
                }
            }
        }
        return dir;
    }

    static QStringList registerArgs(const QString &number, const QString &subject,
                                    const QString &author = QStringLiteral("Sở Tài chính"))
    {
        return {QStringLiteral("--json"),
                QStringLiteral("incoming"),
                QStringLiteral("register"),
                QStringLiteral("--author"),
                author,
                QStringLiteral("--number"),
                number,
                QStringLiteral("--notation"),
                QStringLiteral("CV-STC"),
                QStringLiteral("--date"),
                QDate::currentDate().toString(Qt::ISODate),
                QStringLiteral("--type"),
                QStringLiteral("CV"),
                QStringLiteral("--subject"),
                subject};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!CliRunner::program().isEmpty(), "GOVDESK_CLI is not set: run through ctest");
        QVERIFY2(QFile::exists(CliRunner::program()), qPrintable(CliRunner::program()));
    }

    void initWithOrganisation()
    {
        CliRunner cli;
        const QString dir = initWorkspace(&cli, false);
        QVERIFY(!dir.isEmpty());
        QVERIFY(QFile::exists(dir + QStringLiteral("/govdesk.sqlite")));
        const CliResult again =
            cli.run({QStringLiteral("init"), QStringLiteral("--org-code"), QStringLiteral("000.00.00.H56"),
                     QStringLiteral("--org-name"), QStringLiteral("Khác"), QStringLiteral("--org-abbr"),
                     QStringLiteral("UBND")},
                    {}, m_adminPw);
        checkRefusal(again, QStringLiteral("already set up"));

        CliRunner fresh({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/w2")});
        const CliResult badCode =
            fresh.run({QStringLiteral("init"), QStringLiteral("--org-code"), QStringLiteral("H16-000"),
                       QStringLiteral("--org-name"), QStringLiteral("UBND tỉnh"),
                       QStringLiteral("--org-abbr"), QStringLiteral("UBND")},
                      {}, m_adminPw);
        checkRefusal(badCode, QStringLiteral("H16-000"));
        const CliResult noPassword = fresh.run({QStringLiteral("init"), QStringLiteral("--demo")});
        checkRefusal(noPassword, QStringLiteral("GOVDESK_PASSWORD"));

        const CliResult users =
            cli.run({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("list")},
                    QStringLiteral("admin"), m_adminPw);
        QVERIFY2(users.ok(), users.describe().constData());
        QCOMPARE(users.json.array().size(), 1);
        QCOMPARE(users.json.array().first()[QStringLiteral("role")].toString(), QStringLiteral("quan-tri"));
    }

    void initDemo()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/demo")});
        const CliResult init =
            cli.run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--demo")}, {},
                    QStringLiteral("demo-pass-1"));
        QVERIFY2(init.ok(), init.describe().constData());
        QCOMPARE(init.json[QStringLiteral("orgCode")].toString(), QStringLiteral("000.00.00.H16"));
        QVERIFY(init.json[QStringLiteral("demo")].toBool());
        QVERIFY(init.json[QStringLiteral("users")].toArray().size() >= 5);
        const CliResult list =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("list")},
                    QStringLiteral("vanthu"), QStringLiteral("demo-pass-1"));
        QVERIFY2(list.ok(), list.describe().constData());
        QSet<QString> statuses;
        for (const QJsonValue &v : list.json.array())
            statuses.insert(v[QStringLiteral("status")].toString());
        QVERIFY(list.json.array().size() >= 30);
        QVERIFY2(statuses.size() >= 4, qPrintable(QStringList(statuses.values()).join(QLatin1Char(','))));
        const CliResult verify = cli.run({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.ok(), verify.describe().constData());
    }

    void usersPerRole()
    {
        CliRunner cli;
        QVERIFY(!initWorkspace(&cli, false).isEmpty());
        for (const QString &role : {QStringLiteral("van-thu"), QStringLiteral("chuyen-vien"),
                                    QStringLiteral("lanh-dao"), QStringLiteral("quan-tri")}) {
            const QString name = QStringLiteral("user-") + role;
            const CliResult add = cli.run({QStringLiteral("--json"), QStringLiteral("user"),
                                           QStringLiteral("add"), name, QStringLiteral("--role"), role,
                                           QStringLiteral("--full-name"), QStringLiteral("Nguyễn Văn An")},
                                          QStringLiteral("admin"), m_adminPw, newPassword(m_userPw));
            QVERIFY2(add.ok(), add.describe().constData());
            QCOMPARE(add.json[QStringLiteral("role")].toString(), role);
            QCOMPARE(add.json[QStringLiteral("username")].toString(), name);
        }
        const CliResult badRole =
            cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("x1"),
                     QStringLiteral("--role"), QStringLiteral("giam-doc")},
                    QStringLiteral("admin"), m_adminPw, newPassword(m_userPw));
        QCOMPARE(badRole.exitCode, 2);
        // A clerk cannot add accounts; a wrong password gets nowhere.
        const CliResult byClerk =
            cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("x2"),
                     QStringLiteral("--role"), QStringLiteral("quan-tri")},
                    QStringLiteral("user-van-thu"), m_userPw, newPassword(m_userPw));
        checkRefusal(byClerk, QStringLiteral("Only an administrator can add users"));
        const CliResult wrongPw = cli.run({QStringLiteral("user"), QStringLiteral("list")},
                                          QStringLiteral("user-van-thu"), QStringLiteral("not-the-password"));
        checkRefusal(wrongPw, QStringLiteral("Wrong user name or password"));
        const CliResult list =
            cli.run({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("list")},
                    QStringLiteral("user-lanh-dao"), m_userPw);
        QVERIFY2(list.ok(), list.describe().constData());
        QCOMPARE(list.json.array().size(), 5);
    }

    void registerListAssignComplete()
    {
        CliRunner cli;
        QVERIFY(!initWorkspace(&cli).isEmpty());
        const QString clerk = QStringLiteral("vanthu");
        const CliResult first = cli.run(
            registerArgs(QStringLiteral("5"), QStringLiteral("Kế hoạch phòng chống lũ tỉnh Đồng Nai")), clerk,
            m_userPw);
        QVERIFY2(first.ok(), first.describe().constData());
        const QJsonObject doc = first.json.object();
        QVERIFY(!doc[QStringLiteral("id")].toString().isEmpty());
        QCOMPARE(doc[QStringLiteral("arrivalNumber")].toInt(), 1);
        QCOMPARE(doc[QStringLiteral("arrivalDate")].toString(), QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(doc[QStringLiteral("year")].toInt(), QDate::currentDate().year());
        const CliResult second =
            cli.run(registerArgs(QStringLiteral("6"), QStringLiteral("QUYẾT ĐỊNH về việc khen thưởng")),
                    clerk, m_userPw);
        QVERIFY2(second.ok(), second.describe().constData());
        QCOMPARE(second.json[QStringLiteral("arrivalNumber")].toInt(), 2);

        // A likely duplicate (same số, ký hiệu and organ this year; "05" is "5") is refused...
        const CliResult dup = cli.run(
            registerArgs(QStringLiteral("05"), QStringLiteral("Kế hoạch (bản gửi lại)")), clerk, m_userPw);
        checkRefusal(dup, QStringLiteral("Possible duplicate"));
        QVERIFY(dup.err().contains(QStringLiteral("05/CV-STC")));
        QVERIFY(dup.stdOut.isEmpty());
        // ... unless the clerk confirms it.
        const CliResult confirmed =
            cli.run(registerArgs(QStringLiteral("05"), QStringLiteral("Kế hoạch (bản gửi lại)")) +
                        QStringList{QStringLiteral("--allow-duplicate")},
                    clerk, m_userPw);
        QVERIFY2(confirmed.ok(), confirmed.describe().constData());
        QCOMPARE(confirmed.json[QStringLiteral("arrivalNumber")].toInt(), 3);

        // An officer may not register.
        const CliResult byOfficer =
            cli.run(registerArgs(QStringLiteral("7"), QStringLiteral("Không được vào sổ")),
                    QStringLiteral("chuyenvien"), m_userPw);
        checkRefusal(byOfficer, QStringLiteral("Only the clerk"));

        const CliResult list = cli.run(
            {QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("list")}, clerk, m_userPw);
        QVERIFY2(list.ok(), list.describe().constData());
        QCOMPARE(list.json.array().size(), 3);
        const QJsonObject entry = list.json.array().last().toObject(); // newest first: number 1 last
        for (const char *field : {"id", "arrivalNumber", "arrivalDate", "year", "author", "number",
                                  "notation", "date", "type", "subject", "status"})
            QVERIFY2(entry.contains(QString::fromLatin1(field)), field);
        QCOMPARE(entry[QStringLiteral("arrivalNumber")].toInt(), 1);
        QCOMPARE(entry[QStringLiteral("author")].toString(), QStringLiteral("Sở Tài chính"));
        QCOMPARE(entry[QStringLiteral("number")].toString(), QStringLiteral("5"));
        QCOMPARE(entry[QStringLiteral("notation")].toString(), QStringLiteral("CV-STC"));
        QCOMPARE(entry[QStringLiteral("type")].toString(), QStringLiteral("CV"));
        QCOMPARE(entry[QStringLiteral("subject")].toString(),
                 QStringLiteral("Kế hoạch phòng chống lũ tỉnh Đồng Nai"));
        QCOMPARE(entry[QStringLiteral("status")].toString(), QStringLiteral("da-vao-so"));

        auto search = [&](const QString &q) {
            const CliResult r = cli.run({QStringLiteral("--json"), QStringLiteral("incoming"),
                                         QStringLiteral("list"), QStringLiteral("--search"), q},
                                        clerk, m_userPw);
            QStringList subjects;
            for (const QJsonValue &v : r.json.array())
                subjects << v[QStringLiteral("subject")].toString();
            return subjects;
        };
        QCOMPARE(search(QStringLiteral("dong nai")),
                 QStringList{QStringLiteral("Kế hoạch phòng chống lũ tỉnh Đồng Nai")});
        QCOMPARE(search(QStringLiteral("quyet dinh khen")),
                 QStringList{QStringLiteral("QUYẾT ĐỊNH về việc khen thưởng")});

        // Route and handle.
        const QString id = doc[QStringLiteral("id")].toString();
        const QString deadline = QDate::currentDate().addDays(7).toString(Qt::ISODate);
        const CliResult byClerk = cli.run({QStringLiteral("incoming"), QStringLiteral("assign"), id,
                                           QStringLiteral("--to"), QStringLiteral("chuyenvien")},
                                          clerk, m_userPw);
        checkRefusal(byClerk, QStringLiteral("Only a leader"));
        const CliResult assigned =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("assign"), id,
                     QStringLiteral("--to"), QStringLiteral("chuyenvien"), QStringLiteral("--deadline"),
                     deadline, QStringLiteral("--opinion"), QStringLiteral("Giao chủ trì tham mưu")},
                    QStringLiteral("lanhdao"), m_userPw);
        QVERIFY2(assigned.ok(), assigned.describe().constData());
        QCOMPARE(assigned.json[QStringLiteral("status")].toString(), QStringLiteral("da-phan-cong"));
        QCOMPARE(assigned.json[QStringLiteral("deadline")].toString(), deadline);

        // The officer sees exactly what was given to them.
        const CliResult mine =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("list")},
                    QStringLiteral("chuyenvien"), m_userPw);
        QVERIFY2(mine.ok(), mine.describe().constData());
        QCOMPARE(mine.json.array().size(), 1);
        QCOMPARE(mine.json.array().first()[QStringLiteral("id")].toString(), id);

        const CliResult done =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("complete"), id,
                     QStringLiteral("--reply"), QStringLiteral("12/UBND-KT")},
                    QStringLiteral("chuyenvien"), m_userPw);
        QVERIFY2(done.ok(), done.describe().constData());
        QCOMPARE(done.json[QStringLiteral("status")].toString(), QStringLiteral("hoan-thanh"));
        QCOMPARE(done.json[QStringLiteral("replyReference")].toString(), QStringLiteral("12/UBND-KT"));

        auto byStatus = [&](const QString &status) {
            const CliResult r = cli.run({QStringLiteral("--json"), QStringLiteral("incoming"),
                                         QStringLiteral("list"), QStringLiteral("--status"), status},
                                        clerk, m_userPw);
            QSet<int> numbers;
            for (const QJsonValue &v : r.json.array())
                numbers.insert(v[QStringLiteral("arrivalNumber")].toInt());
            return numbers;
        };
        QCOMPARE(byStatus(QStringLiteral("hoan-thanh")), QSet<int>{1});
        QCOMPARE(byStatus(QStringLiteral("da-vao-so")), (QSet<int>{2, 3}));
        QCOMPARE(cli.run({QStringLiteral("incoming"), QStringLiteral("list"), QStringLiteral("--status"),
                          QStringLiteral("xong")},
                         clerk, m_userPw)
                     .exitCode,
                 2);
    }

    void numberingRestartsEachYear()
    {
        CliRunner cli;
        QVERIFY(!initWorkspace(&cli).isEmpty());
        const int year = QDate::currentDate().year();
        auto reg = [&](const QString &number, const QDate &arrival) {
            QStringList args = registerArgs(number, QStringLiteral("Văn bản số %1").arg(number));
            args[args.indexOf(QStringLiteral("--date")) + 1] = arrival.toString(Qt::ISODate);
            args << QStringLiteral("--arrival-date") << arrival.toString(Qt::ISODate);
            const CliResult r = cli.run(args, QStringLiteral("vanthu"), m_userPw);
            if (!r.ok())
                qWarning("%s", r.describe().constData());
            return std::pair{r.json[QStringLiteral("year")].toInt(),
                             r.json[QStringLiteral("arrivalNumber")].toInt()};
        };
        QCOMPARE(reg(QStringLiteral("1"), QDate(year - 1, 12, 30)), std::pair(year - 1, 1));
        QCOMPARE(reg(QStringLiteral("2"), QDate(year, 1, 1)), std::pair(year, 1));
        QCOMPARE(reg(QStringLiteral("3"), QDate(year - 1, 12, 31)), std::pair(year - 1, 2));
        QCOMPARE(reg(QStringLiteral("4"), QDate::currentDate()), std::pair(year, 2));
        const CliResult lastYear =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("list"),
                     QStringLiteral("--year"), QString::number(year - 1)},
                    QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(lastYear.ok(), lastYear.describe().constData());
        QCOMPARE(lastYear.json.array().size(), 2);
    }

    void registryExport()
    {
        CliRunner cli;
        QVERIFY(!initWorkspace(&cli).isEmpty());
        QVERIFY(cli.run(registerArgs(QStringLiteral("8"), QStringLiteral("Báo cáo tình hình")),
                        QStringLiteral("vanthu"), m_userPw)
                    .ok());
        const QString pdf = m_ws.tempDir() + QStringLiteral("/Sổ đến.pdf");
        const CliResult r =
            cli.run({QStringLiteral("registry"), QStringLiteral("export"), QStringLiteral("--book"),
                     QStringLiteral("incoming"), QStringLiteral("--year"),
                     QString::number(QDate::currentDate().year()), QStringLiteral("--out"), pdf},
                    QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(r.ok(), r.describe().constData());
        int pages = 0;
        const QSizeF size = pdfPageSize(pdf, &pages);
        QVERIFY2(qAbs(size.width() - 841.89) < 1.0 && qAbs(size.height() - 595.28) < 1.0,
                 qPrintable(QStringLiteral("%1 x %2").arg(size.width()).arg(size.height())));
        QVERIFY(pages >= 2);
        QVERIFY(pdfText(pdf).contains(QStringLiteral("Báo cáo tình hình")));
        const CliResult refused =
            cli.run({QStringLiteral("registry"), QStringLiteral("export"), QStringLiteral("--book"),
                     QStringLiteral("incoming"), QStringLiteral("--year"), QStringLiteral("2026"),
                     QStringLiteral("--out"), pdf + QStringLiteral(".2.pdf")},
                    QStringLiteral("chuyenvien"), m_userPw);
        QVERIFY(!refused.ok());
        QVERIFY(!QFile::exists(pdf + QStringLiteral(".2.pdf")));
    }

    void auditVerifyDetectsTampering()
    {
        CliRunner cli;
        const QString dir = initWorkspace(&cli);
        QVERIFY(!dir.isEmpty());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(cli.run(registerArgs(QString::number(20 + i), QStringLiteral("Văn bản %1").arg(i)),
                            QStringLiteral("vanthu"), m_userPw)
                        .ok());
        const CliResult intact =
            cli.run({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(intact.ok(), intact.describe().constData());
        QVERIFY(intact.json[QStringLiteral("ok")].toBool());
        QVERIFY(intact.json[QStringLiteral("entries")].toInt() >= 7);

        // Someone with the file edits the trail behind the program's back.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(dir + QStringLiteral("/govdesk.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(q.exec(QStringLiteral("UPDATE audit_log SET actor = 'ke-gian-lan' WHERE seq = 5")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        const CliResult tampered = cli.run({QStringLiteral("audit"), QStringLiteral("verify")});
        checkRefusal(tampered, QStringLiteral("entry 5 "));
    }

    void sharedPostgresDatabase()
    {
        GD_VERIFY_OK(m_ws.ensurePostgres());
        auto db = m_ws.postgres().createDatabase(QStringLiteral("cli_office"));
        GD_VERIFY_OK(db);
        const QString url = m_ws.postgres().urlFor(QStringLiteral("cli_office"));
        CliRunner cli({QStringLiteral("--database"), url});
        const CliResult init =
            cli.run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--org-code"),
                     QStringLiteral("000.00.06.H56"), QStringLiteral("--org-name"),
                     QStringLiteral("Sở Thông tin và Truyền thông"), QStringLiteral("--org-abbr"),
                     QStringLiteral("STTTT")},
                    {}, m_adminPw);
        QVERIFY2(init.ok(), init.describe().constData());
        QVERIFY(!init.json[QStringLiteral("database")].toString().contains(m_ws.postgres().password()));
        QVERIFY(cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("vanthu"),
                         QStringLiteral("--role"), QStringLiteral("van-thu")},
                        QStringLiteral("admin"), m_adminPw, newPassword(m_userPw))
                    .ok());
        const CliResult a =
            cli.run(registerArgs(QStringLiteral("3"), QStringLiteral("Chuyển đổi số tỉnh Đồng Nai")),
                    QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(a.ok(), a.describe().constData());
        QCOMPARE(a.json[QStringLiteral("arrivalNumber")].toInt(), 1);
        // A second client (another machine of the office) continues the same book.
        CliRunner other({QStringLiteral("--database"), url});
        const CliResult b = other.run(registerArgs(QStringLiteral("4"), QStringLiteral("Báo cáo quý")),
                                      QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(b.ok(), b.describe().constData());
        QCOMPARE(b.json[QStringLiteral("arrivalNumber")].toInt(), 2);
        const CliResult found =
            cli.run({QStringLiteral("--json"), QStringLiteral("incoming"), QStringLiteral("list"),
                     QStringLiteral("--search"), QStringLiteral("dong nai")},
                    QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(found.ok(), found.describe().constData());
        QCOMPARE(found.json.array().size(), 1);
        QVERIFY(cli.run({QStringLiteral("audit"), QStringLiteral("verify")}).ok());

        CliRunner wrong({QStringLiteral("--database"),
                         m_ws.postgres()
                             .urlFor(QStringLiteral("cli_office"))
                             .replace(m_ws.postgres().password(), QStringLiteral("wrong"))});
        const CliResult refused = wrong.run({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY(refused.exitCode == 1);
        QVERIFY(!refused.err().contains(m_ws.postgres().password()));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
