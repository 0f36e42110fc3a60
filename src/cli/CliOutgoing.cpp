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

} // namespace

int Cli::cmdOutgoing(const QStringList &args)
{
    const QString sub = args.value(0);
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
               QStringLiteral("version"),   QStringLiteral("seal-image"), QStringLiteral("seal-size-mm")},
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
                                      QStringLiteral("metadata"), QStringLiteral("issue")};
    if (!known.contains(sub))
        return usage(sub.isEmpty()
                         ? tr("outgoing draft|submit|approve|return|revise|sign|issue-number|issue|reserve|"
                              "cancel-reservation|send|recall|link|list|show|numbers|file|metadata")
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
    if (sub == QLatin1String("draft")) {
        if (!o.positional.isEmpty() || o.value(QStringLiteral("type")).isEmpty() ||
            o.value(QStringLiteral("subject")).isEmpty() || o.value(QStringLiteral("file")).isEmpty())
            return usage(tr("outgoing draft --type ABBR --subject TEXT --unit UNIT --file DRAFT.pdf "
                            "[--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] "
                            "[--to ORGAN_CODE]… [--reply-to INCOMING_ID]"));
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
    if (sub == QLatin1String("send")) {
        channel = OutgoingVocabulary::channelFromKey(o.value(QStringLiteral("channel")));
        if (!channel)
            return usage(tr("outgoing send ID --channel internal|exchange|post"));
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
        if (o.has(QStringLiteral("unit"))) {
            auto unit = accounts.findUnit(o.value(QStringLiteral("unit")));
            if (!unit)
                return fail(unit.error());
            d.unitId = unit->id;
        }
        if (o.has(QStringLiteral("secrecy"))) {
            const auto s = Vocabulary::secrecyFromKey(o.value(QStringLiteral("secrecy")));
            if (!s)
                return usage(tr("--secrecy must be mat, toi-mat or tuyet-mat"));
            d.secrecy = *s;
        }
        if (o.has(QStringLiteral("urgency"))) {
            const auto u = Vocabulary::urgencyFromKey(o.value(QStringLiteral("urgency")));
            if (!u)
                return usage(tr("--urgency must be khan, thuong-khan or hoa-toc"));
            d.urgency = *u;
        }
        for (const QString &to : o.all(QStringLiteral("to"))) {
            // An organ known by its abbreviation or name is written as its code.
            QString code = to.trimmed();
            if (!core::OrganCode::isValid(code))
                if (auto unit = accounts.findUnit(code); unit && !unit->code.isEmpty())
                    code = unit->code;
            d.recipientCodes << code;
        }
        auto doc = service.draft(actor.value(), d);
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
    else if (sub == QLatin1String("send"))
        doc = service.markSent(actor.value(), id, *channel, o.value(QStringLiteral("note")));
    else if (sub == QLatin1String("recall"))
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

} // namespace govdesk::cli
