// govdesk-cli exchange …: the document exchange (national axis / provincial LGSP) without a screen.
#include "Cli.h"
#include "CliCommon.h"

#include "core/TextFold.h"
#include "exchange/sync/ExchangeService.h"
#include "exchange/sync/ExchangeSettings.h"
#include "exchange/transport/CredentialStore.h"
#include "storage/Accounts.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <csignal>

namespace govdesk::cli {

using exchange::ExchangeService;
using exchange::ExchangeSettings;

static volatile std::sig_atomic_t s_stop = 0;

static QString describe(const exchange::SyncReport &r)
{
    QString text =
        Cli::tr("Sent %1, received %2, statuses %3, requests %4, duplicates %5, retrying %6, failed "
                "%7, unreadable %8")
            .arg(r.sent)
            .arg(r.received)
            .arg(r.statuses)
            .arg(r.requests)
            .arg(r.duplicates)
            .arg(r.retrying)
            .arg(r.failed)
            .arg(r.rejected);
    if (r.directoryChanged >= 0)
        text += QLatin1Char('\n') +
                Cli::tr("Directory refreshed: %n agency(ies) added or renamed", nullptr, r.directoryChanged);
    if (!r.directoryError.isNull())
        text +=
            QLatin1Char('\n') + Cli::tr("The directory could not be refreshed (tried again next cycle): %1")
                                    .arg(r.directoryError.bilingual());
    return text;
}

int Cli::cmdExchange(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(
        args.mid(1),
        {QStringLiteral("transport"), QStringLiteral("endpoint"), QStringLiteral("system-id"),
         QStringLiteral("secret-env"), QStringLiteral("from"), QStringLiteral("token-url"),
         QStringLiteral("ca-bundle"), QStringLiteral("proxy"), QStringLiteral("timeout"),
         QStringLiteral("poll"), QStringLiteral("place"), QStringLiteral("search"), QStringLiteral("note"),
         QStringLiteral("backoff")},
        {QStringLiteral("once"), QStringLiteral("now"), QStringLiteral("refresh"), QStringLiteral("all")});
    const QString usageText =
        tr("exchange configure --transport vxp|lgsp-oauth|lgsp-key|lgsp-soap --endpoint URL --system-id ID "
           "--secret-env VAR [--from ID] [--token-url URL] [--ca-bundle PEM] [--proxy URL] [--timeout S] "
           "[--poll S] [--place TEXT] | show | send ID | revoke ID | sync [--once] [--now] | status ID | "
           "agencies [--search TEXT] [--refresh] | outbox | retry | requests [--all] | accept REQUEST "
           "[--note TEXT] | refuse REQUEST --note TEXT");
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));
    static const QStringList withId{QStringLiteral("send"), QStringLiteral("revoke"),
                                    QStringLiteral("status"), QStringLiteral("accept"),
                                    QStringLiteral("refuse")};
    static const QStringList noId{QStringLiteral("configure"), QStringLiteral("show"),
                                  QStringLiteral("sync"),      QStringLiteral("agencies"),
                                  QStringLiteral("outbox"),    QStringLiteral("retry"),
                                  QStringLiteral("requests")};
    if (withId.contains(sub) ? o.positional.size() != 1 : (!noId.contains(sub) || !o.positional.isEmpty()))
        return usage(usageText);

    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    const core::User &user = actor.value();
    ExchangeService service(*m_db);
    auto identity = storage::Accounts(*m_db).identity();
    if (!identity)
        return fail(identity.error());
    const QString account = identity->orgCode;

    if (sub == QLatin1String("configure")) {
        if (o.value(QStringLiteral("transport")).isEmpty() || o.value(QStringLiteral("endpoint")).isEmpty() ||
            o.value(QStringLiteral("system-id")).isEmpty() || o.value(QStringLiteral("secret-env")).isEmpty())
            return usage(usageText);
        ExchangeSettings s;
        if (auto current = ExchangeSettings::load(*m_db); current)
            s = current.value();
        if (!exchange::transportKindFromName(o.value(QStringLiteral("transport")), &s.transport.kind))
            return usage(tr("Unknown transport %1").arg(o.value(QStringLiteral("transport"))));
        s.transport.endpoint = QUrl(o.value(QStringLiteral("endpoint")));
        s.transport.systemId = o.value(QStringLiteral("system-id"));
        // Packets name the agency by its own organ code; the exchange's `from` is the system id the
        // credentials are registered for, unless the operator says otherwise.
        s.transport.from = o.value(QStringLiteral("from"));
        s.transport.tokenUrl = QUrl(o.value(QStringLiteral("token-url")));
        s.transport.caBundle = o.value(QStringLiteral("ca-bundle"));
        s.transport.proxy = o.value(QStringLiteral("proxy"));
        s.transport.secretEnv = o.value(QStringLiteral("secret-env"));
        if (o.has(QStringLiteral("timeout")))
            s.transport.timeoutSeconds = o.value(QStringLiteral("timeout")).toInt();
        if (o.has(QStringLiteral("poll")))
            s.pollSeconds = o.value(QStringLiteral("poll")).toInt();
        if (o.has(QStringLiteral("place")))
            s.place = o.value(QStringLiteral("place"));
        const QString secret = qEnvironmentVariable(qPrintable(s.transport.secretEnv));
        if (secret.isEmpty())
            return fail(GOVDESK_ERROR("exchange.credentials",
                                      QT_TRANSLATE_NOOP("Cli", "The environment variable %1 holds no secret"),
                                      s.transport.secretEnv));
        if (auto r = ExchangeSettings::save(*m_db, user, s); !r)
            return fail(r.error());
        // The secret goes to the OS keychain when there is one; otherwise it is read from the variable each
        // time, and never written anywhere by GovDesk.
        exchange::CredentialStore store;
        QString why;
        bool inKeychain = false;
        if (store.available(&why))
            inKeychain = store.save(account, s.transport.kind, secret).ok();
        QJsonObject json{{QStringLiteral("transport"), exchange::transportKindName(s.transport.kind)},
                         {QStringLiteral("endpoint"), s.transport.endpoint.toString()},
                         {QStringLiteral("systemId"), s.transport.systemId},
                         {QStringLiteral("from"), s.transport.effectiveFrom()},
                         {QStringLiteral("secretEnv"), s.transport.secretEnv},
                         {QStringLiteral("secretInKeychain"), inKeychain}};
        print(json,
              inKeychain
                  ? tr("Exchange set up (%1, %2); the secret is kept in the system keychain")
                        .arg(exchange::transportKindName(s.transport.kind), s.transport.endpoint.toString())
                  : tr("Exchange set up (%1, %2); no keychain here, so the secret is read from %3 "
                       "each time")
                        .arg(exchange::transportKindName(s.transport.kind), s.transport.endpoint.toString(),
                             s.transport.secretEnv));
        return 0;
    }
    if (sub == QLatin1String("show")) {
        auto s = ExchangeSettings::load(*m_db);
        if (!s)
            return fail(s.error());
        QJsonObject json{{QStringLiteral("configured"), s->configured},
                         {QStringLiteral("lockedBySystem"), s->lockedBySystem},
                         {QStringLiteral("transport"), exchange::transportKindName(s->transport.kind)},
                         {QStringLiteral("endpoint"), s->transport.endpoint.toString()},
                         {QStringLiteral("systemId"), s->transport.systemId},
                         {QStringLiteral("from"), s->transport.effectiveFrom()},
                         {QStringLiteral("pollSeconds"), s->pollSeconds},
                         {QStringLiteral("place"), s->place}};
        print(json, s->configured ? tr("%1 at %2, system id %3, polled every %4 s")
                                        .arg(exchange::transportKindName(s->transport.kind),
                                             s->transport.endpoint.toString(), s->transport.systemId)
                                        .arg(s->pollSeconds)
                                  : tr("The document exchange is not set up."));
        return 0;
    }
    auto printEntries = [&](const QList<exchange::OutboxEntry> &entries, const QString &none) {
        QJsonArray arr;
        QString text;
        for (const exchange::OutboxEntry &e : entries) {
            arr.append(e.toJson());
            text += tr("%1 → %2 (%3): %4").arg(e.kind, e.recipient, e.purpose, e.state) +
                    (e.lastError.isEmpty() ? QString() : QStringLiteral(" — ") + e.lastError) +
                    QLatin1Char('\n');
        }
        print(arr, entries.isEmpty() ? none : text);
        return 0;
    };
    if (sub == QLatin1String("send") || sub == QLatin1String("revoke")) {
        auto queued = sub == QLatin1String("send") ? service.send(user, o.positional.first())
                                                   : service.sendRevocation(user, o.positional.first());
        if (!queued)
            return fail(queued.error());
        return printEntries(queued.value(), tr("Already queued for every recipient; nothing new to send."));
    }
    if (sub == QLatin1String("outbox")) {
        auto list = service.unsent(user);
        if (!list)
            return fail(list.error());
        return printEntries(list.value(), tr("Every packet has been sent."));
    }
    if (sub == QLatin1String("retry")) {
        auto n = service.retryFailed(user);
        if (!n)
            return fail(n.error());
        print(QJsonObject{{QStringLiteral("requeued"), n.value()}},
              tr("%n packet(s) queued again", nullptr, n.value()));
        return 0;
    }
    if (sub == QLatin1String("status")) {
        auto states = service.status(user, o.positional.first());
        if (!states)
            return fail(states.error());
        QJsonArray arr;
        QString text;
        for (const exchange::RecipientState &s : states.value()) {
            arr.append(s.toJson());
            QStringList codes;
            for (const exchange::ReportedStatus &r : s.statuses)
                codes << QStringLiteral("%1 %2").arg(r.code, exchange::edxml::StatusCodes::meaning(r.code));
            text += tr("%1 %2: packet %3%4")
                        .arg(s.organ, s.organName, s.packet.state,
                             codes.isEmpty() ? QString()
                                             : QStringLiteral("; ") + codes.join(QStringLiteral(", "))) +
                    QLatin1Char('\n');
        }
        print(QJsonObject{{QStringLiteral("id"), o.positional.first()}, {QStringLiteral("recipients"), arr}},
              states->isEmpty() ? tr("The document was not sent over the exchange.") : text);
        return 0;
    }
    if (sub == QLatin1String("requests")) {
        auto list = service.requests(user, !o.has(QStringLiteral("all")));
        if (!list)
            return fail(list.error());
        QJsonArray arr;
        QString text;
        for (const exchange::ExchangeRequest &r : list.value()) {
            arr.append(r.toJson());
            text += tr("%1 %2 from %3 about %4: %5 (%6)")
                        .arg(r.id, r.kind, r.sender, r.incomingId, r.reason, r.state) +
                    QLatin1Char('\n');
        }
        print(arr, list->isEmpty() ? tr("No requests.") : text);
        return 0;
    }
    if (sub == QLatin1String("accept") || sub == QLatin1String("refuse")) {
        auto decided = service.decide(user, o.positional.first(), sub == QLatin1String("accept"),
                                      o.value(QStringLiteral("note")));
        if (!decided)
            return fail(decided.error());
        print(decided->toJson(),
              decided->state == QLatin1String("accepted") ? tr("Request accepted") : tr("Request refused"));
        return 0;
    }

    auto settings = ExchangeSettings::load(*m_db);
    if (!settings)
        return fail(settings.error());
    if (sub == QLatin1String("agencies") && !o.has(QStringLiteral("refresh"))) {
        auto units = storage::Accounts(*m_db).units();
        if (!units)
            return fail(units.error());
        const QString wanted = core::foldForSearch(o.value(QStringLiteral("search")));
        QJsonArray arr;
        QString text;
        QHash<QString, QString> codeOf;
        for (const core::OrgUnit &u : units.value())
            codeOf.insert(u.id, u.code);
        for (const core::OrgUnit &u : units.value()) {
            if (u.code.isEmpty())
                continue;
            if (!wanted.isEmpty() &&
                !core::foldForSearch(u.name + QLatin1Char(' ') + u.code).contains(wanted))
                continue;
            arr.append(QJsonObject{{QStringLiteral("code"), u.code},
                                   {QStringLiteral("name"), u.name},
                                   {QStringLiteral("parent"), codeOf.value(u.parentId)}});
            text += QStringLiteral("%1  %2\n").arg(u.code, u.name);
        }
        print(arr, arr.isEmpty() ? tr("No agency matches.") : text);
        return 0;
    }
    auto transport = settings->connect(account);
    if (!transport)
        return fail(transport.error());
    if (sub == QLatin1String("agencies")) {
        auto changed = service.syncAgencies(user, *transport.value());
        if (!changed)
            return fail(changed.error());
        print(QJsonObject{{QStringLiteral("changed"), changed.value()}},
              tr("%n agency(ies) added or renamed from the exchange directory", nullptr, changed.value()));
        return 0;
    }
    // sync
    exchange::SyncOptions options;
    options.ignoreBackoff = o.has(QStringLiteral("now"));
    if (o.has(QStringLiteral("backoff")))
        options.backoffSeconds = o.value(QStringLiteral("backoff")).toInt();
    std::signal(SIGTERM, [](int) { s_stop = 1; });
    std::signal(SIGINT, [](int) { s_stop = 1; });
    for (;;) {
        auto report = service.sync(user, *transport.value(), options);
        if (!report)
            return fail(report.error());
        print(report->toJson(), describe(report.value()));
        for (const core::Error &e : report->errors)
            err() << tr("Error") << QStringLiteral(" [") << e.code() << QStringLiteral("]: ") << e.bilingual()
                  << Qt::endl;
        if (o.has(QStringLiteral("once")))
            return report->errors.isEmpty() ? 0 : 1;
        for (int waited = 0; waited < settings->pollSeconds * 10 && !s_stop; ++waited)
            QThread::msleep(100);
        if (s_stop)
            return 0;
    }
}

} // namespace govdesk::cli
