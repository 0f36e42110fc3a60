#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace govdesk::storage {

/// One numbered schema change of one module, written once for both engines. In the statements,
/// {BLOB} becomes BLOB/BYTEA and {AUTOINC} becomes INTEGER PRIMARY KEY AUTOINCREMENT / BIGSERIAL PRIMARY KEY;
/// where the engines differ more, give `sqliteOnly` / `postgresOnly` statements.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
    QStringList sqliteOnly;
    QStringList postgresOnly;
};

/// All migrations of one module ("storage", "documents", ...), in version order, applied at start-up.
struct MigrationSet
{
    QString module;
    QList<Migration> migrations;
};

} // namespace govdesk::storage
