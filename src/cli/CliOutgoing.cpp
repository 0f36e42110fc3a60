// govdesk-cli outgoing …: drafting, review, numbering and sending of outgoing documents (văn bản đi).
#include "Cli.h"
#include "CliCommon.h"
#include "documents/Decree30Metadata.h"
#include "documents/IncomingSignatures.h"
#include "signing/SigningService.h"
#include "storage/SignerImages.h"
#include "storage/SystemConfig.h"
#include <QImage>
#include <QSaveFile>
#include <QUrl>

#include "core/OrganCode.h"
#include "core/VietnameseDate.h"
#include "documents/OutgoingService.h"
#include "documents/OutgoingTemplates.h"
#include "storage/Accounts.h"

#include <QJsonArray>
#include <QJsonObject>

namespace govdesk::cli {

using core::Error;
using core::Result;
using namespace govdesk::documents;

namespace {

QString describe(const OutgoingDocument &d)
{
    const QString reference =
        d.isNumbered() ? d.reference() : QCoreApplication::translate("Cli", "(no number yet)");
    return QCoreApplication::translate("Cli", "%1 %2: %3 — %4 [%5]")
        .arg(reference, d.typeName, d.subject, d.id, OutgoingVocabulary::displayName(d.status));
}

Secrecy secrecyOption(const QString &value)
{
    // "khong" (none) takes a classification away again.
    return Vocabulary::secrecyFromKey(value).value_or(Secrecy::None);
}

/// The organ codes named by --to: a code, or an organ known by its abbreviation or name.
QStringList recipientCodes(storage::Accounts &accounts, const QStringList &values)
{
    QStringList codes;
    for (const QString &to : values) {
        QString code = to.trimmed();
        if (!core::OrganCode::isValid(code))
            if (auto unit = accounts.findUnit(code); unit && !unit->code.isEmpty())
                code = unit->code;
        codes << code;
    }
    return codes;
}

} // namespace

int Cli::cmdOutgoing(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("archive-use"))
        return cmdOutgoingArchiveUse(args.mid(1));
    if (sub == QLatin1String("body")) {
        // outgoing body add|list|deactivate: the advisory bodies issuing documents with their own books.
        const QString action = args.value(1);
        const Options b =
            parse(args.mid(2), {QStringLiteral("name"), QStringLiteral("abbr")}, {QStringLiteral("all")});
        const QString bodyUsage =
            tr("outgoing body add --name NAME --abbr ABBR | list [--all] | deactivate ABBR");
        if (!b.error.isEmpty())
            return usage(tr("Unknown or incomplete option %1").arg(b.error));
        if (action == QLatin1String("add")) {
            if (!b.positional.isEmpty() || b.value(QStringLiteral("name")).trimmed().isEmpty() ||
                b.value(QStringLiteral("abbr")).trimmed().isEmpty())
                return usage(bodyUsage);
        } else if (action == QLatin1String("deactivate")) {
            if (b.positional.size() != 1)
                return usage(bodyUsage);
        } else if (action != QLatin1String("list") || !b.positional.isEmpty()) {
            return usage(bodyUsage);
        }
        auto actor = actingUser();
        if (!actor)
            return fail(actor.error());
        OutgoingService service(*m_db);
        auto describeBody = [](const IssuingBody &body) {
            return tr("%1 %2 (book %3)%4")
                .arg(body.abbr, body.name, body.bookId, body.active ? QString() : tr(", no longer issuing"));
        };
        if (action == QLatin1String("list")) {
            auto bodies = service.issuingBodies(b.has(QStringLiteral("all")));
            if (!bodies)
                return fail(bodies.error());
            QJsonArray arr;
            QString text;
            for (const IssuingBody &body : bodies.value()) {
                arr.append(body.toJson());
                text += describeBody(body) + QLatin1Char('\n');
            }
            print(arr, text.isEmpty() ? tr("No advisory body issues documents.") : text);
            return 0;
        }
        auto body = action == QLatin1String("add")
                        ? service.addIssuingBody(actor.value(), b.value(QStringLiteral("name")),
                                                 b.value(QStringLiteral("abbr")))
                        : service.deactivateIssuingBody(actor.value(), b.positional[0]);
        if (!body)
            return fail(body.error());
        print(body->toJson(), describeBody(body.value()));
        return 0;
    }
    const Options o =
        parse(args.mid(1),
              {QStringLiteral("type"),      QStringLiteral("subject"),    QStringLiteral("unit"),
               QStringLiteral("file"),      QStringLiteral("secrecy"),    QStringLiteral("urgency"),
               QStringLiteral("to"),        QStringLiteral("reply-to"),   QStringLiteral("recipients"),
               QStringLiteral("notation"),  QStringLiteral("signer"),     QStringLiteral("signer-position"),
               QStringLiteral("authority"), QStringLiteral("comment"),    QStringLiteral("date"),
               QStringLiteral("reason"),    QStringLiteral("year"),       QStringLiteral("search"),
               QStringLiteral("status"),    QStringLiteral("limit"),      QStringLiteral("channel"),
               QStringLiteral("note"),      QStringLiteral("kind"),       QStringLiteral("book"),
               QStringLiteral("module"),    QStringLiteral("token"),      QStringLiteral("cert-label"),
               QStringLiteral("cert-id"),   QStringLiteral("pin-env"),    QStringLiteral("signature-image"),
               QStringLiteral("tsa"),       QStringLiteral("trust"),      QStringLiteral("out"),
               QStringLiteral("version"),   QStringLiteral("seal-image"), QStringLiteral("seal-size-mm"),
               QStringLiteral("copies"),    QStringLiteral("due"),        QStringLiteral("archive-holder"),
               QStringLiteral("envelopes"), QStringLiteral("template"),   QStringLiteral("body")},
              {QStringLiteral("no-tsa"), QStringLiteral("offline"), QStringLiteral("xml"),
               QStringLiteral("no-stamp")});
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));
    static const QStringList known = {QStringLiteral("draft"),    QStringLiteral("submit"),
                                      QStringLiteral("approve"),  QStringLiteral("return"),
                                      QStringLiteral("revise"),   QStringLiteral("issue-number"),
                                      QStringLiteral("reserve"),  QStringLiteral("cancel-reservation"),
                                      QStringLiteral("send"),     QStringLiteral("recall"),
                                      QStringLiteral("link"),     QStringLiteral("list"),
                                      QStringLiteral("show"),     QStringLiteral("numbers"),
                                      QStringLiteral("sign"),     QStringLiteral("file"),
                                      QStringLiteral("metadata"), QStringLiteral("issue"),
                                      QStringLiteral("update")};
    if (!known.contains(sub))
        return usage(sub.isEmpty()
                         ? tr("outgoing draft|update|submit|approve|return|revise|sign|issue-number|issue|"
                              "reserve|cancel-reservation|send|recall|link|list|show|numbers|file|metadata|"
                              "archive-use|body")
                         : tr("Unknown outgoing command \"%1\"").arg(sub));

    // Usage is checked before logging in, so a wrong command line never asks for a password.
    auto dateOption = [&](const QString &name, QDate *target) -> bool {
        if (!o.has(name))
            return true;
        *target = core::VietnameseDate::parse(o.value(name));
        return target->isValid();
    };
    QDate date;
    if (!dateOption(QStringLiteral("date"), &date))
        return usage(tr("--date must be YYYY-MM-DD"));
    QDate due;
    // "--due khong" removes the due date of a draft.
    if (o.value(QStringLiteral("due")) != QLatin1String("khong") && !dateOption(QStringLiteral("due"), &due))
        return usage(tr("--due must be YYYY-MM-DD (or khong to remove it)"));
    int copies = 0;
    if (o.has(QStringLiteral("copies"))) {
        bool ok = false;
        copies = o.value(QStringLiteral("copies")).toInt(&ok);
        if (!ok || copies < 1)
            return usage(tr("--copies takes the number of copies, such as 5"));
    }
    if ((sub == QLatin1String("draft") || sub == QLatin1String("update")) &&
        o.has(QStringLiteral("secrecy")) && !Vocabulary::secrecyFromKey(o.value(QStringLiteral("secrecy"))) &&
        o.value(QStringLiteral("secrecy")) != QLatin1String("khong"))
        return usage(tr("--secrecy must be mat, toi-mat or tuyet-mat"));
    if ((sub == QLatin1String("draft") || sub == QLatin1String("update")) &&
        o.has(QStringLiteral("urgency")) && !Vocabulary::urgencyFromKey(o.value(QStringLiteral("urgency"))))
        return usage(tr("--urgency must be khan, thuong-khan or hoa-toc"));
    if (sub == QLatin1String("draft")) {
        // The draft file, or one of the agency's templates.
        // With a template the type is the template's.
        const bool fromTemplate = !o.value(QStringLiteral("template")).isEmpty();
        if (!o.positional.isEmpty() || (o.value(QStringLiteral("type")).isEmpty() && !fromTemplate) ||
            o.value(QStringLiteral("subject")).isEmpty() ||
            o.value(QStringLiteral("file")).isEmpty() != fromTemplate)
            return usage(
                tr("outgoing draft --type ABBR --subject TEXT --unit UNIT (--file DRAFT.pdf | --template "
                   "TEMPLATE_ID) [--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] "
                   "[--to ORGAN_CODE]… [--reply-to INCOMING_ID] [--copies N] [--due YYYY-MM-DD] "
                   "[--archive-holder TEXT] [--body ABBR]"));
    } else if (sub == QLatin1String("update")) {
        static const QStringList fields{QStringLiteral("subject"),
                                        QStringLiteral("type"),
                                        QStringLiteral("unit"),
                                        QStringLiteral("secrecy"),
                                        QStringLiteral("urgency"),
                                        QStringLiteral("recipients"),
                                        QStringLiteral("to"),
                                        QStringLiteral("signer"),
                                        QStringLiteral("signer-position"),
                                        QStringLiteral("authority"),
                                        QStringLiteral("copies"),
                                        QStringLiteral("due"),
                                        QStringLiteral("archive-holder"),
                                        QStringLiteral("notation"),
                                        QStringLiteral("body")};
        const bool any =
            std::any_of(fields.cbegin(), fields.cend(), [&](const QString &f) { return o.has(f); });
        if (o.positional.size() != 1 || !any || o.has(QStringLiteral("file")))
            return usage(
                tr("outgoing update ID [--subject TEXT] [--type ABBR] [--unit UNIT] [--secrecy "
                   "khong|mat|toi-mat|tuyet-mat] [--urgency thuong|khan|thuong-khan|hoa-toc] "
                   "[--recipients TEXT] [--to ORGAN_CODE]… [--signer NAME] [--signer-position TITLE] "
                   "[--authority TM.|Q.|KT.|TL.|TUQ.] [--copies N] [--due YYYY-MM-DD] "
                   "[--archive-holder TEXT] [--body ABBR|khong] [--version N]"));
    } else if (sub == QLatin1String("list") || sub == QLatin1String("numbers")) {
        if (!o.positional.isEmpty())
            return usage(tr("outgoing %1 takes no document id").arg(sub));
    } else if (sub == QLatin1String("link")) {
        if (o.positional.size() != 2 || !OutgoingVocabulary::linkKindFromKey(o.value(QStringLiteral("kind"))))
            return usage(tr("outgoing link NEW_ID OLD_ID --kind thay-the|cap-nhat|dinh-chinh"));
    } else if (o.positional.size() != 1) {
        return usage(tr("outgoing %1 ID").arg(sub));
    }
    if ((sub == QLatin1String("reserve") || sub == QLatin1String("cancel-reservation") ||
         sub == QLatin1String("recall")) &&
        o.value(QStringLiteral("reason")).trimmed().isEmpty())
        return usage(tr("outgoing %1 ID --reason TEXT").arg(sub));
    if (sub == QLatin1String("revise") && o.value(QStringLiteral("file")).isEmpty())
        return usage(tr("outgoing revise ID --file DRAFT.pdf [--comment TEXT]"));
    if (sub == QLatin1String("issue") && o.value(QStringLiteral("module")).isEmpty() &&
        (o.has(QStringLiteral("seal-image")) || o.has(QStringLiteral("pin-env")) ||
         o.has(QStringLiteral("cert-label"))))
        return usage(
            tr("outgoing issue ID [--date YYYY-MM-DD] [--no-stamp] [--seal-image PNG [--seal-size-mm N] "
               "--module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] "
               "[--trust PEM_OR_DIR]… [--offline]]"));
    std::optional<SendChannel> channel;
    int envelopes = 1;
    if (sub == QLatin1String("send")) {
        channel = OutgoingVocabulary::channelFromKey(o.value(QStringLiteral("channel")));
        if (!channel)
            return usage(tr("outgoing send ID --channel internal|exchange|post [--envelopes N] [--recipients "
                            "TEXT] [--date YYYY-MM-DD] [--note TEXT]"));
        // Envelopes, the receivers on them and the date handed to the post belong to sending by post.
        const bool postOnly = o.has(QStringLiteral("envelopes")) || o.has(QStringLiteral("recipients")) ||
                              o.has(QStringLiteral("date"));
        if (postOnly && *channel != SendChannel::Post)
            return usage(tr("--envelopes, --recipients and --date are for --channel buu-dien (post)"));
        if (o.has(QStringLiteral("envelopes"))) {
            bool ok = false;
            envelopes = o.value(QStringLiteral("envelopes")).toInt(&ok);
            if (!ok || envelopes < 1)
                return usage(tr("--envelopes takes the number of envelopes, such as 3"));
        }
    }

    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    OutgoingService service(*m_db);

    if (sub == QLatin1String("draft")) {
        OutgoingDraft d;
        d.typeAbbr = o.value(QStringLiteral("type"));
        d.subject = o.value(QStringLiteral("subject"));
        d.notation = o.value(QStringLiteral("notation"));
        d.recipients = o.value(QStringLiteral("recipients"));
        d.signerName = o.value(QStringLiteral("signer"));
        d.signerPosition = o.value(QStringLiteral("signer-position"));
        d.authorityPrefix = o.value(QStringLiteral("authority"));
        d.replyToId = o.value(QStringLiteral("reply-to"));
        d.file = AttachmentSource{o.value(QStringLiteral("file")), {}, {}};
        d.copies = copies;
        d.dueDate = due;
        d.archiveHolder = o.value(QStringLiteral("archive-holder"));
        if (o.has(QStringLiteral("unit"))) {
            auto unit = accounts.findUnit(o.value(QStringLiteral("unit")));
            if (!unit)
                return fail(unit.error());
            d.unitId = unit->id;
        }
        if (o.has(QStringLiteral("secrecy")))
            d.secrecy = secrecyOption(o.value(QStringLiteral("secrecy")));
        if (o.has(QStringLiteral("urgency")))
            d.urgency = *Vocabulary::urgencyFromKey(o.value(QStringLiteral("urgency")));
        d.recipientCodes = recipientCodes(accounts, o.all(QStringLiteral("to")));
        if (o.has(QStringLiteral("body"))) {
            auto body = service.issuingBody(o.value(QStringLiteral("body")));
            if (!body)
                return fail(body.error());
            d.bodyId = body->id;
        }
        auto doc = o.has(QStringLiteral("template"))
                       ? service.draftFromTemplate(actor.value(), d, o.value(QStringLiteral("template")))
                       : service.draft(actor.value(), d);
        if (!doc)
            return fail(doc.error());
        print(doc->toJson(), tr("Draft created: %1").arg(describe(doc.value())));
        return 0;
    }

    if (sub == QLatin1String("list")) {
        OutgoingFilter f;
        if (o.has(QStringLiteral("year"))) {
            f.year = o.value(QStringLiteral("year")).toInt();
            if (f.year < 1900)
                return usage(tr("--year must be a year such as 2026"));
        }
        f.search = o.value(QStringLiteral("search"));
        f.bookId = o.value(QStringLiteral("book"));
        for (const QString &s : o.all(QStringLiteral("status")))
            for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const auto st = OutgoingVocabulary::statusFromKey(part);
                if (!st)
                    return usage(tr("--status must be one of du-thao, cho-duyet, tra-lai, da-duyet, da-ky, "
                                    "da-cap-so, da-phat-hanh, da-thu-hoi"));
                f.statuses << *st;
            }
        if (o.has(QStringLiteral("limit")))
            f.limit = o.value(QStringLiteral("limit")).toInt();
        auto list = service.list(actor.value(), f);
        if (!list)
            return fail(list.error());
        return printDocuments(list.value(), [](const OutgoingDocument &d) { return describe(d); });
    }

    if (sub == QLatin1String("numbers")) {
        const QString book =
            o.has(QStringLiteral("book")) ? o.value(QStringLiteral("book")) : QStringLiteral("outgoing");
        const int year = o.has(QStringLiteral("year")) ? o.value(QStringLiteral("year")).toInt()
                                                       : QDate::currentDate().year();
        auto log = service.numberLog(actor.value(), book, year);
        if (!log)
            return fail(log.error());
        QJsonArray arr;
        QString text;
        for (const NumberEntry &e : log.value()) {
            const QString reference = formatReference(QString::number(e.number), e.notation);
            arr.append(QJsonObject{{QStringLiteral("number"), e.number},
                                   {QStringLiteral("reference"), reference},
                                   {QStringLiteral("state"), e.state},
                                   {QStringLiteral("documentId"), e.documentId},
                                   {QStringLiteral("reason"), e.reason},
                                   {QStringLiteral("takenBy"), e.takenBy},
                                   {QStringLiteral("cancelledBy"), e.cancelledBy},
                                   {QStringLiteral("cancelReason"), e.cancelReason}});
            text += QStringLiteral("%1\t%2\t%3\n")
                        .arg(reference, e.state, e.cancelReason.isEmpty() ? e.reason : e.cancelReason);
        }
        print(arr, text.isEmpty() ? tr("No numbers taken yet.") : text);
        return 0;
    }

    const QString id = o.positional[0];
    Result<OutgoingDocument> doc = Error();
    if (sub == QLatin1String("show")) {
        doc = service.get(actor.value(), id);
        if (!doc)
            return fail(doc.error());
        QJsonObject json = doc->toJson();
        QJsonArray hist;
        QString text = describe(doc.value()) + QLatin1Char('\n');
        if (auto h = service.history(actor.value(), id); h)
            for (const ProgressEntry &e : h.value()) {
                hist.append(QJsonObject{{QStringLiteral("at"), e.at.toString(Qt::ISODate)},
                                        {QStringLiteral("user"), e.username},
                                        {QStringLiteral("kind"), e.kind},
                                        {QStringLiteral("note"), e.note}});
                text += QStringLiteral("  %1 %2 %3 %4\n")
                            .arg(e.at.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")), e.username,
                                 e.kind, e.note);
            }
        json.insert(QStringLiteral("history"), hist);
        print(json, text);
        return 0;
    }
    const QString comment = o.value(QStringLiteral("comment"));
    const QString reason = o.value(QStringLiteral("reason"));
    if (sub == QLatin1String("metadata")) {
        // Decree 30 Phụ lục VI metadata of the document, JSON (default) or XML.
        auto document = service.get(actor.value(), id);
        if (!document)
            return fail(document.error());
        auto identity = storage::Accounts(*m_db).identity();
        if (!identity)
            return fail(identity.error());
        if (o.has(QStringLiteral("xml"))) {
            out() << QString::fromUtf8(
                Decree30Metadata::outgoingXml(document.value(), identity->orgCode, identity->orgName));
            out().flush();
        } else {
            m_json = true;
            print(Decree30Metadata::outgoingJson(document.value(), identity->orgCode, identity->orgName), {});
        }
        return 0;
    }
    if (sub == QLatin1String("file")) {
        // The document's file (the newest version unless --version N) written to --out.
        const QString outPath = o.value(QStringLiteral("out"));
        if (outPath.isEmpty())
            return usage(tr("outgoing file ID --out FILE.pdf [--version N]"));
        auto data = service.fileData(actor.value(), id, o.value(QStringLiteral("version")).toInt());
        if (!data)
            return fail(data.error());
        QSaveFile f(outPath);
        if (!f.open(QIODevice::WriteOnly) || f.write(data.value()) != data->size() || !f.commit())
            return fail(GOVDESK_ERROR("cli.write", QT_TRANSLATE_NOOP("Cli", "Cannot write %1: %2"), outPath,
                                      f.errorString()));
        print(QJsonObject{{QStringLiteral("file"), outPath}, {QStringLiteral("size"), double(data->size())}},
              tr("Written: %1").arg(outPath));
        return 0;
    }
    if (sub == QLatin1String("sign") || sub == QLatin1String("issue")) {
        // sign: the competent person's signature with the token; the approved file becomes the signed
        // version. issue: the number and date written into the signed file, then the organisation's
        // signature with the seal when a token is given.
        const bool issuing = sub == QLatin1String("issue");
        const QString tokenUsage =
            tr("--module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] "
               "[--trust PEM_OR_DIR]… [--offline]");
        if (!issuing && o.value(QStringLiteral("module")).isEmpty())
            return usage(tr("outgoing sign ID %1 [--signature-image PNG]").arg(tokenUsage));
        const storage::SigningSettings settings = storage::SystemConfig::signing();
        const bool offline = o.has(QStringLiteral("offline")) || !settings.onlineRevocation;
        auto trust = documents::systemTrustStore(o.all(QStringLiteral("trust")));
        if (!trust)
            return fail(trust.error());
        signing::SignOptions options;
        options.trust = &trust.value();
        options.collectRevocation = !offline;
        if (!o.has(QStringLiteral("no-tsa")))
            options.tsa =
                QUrl(o.has(QStringLiteral("tsa")) ? o.value(QStringLiteral("tsa")) : settings.tsaUrl);
        core::Error imageError;
        if (issuing) {
            // The seal given, else the organisation's saved seal.
            options.sealImage = loadImage(o.value(QStringLiteral("seal-image")), &imageError);
            if (!imageError.isNull())
                return fail(imageError);
            auto saved = storage::SignerImages(*m_db).seal();
            if (!saved)
                return fail(saved.error());
            if (options.sealImage.isNull() && !saved->png.isEmpty())
                options.sealImage = QImage::fromData(saved->png, "PNG");
            if (saved->sizeMm > 0)
                options.sealSizeMm = saved->sizeMm;
            if (o.has(QStringLiteral("seal-size-mm"))) {
                bool ok = false;
                options.sealSizeMm = o.value(QStringLiteral("seal-size-mm")).toDouble(&ok);
                if (!ok || options.sealSizeMm < 10 || options.sealSizeMm > 80)
                    return usage(tr("--seal-size-mm takes the seal's real size in millimetres (10–80)"));
            }
        } else {
            // The signature image given, else the signer's saved one.
            options.signatureImage = loadImage(o.value(QStringLiteral("signature-image")), &imageError);
            if (!imageError.isNull())
                return fail(imageError);
            if (options.signatureImage.isNull()) {
                if (auto saved = storage::SignerImages(*m_db).signature(actor->id))
                    options.signatureImage = QImage::fromData(saved.value(), "PNG");
            }
        }
        std::unique_ptr<signing::TokenSigner> signer;
        if (!o.value(QStringLiteral("module")).isEmpty()) {
            QStringList warnings;
            auto opened = openTokenSigner(o, options.trust, offline, &warnings);
            if (!opened)
                return fail(opened.error());
            signer = std::move(opened.value());
        }
        if (issuing) {
            IssueOptions issue;
            issue.issuedDate = date;
            issue.sealSigner = signer.get();
            issue.seal = options;
            issue.stamp = !o.has(QStringLiteral("no-stamp"));
            doc = service.issue(actor.value(), id, issue);
        } else {
            doc = service.sign(actor.value(), id, *signer, options, comment);
        }
    } else if (sub == QLatin1String("submit"))
        doc = service.submit(actor.value(), id, comment);
    else if (sub == QLatin1String("approve"))
        doc = service.approve(actor.value(), id, comment);
    else if (sub == QLatin1String("return"))
        doc = service.returnForRevision(actor.value(), id, comment);
    else if (sub == QLatin1String("revise"))
        doc = service.revise(actor.value(), id, AttachmentSource{o.value(QStringLiteral("file")), {}, {}},
                             comment);
    else if (sub == QLatin1String("issue-number"))
        doc = service.issueNumber(actor.value(), id, date);
    else if (sub == QLatin1String("reserve"))
        doc = service.reserveNumber(actor.value(), id, reason, date);
    else if (sub == QLatin1String("cancel-reservation"))
        doc = service.cancelReservation(actor.value(), id, reason);
    else if (sub == QLatin1String("send") && *channel == SendChannel::Post) {
        PostDetails post;
        post.sentOn = date;
        post.envelopes = envelopes;
        post.recipients = o.value(QStringLiteral("recipients"));
        post.note = o.value(QStringLiteral("note"));
        doc = service.markSentByPost(actor.value(), id, post);
    } else if (sub == QLatin1String("send"))
        doc = service.markSent(actor.value(), id, *channel, o.value(QStringLiteral("note")));
    else if (sub == QLatin1String("update")) {
        OutgoingDraftChanges c;
        auto text = [&](const char *option, std::optional<QString> &field) {
            if (o.has(QLatin1String(option)))
                field = o.value(QLatin1String(option));
        };
        text("subject", c.subject);
        text("type", c.typeAbbr);
        text("notation", c.notation);
        text("recipients", c.recipients);
        text("signer", c.signerName);
        text("signer-position", c.signerPosition);
        text("authority", c.authorityPrefix);
        text("archive-holder", c.archiveHolder);
        if (o.has(QStringLiteral("unit"))) {
            auto unit = accounts.findUnit(o.value(QStringLiteral("unit")));
            if (!unit)
                return fail(unit.error());
            c.unitId = unit->id;
        }
        if (o.has(QStringLiteral("secrecy")))
            c.secrecy = secrecyOption(o.value(QStringLiteral("secrecy")));
        if (o.has(QStringLiteral("urgency")))
            c.urgency = *Vocabulary::urgencyFromKey(o.value(QStringLiteral("urgency")));
        if (o.has(QStringLiteral("to")))
            c.recipientCodes = recipientCodes(accounts, o.all(QStringLiteral("to")));
        if (o.has(QStringLiteral("copies")))
            c.copies = copies;
        if (o.has(QStringLiteral("due")))
            c.dueDate = due;
        // "--body khong" gives the document back to the agency itself.
        if (o.has(QStringLiteral("body"))) {
            if (o.value(QStringLiteral("body")) == QLatin1String("khong")) {
                c.bodyId = QString();
            } else {
                auto body = service.issuingBody(o.value(QStringLiteral("body")));
                if (!body)
                    return fail(body.error());
                c.bodyId = body->id;
            }
        }
        doc = service.update(actor.value(), id, c, o.value(QStringLiteral("version")).toInt());
    } else if (sub == QLatin1String("recall"))
        doc = service.recall(actor.value(), id, reason);
    else if (sub == QLatin1String("link"))
        doc = service.link(actor.value(), id, o.positional[1],
                           *OutgoingVocabulary::linkKindFromKey(o.value(QStringLiteral("kind"))),
                           o.value(QStringLiteral("note")));
    if (!doc)
        return fail(doc.error());
    print(doc->toJson(), describe(doc.value()));
    return 0;
}

int Cli::cmdOutgoingArchiveUse(const QStringList &args)
{
    // outgoing archive-use lend|return|list: the Sổ sử dụng bản lưu.
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1),
                            {QStringLiteral("borrower"), QStringLiteral("permitted-by"),
                             QStringLiteral("file-ref"), QStringLiteral("note"), QStringLiteral("date"),
                             QStringLiteral("year"), QStringLiteral("from"), QStringLiteral("until")},
                            {});
    const QString usageText = tr(
        "outgoing archive-use lend ID --borrower NAME --permitted-by NAME [--file-ref TEXT] [--note TEXT] | "
        "return LOAN_ID [--date YYYY-MM-DD] | list [--year Y | --from D --until D]");
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));
    RegisterPeriod period;
    QDate date;
    if (sub == QLatin1String("lend")) {
        if (o.positional.size() != 1 || o.value(QStringLiteral("borrower")).trimmed().isEmpty() ||
            o.value(QStringLiteral("permitted-by")).trimmed().isEmpty())
            return usage(usageText);
    } else if (sub == QLatin1String("return")) {
        if (o.positional.size() != 1)
            return usage(usageText);
        if (o.has(QStringLiteral("date"))) {
            date = core::VietnameseDate::parse(o.value(QStringLiteral("date")));
            if (!date.isValid())
                return usage(tr("--date must be YYYY-MM-DD"));
        }
    } else if (sub == QLatin1String("list")) {
        if (!o.positional.isEmpty())
            return usage(usageText);
        if (o.has(QStringLiteral("from")) || o.has(QStringLiteral("until"))) {
            period.from = core::VietnameseDate::parse(o.value(QStringLiteral("from")));
            period.to = core::VietnameseDate::parse(o.value(QStringLiteral("until")));
        } else {
            period.year = o.has(QStringLiteral("year")) ? o.value(QStringLiteral("year")).toInt()
                                                        : QDate::currentDate().year();
        }
        if (!period.isValid())
            return usage(tr("Give --year, or --from and --until"));
    } else {
        return usage(usageText);
    }

    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    OutgoingService service(*m_db);
    auto describeLoan = [](const ArchiveLoan &l) {
        return tr("%1 %2: %3, allowed by %4, lent %5%6")
            .arg(l.reference, l.id, l.borrowerName, l.permittedBy, core::VietnameseDate::shortDate(l.lentOn),
                 l.isReturned() ? tr(", returned %1").arg(core::VietnameseDate::shortDate(l.returnedOn))
                                : QString());
    };
    if (sub == QLatin1String("list")) {
        auto loans = service.archiveLoans(actor.value(), period);
        if (!loans)
            return fail(loans.error());
        QJsonArray arr;
        QString text;
        for (const ArchiveLoan &l : loans.value()) {
            arr.append(l.toJson());
            text += describeLoan(l) + QLatin1Char('\n');
        }
        print(arr, text.isEmpty() ? tr("No archive copy was used in this period.") : text);
        return 0;
    }
    Result<ArchiveLoan> loan = Error();
    if (sub == QLatin1String("lend"))
        loan =
            service.lendArchiveCopy(actor.value(), o.positional[0], o.value(QStringLiteral("borrower")),
                                    o.value(QStringLiteral("file-ref")),
                                    o.value(QStringLiteral("permitted-by")), o.value(QStringLiteral("note")));
    else
        loan = service.returnArchiveCopy(actor.value(), o.positional[0], date);
    if (!loan)
        return fail(loan.error());
    print(loan->toJson(), describeLoan(loan.value()));
    return 0;
}

} // namespace govdesk::cli
