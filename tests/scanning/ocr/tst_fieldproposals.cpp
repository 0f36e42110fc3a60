// What OCR read becomes proposals in the register's terms: the organ heading matched to a known
// organisation (without diacritics, whole words, the longest name), the type matched to the workspace's
// types (by abbreviation, or by name for a công văn), the number with Decree 30's leading zero, the date in
// dd/MM/yyyy; what was not read is not proposed; the JSON the CLI prints.
#include "documents/DocumentTypes.h"
#include "scanning/ocr/FieldProposals.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace govdesk;
using namespace govdesk::scanning;

namespace {

OcrField read(const QString &value, double confidence = 0.9, QRectF box = QRectF(70, 60, 200, 30))
{
    OcrField f;
    f.value = value;
    f.confidence = confidence;
    f.page = 0;
    f.box = box;
    return f;
}

core::OrgUnit unit(const QString &name)
{
    core::OrgUnit u;
    u.id = name;
    u.name = name;
    return u;
}

const FieldProposal *find(const QList<FieldProposal> &list, ProposedField field)
{
    for (const FieldProposal &p : list)
        if (p.field == field)
            return &p;
    return nullptr;
}

} // namespace

class TestFieldProposals : public QObject
{
    Q_OBJECT

    QList<core::OrgUnit> m_units{
        unit(QStringLiteral("Sở Tài chính")),       unit(QStringLiteral("Tài chính")),
        unit(QStringLiteral("UBND tỉnh Đắk Nông")), unit(QStringLiteral("Sở Y tế")),
        unit(QStringLiteral("Sở Nội vụ")),          unit(QStringLiteral("Đoàn"))};
    QList<KnownDocumentType> m_types = knownTypes(documents::decree30DocumentTypes());

private Q_SLOTS:
    void organHeadingNamesAKnownOrganisation_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("expected");
        QTest::newRow("organ under its parent")
            << QStringLiteral("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH") << QStringLiteral("Sở Tài chính");
        QTest::newRow("read without diacritics")
            << QStringLiteral("UBND TINH DAK NONG SO TAI CHINH") << QStringLiteral("Sở Tài chính");
        QTest::newRow("the organ alone")
            << QStringLiteral("UBND TỈNH ĐẮK NÔNG") << QStringLiteral("UBND tỉnh Đắk Nông");
        QTest::newRow("under a district")
            << QStringLiteral("UBND HUYỆN CƯ JÚT SỞ Y TẾ") << QStringLiteral("Sở Y tế");
        // "Đoàn" is too short a name to trust; "NỘI VỤ" not being the last words is another organ.
        QTest::newRow("short name") << QStringLiteral("BAN CHẤP HÀNH ĐOÀN") << QString();
        QTest::newRow("not the last words") << QStringLiteral("SỞ NỘI VỤ TỈNH LÂM ĐỒNG") << QString();
        QTest::newRow("part of a word") << QStringLiteral("BAN TAI CHINHX") << QString();
        QTest::newRow("unknown") << QStringLiteral("CÔNG TY CỔ PHẦN ABC") << QString();
    }

    void organHeadingNamesAKnownOrganisation()
    {
        QFETCH(QString, heading);
        QFETCH(QString, expected);
        QCOMPARE(matchOrganisation(heading, m_units), expected);
    }

    void everyFieldReadIsProposedInTheRegistersTerms()
    {
        RegisterFields f;
        f.organ = read(QStringLiteral("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH"), 0.93);
        f.number = read(QStringLiteral("5"), 0.96, QRectF(100, 120, 20, 14));
        f.notation = read(QStringLiteral("KH-STC"), 0.88, QRectF(122, 120, 60, 14));
        f.date = read(QStringLiteral("2026-01-05"), 0.9);
        f.type = read(QStringLiteral("Kế hoạch"), 0.97);
        f.typeAbbr = QStringLiteral("KH");
        f.subject = read(QStringLiteral("Rà soát, tổng hợp số liệu"), 0.8);
        const QList<FieldProposal> list = proposalsFrom(f, m_units, m_types);
        QCOMPARE(list.size(), 5);

        const FieldProposal *organ = find(list, ProposedField::Organ);
        QVERIFY(organ);
        QCOMPARE(organ->display, QStringLiteral("Sở Tài chính"));
        QCOMPARE(organ->read, f.organ.value);
        QCOMPARE(organ->confidence, 0.93);

        // Number and notation are one proposal, as sure as the less sure of them, boxed together.
        const FieldProposal *ref = find(list, ProposedField::Reference);
        QVERIFY(ref);
        QCOMPARE(ref->display, QStringLiteral("05/KH-STC"));
        QCOMPARE(ref->number, QStringLiteral("5"));
        QCOMPARE(ref->text, QStringLiteral("KH-STC"));
        QCOMPARE(ref->confidence, 0.88);
        QCOMPARE(ref->box, QRectF(100, 120, 82, 14));

        const FieldProposal *date = find(list, ProposedField::DocumentDate);
        QVERIFY(date);
        QCOMPARE(date->date, QDate(2026, 1, 5));
        QCOMPARE(date->display, QStringLiteral("05/01/2026"));

        const FieldProposal *type = find(list, ProposedField::Type);
        QVERIFY(type);
        QCOMPARE(type->typeKey, QStringLiteral("KH"));
        QCOMPARE(type->display, QStringLiteral("Kế hoạch"));

        const FieldProposal *subject = find(list, ProposedField::Subject);
        QVERIFY(subject);
        QCOMPARE(subject->text, f.subject.value);

        // The CLI's JSON.
        const QJsonObject json = ref->toJson();
        QCOMPARE(json.value(QStringLiteral("field")).toString(), QStringLiteral("reference"));
        QCOMPARE(json.value(QStringLiteral("value")).toString(), QStringLiteral("05/KH-STC"));
        QCOMPARE(json.value(QStringLiteral("page")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("number")).toString(), QStringLiteral("5"));
        QCOMPARE(json.value(QStringLiteral("notation")).toString(), QStringLiteral("KH-STC"));
        const QJsonArray box = json.value(QStringLiteral("box")).toArray();
        QCOMPARE(box.size(), 4);
        QCOMPARE(box.at(0).toDouble(), 100.0);
        QCOMPARE(box.at(2).toDouble(), 82.0);
        QCOMPARE(date->toJson().value(QStringLiteral("date")).toString(), QStringLiteral("2026-01-05"));
        QCOMPARE(type->toJson().value(QStringLiteral("typeKey")).toString(), QStringLiteral("KH"));
        QCOMPARE(organ->toJson().value(QStringLiteral("read")).toString(), f.organ.value);
    }

    void aCongVanIsMatchedByName()
    {
        RegisterFields f;
        f.type = read(QStringLiteral("Công văn"));
        const QList<FieldProposal> list = proposalsFrom(f, m_units, m_types);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().typeKey, QStringLiteral("CV"));
        QCOMPARE(list.first().display, QStringLiteral("Công văn"));
    }

    void whatWasNotReadOrNotKnownIsNotProposed()
    {
        RegisterFields f;
        // An unknown organ stays as read; a type the workspace does not keep and an impossible date are left
        // out; a number without its notation still proposes the number.
        f.organ = read(QStringLiteral("CÔNG TY CỔ PHẦN ABC"));
        f.type = read(QStringLiteral("Bản ghi nhớ lạ"));
        f.typeAbbr = QStringLiteral("XX");
        f.date = read(QStringLiteral("2026-02-30"));
        f.number = read(QStringLiteral("123"));
        const QList<FieldProposal> list = proposalsFrom(f, m_units, m_types);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).field, ProposedField::Organ);
        QCOMPARE(list.at(0).display, QStringLiteral("CÔNG TY CỔ PHẦN ABC"));
        QVERIFY(list.at(0).read.isEmpty());
        QCOMPARE(list.at(1).field, ProposedField::Reference);
        QCOMPARE(list.at(1).display, QStringLiteral("123"));
        QVERIFY(proposalsFrom(RegisterFields{}, m_units, m_types).isEmpty());
    }
};

QTEST_MAIN(TestFieldProposals)
#include "tst_fieldproposals.moc"
