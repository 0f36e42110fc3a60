#include "Error.h"

namespace govdesk::core {

Error::Error(QString code, const char *context, const char *sourceText, QStringList args)
    : m_code(std::move(code)), m_context(context), m_source(sourceText), m_args(std::move(args))
{}

static QString fill(QString s, const QStringList &args)
{
    for (const QString &a : args)
        s = s.arg(a);
    return s;
}

QString Error::text() const
{
    if (!m_source)
        return {};
    return fill(QCoreApplication::translate(m_context, m_source), m_args);
}

QString Error::english() const
{
    if (!m_source)
        return {};
    return fill(QString::fromUtf8(m_source), m_args);
}

QString Error::bilingual() const
{
    const QString t = text();
    const QString e = english();
    return t == e ? e : t + QStringLiteral(" — ") + e;
}

} // namespace govdesk::core
