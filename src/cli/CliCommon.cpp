#include "CliCommon.h"

#include <QImage>

#include <cstdio>

namespace govdesk::cli {

Options parse(const QStringList &args, const QStringList &withValue, const QStringList &flags)
{
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a.startsWith(QLatin1String("--"))) {
            QString name = a.mid(2);
            QString inlineValue;
            bool hasInline = false;
            if (const int eq = name.indexOf(QLatin1Char('=')); eq > 0) {
                inlineValue = name.mid(eq + 1);
                name = name.left(eq);
                hasInline = true;
            }
            if (withValue.contains(name)) {
                if (hasInline) {
                    o.values[name] << inlineValue;
                } else if (i + 1 < args.size()) {
                    o.values[name] << args[++i];
                } else {
                    o.error = QStringLiteral("--%1").arg(name);
                    return o;
                }
            } else if (flags.contains(name) && !hasInline) {
                o.flags.insert(name);
            } else {
                o.error = a;
                return o;
            }
        } else {
            o.positional << a;
        }
    }
    return o;
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QImage loadImage(const QString &path, core::Error *error)
{
    if (path.isEmpty())
        return {};
    QImage image(path);
    if (image.isNull())
        *error = GOVDESK_ERROR("signing.image-unreadable",
                               QT_TRANSLATE_NOOP("Cli", "Cannot read the image %1 (a PNG file is expected)"),
                               path);
    return image;
}

} // namespace govdesk::cli
