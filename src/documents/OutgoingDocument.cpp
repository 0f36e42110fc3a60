#include "OutgoingDocument.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace govdesk::documents {

QString OutgoingVocabulary::key(OutgoingStatus s)
{
    switch (s) {
    case OutgoingStatus::Draft:
        return QStringLiteral("du-thao");
    case OutgoingStatus::Submitted:
        return QStringLiteral("cho-duyet");
    case OutgoingStatus::Returned:
        return QStringLiteral("tra-lai");
    case OutgoingStatus::Approved:
        return QStringLiteral("da-duyet");
    case OutgoingStatus::Signed:
        return QStringLiteral("da-ky");
    case OutgoingStatus::Issued:
        return QStringLiteral("da-cap-so");
    case OutgoingStatus::Sent:
        return QStringLiteral("da-phat-hanh");
    case OutgoingStatus::Recalled:
        return QStringLiteral("da-thu-hoi");
    }
    return {};
}

QString OutgoingVocabulary::key(SendChannel c)
{
    switch (c) {
    case SendChannel::Internal:
        return QStringLiteral("noi-bo");
    case SendChannel::Exchange:
        return QStringLiteral("lien-thong");
    case SendChannel::Post:
        return QStringLiteral("buu-dien");
    }
    return {};
}

QString OutgoingVocabulary::key(LinkKind k)
{
    switch (k) {
    case LinkKind::Replaces:
        return QStringLiteral("thay-the");
    case LinkKind::Updates:
        return QStringLiteral("cap-nhat");
    case LinkKind::Corrects:
        return QStringLiteral("dinh-chinh");
    }
    return {};
}

std::optional<OutgoingStatus> OutgoingVocabulary::statusFromKey(const QString &k)
{
    for (OutgoingStatus s : allStatuses())
        if (key(s) == k.trimmed().toLower())
            return s;
    return std::nullopt;
}

std::optional<SendChannel> OutgoingVocabulary::channelFromKey(const QString &k)
{
    const QString t = k.trimmed().toLower();
    if (t == QLatin1String("internal") || t == key(SendChannel::Internal))
        return SendChannel::Internal;
    if (t == QLatin1String("exchange") || t == key(SendChannel::Exchange))
        return SendChannel::Exchange;
    if (t == QLatin1String("post") || t == key(SendChannel::Post))
        return SendChannel::Post;
    return std::nullopt;
}

std::optional<LinkKind> OutgoingVocabulary::linkKindFromKey(const QString &k)
{
    for (LinkKind l : {LinkKind::Replaces, LinkKind::Updates, LinkKind::Corrects})
        if (key(l) == k.trimmed().toLower())
            return l;
    return std::nullopt;
}

QString OutgoingVocabulary::displayName(OutgoingStatus s)
{
    switch (s) {
    case OutgoingStatus::Draft:
        return tr("Draft");
    case OutgoingStatus::Submitted:
        return tr("Submitted for approval");
    case OutgoingStatus::Returned:
        return tr("Returned for revision");
    case OutgoingStatus::Approved:
        return tr("Approved");
    case OutgoingStatus::Signed:
        return tr("Signed");
    case OutgoingStatus::Issued:
        return tr("Numbered");
    case OutgoingStatus::Sent:
        return tr("Sent");
    case OutgoingStatus::Recalled:
        return tr("Recalled");
    }
    return {};
}

QString OutgoingVocabulary::displayName(SendChannel c)
{
    switch (c) {
    case SendChannel::Internal:
        return tr("Internal");
    case SendChannel::Exchange:
        return tr("Document exchange");
    case SendChannel::Post:
        return tr("Post");
    }
    return {};
}

QString OutgoingVocabulary::displayName(LinkKind k)
{
    switch (k) {
    case LinkKind::Replaces:
        return tr("Replaces");
    case LinkKind::Updates:
        return tr("Updates");
    case LinkKind::Corrects:
        return tr("Corrects");
    }
    return {};
}

QList<OutgoingStatus> OutgoingVocabulary::allStatuses()
{
    return {OutgoingStatus::Draft,    OutgoingStatus::Submitted, OutgoingStatus::Returned,
            OutgoingStatus::Approved, OutgoingStatus::Signed,    OutgoingStatus::Issued,
            OutgoingStatus::Sent,     OutgoingStatus::Recalled};
}

QStringList OutgoingVocabulary::authorityPrefixes()
{
    return {QStringLiteral("TM."), QStringLiteral("Q."), QStringLiteral("KT."), QStringLiteral("TL."),
            QStringLiteral("TUQ.")};
}

std::optional<QString> OutgoingVocabulary::authorityPrefixFromText(const QString &text)
{
    QString t = text.trimmed().toUpper();
    if (t.isEmpty())
        return QString();
    if (!t.endsWith(QLatin1Char('.')))
        t += QLatin1Char('.');
    if (authorityPrefixes().contains(t))
        return t;
    return std::nullopt;
}

QString outgoingNotation(const QString &typeAbbr, bool typeHasAbbreviation, const QString &organAbbr,
                         const QString &unitAbbr)
{
    QStringList parts;
    if (typeHasAbbreviation)
        parts << typeAbbr.trimmed() << organAbbr.trimmed();
    else
        parts << organAbbr.trimmed() << unitAbbr.trimmed();
    parts.removeAll(QString());
    return parts.join(QLatin1Char('-'));
}

bool isCopyType(const QString &typeAbbr)
{
    return typeAbbr == QLatin1String("SY") || typeAbbr == QLatin1String("TrS") ||
           typeAbbr == QLatin1String("SL");
}

bool looksLikePdf(const QByteArray &data)
{
    if (!data.startsWith("%PDF-"))
        return false;
    // A whole file ends with %%EOF (maybe followed by a line end); a cut-off download does not.
    return data.right(1024).contains("%%EOF");
}

QString OutgoingDocument::reference() const
{
    if (number <= 0)
        return {};
    return formatReference(QString::number(number), notation);
}

std::optional<DraftFileVersion> OutgoingDocument::currentFile() const
{
    if (files.isEmpty())
        return std::nullopt;
    return files.last();
}

QString OutgoingDocument::searchText() const
{
    return QStringList{reference(), notation,   typeName,   subject,        unitName,
                       drafterName, recipients, signerName, signerPosition, recallReason}
        .join(QLatin1Char(' '));
}

static QString isoDate(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

static QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toString(Qt::ISODateWithMs) : QString();
}

QJsonObject OutgoingDocument::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("book"), bookId},
                  {QStringLiteral("year"), year},
                  {QStringLiteral("number"), number},
                  {QStringLiteral("notation"), notation},
                  {QStringLiteral("reference"), reference()},
                  {QStringLiteral("issuedDate"), isoDate(issuedDate)},
                  {QStringLiteral("type"), typeAbbr},
                  {QStringLiteral("typeName"), typeName},
                  {QStringLiteral("subject"), subject},
                  {QStringLiteral("unitId"), unitId},
                  {QStringLiteral("unit"), unitName},
                  {QStringLiteral("drafterId"), drafterId},
                  {QStringLiteral("drafter"), drafterName},
                  {QStringLiteral("secrecy"), Vocabulary::key(secrecy)},
                  {QStringLiteral("urgency"), Vocabulary::key(urgency)},
                  {QStringLiteral("recipients"), recipients},
                  {QStringLiteral("recipientCodes"), QJsonArray::fromStringList(recipientCodes)},
                  {QStringLiteral("status"), OutgoingVocabulary::key(status)},
                  {QStringLiteral("signerName"), signerName},
                  {QStringLiteral("signerPosition"), signerPosition},
                  {QStringLiteral("authorityPrefix"), authorityPrefix},
                  {QStringLiteral("replyTo"), replyToId},
                  {QStringLiteral("reservedNumber"), reservedNumber},
                  {QStringLiteral("reservedYear"), reservedYear},
                  {QStringLiteral("sentChannel"), sentChannel},
                  {QStringLiteral("sentAt"), isoTime(sentAt)},
                  {QStringLiteral("recallReason"), recallReason},
                  {QStringLiteral("recalledAt"), isoTime(recalledAt)},
                  {QStringLiteral("createdBy"), createdBy},
                  {QStringLiteral("createdAt"), isoTime(createdAt)},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("copies"), copies},
                  {QStringLiteral("pages"), pages},
                  {QStringLiteral("archiveHolder"), archiveHolder},
                  {QStringLiteral("dueDate"), isoDate(dueDate)},
                  {QStringLiteral("issuingBody"), bodyAbbr},
                  {QStringLiteral("issuingBodyName"), bodyName}};
    QJsonArray fileArray;
    for (const DraftFileVersion &f : files)
        fileArray.append(QJsonObject{{QStringLiteral("version"), f.version},
                                     {QStringLiteral("fileName"), f.fileName},
                                     {QStringLiteral("sha256"), f.sha256},
                                     {QStringLiteral("size"), f.size},
                                     {QStringLiteral("uploadedBy"), f.uploadedBy},
                                     {QStringLiteral("uploadedAt"), isoTime(f.uploadedAt)}});
    o.insert(QStringLiteral("files"), fileArray);
    QJsonArray commentArray;
    for (const ReviewComment &c : comments)
        commentArray.append(QJsonObject{{QStringLiteral("at"), isoTime(c.at)},
                                        {QStringLiteral("user"), c.username},
                                        {QStringLiteral("kind"), c.kind},
                                        {QStringLiteral("fileVersion"), c.fileVersion},
                                        {QStringLiteral("comment"), c.comment}});
    o.insert(QStringLiteral("comments"), commentArray);
    QJsonArray linkArray;
    for (const OutgoingLink &l : links)
        linkArray.append(QJsonObject{
            {QStringLiteral("id"), l.targetId},
            {QStringLiteral("reference"), l.targetReference},
            {QStringLiteral("kind"), OutgoingVocabulary::key(l.kind)},
            {QStringLiteral("direction"), l.incoming ? QStringLiteral("by") : QStringLiteral("of")}});
    o.insert(QStringLiteral("links"), linkArray);
    return o;
}

QJsonObject IssuingBody::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("abbr"), abbr},
                       {QStringLiteral("bookId"), bookId},
                       {QStringLiteral("active"), active}};
}

QString IssuingBody::bookIdFor(const QString &bodyId)
{
    return QStringLiteral("outgoing-body-") + bodyId;
}

bool IssuingBody::isValidAbbreviation(const QString &abbr)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-ZĐ][A-Z0-9Đ]*(-[A-Z0-9Đ]+)*$"));
    return abbr.size() <= 20 && pattern.match(abbr).hasMatch();
}

QJsonObject PostSending::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("documentId"), documentId},
                       {QStringLiteral("reference"), reference},
                       {QStringLiteral("issuedDate"), isoDate(issuedDate)},
                       {QStringLiteral("sentOn"), isoDate(sentOn)},
                       {QStringLiteral("recipients"), recipients},
                       {QStringLiteral("envelopes"), envelopes},
                       {QStringLiteral("note"), note},
                       {QStringLiteral("recordedBy"), recordedBy},
                       {QStringLiteral("recordedAt"), isoTime(recordedAt)}};
}

QJsonObject ArchiveLoan::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("documentId"), documentId},
                       {QStringLiteral("reference"), reference},
                       {QStringLiteral("issuedDate"), isoDate(issuedDate)},
                       {QStringLiteral("typeName"), typeName},
                       {QStringLiteral("subject"), subject},
                       {QStringLiteral("borrower"), borrowerName},
                       {QStringLiteral("fileRef"), fileRef},
                       {QStringLiteral("permittedBy"), permittedBy},
                       {QStringLiteral("note"), note},
                       {QStringLiteral("lentOn"), isoDate(lentOn)},
                       {QStringLiteral("lentBy"), lentBy},
                       {QStringLiteral("returnedOn"), isoDate(returnedOn)},
                       {QStringLiteral("returnedBy"), returnedBy},
                       {QStringLiteral("returned"), isReturned()}};
}

QString defaultArchiveHolder(const QString &unitName)
{
    // Data written into the register, in the register's language.
    QStringList holders{QStringLiteral("Văn thư")};
    if (!unitName.trimmed().isEmpty())
        holders << unitName.trimmed();
    return holders.join(QStringLiteral("; "));
}

} // namespace govdesk::documents
