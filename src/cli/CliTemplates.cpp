// govdesk-cli template …: the agency's templates per document type (.pdf, .docx, .odt) drafts start from.
#include "Cli.h"
#include "CliCommon.h"

#include "documents/IncomingDocument.h"
#include "documents/OutgoingTemplates.h"

#include <QJsonArray>
#include <QJsonObject>

namespace govdesk::cli {

using namespace govdesk::documents;

int Cli::cmdTemplate(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o =
        parse(args.mid(1), {QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("file")},
              {QStringLiteral("all")});
    const QString usageText = tr("template add --type ABBR --name NAME --file TEMPLATE.pdf|.docx|.odt | list "
                                 "[--type ABBR] [--all] | remove ID");
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));
    if (sub == QLatin1String("add")) {
        if (!o.positional.isEmpty() || o.value(QStringLiteral("type")).isEmpty() ||
            o.value(QStringLiteral("name")).isEmpty() || o.value(QStringLiteral("file")).isEmpty())
            return usage(usageText);
    } else if (sub == QLatin1String("list")) {
        if (!o.positional.isEmpty())
            return usage(usageText);
    } else if (sub == QLatin1String("remove")) {
        if (o.positional.size() != 1)
            return usage(usageText);
    } else {
        return usage(usageText);
    }

    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    OutgoingTemplates templates(*m_db);
    auto describe = [](const OutgoingTemplate &t) {
        return tr("%1 %2: %3 (%4) — %5%6")
            .arg(t.typeAbbr, t.typeName, t.name, t.fileName, t.id,
                 t.active ? QString() : QStringLiteral(" [") + tr("removed") + QLatin1Char(']'));
    };
    if (sub == QLatin1String("list")) {
        auto list =
            templates.list(actor.value(), o.value(QStringLiteral("type")), o.has(QStringLiteral("all")));
        if (!list)
            return fail(list.error());
        QJsonArray arr;
        QString text;
        for (const OutgoingTemplate &t : list.value()) {
            arr.append(t.toJson());
            text += describe(t) + QLatin1Char('\n');
        }
        print(arr, text.isEmpty() ? tr("No templates.") : text);
        return 0;
    }
    core::Result<OutgoingTemplate> t = core::Error();
    if (sub == QLatin1String("add")) {
        t = templates.add(actor.value(), o.value(QStringLiteral("type")), o.value(QStringLiteral("name")),
                          AttachmentSource{o.value(QStringLiteral("file")), {}, {}});
        if (!t)
            return fail(t.error());
        QJsonObject json = t->toJson();
        // Whether this machine can turn an office template into PDF (LibreOffice installed).
        if (!t->isPdf())
            json.insert(QStringLiteral("conversionAvailable"),
                        OutgoingTemplates::officeConversionAvailable());
        print(json, tr("Template added: %1").arg(describe(t.value())));
        return 0;
    }
    t = templates.remove(actor.value(), o.positional[0]);
    if (!t)
        return fail(t.error());
    print(t->toJson(), tr("Template removed: %1").arg(describe(t.value())));
    return 0;
}

} // namespace govdesk::cli
