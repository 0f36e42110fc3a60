#include "Language.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace govdesk::gui {

static const char *kLanguageKey = "ui/language";

QString Language::chosen()
{
    const QString lang = QSettings().value(QLatin1String(kLanguageKey), vietnamese()).toString();
    return lang == english() ? english() : vietnamese();
}

void Language::choose(const QString &language)
{
    QSettings().setValue(QLatin1String(kLanguageKey), language);
}

bool Language::install(const QString &language)
{
    if (language == english()) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        return true;
    }
    QLocale::setDefault(QLocale(QLocale::Vietnamese, QLocale::Vietnam));
    // Qt's own texts (dialog buttons, print preview) in Vietnamese where Qt ships them.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(QLocale::Vietnamese), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *ours = new QTranslator(QCoreApplication::instance());
    if (!ours->load(QStringLiteral(":/i18n/govdesk_%1.qm").arg(language))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    return true;
}

} // namespace govdesk::gui
