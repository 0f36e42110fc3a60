// Search ignores diacritics and case on both engines ("dong nai" finds "Đồng Nai"), every word must match,
// the last word may be unfinished, better matches come first, and a removed record is no longer found.
#include "storage/FullTextIndex.h"
#include "support/TestSupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using storage::Engine;
using storage::FullTextIndex;

class TestFullTextIndex : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    static const QString kind() { return QStringLiteral("incoming"); }

    static core::Result<void> index(storage::Database &db, const QList<QPair<QString, QString>> &docs,
                                    const QString &kindName = kind())
    {
        return db.writeVoid([&](QSqlDatabase &c) -> core::Result<void> {
            for (const auto &d : docs)
                if (auto r = FullTextIndex::put(db, c, kindName, d.first, d.second); !r)
                    return r;
            return {};
        });
    }

    /// Ids matching the query, best first.
    static QStringList search(storage::Database &db, const QString &query, const QString &kindName = kind())
    {
        const auto m = FullTextIndex::match(db.engine(), kindName, query);
        if (!m)
            return {};
        QSqlDatabase c = db.connection();
        storage::Sql q(c, QStringLiteral("SELECT ref_id FROM (") + m->subquery +
                              QStringLiteral(") s ORDER BY rank, ref_id"));
        for (const QVariant &p : m->params)
            q << p;
        if (!q.exec())
            return {QStringLiteral("<query failed>")};
        QStringList ids;
        while (q.next())
            ids << q.value(0).toString();
        return ids;
    }

    static QStringList sorted(QStringList ids)
    {
        ids.sort();
        return ids;
    }

    std::shared_ptr<storage::Database> m_db;

    void openFresh(Engine engine)
    {
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        auto db = openDatabase(info.value());
        QVERIFY2(db.ok(), why(db).constData());
        m_db = db.value();
    }

private Q_SLOTS:
    void cleanup() { m_db.reset(); }

    void ignoresDiacritics_data() { addEngineRows(); }
    void ignoresDiacritics()
    {
        QFETCH(Engine, engine);
        openFresh(engine);
        QVERIFY(m_db);
        GD_VERIFY_OK(index(
            *m_db, {
                       {QStringLiteral("a"), QStringLiteral("Công văn của UBND tỉnh Đồng Nai về mưa lũ")},
                       {QStringLiteral("b"), QStringLiteral("QUYẾT ĐỊNH phê duyệt kế hoạch")},
                       {QStringLiteral("c"), QStringLiteral("Báo cáo của Sở Tài chính")},
                       {QStringLiteral("d"), QStringLiteral("Đà Nẵng đường Điện Biên Phủ")},
                   }));
        QCOMPARE(search(*m_db, QStringLiteral("dong nai")), QStringList{QStringLiteral("a")});
        QCOMPARE(search(*m_db, QStringLiteral("Đồng Nai")), QStringList{QStringLiteral("a")});
        QCOMPARE(search(*m_db, QStringLiteral("ĐỒNG NAI")), QStringList{QStringLiteral("a")});
        QCOMPARE(search(*m_db, QStringLiteral("quyet dinh")), QStringList{QStringLiteral("b")});
        QCOMPARE(search(*m_db, QStringLiteral("quyết định")), QStringList{QStringLiteral("b")});
        QCOMPARE(search(*m_db, QStringLiteral("so tai chinh")), QStringList{QStringLiteral("c")});
        QCOMPARE(search(*m_db, QStringLiteral("da nang duong dien bien")), QStringList{QStringLiteral("d")});
        // Decomposed input (as some keyboards produce it) finds the same.
        QCOMPARE(search(*m_db, QStringLiteral("Đồng Nai").normalized(QString::NormalizationForm_D)),
                 QStringList{QStringLiteral("a")});
    }

    void everyWordMustMatchAndLastIsPrefix_data() { addEngineRows(); }
    void everyWordMustMatchAndLastIsPrefix()
    {
        QFETCH(Engine, engine);
        openFresh(engine);
        QVERIFY(m_db);
        GD_VERIFY_OK(index(*m_db, {
                                      {QStringLiteral("a"), QStringLiteral("Kế hoạch tiêm chủng mở rộng")},
                                      {QStringLiteral("b"), QStringLiteral("Kế hoạch chuyển đổi số")},
                                  }));
        QCOMPARE(sorted(search(*m_db, QStringLiteral("ke hoach"))),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(search(*m_db, QStringLiteral("ke hoach tiem")), QStringList{QStringLiteral("a")});
        QCOMPARE(search(*m_db, QStringLiteral("ke hoach chuy")), QStringList{QStringLiteral("b")});
        QCOMPARE(search(*m_db, QStringLiteral("chuyen tiem")), QStringList{});
        QCOMPARE(sorted(search(*m_db, QStringLiteral("hoach ke"))),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        // Only the last word is a prefix.
        QCOMPARE(search(*m_db, QStringLiteral("hoa ke")), QStringList{});
        // Words that mean something to the query syntax are just words.
        QCOMPARE(search(*m_db, QStringLiteral("ke AND hoach OR \"so\"")), QStringList{});
        QVERIFY(!FullTextIndex::match(engine, kind(), QStringLiteral(" -- / ")).has_value());
    }

    void betterMatchFirst_data() { addEngineRows(); }
    void betterMatchFirst()
    {
        QFETCH(Engine, engine);
        openFresh(engine);
        QVERIFY(m_db);
        const QString filler =
            QStringLiteral("Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành phối hợp thực hiện nhiệm vụ được "
                           "giao, báo cáo kết "
                           "quả thực hiện trước ngày mười lăm hằng tháng để tổng hợp chung");
        GD_VERIFY_OK(
            index(*m_db, {
                             {QStringLiteral("weak"), filler + QStringLiteral(" Đồng Nai ") + filler},
                             {QStringLiteral("strong"),
                              QStringLiteral("Đồng Nai: kế hoạch của tỉnh Đồng Nai, báo cáo Đồng Nai")},
                         }));
        const QStringList found = search(*m_db, QStringLiteral("dong nai"));
        QCOMPARE(found, (QStringList{QStringLiteral("strong"), QStringLiteral("weak")}));
    }

    void reindexAndRemove_data() { addEngineRows(); }
    void reindexAndRemove()
    {
        QFETCH(Engine, engine);
        openFresh(engine);
        QVERIFY(m_db);
        GD_VERIFY_OK(index(*m_db, {{QStringLiteral("a"), QStringLiteral("Tờ trình về đất đai")}}));
        QCOMPARE(search(*m_db, QStringLiteral("dat dai")), QStringList{QStringLiteral("a")});
        // An edited record is found by its new text only.
        GD_VERIFY_OK(index(*m_db, {{QStringLiteral("a"), QStringLiteral("Tờ trình về giáo dục")}}));
        QCOMPARE(search(*m_db, QStringLiteral("dat dai")), QStringList{});
        QCOMPARE(search(*m_db, QStringLiteral("giao duc")), QStringList{QStringLiteral("a")});
        GD_VERIFY_OK(m_db->writeVoid(
            [&](QSqlDatabase &c) { return FullTextIndex::remove(*m_db, c, kind(), QStringLiteral("a")); }));
        QCOMPARE(search(*m_db, QStringLiteral("giao duc")), QStringList{});
    }

    void kindsAreSeparate_data() { addEngineRows(); }
    void kindsAreSeparate()
    {
        QFETCH(Engine, engine);
        openFresh(engine);
        QVERIFY(m_db);
        GD_VERIFY_OK(index(*m_db, {{QStringLiteral("in-1"), QStringLiteral("Hồ sơ đất đai")}}));
        GD_VERIFY_OK(index(*m_db, {{QStringLiteral("dossier-1"), QStringLiteral("Hồ sơ đất đai")}},
                           QStringLiteral("dossier")));
        QCOMPARE(search(*m_db, QStringLiteral("ho so")), QStringList{QStringLiteral("in-1")});
        QCOMPARE(search(*m_db, QStringLiteral("ho so"), QStringLiteral("dossier")),
                 QStringList{QStringLiteral("dossier-1")});
    }
};

QTEST_GUILESS_MAIN(TestFullTextIndex)
#include "tst_fulltextindex.moc"
