#pragma once

// Small office files for tests: a Word (.docx) and an OpenDocument (.odt) text as real ZIP containers with
// their members stored uncompressed, and a minimal complete PDF, without any office suite on the machine.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace govdesk::test {

inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void le16(QByteArray &out, quint16 v)
{
    out.append(char(v & 0xff)).append(char(v >> 8));
}

inline void le32(QByteArray &out, quint32 v)
{
    le16(out, quint16(v & 0xffff));
    le16(out, quint16(v >> 16));
}

/// A ZIP archive with its members stored uncompressed: the container of .docx and .odt files.
inline QByteArray storedZip(const QList<std::pair<QByteArray, QByteArray>> &members)
{
    QByteArray out, central;
    for (const auto &[name, data] : members) {
        const quint32 offset = quint32(out.size());
        const quint32 crc = crc32(data);
        out += "PK\x03\x04";
        le16(out, 20);
        le16(out, 0);
        le16(out, 0); // stored
        le16(out, 0);
        le16(out, 0x21);
        le32(out, crc);
        le32(out, quint32(data.size()));
        le32(out, quint32(data.size()));
        le16(out, quint16(name.size()));
        le16(out, 0);
        out += name + data;
        central += "PK\x01\x02";
        le16(central, 20);
        le16(central, 20);
        le16(central, 0);
        le16(central, 0);
        le16(central, 0);
        le16(central, 0x21);
        le32(central, crc);
        le32(central, quint32(data.size()));
        le32(central, quint32(data.size()));
        le16(central, quint16(name.size()));
        le16(central, 0);
        le16(central, 0);
        le16(central, 0);
        le16(central, 0);
        le32(central, 0);
        le32(central, offset);
        central += name;
    }
    const quint32 centralOffset = quint32(out.size());
    out += central;
    out += "PK\x05\x06";
    le16(out, 0);
    le16(out, 0);
    le16(out, quint16(members.size()));
    le16(out, quint16(members.size()));
    le32(out, quint32(central.size()));
    le32(out, centralOffset);
    le16(out, 0);
    return out;
}

inline QByteArray docx(const QString &text)
{
    return storedZip(
        {{"[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
          "PartName=\"/word/document.xml\" "
          "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
          "</Types>"},
         {"word/document.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
          "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" +
              text.toUtf8() + "</w:t></w:r></w:p></w:body></w:document>"}});
}

inline QByteArray odt(const QString &text)
{
    return storedZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                      {"content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                                      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                                      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
                                      "<office:body><office:text><text:p>" +
                                          text.toUtf8() +
                                          "</text:p></office:text></office:body>"
                                          "</office:document-content>"}});
}

inline QByteArray minimalPdf(const QString &text)
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ") + text.toUtf8() +
           QByteArrayLiteral("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
}

} // namespace govdesk::test
