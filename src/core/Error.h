#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace govdesk::core {

/// A failure a user must see: a stable machine code (for scripts and tests) and a message kept as its
/// English source text plus arguments, so it can be shown translated (Vietnamese by default) and, where a
/// log or a CLI line wants both, bilingually. Build one with GOVDESK_ERROR so lupdate sees the text.
class Error
{
public:
    Error() = default;
    Error(QString code, const char *context, const char *sourceText, QStringList args = {});

    const QString &code() const { return m_code; }
    /// The message in the application's current language.
    QString text() const;
    /// The message in English (the source text).
    QString english() const;
    /// "Vietnamese — English" when they differ, else one of them: what the CLI prints.
    QString bilingual() const;

    bool isNull() const { return m_code.isEmpty(); }

private:
    QString m_code;
    const char *m_context = nullptr;
    const char *m_source = nullptr;
    QStringList m_args;
};

} // namespace govdesk::core

// Builds an Error from a code and QT_TRANSLATE_NOOP("Context", "English text") written at the call site, so
// lupdate sees the message where it stands and the context travels with it:
//   return GOVDESK_ERROR("incoming.subject", QT_TRANSLATE_NOOP("IncomingService", "The summary is
//   required"));
// The QT_TRANSLATE_NOOP token is pasted, not expanded, so the context and the text both reach the Error.
#define GOVDESK_ERROR(code, noop, ...)                                                                       \
    ::govdesk::core::Error(QStringLiteral(code), GOVDESK_ERROR_SPLIT_##noop, {__VA_ARGS__})
#define GOVDESK_ERROR_SPLIT_QT_TRANSLATE_NOOP(context, text) context, text
