// govdesk-cli ocr: a scanned PDF or image into a searchable PDF, and the register fields read off it.
// Needs no workspace; given one (--workspace/--database), the fields are also matched to its organisations
// and document types as the registration form proposes them.
#include "Cli.h"
#include "CliCommon.h"

#include "documents/IncomingService.h"
#include "scanning/ocr/FieldProposals.h"
#include "scanning/ocr/OcrPipeline.h"
#include "storage/Accounts.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <QJsonObject>

#include <cmath>

namespace govdesk::cli {

using core::Error;
using namespace govdesk::scanning;

namespace {

QString proposedLabel(ProposedField field)
{
    switch (field) {
    case ProposedField::Organ:
        return QCoreApplication::translate("Cli", "Issuing organ");
    case ProposedField::Reference:
        return QCoreApplication::translate("Cli", "Number and notation");
    case ProposedField::DocumentDate:
        return QCoreApplication::translate("Cli", "Date");
    case ProposedField::Type:
        return QCoreApplication::translate("Cli", "Type");
    case ProposedField::Subject:
        return QCoreApplication::translate("Cli", "Subject");
    }
    return {};
}

} // namespace

int Cli::cmdOcr(const QStringList &args)
{
    const Options o = parse(args,
                            {QStringLiteral("out"), QStringLiteral("lang"), QStringLiteral("psm"),
                             QStringLiteral("threads"), QStringLiteral("tessdata")},
                            {QStringLiteral("keep-orientation")});
    const QString usageText = tr("ocr IN.pdf|IMAGE --out OUT.pdf [--lang vie] [--psm auto|3|6] [--threads N] "
                                 "[--tessdata DIR] [--keep-orientation] [--json]");
    if (!o.error.isEmpty() || o.positional.size() != 1 || o.value(QStringLiteral("out")).isEmpty())
        return usage(tr("ocr: give one input file and --out") + QLatin1Char('\n') + usageText);
    OcrOptions options;
    if (o.has(QStringLiteral("lang")))
        options.language = o.value(QStringLiteral("lang"));
    const QString psm = o.value(QStringLiteral("psm"));
    if (psm.isEmpty() || psm == QLatin1String("auto"))
        options.segmentation = Segmentation::Auto;
    else if (psm == QLatin1String("3"))
        options.segmentation = Segmentation::Layout;
    else if (psm == QLatin1String("6"))
        options.segmentation = Segmentation::Block;
    else
        return usage(tr("ocr: --psm is auto, 3 or 6") + QLatin1Char('\n') + usageText);
    if (o.has(QStringLiteral("threads"))) {
        bool ok = false;
        options.threads = o.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 64)
            return usage(tr("ocr: --threads is a number from 1 to 64") + QLatin1Char('\n') + usageText);
    }
    options.tessdataPath = o.value(QStringLiteral("tessdata"));
    options.turnPages = !o.has(QStringLiteral("keep-orientation"));

    // The workspace's organisations (other agencies) and document types, read before the long recognition.
    const bool match = !m_workspace.isEmpty() || !m_database.isEmpty();
    QList<core::OrgUnit> organisations;
    QList<KnownDocumentType> types;
    if (match) {
        if (auto r = openDatabase(); !r)
            return fail(r.error());
        storage::Accounts accounts(*m_db);
        auto identity = accounts.identity();
        if (!identity)
            return fail(identity.error());
        auto units = accounts.units();
        if (!units)
            return fail(units.error());
        organisations = core::externalUnits(units.value(), identity->orgUnitId);
        auto known = documents::IncomingService(*m_db).documentTypes();
        if (!known)
            return fail(known.error());
        types = knownTypes(known.value());
    }

    auto outcome = OcrPipeline::runFile(o.positional.first(), o.value(QStringLiteral("out")), options);
    if (!outcome)
        return fail(outcome.error());
    const OcrOutcome &r = outcome.value();
    QString text;
    if (r.signedOriginalKept)
        text += tr("The PDF is digitally signed: it was copied unchanged (a text layer would break its "
                   "signatures); the fields below were still read.\n");
    text += tr("%1: %2 of %3 pages recognised, %4 characters, mean confidence %5%\n")
                .arg(r.outputPath)
                .arg(r.recognisedPages())
                .arg(r.pages.size())
                .arg(r.characters())
                .arg(std::lround(r.meanConfidence() * 100));
    for (const OcrPage &p : r.pages)
        if (p.turned != 0)
            text += tr("Page %1 was scanned turned; it is shown turned %2° clockwise to read upright\n")
                        .arg(p.index + 1)
                        .arg(p.turned);
    const RegisterFields &f = r.fields;
    const QList<std::pair<QString, const OcrField *>> rows{
        {tr("Issuing organ"), &f.organ}, {tr("Number"), &f.number}, {tr("Notation"), &f.notation},
        {tr("Place"), &f.place},         {tr("Date"), &f.date},     {tr("Type"), &f.type},
        {tr("Subject"), &f.subject}};
    for (const auto &[label, field] : rows)
        text += field->isFound() ? tr("%1: %2 (confidence %3%)\n")
                                       .arg(label, field->value)
                                       .arg(std::lround(field->confidence * 100))
                                 : tr("%1: not found\n").arg(label);
    QJsonObject json = r.toJson();
    if (match) {
        QJsonArray proposals;
        const QList<FieldProposal> list = proposalsFrom(f, organisations, types);
        text += tr("Proposed for the register:\n");
        for (const FieldProposal &p : list) {
            proposals.append(p.toJson());
            text += tr("  %1: %2 (confidence %3%)\n")
                        .arg(proposedLabel(p.field), p.display)
                        .arg(std::lround(p.confidence * 100));
        }
        json.insert(QStringLiteral("proposals"), proposals);
    }
    print(json, text);
    return 0;
}

} // namespace govdesk::cli
