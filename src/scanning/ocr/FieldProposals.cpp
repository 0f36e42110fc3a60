#include "FieldProposals.h"

#include "core/TextFold.h"
#include "core/VietnameseDate.h"

#include <algorithm>

namespace govdesk::scanning {

QString proposedFieldKey(ProposedField field)
{
    switch (field) {
    case ProposedField::Organ:
        return QStringLiteral("organ");
    case ProposedField::Reference:
        return QStringLiteral("reference");
    case ProposedField::DocumentDate:
        return QStringLiteral("date");
    case ProposedField::Type:
        return QStringLiteral("type");
    case ProposedField::Subject:
        return QStringLiteral("subject");
    }
    return {};
}

QJsonObject FieldProposal::toJson() const
{
    // Where it was read, as the fields of `ocr --json` say it (1-based page, box [x, y, width, height]).
    OcrField where;
    where.value = display;
    where.confidence = confidence;
    where.page = page;
    where.box = box;
    QJsonObject o = where.toJson();
    o.insert(QStringLiteral("field"), proposedFieldKey(field));
    if (!read.isEmpty())
        o.insert(QStringLiteral("read"), read);
    switch (field) {
    case ProposedField::Reference:
        o.insert(QStringLiteral("number"), number);
        o.insert(QStringLiteral("notation"), text);
        break;
    case ProposedField::DocumentDate:
        o.insert(QStringLiteral("date"), date.toString(Qt::ISODate));
        break;
    case ProposedField::Type:
        o.insert(QStringLiteral("typeKey"), typeKey);
        break;
    case ProposedField::Organ:
    case ProposedField::Subject:
        o.insert(QStringLiteral("text"), text);
        break;
    }
    return o;
}

namespace {

/// Names shorter than this (folded) are too common to match a heading by.
constexpr int kMinMatch = 6;

FieldProposal base(ProposedField field, const OcrField &f)
{
    FieldProposal p;
    p.field = field;
    p.confidence = f.confidence;
    p.page = f.page;
    p.box = f.box;
    return p;
}

QString typeKeyFor(const RegisterFields &f, const QList<KnownDocumentType> &types)
{
    // A công văn has no abbreviation of its own in the decree; the workspace keys it "CV".
    const QString foldedName = core::foldForSearch(f.type.value);
    if (!f.typeAbbr.isEmpty())
        for (const KnownDocumentType &t : types)
            if (t.hasAbbreviation && t.key == f.typeAbbr)
                return t.key;
    for (const KnownDocumentType &t : types)
        if (!foldedName.isEmpty() && core::foldForSearch(t.name) == foldedName)
            return t.key;
    return {};
}

} // namespace

QString matchOrganisation(const QString &heading, const QList<core::OrgUnit> &organisations)
{
    const QString folded = core::foldForSearch(heading);
    QString best;
    qsizetype bestLength = 0;
    for (const core::OrgUnit &u : organisations) {
        const QString name = core::foldForSearch(u.name);
        if (name.size() < kMinMatch || name.size() <= bestLength)
            continue;
        // The organ itself is the last line of the heading, under its parent ("UBND TỈNH … / SỞ TÀI CHÍNH").
        if (folded == name || folded.endsWith(QLatin1Char(' ') + name)) {
            best = u.name;
            bestLength = name.size();
        }
    }
    return best;
}

QList<FieldProposal> proposalsFrom(const RegisterFields &f, const QList<core::OrgUnit> &organisations,
                                   const QList<KnownDocumentType> &types)
{
    QList<FieldProposal> out;
    if (f.organ.isFound()) {
        FieldProposal p = base(ProposedField::Organ, f.organ);
        const QString known = matchOrganisation(f.organ.value, organisations);
        p.text = known.isEmpty() ? f.organ.value : known;
        p.display = p.text;
        if (!known.isEmpty())
            p.read = f.organ.value;
        out << p;
    }
    if (f.number.isFound() || f.notation.isFound()) {
        const OcrField &first = f.number.isFound() ? f.number : f.notation;
        FieldProposal p = base(ProposedField::Reference, first);
        p.number = f.number.value;
        p.text = f.notation.value;
        if (f.number.isFound() && f.notation.isFound()) {
            p.confidence = std::min(f.number.confidence, f.notation.confidence);
            if (f.notation.page == f.number.page)
                p.box = f.number.box.united(f.notation.box);
        }
        // Decree 30 writes numbers below 10 with a leading zero.
        const QString number =
            p.number.size() == 1 && p.number.at(0).isDigit() ? QLatin1Char('0') + p.number : p.number;
        p.display = number.isEmpty()   ? p.text
                    : p.text.isEmpty() ? number
                                       : number + QLatin1Char('/') + p.text;
        out << p;
    }
    if (f.date.isFound()) {
        const QDate date = QDate::fromString(f.date.value, Qt::ISODate);
        if (date.isValid()) {
            FieldProposal p = base(ProposedField::DocumentDate, f.date);
            p.date = date;
            p.display = core::VietnameseDate::shortDate(date);
            out << p;
        }
    }
    if (f.type.isFound()) {
        const QString key = typeKeyFor(f, types);
        if (!key.isEmpty()) {
            FieldProposal p = base(ProposedField::Type, f.type);
            p.typeKey = key;
            for (const KnownDocumentType &t : types)
                if (t.key == key)
                    p.display = t.name;
            out << p;
        }
    }
    if (f.subject.isFound()) {
        FieldProposal p = base(ProposedField::Subject, f.subject);
        p.text = f.subject.value;
        p.display = p.text;
        out << p;
    }
    return out;
}

} // namespace govdesk::scanning
