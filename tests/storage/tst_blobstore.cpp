// Attachments come back byte for byte, damage is detected instead of handing out a corrupted file, a failed
// save leaves no record, and in a shared office every client sees the attachments another one stored.
#include "storage/BlobStore.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using storage::Engine;

class TestBlobStore : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    static QByteArray samplePdf(int size)
    {
        QByteArray data("%PDF-1.4\n% Quyết định số 15/QĐ-UBND\n");
        while (data.size() < size)
            data.append(char(QRandomGenerator::global()->bounded(256)));
        return data;
    }

    static core::Result<QString> store(storage::Database &db, const QByteArray &data)
    {
        return db.write<QString>([&](QSqlDatabase &c) { return db.blobs().put(c, data); });
    }

private Q_SLOTS:
    void roundTrip_data() { addEngineRows(); }
    void roundTrip()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        for (int size : {0, 1, 4096, 3 * 1024 * 1024 + 17}) {
            const QByteArray data = samplePdf(size);
            auto sha = store(*db.value(), data);
            GD_VERIFY_OK(sha);
            QCOMPARE(sha.value(),
                     QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
            QVERIFY(db.value()->blobs().contains(sha.value()));
            auto back = db.value()->blobs().get(sha.value());
            GD_VERIFY_OK(back);
            QCOMPARE(back->size(), data.size());
            QVERIFY(back.value() == data);
            // Storing the same bytes again is harmless and gives the same key.
            auto again = store(*db.value(), data);
            GD_VERIFY_OK(again);
            QCOMPARE(again.value(), sha.value());
        }
        auto missing = db.value()->blobs().get(QString(64, QLatin1Char('a')));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code(), QStringLiteral("blob.missing"));
    }

    void putFile_data() { addEngineRows(); }
    void putFile()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        const QString path = m_ws.tempDir() + QStringLiteral("/Công văn 05-UBND.pdf");
        const QByteArray data = samplePdf(20000);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        }
        auto sha =
            db.value()->write<QString>([&](QSqlDatabase &c) { return db.value()->blobs().putFile(c, path); });
        GD_VERIFY_OK(sha);
        auto back = db.value()->blobs().get(sha.value());
        GD_VERIFY_OK(back);
        QVERIFY(back.value() == data);
        auto none = db.value()->write<QString>([&](QSqlDatabase &c) {
            return db.value()->blobs().putFile(c, path + QStringLiteral(".missing"));
        });
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code(), QStringLiteral("blob.missing"));
    }

    void corruptionDetected_data() { addEngineRows(); }
    void corruptionDetected()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        const QByteArray data = samplePdf(10000);
        auto sha = store(*db.value(), data);
        GD_VERIFY_OK(sha);
        if (engine == Engine::SQLite) {
            // Flip one byte of the stored file, as a failing disk would.
            QStringList files;
            QDirIterator it(info->workspaceDir + QStringLiteral("/blobs"), QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            QCOMPARE(files.size(), 1);
            QFile f(files.first());
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(5000));
            char c = 0;
            QVERIFY(f.getChar(&c));
            QVERIFY(f.seek(5000));
            QVERIFY(f.putChar(char(c ^ 0x01)));
        } else {
            QByteArray damaged = data;
            damaged[5000] = char(damaged[5000] ^ 0x01);
            QSqlDatabase c = db.value()->connection();
            QSqlQuery q(c);
            q.prepare(QStringLiteral("UPDATE blobs SET data = ? WHERE sha256 = ?"));
            q.addBindValue(damaged);
            q.addBindValue(sha.value());
            QVERIFY(q.exec());
            QCOMPARE(q.numRowsAffected(), 1);
        }
        auto back = db.value()->blobs().get(sha.value());
        QVERIFY(!back.ok());
        QCOMPARE(back.error().code(), QStringLiteral("blob.corrupt"));
        QVERIFY(back.error().english().contains(sha->left(12)));
    }

    void failedSaveLeavesNoRecord_data() { addEngineRows(); }
    void failedSaveLeavesNoRecord()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        const QByteArray data = samplePdf(5000);
        QString sha;
        auto r = db.value()->writeVoid([&](QSqlDatabase &c) -> core::Result<void> {
            auto put = db.value()->blobs().put(c, data);
            if (!put)
                return put.error();
            sha = put.value();
            return GOVDESK_ERROR("test.abort", QT_TRANSLATE_NOOP("Test", "the registration failed later"));
        });
        QVERIFY(!r.ok());
        QVERIFY(!sha.isEmpty());
        QVERIFY(!db.value()->blobs().contains(sha));
    }

    void sharedOfficeSeesAttachments_data() { addEngineRows(); }
    void sharedOfficeSeesAttachments()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto first = openDatabase(info.value());
        GD_VERIFY_OK(first);
        auto second = openDatabase(info.value());
        GD_VERIFY_OK(second);
        const QByteArray data = samplePdf(70000);
        auto sha = store(*first.value(), data);
        GD_VERIFY_OK(sha);
        QVERIFY(second.value()->blobs().contains(sha.value()));
        auto back = second.value()->blobs().get(sha.value());
        GD_VERIFY_OK(back);
        QVERIFY(back.value() == data);
        if (engine == Engine::PostgreSQL) {
            // The bytes live in the database, not in a folder of the first client.
            QVERIFY(info->workspaceDir.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
