#include "EdxmlRecipients.h"

#include <QXmlStreamReader>

namespace govdesk::sandbox {

EdxmlAddress scanAddress(const QByteArray &edxml)
{
    EdxmlAddress out;
    QXmlStreamReader xml(edxml);
    QStringList path; // local names from the root
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            path << xml.name().toString();
            const qsizetype n = path.size();
            if (n >= 3 && path[n - 1] == QLatin1String("OrganId") &&
                path[n - 3] == QLatin1String("MessageHeader")) {
                const QString parent = path[n - 2];
                const QString code = xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
                path.removeLast();
                if (code.isEmpty())
                    continue;
                if (parent == QLatin1String("To"))
                    out.to << code;
                else if (parent == QLatin1String("ResponseFor"))
                    out.responseFor << code;
                else if (parent == QLatin1String("From") && out.from.isEmpty())
                    out.from = code;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (!path.isEmpty())
                path.removeLast();
        }
    }
    out.wellFormed = !xml.hasError();
    return out;
}

QStringList recipientsOf(const EdxmlAddress &address, const QString &messageType)
{
    QStringList out = address.to;
    if (out.isEmpty() && messageType == QLatin1String("status"))
        out = address.responseFor;
    out.removeDuplicates();
    return out;
}

} // namespace govdesk::sandbox
