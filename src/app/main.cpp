#include "Launcher.h"

#include "gui/Language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>

#include <cstdio>

int main(int argc, char *argv[])
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a display Qt would abort deep inside the platform plugin; say what to do instead.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::fputs(
            "GovDesk cần màn hình: không tìm thấy DISPLAY hay WAYLAND_DISPLAY. Trên máy không có màn hình, "
            "hãy chạy: xvfb-run -a govdesk\n"
            "GovDesk needs a display: neither DISPLAY nor WAYLAND_DISPLAY is set. On a machine without a "
            "screen, run it as: xvfb-run -a govdesk\n",
            stderr);
        return 3;
    }
#endif
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("GovDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("GovDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOVDESK_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("GovDesk"));
    QGuiApplication::setDesktopFileName(QStringLiteral("govdesk"));

    govdesk::gui::Language::install(govdesk::gui::Language::chosen());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop client for the clerical work of Vietnamese agencies"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"), QCoreApplication::translate("main", "Use the SQLite workspace in DIR."),
        QStringLiteral("DIR"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("main", "Use the shared database at URL (postgresql://user@host/db)."),
        QStringLiteral("URL"));
    const QCommandLineOption as(
        QStringLiteral("as"),
        QCoreApplication::translate("main",
                                    "Sign in as USER with the password in GOVDESK_PASSWORD, without the "
                                    "sign-in dialog."),
        QStringLiteral("USER"));
    parser.addOptions({workspace, database, as});
    parser.process(app);

    govdesk::app::Launcher::Options options;
    options.workspaceDir = parser.value(workspace);
    options.databaseUrl = parser.value(database);
    options.user = parser.value(as);
    int code = 0;
    {
        govdesk::app::Launcher launcher(options);
        launcher.start();
        code = app.exec();
    }
    QThreadPool::globalInstance()->waitForDone();
    return code;
}
