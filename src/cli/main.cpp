#include "Cli.h"

#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    // Reports render with Qt's painter and fonts; no window is ever shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("GovDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("GovDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOVDESK_VERSION));

    // Vietnamese first; --lang en or GOVDESK_LANG=en for English.
    QString lang = qEnvironmentVariable("GOVDESK_LANG", QStringLiteral("vi"));
    const QStringList args = app.arguments();
    // A longer value names a recogniser's language ("ocr --lang vie"), not the interface's.
    for (int i = 1; i + 1 < args.size(); ++i)
        if (args[i] == QLatin1String("--lang") && args[i + 1].size() <= 2) {
            lang = args[i + 1];
            break;
        }
    QTranslator translator;
    if (lang != QLatin1String("en") && translator.load(QStringLiteral(":/i18n/govdesk_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(&translator);

    govdesk::cli::Cli cli(args);
    return cli.run();
}
