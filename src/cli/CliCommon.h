#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTextStream>

namespace govdesk::cli {

/// Options of one command: --name VALUE, --flag, repeatable options, and positional words.
struct Options
{
    QHash<QString, QStringList> values;
    QSet<QString> flags;
    QStringList positional;
    QString error;

    QString value(const QString &n) const { return values.value(n).value(0); }
    QStringList all(const QString &n) const { return values.value(n); }
    bool has(const QString &n) const { return values.contains(n) || flags.contains(n); }
};

Options parse(const QStringList &args, const QStringList &withValue, const QStringList &flags);
QTextStream &out();
QTextStream &err();

} // namespace govdesk::cli
