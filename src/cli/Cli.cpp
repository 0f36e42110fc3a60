#include "Cli.h"
#include "CliCommon.h"

#include "core/OrganCode.h"
#include "core/VietnameseDate.h"
#include "documents/Decree30Metadata.h"
#include "documents/DemoWorkspace.h"
#include "documents/DocumentsSchema.h"
#include "documents/IncomingRegisters.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingRegisters.h"
#include "documents/OutgoingService.h"
#include "exchange/sync/ExchangeSchema.h"
#include "storage/Accounts.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/StorageSchema.h"
#include "storage/SystemConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <iostream>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace govdesk::cli {

using core::Error;
using core::Result;
using namespace govdesk::documents;

Cli::Cli(QStringList arguments) : m_args(std::move(arguments)) {}

Cli::~Cli() = default;

int Cli::fail(const Error &e)
{
    out().flush();
    err() << tr("Error") << QStringLiteral(" [") << e.code() << QStringLiteral("]: ") << e.bilingual()
          << Qt::endl;
    return 1;
}

int Cli::usage(const QString &message)
{
    err()
        << message << Qt::endl
        << tr("Usage: govdesk-cli [--workspace DIR | --database URL] [--as USER] [--json] COMMAND …")
        << Qt::endl
        << tr("Commands: init, user add|list, unit add|list, incoming "
              "register|list|show|metadata|update|assign|progress|complete|"
              "return|receive|register-arrived|next-number|attachments, outgoing "
              "draft|update|submit|approve|return|revise|issue-number|reserve|cancel-reservation|send|recall|"
              "link|list|show|numbers|archive-use, template add|list|remove, registry export, audit "
              "verify|log, "
              "db check, token list, sign, verify, signer set-signature|set-seal|show, edxml "
              "parse|status|build, scan, scan-folder pending|failed|registered|put-aside|retry, ocr")
        << Qt::endl;
    return 2;
}

void Cli::print(const QJsonValue &json, const QString &text)
{
    if (m_json) {
        const QJsonDocument doc =
            json.isArray() ? QJsonDocument(json.toArray()) : QJsonDocument(json.toObject());
        out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    } else {
        out() << text;
        if (!text.endsWith(QLatin1Char('\n')))
            out() << Qt::endl;
    }
    out().flush();
}

Result<void> Cli::openDatabase()
{
    auto info = storage::SystemConfig::resolve(m_workspace, m_database);
    if (!info)
        return info.error();
    auto db = storage::Database::open(
        info.value(), {storage::storageSchema(), documents::documentsSchema(), exchange::exchangeSchema()});
    if (!db)
        return db.error();
    m_db = db.value();
    return {};
}

QString Cli::password(const char *variable, const QString &prompt)
{
    if (qEnvironmentVariableIsSet(variable))
        return qEnvironmentVariable(variable);
#ifdef Q_OS_UNIX
    if (!isatty(STDIN_FILENO))
        return {};
    err() << prompt << Qt::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios noEcho = old;
    noEcho.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &noEcho);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    err() << Qt::endl;
    return QString::fromStdString(line);
#else
    return {};
#endif
}

Result<core::User> Cli::actingUser()
{
    const QString name = m_as.isEmpty() ? QStringLiteral("admin") : m_as;
    const QString pw = password("GOVDESK_PASSWORD", tr("Password for %1: ").arg(name));
    if (pw.isEmpty())
        return GOVDESK_ERROR(
            "auth.no-password",
            QT_TRANSLATE_NOOP("Cli",
                              "No password: set GOVDESK_PASSWORD or run in a terminal to be asked for it"));
    storage::Accounts accounts(*m_db);
    return accounts.authenticate(name, pw);
}

int Cli::run()
{
    // Global options may stand anywhere; the rest is the command.
    QStringList rest;
    for (int i = 1; i < m_args.size(); ++i) {
        const QString a = m_args[i];
        auto takeValue = [&](QString *target) {
            if (i + 1 >= m_args.size())
                return false;
            *target = m_args[++i];
            return true;
        };
        if (a == QLatin1String("--workspace")) {
            if (!takeValue(&m_workspace))
                return usage(tr("--workspace needs a folder"));
        } else if (a == QLatin1String("--database")) {
            if (!takeValue(&m_database))
                return usage(tr("--database needs a URL"));
        } else if (a == QLatin1String("--as")) {
            if (!takeValue(&m_as))
                return usage(tr("--as needs a user name"));
        } else if (a == QLatin1String("--json")) {
            m_json = true;
        } else if (a == QLatin1String("--lang") && i + 1 < m_args.size() && m_args[i + 1].size() > 2) {
            // A recogniser's language ("ocr --lang vie") belongs to the command, not to the interface.
            rest << a << m_args[++i];
        } else if (a == QLatin1String("--lang")) {
            QString ignored; // handled in main() before translators load
            takeValue(&ignored);
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            usage(QString());
            return 0;
        } else {
            rest << a;
        }
    }
    if (rest.isEmpty())
        return usage(tr("No command given"));
    const QString command = rest.takeFirst();
    if (command == QLatin1String("init"))
        return cmdInit(rest);
    // Signing works on files and tokens; it needs no workspace.
    if (command == QLatin1String("token"))
        return cmdToken(rest);
    if (command == QLatin1String("sign"))
        return cmdSign(rest);
    if (command == QLatin1String("verify"))
        return cmdVerify(rest);
    // Scanning works on devices and files; it needs no workspace.
    if (command == QLatin1String("scan"))
        return cmdScan(rest);
    if (command == QLatin1String("scan-folder"))
        return cmdScanFolder(rest);
    // edXML packets are files; only "edxml build" opens the workspace itself.
    if (command == QLatin1String("edxml"))
        return cmdEdxml(rest);
    // OCR works on files; it needs no workspace.
    if (command == QLatin1String("ocr"))
        return cmdOcr(rest);
    if (auto r = openDatabase(); !r)
        return fail(r.error());
    if (command == QLatin1String("user"))
        return cmdUser(rest);
    if (command == QLatin1String("unit"))
        return cmdUnit(rest);
    if (command == QLatin1String("incoming"))
        return cmdIncoming(rest);
    if (command == QLatin1String("outgoing"))
        return cmdOutgoing(rest);
    if (command == QLatin1String("registry"))
        return cmdRegistry(rest);
    if (command == QLatin1String("template"))
        return cmdTemplate(rest);
    if (command == QLatin1String("audit"))
        return cmdAudit(rest);
    if (command == QLatin1String("db"))
        return cmdDb(rest);
    if (command == QLatin1String("signer"))
        return cmdSigner(rest);
    if (command == QLatin1String("exchange"))
        return cmdExchange(rest);
    return usage(tr("Unknown command \"%1\"").arg(command));
}

// ---------------------------------------------------------------- init

int Cli::cmdInit(const QStringList &args)
{
    const Options o =
        parse(args, {QStringLiteral("org-code"), QStringLiteral("org-name"), QStringLiteral("org-abbr")},
              {QStringLiteral("demo")});
    if (!o.error.isEmpty() || !o.positional.isEmpty())
        return usage(
            tr("init: unexpected argument %1").arg(o.error.isEmpty() ? o.positional.value(0) : o.error));
    const bool demo = o.has(QStringLiteral("demo"));
    if (!demo &&
        (o.value(QStringLiteral("org-code")).isEmpty() || o.value(QStringLiteral("org-name")).isEmpty() ||
         o.value(QStringLiteral("org-abbr")).isEmpty()))
        return usage(tr("init needs --demo, or --org-code, --org-name and --org-abbr"));
    const QString pw = password("GOVDESK_PASSWORD", tr("Password for the new admin account: "));
    if (pw.isEmpty())
        return fail(GOVDESK_ERROR(
            "auth.no-password",
            QT_TRANSLATE_NOOP("Cli",
                              "No password: set GOVDESK_PASSWORD or run in a terminal to be asked for it")));
    if (auto r = openDatabase(); !r)
        return fail(r.error());
    storage::Accounts accounts(*m_db);
    if (accounts.isInitialised())
        return fail(GOVDESK_ERROR("workspace.initialised",
                                  QT_TRANSLATE_NOOP("Accounts", "This workspace is already set up")));
    if (demo && o.value(QStringLiteral("org-code")).isEmpty()) {
        DemoWorkspace::Options opt;
        opt.password = pw;
        if (auto r = DemoWorkspace::seed(*m_db, opt); !r)
            return fail(r.error());
    } else {
        auto r = accounts.initialise({o.value(QStringLiteral("org-code")),
                                      o.value(QStringLiteral("org-name")),
                                      o.value(QStringLiteral("org-abbr")),
                                      {}},
                                     pw);
        if (!r)
            return fail(r.error());
    }
    auto id = accounts.identity();
    if (!id)
        return fail(id.error());
    QJsonArray users;
    if (auto list = accounts.users(); list)
        for (const core::User &u : list.value())
            users.append(QJsonObject{{QStringLiteral("username"), u.username},
                                     {QStringLiteral("role"), core::Roles::key(u.role)},
                                     {QStringLiteral("fullName"), u.fullName}});
    print(QJsonObject{{QStringLiteral("database"), m_db->info().describe()},
                      {QStringLiteral("orgCode"), id->orgCode},
                      {QStringLiteral("orgName"), id->orgName},
                      {QStringLiteral("orgAbbr"), id->orgAbbreviation},
                      {QStringLiteral("demo"), demo},
                      {QStringLiteral("users"), users}},
          tr("Workspace ready: %1 (%2), database %3").arg(id->orgName, id->orgCode, m_db->info().describe()));
    return 0;
}

// ---------------------------------------------------------------- users and units

int Cli::cmdUser(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1),
                            {QStringLiteral("role"), QStringLiteral("full-name"), QStringLiteral("unit"),
                             QStringLiteral("position")},
                            {});
    if (!o.error.isEmpty())
        return usage(tr("Unknown option %1").arg(o.error));
    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    if (sub == QLatin1String("add")) {
        if (o.positional.size() != 1)
            return usage(tr("user add NAME --role van-thu|chuyen-vien|lanh-dao|quan-tri"));
        const auto role = core::Roles::fromKey(o.value(QStringLiteral("role")));
        if (!role)
            return usage(tr("--role must be one of van-thu, chuyen-vien, lanh-dao, quan-tri"));
        storage::NewUser nu;
        nu.username = o.positional[0];
        nu.role = *role;
        nu.fullName = o.value(QStringLiteral("full-name"));
        nu.position = o.value(QStringLiteral("position"));
        if (o.has(QStringLiteral("unit"))) {
            auto unit = accounts.findUnit(o.value(QStringLiteral("unit")));
            if (!unit)
                return fail(unit.error());
            nu.unitId = unit->id;
        }
        nu.password = password("GOVDESK_NEW_PASSWORD", tr("Password for %1: ").arg(nu.username));
        auto u = accounts.addUser(actor.value(), nu);
        if (!u)
            return fail(u.error());
        print(QJsonObject{{QStringLiteral("id"), u->id},
                          {QStringLiteral("username"), u->username},
                          {QStringLiteral("role"), core::Roles::key(u->role)}},
              tr("User %1 added as %2").arg(u->username, core::Roles::displayName(u->role)));
        return 0;
    }
    if (sub == QLatin1String("list")) {
        auto list = accounts.users();
        if (!list)
            return fail(list.error());
        QJsonArray arr;
        QString text;
        for (const core::User &u : list.value()) {
            arr.append(QJsonObject{{QStringLiteral("id"), u.id},
                                   {QStringLiteral("username"), u.username},
                                   {QStringLiteral("fullName"), u.fullName},
                                   {QStringLiteral("role"), core::Roles::key(u.role)},
                                   {QStringLiteral("position"), u.position},
                                   {QStringLiteral("active"), u.active}});
            text +=
                QStringLiteral("%1\t%2\t%3\n").arg(u.username, core::Roles::displayName(u.role), u.fullName);
        }
        print(arr, text);
        return 0;
    }
    return usage(tr("user add|list"));
}

int Cli::cmdUnit(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(
        args.mid(1),
        {QStringLiteral("name"), QStringLiteral("code"), QStringLiteral("abbr"), QStringLiteral("parent")},
        {QStringLiteral("internal")});
    if (!o.error.isEmpty())
        return usage(tr("Unknown option %1").arg(o.error));
    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    if (sub == QLatin1String("add")) {
        core::OrgUnit u;
        u.name = o.value(QStringLiteral("name"));
        u.code = o.value(QStringLiteral("code"));
        u.abbreviation = o.value(QStringLiteral("abbr"));
        u.internal = o.has(QStringLiteral("internal"));
        if (o.has(QStringLiteral("parent"))) {
            auto parent = accounts.findUnit(o.value(QStringLiteral("parent")));
            if (!parent)
                return fail(parent.error());
            u.parentId = parent->id;
            if (u.internal)
                u.level = parent->level + 1;
        }
        auto added = accounts.addUnit(actor.value(), u);
        if (!added)
            return fail(added.error());
        print(QJsonObject{{QStringLiteral("id"), added->id},
                          {QStringLiteral("code"), added->code},
                          {QStringLiteral("name"), added->name},
                          {QStringLiteral("level"), added->level}},
              tr("Unit %1 added").arg(added->name));
        return 0;
    }
    if (sub == QLatin1String("list")) {
        auto list = accounts.units();
        if (!list)
            return fail(list.error());
        QJsonArray arr;
        QString text;
        for (const core::OrgUnit &u : list.value()) {
            arr.append(QJsonObject{{QStringLiteral("id"), u.id},
                                   {QStringLiteral("code"), u.code},
                                   {QStringLiteral("name"), u.name},
                                   {QStringLiteral("abbreviation"), u.abbreviation},
                                   {QStringLiteral("parentId"), u.parentId},
                                   {QStringLiteral("level"), u.level},
                                   {QStringLiteral("internal"), u.internal},
                                   {QStringLiteral("demo"), u.demo}});
            text += QStringLiteral("%1\t%2\t%3\n")
                        .arg(u.code.isEmpty() ? QStringLiteral("-") : u.code, u.abbreviation, u.name);
        }
        print(arr, text);
        return 0;
    }
    return usage(tr("unit add|list"));
}

// ---------------------------------------------------------------- incoming

static QJsonObject registerOutput(const IncomingDocument &d)
{
    return d.toJson();
}

static QString describe(const IncomingDocument &d)
{
    return QCoreApplication::translate("Cli", "No. %1 (%2): %3 %4 of %5 — %6 [%7]")
        .arg(QString::number(d.arrivalNumber), core::VietnameseDate::shortDate(d.arrivalDate), d.typeName,
             d.reference(), d.authorName, d.subject, Vocabulary::displayName(d.status));
}

int Cli::cmdIncoming(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o =
        parse(args.mid(1), {QStringLiteral("author"),  QStringLiteral("author-code"),
                            QStringLiteral("number"),  QStringLiteral("notation"),
                            QStringLiteral("date"),    QStringLiteral("type"),
                            QStringLiteral("subject"), QStringLiteral("urgency"),
                            QStringLiteral("secrecy"), QStringLiteral("deadline"),
                            QStringLiteral("file"),    QStringLiteral("arrival-date"),
                            QStringLiteral("pages"),   QStringLiteral("recipients"),
                            QStringLiteral("signer"),  QStringLiteral("signer-position"),
                            QStringLiteral("method"),  QStringLiteral("notes"),
                            QStringLiteral("book"),    QStringLiteral("year"),
                            QStringLiteral("search"),  QStringLiteral("status"),
                            QStringLiteral("to"),      QStringLiteral("unit"),
                            QStringLiteral("coop"),    QStringLiteral("opinion"),
                            QStringLiteral("reply"),   QStringLiteral("note"),
                            QStringLiteral("reason"),  QStringLiteral("limit"),
                            QStringLiteral("out"),     QStringLiteral("from"),
                            QStringLiteral("until")},
              {QStringLiteral("allow-duplicate"), QStringLiteral("overdue"), QStringLiteral("xml")});
    if (!o.error.isEmpty())
        return usage(tr("Unknown or incomplete option %1").arg(o.error));
    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    IncomingService service(*m_db);

    auto dateOption = [&](const QString &name, QDate *target) -> bool {
        if (!o.has(name))
            return true;
        *target = core::VietnameseDate::parse(o.value(name));
        return target->isValid();
    };

    auto resolveId = [&](const QString &key) -> Result<QString> {
        // Accept the id, or "YEAR/NUMBER" (số đến in the general book).
        static const QRegularExpression byNumber(QStringLiteral("^(\\d{4})/(\\d+)$"));
        const auto m = byNumber.match(key);
        if (!m.hasMatch())
            return key;
        IncomingFilter f;
        f.year = m.captured(1).toInt();
        f.bookId = QStringLiteral("incoming");
        auto list = service.list(actor.value(), f);
        if (!list)
            return list.error();
        for (const IncomingDocument &d : list.value())
            if (d.arrivalNumber == m.captured(2).toInt())
                return d.id;
        return GOVDESK_ERROR("incoming.unknown",
                             QT_TRANSLATE_NOOP("IncomingService", "There is no incoming document %1"), key);
    };

    // Options naming register fields, laid over `d` (a new draft, or the current entry when editing).
    auto applyFields = [&](IncomingDraft &d) -> QString {
        const QList<QPair<const char *, QString *>> texts = {{"author", &d.authorName},
                                                             {"author-code", &d.authorCode},
                                                             {"number", &d.number},
                                                             {"notation", &d.notation},
                                                             {"type", &d.typeAbbr},
                                                             {"subject", &d.subject},
                                                             {"recipients", &d.recipients},
                                                             {"signer", &d.signerName},
                                                             {"signer-position", &d.signerPosition},
                                                             {"notes", &d.notes},
                                                             {"book", &d.bookId},
                                                             {"method", &d.receiveMethod}};
        for (const auto &t : texts)
            if (o.has(QLatin1String(t.first)))
                *t.second = o.value(QLatin1String(t.first));
        if (!dateOption(QStringLiteral("date"), &d.documentDate))
            return tr("--date must be YYYY-MM-DD");
        if (!dateOption(QStringLiteral("deadline"), &d.deadline))
            return tr("--deadline must be YYYY-MM-DD");
        if (!dateOption(QStringLiteral("arrival-date"), &d.arrivalDate))
            return tr("--arrival-date must be YYYY-MM-DD");
        if (o.has(QStringLiteral("urgency"))) {
            const auto u = Vocabulary::urgencyFromKey(o.value(QStringLiteral("urgency")));
            if (!u)
                return tr("--urgency must be khan, thuong-khan or hoa-toc");
            d.urgency = *u;
        }
        if (o.has(QStringLiteral("secrecy"))) {
            const auto s = Vocabulary::secrecyFromKey(o.value(QStringLiteral("secrecy")));
            if (!s)
                return tr("--secrecy must be mat, toi-mat or tuyet-mat");
            d.secrecy = *s;
        }
        if (o.has(QStringLiteral("pages"))) {
            bool ok = false;
            d.pageCount = o.value(QStringLiteral("pages")).toInt(&ok);
            if (!ok)
                return tr("--pages must be a number");
        }
        for (const QString &f : o.all(QStringLiteral("file")))
            d.attachments << AttachmentSource{f, {}, {}};
        d.allowDuplicate = o.has(QStringLiteral("allow-duplicate"));
        return {};
    };

    if (sub == QLatin1String("register") || sub == QLatin1String("receive")) {
        IncomingDraft d;
        if (const QString bad = applyFields(d); !bad.isEmpty())
            return usage(bad);
        auto doc = sub == QLatin1String("register") ? service.registerDocument(actor.value(), d)
                                                    : service.receive(actor.value(), d);
        if (!doc)
            return fail(doc.error());
        print(registerOutput(doc.value()), tr("Registered: %1").arg(describe(doc.value())));
        return 0;
    }

    if (sub == QLatin1String("list")) {
        IncomingFilter f;
        if (o.has(QStringLiteral("year"))) {
            f.year = o.value(QStringLiteral("year")).toInt();
            if (f.year < 1900)
                return usage(tr("--year must be a year such as 2026"));
        }
        f.search = o.value(QStringLiteral("search"));
        f.bookId = o.value(QStringLiteral("book"));
        for (const QString &s : o.all(QStringLiteral("status"))) {
            for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const auto st = Vocabulary::statusFromKey(part);
                if (!st)
                    return usage(tr(
                        "--status must be one of moi-den, da-vao-so, da-phan-cong, dang-xu-ly, hoan-thanh, "
                        "tra-lai"));
                f.statuses << *st;
            }
        }
        f.overdueOnly = o.has(QStringLiteral("overdue"));
        if (!dateOption(QStringLiteral("from"), &f.from) || !dateOption(QStringLiteral("until"), &f.to))
            return usage(tr("--from and --until must be YYYY-MM-DD"));
        if (o.has(QStringLiteral("limit")))
            f.limit = o.value(QStringLiteral("limit")).toInt();
        if (!f.search.isEmpty())
            f.sort = IncomingFilter::Sort::Relevance;
        auto list = service.list(actor.value(), f);
        if (!list)
            return fail(list.error());
        return printDocuments(list.value(), [](const IncomingDocument &d) { return describe(d); });
    }

    if (sub == QLatin1String("next-number")) {
        const int year = o.has(QStringLiteral("year")) ? o.value(QStringLiteral("year")).toInt()
                                                       : QDate::currentDate().year();
        auto n = service.nextArrivalNumber(o.value(QStringLiteral("book")), year);
        if (!n)
            return fail(n.error());
        print(QJsonObject{{QStringLiteral("year"), year}, {QStringLiteral("arrivalNumber"), n.value()}},
              QString::number(n.value()));
        return 0;
    }

    if (o.positional.size() != 1)
        return usage(tr("incoming %1 ID").arg(sub.isEmpty() ? QStringLiteral("…") : sub));
    auto id = resolveId(o.positional[0]);
    if (!id)
        return fail(id.error());

    Result<IncomingDocument> doc = Error();
    if (sub == QLatin1String("show")) {
        doc = service.get(actor.value(), id.value());
        if (!doc)
            return fail(doc.error());
        QJsonObject json = doc->toJson();
        QJsonArray hist;
        QString text = describe(doc.value()) + QLatin1Char('\n');
        if (auto h = service.history(actor.value(), id.value()); h)
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
    if (sub == QLatin1String("metadata")) {
        doc = service.get(actor.value(), id.value());
        if (!doc)
            return fail(doc.error());
        auto history = service.history(actor.value(), id.value());
        if (!history)
            return fail(history.error());
        auto identity = accounts.identity();
        if (!identity)
            return fail(identity.error());
        if (o.has(QStringLiteral("xml"))) {
            out() << QString::fromUtf8(
                Decree30Metadata::incomingXml(doc.value(), identity->orgCode, history.value()));
            out().flush();
        } else {
            m_json = true;
            print(Decree30Metadata::incomingJson(doc.value(), identity->orgCode, history.value()), {});
        }
        return 0;
    }
    if (sub == QLatin1String("attachments")) {
        doc = service.get(actor.value(), id.value());
        if (!doc)
            return fail(doc.error());
        const QString dir = o.value(QStringLiteral("out"));
        if (dir.isEmpty())
            return usage(tr("incoming attachments ID --out FOLDER"));
        QDir().mkpath(dir);
        QJsonArray arr;
        for (const Attachment &a : doc->attachments) {
            auto data = service.attachmentData(actor.value(), id.value(), a.id);
            if (!data)
                return fail(data.error());
            QSaveFile f(QDir(dir).filePath(a.fileName));
            if (!f.open(QIODevice::WriteOnly) || f.write(data.value()) != data->size() || !f.commit())
                return fail(GOVDESK_ERROR("cli.write", QT_TRANSLATE_NOOP("Cli", "Cannot write %1: %2"),
                                          f.fileName(), f.errorString()));
            arr.append(QDir(dir).filePath(a.fileName));
        }
        print(arr, tr("Files written: %1").arg(arr.size()));
        return 0;
    }
    if (sub == QLatin1String("assign")) {
        Assignment a;
        if (o.has(QStringLiteral("to"))) {
            auto u = accounts.userByName(o.value(QStringLiteral("to")));
            if (!u)
                return fail(u.error());
            a.leadUserId = u->id;
        }
        if (o.has(QStringLiteral("unit"))) {
            auto unit = accounts.findUnit(o.value(QStringLiteral("unit")));
            if (!unit)
                return fail(unit.error());
            a.leadUnitId = unit->id;
        }
        if (a.leadUserId.isEmpty() && a.leadUnitId.isEmpty())
            return usage(tr(
                "incoming assign ID --to USER [--unit UNIT] [--coop UNIT]… [--deadline D] [--opinion TEXT]"));
        for (const QString &c : o.all(QStringLiteral("coop"))) {
            auto unit = accounts.findUnit(c);
            if (!unit)
                return fail(unit.error());
            a.coopUnitIds << unit->id;
        }
        if (!dateOption(QStringLiteral("deadline"), &a.deadline))
            return usage(tr("--deadline must be YYYY-MM-DD"));
        a.opinion = o.value(QStringLiteral("opinion"));
        doc = service.assign(actor.value(), id.value(), a);
    } else if (sub == QLatin1String("progress")) {
        doc = service.recordProgress(actor.value(), id.value(), o.value(QStringLiteral("note")));
    } else if (sub == QLatin1String("complete")) {
        doc = service.complete(actor.value(), id.value(), o.value(QStringLiteral("reply")),
                               o.value(QStringLiteral("note")));
    } else if (sub == QLatin1String("return")) {
        doc = service.returnToSender(actor.value(), id.value(), o.value(QStringLiteral("reason")));
    } else if (sub == QLatin1String("update")) {
        auto current = service.get(actor.value(), id.value());
        if (!current)
            return fail(current.error());
        IncomingDraft d = draftFrom(current.value());
        if (!o.all(QStringLiteral("file")).isEmpty())
            return usage(tr("Attachments cannot be changed by update"));
        if (const QString bad = applyFields(d); !bad.isEmpty())
            return usage(bad);
        doc = service.update(actor.value(), id.value(), d, current->version);
    } else if (sub == QLatin1String("register-arrived")) {
        doc = service.registerArrived(actor.value(), id.value());
    } else {
        return usage(tr("Unknown incoming command \"%1\"").arg(sub));
    }
    if (!doc)
        return fail(doc.error());
    print(doc->toJson(), describe(doc.value()));
    return 0;
}

// ---------------------------------------------------------------- registers

int Cli::cmdRegistry(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1),
                            {QStringLiteral("book"), QStringLiteral("year"), QStringLiteral("out"),
                             QStringLiteral("from"), QStringLiteral("until")},
                            {});
    if (!o.error.isEmpty() || sub != QLatin1String("export"))
        return usage(
            tr("registry export --book incoming|incoming-secret|incoming-tracking|outgoing|outgoing-secret|"
               "outgoing-copy|outgoing-post|outgoing-archive-use (--year Y | --from D --until D) --out "
               "FILE.pdf"));
    IncomingRegisters::Request req;
    const QString book = o.value(QStringLiteral("book"));
    if (book == QLatin1String("outgoing-post") || book == QLatin1String("outgoing-archive-use")) {
        // Sổ gửi văn bản đi bưu điện and Sổ sử dụng bản lưu: a year or a range of dates.
        RegisterPeriod period;
        period.year = o.value(QStringLiteral("year")).toInt();
        if (period.year <= 0) {
            period.from = core::VietnameseDate::parse(o.value(QStringLiteral("from")));
            period.to = core::VietnameseDate::parse(o.value(QStringLiteral("until")));
        }
        if (!period.isValid())
            return usage(tr("Give --year, or --from and --until"));
        if (o.value(QStringLiteral("out")).isEmpty())
            return usage(tr("--out FILE.pdf is required"));
        auto actor = actingUser();
        if (!actor)
            return fail(actor.error());
        storage::Accounts accounts(*m_db);
        OutgoingService service(*m_db);
        OutgoingRegisters registers(service, accounts);
        auto report = book == QLatin1String("outgoing-post")
                          ? registers.buildPost(actor.value(), period)
                          : registers.buildArchiveUse(actor.value(), period);
        if (!report)
            return fail(report.error());
        return writeRegister(report.value(), o.value(QStringLiteral("out")));
    }
    if (book.startsWith(QLatin1String("outgoing"))) {
        static const QStringList outgoingBooks{QStringLiteral("outgoing"), QStringLiteral("outgoing-secret"),
                                               QStringLiteral("outgoing-copy")};
        const int year = o.value(QStringLiteral("year")).toInt();
        // The books of the advisory bodies (outgoing-body-<id>) are checked by the service.
        const bool bodyBook = book.startsWith(QLatin1String("outgoing-body-"));
        if ((!outgoingBooks.contains(book) && !bodyBook) || year <= 0 ||
            o.value(QStringLiteral("out")).isEmpty())
            return usage(
                tr("registry export --book outgoing|outgoing-secret|outgoing-copy --year Y --out FILE.pdf"));
        auto actor = actingUser();
        if (!actor)
            return fail(actor.error());
        storage::Accounts accounts(*m_db);
        OutgoingService service(*m_db);
        auto report = OutgoingRegisters(service, accounts).build(actor.value(), book, year);
        if (!report)
            return fail(report.error());
        return writeRegister(report.value(), o.value(QStringLiteral("out")));
    }
    if (book == QLatin1String("incoming-tracking")) {
        req.kind = IncomingRegisters::Kind::Tracking;
        req.bookId = QStringLiteral("incoming");
    } else if (book == QLatin1String("incoming") || book == QLatin1String("incoming-secret")) {
        req.bookId = book;
    } else {
        return usage(tr("--book must be incoming, incoming-secret or incoming-tracking"));
    }
    req.year = o.value(QStringLiteral("year")).toInt();
    req.from = core::VietnameseDate::parse(o.value(QStringLiteral("from")));
    req.to = core::VietnameseDate::parse(o.value(QStringLiteral("until")));
    if (req.year == 0 && (!req.from.isValid() || !req.to.isValid()))
        return usage(tr("Give --year, or --from and --until"));
    if (o.value(QStringLiteral("out")).isEmpty())
        return usage(tr("--out FILE.pdf is required"));
    auto actor = actingUser();
    if (!actor)
        return fail(actor.error());
    storage::Accounts accounts(*m_db);
    IncomingService service(*m_db);
    IncomingRegisters registers(service, accounts);
    auto report = registers.build(actor.value(), req);
    if (!report)
        return fail(report.error());
    return writeRegister(report.value(), o.value(QStringLiteral("out")));
}

int Cli::writeRegister(const reports::RegisterReport &report, const QString &path)
{
    if (auto w = reports::RegisterPrinter::writePdf(report, path); !w)
        return fail(w.error());
    print(QJsonObject{{QStringLiteral("out"), path}, {QStringLiteral("entries"), int(report.rows.size())}},
          tr("%1 written (%2 entries)").arg(path).arg(report.rows.size()));
    return 0;
}

// ---------------------------------------------------------------- audit and maintenance

int Cli::cmdAudit(const QStringList &args)
{
    const QString sub = args.value(0);
    const Options o = parse(args.mid(1), {QStringLiteral("entity")}, {});
    if (!o.error.isEmpty())
        return usage(tr("Unknown option %1").arg(o.error));
    if (sub == QLatin1String("verify")) {
        // Verification needs no login: IT staff run it on a copy of the data.
        auto report = storage::AuditLog::verify(*m_db);
        if (!report)
            return fail(report.error());
        print(QJsonObject{{QStringLiteral("ok"), true},
                          {QStringLiteral("entries"), report->entries},
                          {QStringLiteral("headHash"), report->headHash}},
              tr("Audit trail intact: %1 entries, head %2")
                  .arg(report->entries)
                  .arg(report->headHash.left(16)));
        return 0;
    }
    if (sub == QLatin1String("log")) {
        auto actor = actingUser();
        if (!actor)
            return fail(actor.error());
        if (actor->role != core::Role::Admin && actor->role != core::Role::Leader)
            return fail(GOVDESK_ERROR(
                "permission.audit",
                QT_TRANSLATE_NOOP("Cli", "Only an administrator or a leader can read the audit trail")));
        auto entries = storage::AuditLog::entriesFor(*m_db, o.value(QStringLiteral("entity")));
        if (!entries)
            return fail(entries.error());
        QJsonArray arr;
        QString text;
        for (const core::AuditRecord &r : entries.value()) {
            arr.append(QJsonObject{{QStringLiteral("seq"), r.sequence},
                                   {QStringLiteral("at"), r.at.toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("actor"), r.actor},
                                   {QStringLiteral("action"), r.action},
                                   {QStringLiteral("entity"), r.entity},
                                   {QStringLiteral("entityId"), r.entityId},
                                   {QStringLiteral("before"), r.before},
                                   {QStringLiteral("after"), r.after}});
            text += QStringLiteral("%1 %2 %3 %4\n")
                        .arg(r.sequence)
                        .arg(r.at.toLocalTime().toString(Qt::ISODate), r.actor, r.action);
        }
        print(arr, text);
        return 0;
    }
    return usage(tr("audit verify|log"));
}

int Cli::cmdDb(const QStringList &args)
{
    if (args.value(0) != QLatin1String("check"))
        return usage(tr("db check"));
    if (auto r = m_db->integrityCheck(); !r)
        return fail(r.error());
    QJsonObject versions;
    const auto v = m_db->schemaVersions();
    for (auto it = v.cbegin(); it != v.cend(); ++it)
        versions.insert(it.key(), it.value());
    print(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("schema"), versions}},
          tr("Database %1 passed its integrity check").arg(m_db->info().describe()));
    return 0;
}

} // namespace govdesk::cli
