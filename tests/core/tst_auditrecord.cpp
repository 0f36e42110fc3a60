// Audit entries are chained: each hash covers the previous hash and the entry, so editing, removing or
// reordering an entry is visible; the hash does not depend on the machine's time zone.
#include "core/AuditRecord.h"

#include <QCryptographicHash>
#include <QTest>
#include <QTimeZone>

using namespace govdesk::core;

class TestAuditRecord : public QObject
{
    Q_OBJECT

    static QList<AuditRecord> chain()
    {
        QList<AuditRecord> out;
        QString previous;
        const QDateTime start(QDate(2026, 3, 2), QTime(8, 15, 30, 125), QTimeZone::UTC);
        const char *actions[] = {"incoming.register", "incoming.assign", "incoming.complete"};
        for (int i = 0; i < 3; ++i) {
            AuditRecord r;
            r.sequence = i + 1;
            r.at = start.addSecs(i * 60);
            r.actor = i == 1 ? QStringLiteral("lanhdao") : QStringLiteral("vanthu");
            r.action = QString::fromLatin1(actions[i]);
            r.entity = QStringLiteral("incoming_document");
            r.entityId = QStringLiteral("doc-1");
            r.before =
                QJsonObject{{QStringLiteral("status"), i == 0 ? QString() : QStringLiteral("da-vao-so")}};
            r.after = QJsonObject{{QStringLiteral("status"), QStringLiteral("đã xử lý %1").arg(i)},
                                  {QStringLiteral("arrivalNumber"), 15}};
            r.previousHash = previous;
            r.hash = r.computeHash();
            previous = r.hash;
            out << r;
        }
        return out;
    }

    static bool chainHolds(const QList<AuditRecord> &records)
    {
        QString previous;
        for (const AuditRecord &r : records) {
            if (r.previousHash != previous || r.computeHash() != r.hash)
                return false;
            previous = r.hash;
        }
        return true;
    }

private Q_SLOTS:
    void hashCoversPreviousHashAndEntry()
    {
        const auto records = chain();
        QVERIFY(chainHolds(records));
        for (const AuditRecord &r : records) {
            QCOMPARE(r.hash.size(), 64);
            // The documented format, so an independent verifier can check an exported trail.
            const QByteArray expected =
                QCryptographicHash::hash(r.previousHash.toLatin1() + r.canonicalBytes(),
                                         QCryptographicHash::Sha256)
                    .toHex();
            QCOMPARE(r.hash.toLatin1(), expected);
        }
        QVERIFY(records[0].previousHash.isEmpty());
        QCOMPARE(records[1].previousHash, records[0].hash);
    }

    void everyFieldIsCovered_data()
    {
        QTest::addColumn<int>("field");
        for (int f = 0; f < 8; ++f)
            QTest::newRow(qPrintable(QStringLiteral("field %1").arg(f))) << f;
    }
    void everyFieldIsCovered()
    {
        QFETCH(int, field);
        auto records = chain();
        AuditRecord &r = records[1];
        switch (field) {
        case 0:
            r.sequence = 7;
            break;
        case 1:
            r.at = r.at.addMSecs(1);
            break;
        case 2:
            r.actor = QStringLiteral("admin");
            break;
        case 3:
            r.action = QStringLiteral("incoming.update");
            break;
        case 4:
            r.entity = QStringLiteral("user");
            break;
        case 5:
            r.entityId = QStringLiteral("doc-2");
            break;
        case 6:
            r.before.insert(QStringLiteral("status"), QStringLiteral("hoan-thanh"));
            break;
        case 7:
            r.after.insert(QStringLiteral("arrivalNumber"), 16);
            break;
        }
        QVERIFY(r.computeHash() != r.hash);
        QVERIFY(!chainHolds(records));
    }

    void rehashedEntryBreaksTheNextLink()
    {
        auto records = chain();
        records[1].actor = QStringLiteral("admin");
        records[1].hash = records[1].computeHash();
        QVERIFY(!chainHolds(records));
        QVERIFY(records[2].previousHash != records[1].hash);
    }

    void removingOrReorderingBreaksTheChain()
    {
        auto removed = chain();
        removed.removeAt(1);
        QVERIFY(!chainHolds(removed));
        auto swapped = chain();
        swapped.swapItemsAt(1, 2);
        QVERIFY(!chainHolds(swapped));
    }

    void timeZoneDoesNotChangeTheHash()
    {
        // The same instant recorded on a machine in Hà Nội and checked on one in UTC.
        AuditRecord utc = chain().first();
        AuditRecord local = utc;
        local.at = utc.at.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Ho_Chi_Minh")));
        QVERIFY(local.at.timeZone() != utc.at.timeZone());
        QCOMPARE(local.computeHash(), utc.computeHash());
    }

    void keyOrderDoesNotChangeTheHash()
    {
        AuditRecord a = chain().first();
        AuditRecord b = a;
        QJsonObject after;
        after.insert(QStringLiteral("z"), 1);
        after.insert(QStringLiteral("a"), 2);
        a.after = after;
        QJsonObject other;
        other.insert(QStringLiteral("a"), 2);
        other.insert(QStringLiteral("z"), 1);
        b.after = other;
        QCOMPARE(a.canonicalBytes(), b.canonicalBytes());
        QCOMPARE(a.computeHash(), b.computeHash());
    }
};

QTEST_APPLESS_MAIN(TestAuditRecord)
#include "tst_auditrecord.moc"
