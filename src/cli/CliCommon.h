#pragma once

#include "core/Error.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTextStream>

class QImage;

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
/// The image at `path` (a null image for an empty path); sets `error` when the file cannot be read.
QImage loadImage(const QString &path, core::Error *error);

} // namespace govdesk::cli
