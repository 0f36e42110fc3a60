#include "AuditLog.h"

#include <QJsonDocument>

namespace govdesk::storage {

using core::AuditRecord;
using core::Result;

static QJsonObject parseJson(const QString &s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

static QString toJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<AuditRecord> AuditLog::append(QSqlDatabase &db, const QString &actor, const QString &action,
                                     const QString &entity, const QString &entityId,
                                     const QJsonObject &before, const QJsonObject &after)
{
    Sql head(db, QStringLiteral("UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 "
                                "RETURNING last_seq, last_hash"));
    if (auto r = head.exec(); !r)
        return r.error();
    if (!head.next())
        return GOVDESK_ERROR("audit.head",
                             QT_TRANSLATE_NOOP("AuditLog", "The audit trail is not initialised"));
    AuditRecord rec;
    rec.sequence = head.value(0).toLongLong();
    rec.previousHash = head.value(1).toString();
    rec.at = QDateTime::currentDateTimeUtc();
    rec.actor = actor;
    rec.action = action;
    rec.entity = entity;
    rec.entityId = entityId;
    rec.before = before;
    rec.after = after;
    rec.hash = rec.computeHash();
    Sql ins(db,
            QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, "
                           "after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ins << rec.sequence << rec.at.toString(Qt::ISODateWithMs) << actor << action << entity << entityId
        << toJson(before) << toJson(after) << rec.previousHash << rec.hash;
    if (auto r = ins.exec(); !r)
        return r.error();
    Sql upd(db, QStringLiteral("UPDATE audit_head SET last_hash = ? WHERE id = 1"));
    upd << rec.hash;
    if (auto r = upd.exec(); !r)
        return r.error();
    return rec;
}

static AuditRecord readRecord(Sql &q)
{
    AuditRecord rec;
    rec.sequence = q.value(0).toLongLong();
    rec.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    rec.actor = q.value(2).toString();
    rec.action = q.value(3).toString();
    rec.entity = q.value(4).toString();
    rec.entityId = q.value(5).toString();
    rec.before = parseJson(q.value(6).toString());
    rec.after = parseJson(q.value(7).toString());
    rec.previousHash = q.value(8).toString();
    rec.hash = q.value(9).toString();
    return rec;
}

static const char *selectColumns =
    "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash FROM audit_log ";

Result<AuditLog::Report> AuditLog::verify(Database &database)
{
    QSqlDatabase db = database.connection();
    Sql q(db, QLatin1String(selectColumns) + QStringLiteral("ORDER BY seq"));
    if (auto r = q.exec(); !r)
        return r.error();
    Report report;
    QString previous;
    qint64 expectedSeq = 1;
    while (q.next()) {
        const AuditRecord rec = readRecord(q);
        if (rec.sequence != expectedSeq)
            return GOVDESK_ERROR(
                "audit.gap",
                QT_TRANSLATE_NOOP(
                    "AuditLog",
                    "The audit trail was tampered with: entry %1 is missing (next present is %2)"),
                QString::number(expectedSeq), QString::number(rec.sequence));
        if (rec.previousHash != previous)
            return GOVDESK_ERROR(
                "audit.chain",
                QT_TRANSLATE_NOOP(
                    "AuditLog",
                    "The audit trail was tampered with: entry %1 (%2, %3) does not follow entry %4"),
                QString::number(rec.sequence), rec.action, rec.actor, QString::number(rec.sequence - 1));
        if (rec.computeHash() != rec.hash)
            return GOVDESK_ERROR(
                "audit.hash",
                QT_TRANSLATE_NOOP("AuditLog",
                                  "The audit trail was tampered with: entry %1 (%2 by %3 at %4) was altered"),
                QString::number(rec.sequence), rec.action, rec.actor, rec.at.toString(Qt::ISODate));
        previous = rec.hash;
        ++expectedSeq;
        ++report.entries;
    }
    Sql head(db, QStringLiteral("SELECT last_seq, last_hash FROM audit_head WHERE id = 1"));
    if (auto r = head.exec(); !r)
        return r.error();
    if (!head.next() || head.value(0).toLongLong() != report.entries || head.value(1).toString() != previous)
        return GOVDESK_ERROR(
            "audit.truncated",
            QT_TRANSLATE_NOOP("AuditLog", "The audit trail was tampered with: entries after %1 were removed"),
            QString::number(report.entries));
    report.headHash = previous;
    return report;
}

Result<QList<AuditRecord>> AuditLog::entriesFor(Database &database, const QString &entityId)
{
    QSqlDatabase db = database.connection();
    Sql q(db, QLatin1String(selectColumns) + QStringLiteral("WHERE entity_id = ? ORDER BY seq"));
    q << entityId;
    if (auto r = q.exec(); !r)
        return r.error();
    QList<AuditRecord> out;
    while (q.next())
        out << readRecord(q);
    return out;
}

} // namespace govdesk::storage
