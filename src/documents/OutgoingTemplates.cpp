#include "OutgoingTemplates.h"

#include "DocumentChange.h"
#include "DocumentTypeLookup.h"
#include "OutgoingDocument.h"

#include "core/Ids.h"
#include "storage/AuditLog.h"
#include "storage/BlobStore.h"
#include "storage/SystemConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

namespace govdesk::documents {

using core::Result;
using core::User;
using storage::Sql;

static const QString kTemplateEntity = QStringLiteral("outgoing_template");

QJsonObject OutgoingTemplate::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("type"), typeAbbr},
                       {QStringLiteral("typeName"), typeName},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("fileName"), fileName},
                       {QStringLiteral("format"), format},
                       {QStringLiteral("sha256"), sha256},
                       {QStringLiteral("size"), double(size)},
                       {QStringLiteral("uploadedBy"), uploadedBy},
                       {QStringLiteral("uploadedAt"),
                        uploadedAt.isValid() ? uploadedAt.toString(Qt::ISODateWithMs) : QString()},
                       {QStringLiteral("active"), active}};
}

static Result<void> checkManager(const User &actor)
{
    if (actor.role != core::Role::Clerk && actor.role != core::Role::Admin)
        return GOVDESK_ERROR("permission.template",
                             QT_TRANSLATE_NOOP("OutgoingTemplates",
                                               "Only the clerk (văn thư) or an administrator can manage the "
                                               "templates"));
    return {};
}

/// The content must be what the extension says: a whole PDF, or the ZIP container of a Word or OpenDocument
/// text (whose member names are stored uncompressed, so they can be looked for in the bytes).
static bool contentMatches(const QByteArray &data, const QString &format)
{
    if (format == QLatin1String("pdf"))
        return looksLikePdf(data);
    if (!data.startsWith("PK\x03\x04"))
        return false;
    if (format == QLatin1String("docx"))
        return data.contains("[Content_Types].xml") && data.contains("word/");
    return data.left(512).contains("application/vnd.oasis.opendocument.text");
}

static const char *kTemplateColumns =
    "SELECT p.id, p.type_abbr, t.name, p.name, p.file_name, p.format, p.sha256, p.size, p.uploaded_by, "
    "p.uploaded_at, p.active FROM outgoing_templates p JOIN document_types t ON t.abbr = p.type_abbr ";

static OutgoingTemplate readTemplate(Sql &q)
{
    OutgoingTemplate t;
    t.id = q.value(0).toString();
    t.typeAbbr = q.value(1).toString();
    t.typeName = q.value(2).toString();
    t.name = q.value(3).toString();
    t.fileName = q.value(4).toString();
    t.format = q.value(5).toString();
    t.sha256 = q.value(6).toString();
    t.size = q.value(7).toLongLong();
    t.uploadedBy = q.value(8).toString();
    t.uploadedAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    t.active = q.value(10).toInt() != 0;
    return t;
}

Result<OutgoingTemplate> OutgoingTemplates::load(QSqlDatabase &db, const QString &id)
{
    Sql q(db, QLatin1String(kTemplateColumns) + QStringLiteral("WHERE p.id = ?"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("template.unknown",
                             QT_TRANSLATE_NOOP("OutgoingTemplates", "There is no template %1"), id);
    return readTemplate(q);
}

Result<OutgoingTemplate> OutgoingTemplates::add(const User &actor, const QString &typeAbbr,
                                                const QString &name, const AttachmentSource &file)
{
    if (auto p = checkManager(actor); !p)
        return p.error();
    const QString title = name.simplified();
    if (title.isEmpty())
        return GOVDESK_ERROR("template.name",
                             QT_TRANSLATE_NOOP("OutgoingTemplates", "Give the template a name"));
    if (title.size() > 200)
        return GOVDESK_ERROR("template.name",
                             QT_TRANSLATE_NOOP("OutgoingTemplates", "The template name is longer than %1 "
                                                                    "characters"),
                             QStringLiteral("200"));
    QByteArray data = file.data;
    QString fileName = file.fileName;
    if (!file.path.isEmpty()) {
        QFile f(file.path);
        if (!f.open(QIODevice::ReadOnly))
            return GOVDESK_ERROR(
                "template.file",
                QT_TRANSLATE_NOOP("OutgoingTemplates", "Cannot read the template file %1: %2"), file.path,
                f.errorString());
        if (f.size() > storage::BlobStore::MaxBlobSize)
            return GOVDESK_ERROR("template.file",
                                 QT_TRANSLATE_NOOP("OutgoingTemplates", "The file %1 is too large"),
                                 file.path);
        data = f.readAll();
        if (fileName.isEmpty())
            fileName = QFileInfo(file.path).fileName();
    }
    fileName = QFileInfo(fileName).fileName();
    fileName.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
    const QString format = QFileInfo(fileName).suffix().toLower();
    if (format != QLatin1String("pdf") && format != QLatin1String("docx") && format != QLatin1String("odt"))
        return GOVDESK_ERROR(
            "template.format",
            QT_TRANSLATE_NOOP("OutgoingTemplates", "The template %1 must be a .pdf, .docx or .odt file"),
            fileName.isEmpty() ? file.path : fileName);
    if (data.isEmpty() || !contentMatches(data, format))
        return GOVDESK_ERROR(
            "template.content",
            QT_TRANSLATE_NOOP("OutgoingTemplates", "The file %1 is not a complete .%2 document"), fileName,
            format);

    auto result = m_db.write<OutgoingTemplate>([&](QSqlDatabase &db) -> Result<OutgoingTemplate> {
        auto type = resolveDocumentType(db, typeAbbr);
        if (!type)
            return type.error();
        auto sha = m_db.blobs().put(db, data);
        if (!sha)
            return sha.error();
        const QString id = core::newId();
        Sql ins(db, QStringLiteral("INSERT INTO outgoing_templates (id, type_abbr, name, file_name, format, "
                                   "sha256, size, uploaded_by, uploaded_at, active) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"));
        ins << id << type->abbr << title << fileName << format << sha.value() << qint64(data.size())
            << actor.username << documentTimestamp();
        if (auto r = ins.exec(); !r)
            return r.error();
        auto added = load(db, id);
        if (!added)
            return added.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.template-add"),
                                               kTemplateEntity, id, {}, added->toJson());
            !a)
            return a.error();
        return added;
    });
    return result;
}

Result<QList<OutgoingTemplate>> OutgoingTemplates::list(const User &actor, const QString &typeAbbr,
                                                        bool includeRemoved)
{
    if (!actor.can(core::Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    QSqlDatabase db = m_db.connection();
    QStringList where;
    QVariantList params;
    if (!typeAbbr.trimmed().isEmpty()) {
        auto type = resolveDocumentType(db, typeAbbr);
        if (!type)
            return type.error();
        where << QStringLiteral("p.type_abbr = ?");
        params << type->abbr;
    }
    if (!includeRemoved)
        where << QStringLiteral("p.active = 1");
    QString sql = QLatin1String(kTemplateColumns);
    if (!where.isEmpty())
        sql += QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY t.sort_order, p.name, p.uploaded_at");
    Sql q(db, sql);
    for (const QVariant &p : params)
        q << p;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<OutgoingTemplate> out;
    while (q.next())
        out << readTemplate(q);
    return out;
}

Result<OutgoingTemplate> OutgoingTemplates::remove(const User &actor, const QString &id)
{
    if (auto p = checkManager(actor); !p)
        return p.error();
    return m_db.write<OutgoingTemplate>([&](QSqlDatabase &db) -> Result<OutgoingTemplate> {
        auto before = load(db, id);
        if (!before)
            return before.error();
        if (!before->active)
            return GOVDESK_ERROR(
                "template.removed",
                QT_TRANSLATE_NOOP("OutgoingTemplates", "The template \"%1\" was removed and cannot be used"),
                before->name);
        Sql u(db, QStringLiteral("UPDATE outgoing_templates SET active = 0, removed_by = ?, removed_at = ? "
                                 "WHERE id = ? AND active = 1"));
        u << actor.username << documentTimestamp() << id;
        if (auto r = u.exec(); !r)
            return r.error();
        auto after = load(db, id);
        if (!after)
            return after.error();
        if (auto a = storage::AuditLog::append(db, actor.username, QStringLiteral("outgoing.template-remove"),
                                               kTemplateEntity, id, before->toJson(), after->toJson());
            !a)
            return a.error();
        return after;
    });
}

Result<OutgoingTemplate> OutgoingTemplates::get(const User &actor, const QString &id)
{
    if (!actor.can(core::Permission::DraftOutgoing))
        return GOVDESK_ERROR("permission.draft",
                             QT_TRANSLATE_NOOP("OutgoingService", "Your role cannot draft documents"));
    QSqlDatabase db = m_db.connection();
    return load(db, id);
}

Result<QByteArray> OutgoingTemplates::fetch(const User &actor, const QString &id)
{
    auto t = get(actor, id);
    if (!t)
        return t.error();
    return m_db.blobs().get(t->sha256);
}

Result<QByteArray> OutgoingTemplates::pdfOf(const User &actor, const OutgoingTemplate &tpl)
{
    auto data = fetch(actor, tpl.id);
    if (!data || tpl.isPdf())
        return data;
    return convertToPdf(data.value(), tpl.format);
}

// ---------------------------------------------------------------- LibreOffice

QString OutgoingTemplates::officeConverter()
{
    const storage::TemplateSettings settings = storage::SystemConfig::templates();
    if (!settings.officeConverter.isEmpty()) {
        // What IT configured, and nothing else: a wrong path must show, not be papered over by another copy.
        const QFileInfo configured(settings.officeConverter);
        if (configured.isAbsolute())
            return configured.isFile() && configured.isExecutable() ? configured.absoluteFilePath()
                                                                    : QString();
        return QStandardPaths::findExecutable(settings.officeConverter);
    }
    for (const QString &name : {QStringLiteral("soffice"), QStringLiteral("libreoffice")})
        if (const QString found = QStandardPaths::findExecutable(name); !found.isEmpty())
            return found;
    QStringList usual;
#if defined(Q_OS_WIN)
    for (const char *var : {"ProgramFiles", "ProgramFiles(x86)"})
        if (qEnvironmentVariableIsSet(var))
            usual << QDir::fromNativeSeparators(qEnvironmentVariable(var)) +
                         QStringLiteral("/LibreOffice/program/soffice.exe");
#elif defined(Q_OS_MACOS)
    usual << QStringLiteral("/Applications/LibreOffice.app/Contents/MacOS/soffice");
#else
    for (const QString &dir :
         QDir(QStringLiteral("/opt")).entryList({QStringLiteral("libreoffice*")}, QDir::Dirs, QDir::Name))
        usual << QStringLiteral("/opt/%1/program/soffice").arg(dir);
#endif
    for (const QString &path : usual)
        if (QFileInfo(path).isExecutable())
            return path;
    return {};
}

bool OutgoingTemplates::officeConversionAvailable()
{
    return !officeConverter().isEmpty();
}

static QString firstLines(const QByteArray &output)
{
    return QString::fromLocal8Bit(output).simplified().left(300);
}

Result<QByteArray> OutgoingTemplates::convertToPdf(const QByteArray &data, const QString &format)
{
    const QString program = officeConverter();
    if (program.isEmpty()) {
        const QString configured = storage::SystemConfig::templates().officeConverter;
        if (!configured.isEmpty())
            return GOVDESK_ERROR(
                "template.no-office",
                QT_TRANSLATE_NOOP("OutgoingTemplates",
                                  "LibreOffice is not installed at %1 (set in %2): office "
                                  "templates cannot be turned into PDF here; ask IT to install "
                                  "it or correct the path, or use a PDF template"),
                configured, storage::SystemConfig::path());
        return GOVDESK_ERROR(
            "template.no-office",
            QT_TRANSLATE_NOOP("OutgoingTemplates",
                              "LibreOffice is not installed: office templates cannot be turned "
                              "into PDF here; ask IT to install it, or use a PDF template"));
    }
    // A private folder: the input, the output and a LibreOffice profile of its own, so a LibreOffice the user
    // has open (or a broken profile) does not take the job over; all removed afterwards.
    QTemporaryDir work;
    if (!work.isValid())
        return GOVDESK_ERROR("template.convert-failed",
                             QT_TRANSLATE_NOOP("OutgoingTemplates", "Cannot create a temporary folder: %1"),
                             work.errorString());
    const QDir dir(work.path());
    for (const char *sub : {"in", "out", "profile"})
        dir.mkpath(QLatin1String(sub));
    const QString input = dir.filePath(QStringLiteral("in/mau.") + format);
    const QString output = dir.filePath(QStringLiteral("out/mau.pdf"));
    QFile in(input);
    if (!in.open(QIODevice::WriteOnly) || in.write(data) != data.size())
        return GOVDESK_ERROR("template.convert-failed",
                             QT_TRANSLATE_NOOP("OutgoingTemplates", "Cannot write the template to %1: %2"),
                             input, in.errorString());
    in.close();

    QProcess p;
    p.setProgram(program);
    p.setArguments({QStringLiteral("-env:UserInstallation=") +
                        QUrl::fromLocalFile(dir.filePath(QStringLiteral("profile"))).toString(),
                    QStringLiteral("--headless"), QStringLiteral("--norestore"),
                    QStringLiteral("--convert-to"), QStringLiteral("pdf"), QStringLiteral("--outdir"),
                    dir.filePath(QStringLiteral("out")), input});
    p.setWorkingDirectory(work.path());
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForStarted(30000))
        return GOVDESK_ERROR(
            "template.convert-failed",
            QT_TRANSLATE_NOOP("OutgoingTemplates", "LibreOffice (%1) could not be started: %2"), program,
            p.errorString());
    const int timeout = storage::SystemConfig::templates().conversionTimeoutSeconds;
    if (!p.waitForFinished(timeout * 1000)) {
        p.kill();
        p.waitForFinished(10000);
        return GOVDESK_ERROR(
            "template.convert-timeout",
            QT_TRANSLATE_NOOP("OutgoingTemplates",
                              "LibreOffice did not finish turning the template into PDF within "
                              "%1 seconds and was stopped; try again, or use a PDF template"),
            QString::number(timeout));
    }
    const QString diagnostics = firstLines(p.readAllStandardError() + ' ' + p.readAllStandardOutput());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return GOVDESK_ERROR("template.convert-failed",
                             QT_TRANSLATE_NOOP("OutgoingTemplates",
                                               "LibreOffice could not turn the template into PDF (exit code "
                                               "%1): %2"),
                             QString::number(p.exitCode()), diagnostics);
    QFile out(output);
    QByteArray pdf;
    if (out.open(QIODevice::ReadOnly))
        pdf = out.readAll();
    if (!looksLikePdf(pdf))
        return GOVDESK_ERROR(
            "template.convert-failed",
            QT_TRANSLATE_NOOP("OutgoingTemplates", "LibreOffice gave no complete PDF for the template: %1"),
            diagnostics);
    return pdf;
}

} // namespace govdesk::documents
