#include "FaultPlan.h"

#include <QRegularExpression>

namespace govdesk::sandbox {

const QStringList &FaultPlan::operations()
{
    static const QStringList ops{QStringLiteral("sendEdoc"),
                                 QStringLiteral("getReceivedEdocList"),
                                 QStringLiteral("getEdoc"),
                                 QStringLiteral("updateStatus"),
                                 QStringLiteral("getSentEdocList"),
                                 QStringLiteral("getAgenciesList"),
                                 QStringLiteral("token"),
                                 QStringLiteral("deliver"),
                                 QStringLiteral("*")};
    return ops;
}

bool FaultPlan::parseRule(const QString &text, Fault *fault, QString *error)
{
    static const QRegularExpression rule(
        QStringLiteral("^\\s*([A-Za-z*]+)\\s*=\\s*([A-Za-z0-9:-]+?)\\s*(?:x\\s*(\\d+|\\*))?\\s*$"));
    const auto m = rule.match(text);
    if (!m.hasMatch()) {
        *error = QStringLiteral("cannot read the fault rule \"%1\"").arg(text.trimmed());
        return false;
    }
    QString op;
    for (const QString &known : operations())
        if (known.compare(m.captured(1), Qt::CaseInsensitive) == 0)
            op = known;
    if (op.isEmpty()) {
        *error = QStringLiteral("unknown operation \"%1\" (one of %2)")
                     .arg(m.captured(1), operations().join(QStringLiteral(", ")));
        return false;
    }
    Fault f;
    f.operation = op;
    const QString kind = m.captured(2).toLower();
    static const QRegularExpression delay(QStringLiteral("^delay:(\\d+)(ms|s)?$"));
    if (const auto d = delay.match(kind); d.hasMatch()) {
        f.kind = Kind::Delay;
        f.delayMs = d.captured(1).toInt() * (d.captured(2) == QLatin1String("s") ? 1000 : 1);
    } else if (kind == QLatin1String("timeout")) {
        f.kind = Kind::Timeout;
    } else if (kind == QLatin1String("drop")) {
        f.kind = Kind::Drop;
    } else if (kind == QLatin1String("drop-mid")) {
        f.kind = Kind::DropMid;
    } else if (kind == QLatin1String("truncate")) {
        f.kind = Kind::Truncate;
    } else if (kind == QLatin1String("duplicate")) {
        f.kind = Kind::Duplicate;
    } else if (kind == QLatin1String("base64")) {
        f.kind = Kind::Base64;
    } else if (bool isNumber = false; kind.toInt(&isNumber), isNumber) {
        f.kind = Kind::Status;
        f.status = kind.toInt();
        if (f.status < 400 || f.status > 599) {
            *error = QStringLiteral("HTTP status %1 is not an error status (400–599)").arg(f.status);
            return false;
        }
    } else {
        *error = QStringLiteral("unknown fault kind \"%1\"").arg(kind);
        return false;
    }
    if ((f.kind == Kind::Duplicate) != (op == QLatin1String("deliver"))) {
        *error = QStringLiteral("\"duplicate\" goes with the operation deliver, and only it");
        return false;
    }
    if (f.kind == Kind::Base64 && op != QLatin1String("getEdoc")) {
        *error = QStringLiteral("\"base64\" goes with the operation getEdoc");
        return false;
    }
    const QString count = m.captured(3);
    f.remaining = count.isEmpty() ? 1 : (count == QLatin1String("*") ? -1 : count.toInt());
    if (f.remaining == 0) {
        *error = QStringLiteral("a fault count must be at least 1");
        return false;
    }
    *fault = f;
    return true;
}

bool FaultPlan::add(const QString &spec, QString *error)
{
    QList<Fault> parsed;
    for (const QString &part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty())
            continue;
        Fault f;
        if (!parseRule(part, &f, error))
            return false;
        parsed << f;
    }
    m_rules += parsed;
    return true;
}

FaultPlan::Fault FaultPlan::take(const QString &operation)
{
    auto consume = [this](qsizetype i) {
        Fault f = m_rules[i];
        if (m_rules[i].remaining > 0 && --m_rules[i].remaining == 0)
            m_rules.removeAt(i);
        return f;
    };
    for (qsizetype i = 0; i < m_rules.size(); ++i)
        if (m_rules[i].operation == operation)
            return consume(i);
    if (operation != QLatin1String("deliver"))
        for (qsizetype i = 0; i < m_rules.size(); ++i)
            if (m_rules[i].operation == QLatin1String("*") && m_rules[i].kind != Kind::Base64)
                return consume(i);
    return {};
}

QJsonArray FaultPlan::describe() const
{
    QJsonArray out;
    for (const Fault &f : m_rules) {
        QString kind;
        switch (f.kind) {
        case Kind::Status:
            kind = QString::number(f.status);
            break;
        case Kind::Timeout:
            kind = QStringLiteral("timeout");
            break;
        case Kind::Delay:
            kind = QStringLiteral("delay:%1ms").arg(f.delayMs);
            break;
        case Kind::Drop:
            kind = QStringLiteral("drop");
            break;
        case Kind::DropMid:
            kind = QStringLiteral("drop-mid");
            break;
        case Kind::Truncate:
            kind = QStringLiteral("truncate");
            break;
        case Kind::Duplicate:
            kind = QStringLiteral("duplicate");
            break;
        case Kind::Base64:
            kind = QStringLiteral("base64");
            break;
        case Kind::None:
            break;
        }
        out.append(QStringLiteral("%1=%2 x%3")
                       .arg(f.operation, kind,
                            f.remaining < 0 ? QStringLiteral("*") : QString::number(f.remaining)));
    }
    return out;
}

} // namespace govdesk::sandbox
