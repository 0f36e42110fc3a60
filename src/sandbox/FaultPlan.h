#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace govdesk::sandbox {

/// Faults injected on request, to exercise a client's error handling and retries.
///
/// SPEC = RULE { "," RULE };  RULE = OPERATION "=" KIND [ [" "] "x" (COUNT | "*") ]   (COUNT defaults to 1)
/// OPERATION (the same names whatever the protocol):
///   sendEdoc getReceivedEdocList getEdoc updateStatus getSentEdocList getAgenciesList token
///   deliver  (the routing of the next sent packet, not a request)
///   *        (any request; rules naming the operation are used first)
/// KIND:
///   500 (any 4xx/5xx)  answer that HTTP status at once, the request is not carried out
///   timeout            read the request, never answer, keep the connection open
///   delay:<N>ms        wait N ms (or delay:<N>s), then carry out and answer if the client is still there
///   drop               close the connection after reading the request; not carried out
///   drop-mid           carry out, then close halfway through the reply's header block
///   truncate           carry out, send the headers with the full Content-Length and half the body, close
///   duplicate          (deliver) the next packet reaches every recipient twice, under two docIds
///   base64             (getEdoc, lgsp-key) send data.edxml as base64 instead of XML text
/// Example: sendEdoc=500x2,getEdoc=truncate x1,getReceivedEdocList=drop x1,deliver=duplicate
/// x1,*=delay:3000ms x1
class FaultPlan
{
public:
    enum class Kind
    {
        None,
        Status,
        Timeout,
        Delay,
        Drop,
        DropMid,
        Truncate,
        Duplicate,
        Base64,
    };

    struct Fault
    {
        QString operation;
        Kind kind = Kind::None;
        int status = 0;    ///< Kind::Status
        int delayMs = 0;   ///< Kind::Delay
        int remaining = 1; ///< -1 = every time
    };

    static const QStringList &operations();

    /// Appends the rules of a SPEC; false (and nothing added) with `error` set when it does not parse.
    bool add(const QString &spec, QString *error);
    void clear() { m_rules.clear(); }
    /// The fault for the next request of `operation` (None when no rule applies), counting it down.
    Fault take(const QString &operation);
    /// The rules still armed, as SPEC text per rule.
    QJsonArray describe() const;

private:
    static bool parseRule(const QString &text, Fault *fault, QString *error);
    QList<Fault> m_rules;
};

} // namespace govdesk::sandbox
