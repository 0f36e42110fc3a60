#pragma once

#include <QCoreApplication>
#include <QString>

class QTranslator;

namespace govdesk::gui {

/// The interface language: Vietnamese unless the user chose English (remembered in QSettings). The choice
/// applies at the next start, when every window is built in the new language.
class Language
{
    Q_DECLARE_TR_FUNCTIONS(Language)
public:
    static QString vietnamese() { return QStringLiteral("vi"); }
    static QString english() { return QStringLiteral("en"); }

    /// The language chosen in the settings ("vi" by default).
    static QString chosen();
    static void choose(const QString &language);
    /// Installs the catalogue of `language` into the application (nothing for English, the source language).
    /// Returns false when the catalogue is missing from the build.
    static bool install(const QString &language);
};

} // namespace govdesk::gui
