#include "AttachmentName.h"

#include <QStringList>

namespace govdesk::exchange::edxml {

namespace {

bool isReservedDeviceName(const QString &stem)
{
    static const QStringList fixed = {QStringLiteral("CON"),    QStringLiteral("PRN"),
                                      QStringLiteral("AUX"),    QStringLiteral("NUL"),
                                      QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    const QString s = stem.trimmed().toUpper();
    if (fixed.contains(s))
        return true;
    if (s.size() == 4 && (s.startsWith(QLatin1String("COM")) || s.startsWith(QLatin1String("LPT"))))
        return s.at(3) >= QLatin1Char('1') && s.at(3) <= QLatin1Char('9');
    return false;
}

/// `text` cut to at most `maxBytes` UTF-8 bytes without splitting a character.
QString truncateUtf8(const QString &text, qsizetype maxBytes)
{
    QString out;
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype len = (text.at(i).isHighSurrogate() && i + 1 < text.size()) ? 2 : 1;
        const QString ch = text.mid(i, len);
        const qsizetype n = ch.toUtf8().size();
        if (bytes + n > maxBytes)
            break;
        out += ch;
        bytes += n;
        i += len;
    }
    return out;
}

} // namespace

QString AttachmentName::sanitise(const QString &input, int index)
{
    QString name = input.normalized(QString::NormalizationForm_C);
    // Base name only: whatever follows the last separator of either platform.
    const qsizetype sep = std::max(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
    if (sep >= 0)
        name = name.mid(sep + 1);
    // A drive letter ("C:report.pdf") or any other colon would name a drive or an NTFS stream.
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':') && name.at(0).isLetter())
        name = name.mid(2);
    QString clean;
    clean.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const char32_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f))
            continue; // control characters
        if (c.category() == QChar::Other_Format)
            continue; // bidi overrides and zero-width characters that disguise an extension
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            clean += c;
            clean += name.at(++i);
            continue;
        }
        if (c.isSurrogate())
            continue; // a lone half of a pair
        if (QStringLiteral("<>:\"|?*").contains(c))
            clean += QLatin1Char('_');
        else
            clean += c;
    }
    // No "..": runs of dots become one, and no leading dot (hidden files, "." and "..").
    while (clean.contains(QLatin1String("..")))
        clean.replace(QLatin1String(".."), QLatin1String("."));
    clean = clean.trimmed();
    while (clean.startsWith(QLatin1Char('.')))
        clean = clean.mid(1).trimmed();
    // Windows drops trailing dots and spaces, so "a.pdf. " and "a.pdf" would be the same file.
    while (!clean.isEmpty() && (clean.endsWith(QLatin1Char('.')) || clean.endsWith(QLatin1Char(' '))))
        clean.chop(1);
    if (clean.isEmpty())
        return QStringLiteral("tep-dinh-kem-%1").arg(index);

    const qsizetype dot = clean.lastIndexOf(QLatin1Char('.'));
    QString stem = dot > 0 ? clean.left(dot) : clean;
    QString ext = dot > 0 ? clean.mid(dot) : QString();
    if (ext.toUtf8().size() > 32) {
        // Not an extension worth keeping: treat the whole as the stem.
        stem = clean;
        ext.clear();
    }
    if (isReservedDeviceName(stem.section(QLatin1Char('.'), 0, 0)))
        stem.prepend(QLatin1Char('_'));
    if ((stem + ext).toUtf8().size() > MaxBytes) {
        stem = truncateUtf8(stem, MaxBytes - ext.toUtf8().size()).trimmed();
        while (!stem.isEmpty() && (stem.endsWith(QLatin1Char('.')) || stem.endsWith(QLatin1Char(' '))))
            stem.chop(1);
    }
    const QString result = stem + ext;
    if (stem.isEmpty())
        return QStringLiteral("tep-dinh-kem-%1").arg(index) + ext;
    return result;
}

} // namespace govdesk::exchange::edxml
