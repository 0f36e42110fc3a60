#include "TextFold.h"

namespace govdesk::core {

QString stripDiacritics(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const auto cat = c.category();
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining ||
            cat == QChar::Mark_Enclosing)
            continue;
        if (c == QChar(0x0111))
            c = QLatin1Char('d');
        else if (c == QChar(0x0110))
            c = QLatin1Char('D');
        out.append(c);
    }
    return out;
}

QString foldForSearch(const QString &text)
{
    const QString plain = stripDiacritics(text).toLower();
    QString out;
    out.reserve(plain.size());
    bool space = true;
    for (QChar c : plain) {
        if (c.isLetterOrNumber()) {
            out.append(c);
            space = false;
        } else if (!space) {
            out.append(QLatin1Char(' '));
            space = true;
        }
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

QString vietnameseSortKey(const QString &text)
{
    // Base letters in Vietnamese alphabet order, then tone marks as a secondary key. f, j, w and z are not
    // Vietnamese letters but occur in names (Facebook, Zalo); they keep their Latin places.
    static const QString alphabet = QStringLiteral("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz");
    const QString lower = text.toLower().normalized(QString::NormalizationForm_C);
    QString primary;
    QString secondary;
    for (QChar c : lower) {
        const QString d = QString(c).normalized(QString::NormalizationForm_D);
        // base letter keeps the vowel-shape marks (breve, circumflex, horn) which are letters of their own
        QChar base = d.at(0);
        int tone = 0;
        QString shaped(base);
        for (int i = 1; i < d.size(); ++i) {
            const ushort m = d.at(i).unicode();
            if (m == 0x0306 || m == 0x0302 || m == 0x031B)
                shaped.append(d.at(i));
            else if (m == 0x0300)
                tone = 1;
            else if (m == 0x0309)
                tone = 2;
            else if (m == 0x0303)
                tone = 3;
            else if (m == 0x0301)
                tone = 4;
            else if (m == 0x0323)
                tone = 5;
        }
        const QChar composed = shaped.normalized(QString::NormalizationForm_C).at(0);
        const int idx = alphabet.indexOf(composed);
        if (idx >= 0)
            primary.append(QChar(0x100 + idx * 2));
        else
            primary.append(composed);
        secondary.append(QChar(u'0' + tone));
    }
    return primary + QChar(1) + secondary;
}

} // namespace govdesk::core
