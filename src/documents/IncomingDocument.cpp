#include "IncomingDocument.h"

#include "core/VietnameseDate.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace govdesk::documents {

QString Vocabulary::key(Urgency u)
{
    switch (u) {
    case Urgency::Normal:
        return {};
    case Urgency::Khan:
        return QStringLiteral("khan");
    case Urgency::ThuongKhan:
        return QStringLiteral("thuong-khan");
    case Urgency::HoaToc:
        return QStringLiteral("hoa-toc");
    }
    return {};
}

QString Vocabulary::key(Secrecy s)
{
    switch (s) {
    case Secrecy::None:
        return {};
    case Secrecy::Mat:
        return QStringLiteral("mat");
    case Secrecy::ToiMat:
        return QStringLiteral("toi-mat");
    case Secrecy::TuyetMat:
        return QStringLiteral("tuyet-mat");
    }
    return {};
}

QString Vocabulary::key(IncomingStatus s)
{
    switch (s) {
    case IncomingStatus::New:
        return QStringLiteral("moi-den");
    case IncomingStatus::Registered:
        return QStringLiteral("da-vao-so");
    case IncomingStatus::Assigned:
        return QStringLiteral("da-phan-cong");
    case IncomingStatus::InProgress:
        return QStringLiteral("dang-xu-ly");
    case IncomingStatus::Completed:
        return QStringLiteral("hoan-thanh");
    case IncomingStatus::Returned:
        return QStringLiteral("tra-lai");
    case IncomingStatus::Withdrawn:
        return QStringLiteral("thu-hoi");
    }
    return {};
}

std::optional<Urgency> Vocabulary::urgencyFromKey(const QString &k)
{
    for (Urgency u : {Urgency::Normal, Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc})
        if (key(u) == k.trimmed().toLower() || (k == QLatin1String("thuong") && u == Urgency::Normal))
            return u;
    return std::nullopt;
}

std::optional<Secrecy> Vocabulary::secrecyFromKey(const QString &k)
{
    for (Secrecy s : {Secrecy::None, Secrecy::Mat, Secrecy::ToiMat, Secrecy::TuyetMat})
        if (key(s) == k.trimmed().toLower())
            return s;
    return std::nullopt;
}

std::optional<IncomingStatus> Vocabulary::statusFromKey(const QString &k)
{
    for (IncomingStatus s : allStatuses())
        if (key(s) == k.trimmed().toLower())
            return s;
    return std::nullopt;
}

QString Vocabulary::displayName(Urgency u)
{
    switch (u) {
    case Urgency::Normal:
        return tr("Normal");
    case Urgency::Khan:
        return tr("Urgent");
    case Urgency::ThuongKhan:
        return tr("Very urgent");
    case Urgency::HoaToc:
        return tr("Immediate");
    }
    return {};
}

QString Vocabulary::displayName(Secrecy s)
{
    switch (s) {
    case Secrecy::None:
        return tr("Not classified");
    case Secrecy::Mat:
        return tr("Confidential");
    case Secrecy::ToiMat:
        return tr("Secret");
    case Secrecy::TuyetMat:
        return tr("Top secret");
    }
    return {};
}

QString Vocabulary::displayName(IncomingStatus s)
{
    switch (s) {
    case IncomingStatus::New:
        return tr("Newly arrived");
    case IncomingStatus::Registered:
        return tr("Registered");
    case IncomingStatus::Assigned:
        return tr("Assigned");
    case IncomingStatus::InProgress:
        return tr("In progress");
    case IncomingStatus::Completed:
        return tr("Completed");
    case IncomingStatus::Returned:
        return tr("Returned");
    case IncomingStatus::Withdrawn:
        return tr("Withdrawn by the sender");
    }
    return {};
}

QList<IncomingStatus> Vocabulary::allStatuses()
{
    return {IncomingStatus::New,        IncomingStatus::Registered, IncomingStatus::Assigned,
            IncomingStatus::InProgress, IncomingStatus::Completed,  IncomingStatus::Returned,
            IncomingStatus::Withdrawn};
}

QString formatNumber(const QString &number)
{
    bool ok = false;
    const int n = number.trimmed().toInt(&ok);
    if (ok && n >= 0 && n < 10)
        return QStringLiteral("0%1").arg(n);
    return number.trimmed();
}

QString formatReference(const QString &number, const QString &notation)
{
    if (number.trimmed().isEmpty())
        return notation.trimmed();
    if (notation.trimmed().isEmpty())
        return formatNumber(number);
    return formatNumber(number) + QLatin1Char('/') + notation.trimmed();
}

QString IncomingDocument::reference() const
{
    return formatReference(number, notation);
}

bool IncomingDocument::isOverdue(const QDate &today) const
{
    return deadline.isValid() && deadline < today && !isClosed();
}

QString IncomingDocument::searchText() const
{
    return QStringList{reference(), number,     typeName, subject,        authorName,
                       signerName,  recipients, notes,    replyReference, handlerName}
        .join(QLatin1Char(' '));
}

static QString isoDate(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QJsonObject IncomingDocument::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("book"), bookId},
                  {QStringLiteral("year"), year},
                  {QStringLiteral("arrivalNumber"), arrivalNumber},
                  {QStringLiteral("arrivalDate"), isoDate(arrivalDate)},
                  {QStringLiteral("author"), authorName},
                  {QStringLiteral("authorCode"), authorCode},
                  {QStringLiteral("number"), number},
                  {QStringLiteral("notation"), notation},
                  {QStringLiteral("reference"), reference()},
                  {QStringLiteral("date"), isoDate(documentDate)},
                  {QStringLiteral("type"), typeAbbr},
                  {QStringLiteral("typeName"), typeName},
                  {QStringLiteral("subject"), subject},
                  {QStringLiteral("urgency"), Vocabulary::key(urgency)},
                  {QStringLiteral("secrecy"), Vocabulary::key(secrecy)},
                  {QStringLiteral("pageCount"), pageCount},
                  {QStringLiteral("recipients"), recipients},
                  {QStringLiteral("signerName"), signerName},
                  {QStringLiteral("signerPosition"), signerPosition},
                  {QStringLiteral("deadline"), isoDate(deadline)},
                  {QStringLiteral("receiveMethod"), receiveMethod},
                  {QStringLiteral("notes"), notes},
                  {QStringLiteral("status"), Vocabulary::key(status)},
                  {QStringLiteral("handler"), handlerName},
                  {QStringLiteral("replyReference"), replyReference},
                  {QStringLiteral("overdue"), isOverdue()},
                  {QStringLiteral("version"), version}};
    if (assignment) {
        o.insert(
            QStringLiteral("assignment"),
            QJsonObject{{QStringLiteral("leadUserId"), assignment->leadUserId},
                        {QStringLiteral("leadUnitId"), assignment->leadUnitId},
                        {QStringLiteral("coopUnitIds"), QJsonArray::fromStringList(assignment->coopUnitIds)},
                        {QStringLiteral("deadline"), isoDate(assignment->deadline)},
                        {QStringLiteral("opinion"), assignment->opinion},
                        {QStringLiteral("assignedBy"), assignment->assignedBy}});
    }
    QJsonArray files;
    for (const Attachment &a : attachments) {
        QJsonObject file{{QStringLiteral("id"), a.id},
                         {QStringLiteral("fileName"), a.fileName},
                         {QStringLiteral("sha256"), a.sha256},
                         {QStringLiteral("size"), a.size},
                         {QStringLiteral("signatureVerdict"), a.signatureVerdict}};
        const QJsonDocument report = QJsonDocument::fromJson(a.signatureReport.toUtf8());
        if (report.isArray())
            file.insert(QStringLiteral("signatures"), report.array());
        files.append(file);
    }
    o.insert(QStringLiteral("attachments"), files);
    return o;
}

} // namespace govdesk::documents
