#include "Pkcs11Module.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace govdesk::signing {

static QString currentOsKey()
{
#if defined(Q_OS_WIN)
    return QStringLiteral("windows");
#elif defined(Q_OS_MACOS)
    return QStringLiteral("macos");
#else
    return QStringLiteral("linux");
#endif
}

static QString existingCanonical(const QString &path)
{
    if (path.isEmpty())
        return {};
    const QFileInfo fi(path);
    if (!fi.exists() || !fi.isFile())
        return {};
    return fi.canonicalFilePath();
}

QList<KnownModule> availablePkcs11Modules(const QStringList &configuredPaths)
{
    // Known vendor modules: (vendor, id, candidate paths for this OS).
    struct Entry
    {
        QString vendor, id;
        QStringList paths;
    };
    QList<Entry> known;
    QFile file(QStringLiteral(":/signing/pkcs11-modules.json"));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonArray modules =
            QJsonDocument::fromJson(file.readAll()).object().value(u"modules").toArray();
        for (const QJsonValue &v : modules) {
            const QJsonObject o = v.toObject();
            Entry e{o.value(u"vendor").toString(), o.value(u"id").toString(), {}};
            for (const QJsonValue &p : o.value(currentOsKey()).toArray())
                e.paths.append(p.toString());
            known.append(e);
        }
    }

    QList<KnownModule> out;
    QSet<QString> seen;
    for (const QString &path : configuredPaths) {
        const QString canonical = existingCanonical(path.trimmed());
        if (canonical.isEmpty() || seen.contains(canonical))
            continue;
        seen.insert(canonical);
        KnownModule m{QFileInfo(canonical).fileName(), QStringLiteral("configured"), canonical};
        // A configured path that is one of the known vendor files keeps the vendor's name.
        for (const Entry &e : known) {
            for (const QString &p : e.paths) {
                if (existingCanonical(p) == canonical) {
                    m.vendor = e.vendor;
                    m.id = e.id;
                }
            }
        }
        out.append(m);
    }
    for (const Entry &e : known) {
        for (const QString &p : e.paths) {
            const QString canonical = existingCanonical(p);
            if (canonical.isEmpty())
                continue;
            if (!seen.contains(canonical)) {
                seen.insert(canonical);
                out.append(KnownModule{e.vendor, e.id, canonical});
            }
            break; // the first existing file of each entry
        }
    }
    return out;
}

} // namespace govdesk::signing
