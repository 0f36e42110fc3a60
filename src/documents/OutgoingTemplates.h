#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/IncomingDocument.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace govdesk::documents {

/// One of the agency's templates for a document type (mẫu văn bản): a PDF, a Word (.docx) or an
/// OpenDocument (.odt) file kept in the blob store.
struct OutgoingTemplate
{
    QString id;
    QString typeAbbr;
    QString typeName;
    QString name;
    QString fileName;
    QString format; // pdf, docx, odt
    QString sha256;
    qint64 size = 0;
    QString uploadedBy;
    QDateTime uploadedAt;
    bool active = true;

    bool isPdf() const { return format == QLatin1String("pdf"); }
    QJsonObject toJson() const;
};

/// The templates the clerk or an administrator keeps per document type, and turning one into the PDF a draft
/// starts from. A PDF template is used as it is; a .docx or .odt template is converted by LibreOffice run
/// headless (`soffice --headless --convert-to pdf`), found at [templates] officeConverter of the system
/// config or on PATH, in a private temporary folder with its own LibreOffice profile, stopped after
/// [templates] conversionTimeoutSeconds.
class OutgoingTemplates
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingTemplates)
public:
    explicit OutgoingTemplates(storage::Database &db) : m_db(db) {}

    /// Adds a template for `typeAbbr` (abbreviation or name of the type); the format comes from the file
    /// name's extension (.pdf, .docx, .odt) and must match the content.
    core::Result<OutgoingTemplate> add(const core::User &actor, const QString &typeAbbr, const QString &name,
                                       const AttachmentSource &file);
    /// The active templates, of one type when `typeAbbr` is given; removed ones too with `includeRemoved`.
    core::Result<QList<OutgoingTemplate>> list(const core::User &actor, const QString &typeAbbr = {},
                                               bool includeRemoved = false);
    /// Deactivates a template: it is no longer offered, drafts made from it are untouched.
    core::Result<OutgoingTemplate> remove(const core::User &actor, const QString &id);
    core::Result<OutgoingTemplate> get(const core::User &actor, const QString &id);
    /// The template file as uploaded.
    core::Result<QByteArray> fetch(const core::User &actor, const QString &id);
    /// The template as a PDF: the file itself, or LibreOffice's conversion of it.
    core::Result<QByteArray> pdfOf(const core::User &actor, const OutgoingTemplate &tpl);

    /// True when LibreOffice can be started here to convert office templates.
    static bool officeConversionAvailable();
    /// The soffice program that will be run; empty when there is none.
    static QString officeConverter();
    /// Converts an office file (.docx, .odt) to PDF with LibreOffice. Errors: template.no-office (not
    /// installed), template.convert-timeout, template.convert-failed.
    static core::Result<QByteArray> convertToPdf(const QByteArray &data, const QString &format);

private:
    core::Result<OutgoingTemplate> load(QSqlDatabase &db, const QString &id);

    storage::Database &m_db;
};

} // namespace govdesk::documents
