#include "EdxmlReader.h"

#include "AttachmentName.h"
#include "ZipCodec.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMimeDatabase>
#include <QSet>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <deque>
#include <vector>

namespace govdesk::exchange::edxml {

using core::Error;
using core::Result;

namespace {

const QString &qcvn()
{
    static const QString s = QString::fromLatin1(Namespace);
    return s;
}

QString number(qint64 n)
{
    return QString::number(n);
}

/// One element of the packet as read: the reader first builds this small tree (attachment contents kept
/// as base64 bytes), then maps it to the model in any element order.
struct Node
{
    QString local;
    QString ns;
    QString qname;
    qint64 line = 0; // where the start tag ends, i.e. where the element's content begins
    qint64 col = 0;
    QString text;
    qint64 textBytes = 0;
    QByteArray payload; // ContentTransferEncoded: base64 without white space
    bool isPayload = false;
    bool payloadInvalid = false;
    Node *parent = nullptr;
    std::vector<Node *> children;
};

/// Elements of the packet are matched by local name, in the QCVN namespace or in none (producers differ).
bool ours(const Node *n)
{
    return n->ns.isEmpty() || n->ns == qcvn();
}

const Node *child(const Node *n, std::initializer_list<QLatin1StringView> names)
{
    if (!n)
        return nullptr;
    for (const Node *c : n->children)
        if (ours(c))
            for (QLatin1StringView name : names)
                if (c->local == name)
                    return c;
    return nullptr;
}

const Node *child(const Node *n, QLatin1StringView name)
{
    return child(n, {name});
}

QList<const Node *> children(const Node *n, QLatin1StringView name)
{
    QList<const Node *> list;
    if (n)
        for (const Node *c : n->children)
            if (ours(c) && c->local == name)
                list << c;
    return list;
}

QString value(const Node *n)
{
    return n ? n->text.trimmed() : QString();
}

QString stripCid(const QString &id)
{
    const QString t = id.trimmed();
    return t.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive) ? t.mid(4).trimmed() : t;
}

QString extension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : name.mid(dot + 1).toLower();
}

bool isZipMime(const QString &type)
{
    const QString t = type.trimmed().toLower();
    return t == QLatin1String("application/zip") || t == QLatin1String("application/x-zip-compressed") ||
           t == QLatin1String("application/x-zip") || t == QLatin1String("multipart/x-zip");
}

/// File formats that are ZIP containers themselves: sent unwrapped, they are kept as they are.
bool isZipContainerName(const QString &name)
{
    static const QStringList formats = {
        QStringLiteral("zip"),  QStringLiteral("docx"), QStringLiteral("xlsx"), QStringLiteral("pptx"),
        QStringLiteral("odt"),  QStringLiteral("ods"),  QStringLiteral("odp"),  QStringLiteral("odg"),
        QStringLiteral("epub"), QStringLiteral("jar"),  QStringLiteral("xps"),  QStringLiteral("oxps"),
        QStringLiteral("docm"), QStringLiteral("xlsm"), QStringLiteral("pptm"), QStringLiteral("ofd")};
    return formats.contains(extension(name));
}

/// UTF-8 length of a piece of text, counted as QXmlStreamReader hands it over.
qint64 utf8Length(QStringView s)
{
    qint64 n = 0;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        n += u < 0x80 ? 1 : (u < 0x800 || c.isSurrogate()) ? 2 : 3;
    }
    return n;
}

/// Converts between QXmlStreamReader's (line, column) and byte offsets in the packet: lines end at LF, CRLF
/// or a lone CR, columns count UTF-16 units from 0, and a UTF-8 BOM is not counted.
class Positions
{
public:
    explicit Positions(const QByteArray &data) : m_data(data)
    {
        if (data.startsWith("\xEF\xBB\xBF"))
            m_begin = 3;
    }

    /// A packet declared in a one-byte encoding (ISO-8859-1): one byte is one column.
    void setSingleByte(bool singleByte) { m_singleByte = singleByte; }

    qint64 offset(qint64 line, qint64 column) const
    {
        qint64 i = lineStart(line);
        if (i < 0)
            return m_data.size();
        for (qint64 units = 0; units < column && i < m_data.size();) {
            const quint8 b = quint8(m_data[i]);
            if (b == '\n' || b == '\r')
                break;
            const int len = (m_singleByte || b < 0x80) ? 1
                            : b >= 0xF0                ? 4
                            : b >= 0xE0                ? 3
                            : b >= 0xC0                ? 2
                                                       : 1;
            units += len == 4 ? 2 : 1;
            i += len;
        }
        return std::min<qint64>(i, m_data.size());
    }

    /// Line and column of a byte offset.
    std::pair<qint64, qint64> position(qint64 offset) const
    {
        qint64 line = 1;
        qint64 start = m_begin;
        for (qint64 i = m_begin; i < offset && i < m_data.size(); ++i) {
            const char c = m_data[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= m_data.size() || m_data[i + 1] != '\n'))) {
                ++line;
                start = i + 1;
            }
        }
        return {line, units(m_data.mid(start, std::max<qint64>(offset - start, 0)))};
    }

    /// Number of columns (UTF-16 units) a piece of the packet spans.
    qint64 units(const QByteArray &bytes) const
    {
        if (m_singleByte)
            return bytes.size();
        qint64 n = 0;
        for (char ch : bytes) {
            const quint8 b = quint8(ch);
            if ((b & 0xC0) != 0x80)
                n += b >= 0xF0 ? 2 : 1;
        }
        return n;
    }

    /// The bytes of line `line` without its line end.
    QByteArray lineText(qint64 line) const
    {
        const qint64 start = lineStart(line);
        if (start < 0)
            return {};
        qint64 end = start;
        while (end < m_data.size() && m_data[end] != '\n' && m_data[end] != '\r')
            ++end;
        return m_data.mid(start, end - start);
    }

private:
    qint64 lineStart(qint64 line) const
    {
        qint64 current = 1;
        qint64 i = m_begin;
        while (current < line) {
            if (i >= m_data.size())
                return -1;
            const char c = m_data[i++];
            if (c == '\n') {
                ++current;
            } else if (c == '\r') {
                if (i < m_data.size() && m_data[i] == '\n')
                    ++i;
                ++current;
            }
        }
        return i;
    }

    const QByteArray &m_data;
    qint64 m_begin = 0;
    bool m_singleByte = false;
};

class Parser
{
public:
    Parser(const QByteArray &data, const Limits &limits) : m_data(data), m_limits(limits), m_pos(data) {}

    Result<Packet> run()
    {
        if (m_data.size() > m_limits.maxPacketBytes)
            return GOVDESK_ERROR(
                "edxml.too-large",
                QT_TRANSLATE_NOOP("EdxmlReader", "The packet is %1 MB; packets over %2 MB are refused"),
                megabytes(m_data.size()), megabytes(m_limits.maxPacketBytes));
        if (auto r = prescan(); !r)
            return r.error();
        if (!buildTree())
            return m_error;
        Packet p;
        if (!mapPacket(p))
            return m_error;
        return p;
    }

private:
    static QString megabytes(qint64 bytes)
    {
        return QString::number(double(bytes) / double(1 << 20), 'f', bytes % (1 << 20) == 0 ? 0 : 1);
    }

    // ------------------------------------------------------------ before the XML parser

    /// What QXmlStreamReader reports too late or too vaguely: another encoding than UTF-8, and text before
    /// the XML declaration or the root element.
    Result<void> prescan()
    {
        // A BOM of UTF-16 or UTF-32, or a NUL among the first bytes ("<\0?\0" is UTF-16 without a BOM).
        if (m_data.startsWith("\xFF\xFE") || m_data.startsWith("\xFE\xFF") || m_data.left(4).contains('\0'))
            return GOVDESK_ERROR(
                "edxml.encoding",
                QT_TRANSLATE_NOOP("EdxmlReader", "edXML packets are encoded in UTF-8; this file is %1"),
                QStringLiteral("UTF-16/UTF-32"));
        qint64 i = m_data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
        while (i < m_data.size() &&
               (m_data[i] == ' ' || m_data[i] == '\t' || m_data[i] == '\r' || m_data[i] == '\n'))
            ++i;
        if (i >= m_data.size())
            return GOVDESK_ERROR(
                "edxml.not-edxml",
                QT_TRANSLATE_NOOP("EdxmlReader", "The file is empty or holds no XML element"));
        if (m_data[i] == '<')
            return {};
        const qint64 lt = m_data.indexOf('<', i);
        const QString junk =
            QString::fromUtf8(m_data.mid(i, std::min<qint64>(lt < 0 ? 40 : lt - i, 40))).trimmed();
        if (lt >= 0 && m_data.mid(lt, 5) == "<?xml") {
            const auto [line, col] = m_pos.position(lt);
            return GOVDESK_ERROR("edxml.malformed",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: text (\"%3\") stands before the XML "
                                                   "declaration, which must open the file"),
                                 number(line), number(col), junk);
        }
        const auto [line, col] = m_pos.position(i);
        return GOVDESK_ERROR("edxml.malformed",
                             QT_TRANSLATE_NOOP("EdxmlReader",
                                               "Line %1, column %2: the file must start with the XML "
                                               "declaration or the root element, not with \"%3\""),
                             number(line), number(col), junk);
    }

    // ------------------------------------------------------------ the tree

    Node *newNode()
    {
        m_arena.emplace_back();
        return &m_arena.back();
    }

    bool fail(Error e)
    {
        if (m_error.isNull())
            m_error = std::move(e);
        return false;
    }

    /// The signature the model keeps: the first Signature element of edXMLHeader, where the SDK puts it.
    static bool isSignature(const Node *n)
    {
        return n->local == QLatin1String("Signature") && n->parent &&
               n->parent->local == QLatin1String("edXMLHeader") && ours(n->parent);
    }

    QString attachmentNameNear(const Node *payload) const
    {
        const Node *att = payload ? payload->parent : nullptr;
        return value(child(att, QLatin1StringView("AttachmentName")));
    }

    bool buildTree()
    {
        QXmlStreamReader r(m_data);
        Node *cur = nullptr;
        int depth = 0;
        int attachments = 0;
        const qint64 maxBase64 = (m_limits.maxAttachmentBytes + 2) / 3 * 4;
        while (!r.atEnd()) {
            const QXmlStreamReader::TokenType token = r.readNext();
            if (r.hasError())
                break;
            switch (token) {
            case QXmlStreamReader::DTD:
            case QXmlStreamReader::EntityReference: {
                // Stop at once: nothing declared in a DTD may be expanded (billion laughs, external
                // entities).
                const qint64 end = m_pos.offset(r.lineNumber(), r.columnNumber());
                qint64 at = m_data.lastIndexOf("<!DOCTYPE", std::max<qint64>(end - 1, 0));
                if (at < 0)
                    at = end;
                const auto [line, col] = m_pos.position(at);
                return fail(GOVDESK_ERROR(
                    "edxml.dtd",
                    QT_TRANSLATE_NOOP("EdxmlReader",
                                      "Line %1, column %2: the packet carries a document type declaration "
                                      "(DOCTYPE); edXML packets have none, and it is refused for safety"),
                    number(line), number(col)));
            }
            case QXmlStreamReader::StartDocument: {
                QString encoding = r.documentEncoding().toString().toLower();
                encoding.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
                m_pos.setSingleByte(!encoding.isEmpty() && encoding != QLatin1String("utf8"));
                break;
            }
            case QXmlStreamReader::StartElement: {
                ++depth;
                if (depth > m_limits.maxDepth)
                    return fail(GOVDESK_ERROR("edxml.too-deep",
                                              QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the "
                                                                               "elements are nested more "
                                                                               "than %3 levels deep"),
                                              number(r.lineNumber()), number(r.columnNumber()),
                                              number(m_limits.maxDepth)));
                if (qsizetype(m_arena.size()) >= m_limits.maxElements)
                    return fail(GOVDESK_ERROR(
                        "edxml.too-large",
                        QT_TRANSLATE_NOOP("EdxmlReader",
                                          "Line %1, column %2: the packet has more than %3 elements"),
                        number(r.lineNumber()), number(r.columnNumber()), number(m_limits.maxElements)));
                Node *n = newNode();
                n->local = r.name().toString();
                n->ns = r.namespaceUri().toString();
                n->qname = r.qualifiedName().toString();
                n->line = r.lineNumber();
                n->col = r.columnNumber();
                n->parent = cur;
                if (cur)
                    cur->children.push_back(n);
                else if (!checkRoot(n))
                    return false;
                else
                    m_root = n;
                if (ours(n) && n->local == QLatin1String("ContentTransferEncoded"))
                    n->isPayload = true;
                if (ours(n) && n->local == QLatin1String("Attachment") && cur &&
                    cur->local == QLatin1String("AttachmentEncoded") &&
                    ++attachments > m_limits.maxAttachments)
                    return fail(GOVDESK_ERROR("edxml.too-large",
                                              QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the "
                                                                               "packet has more than %3 "
                                                                               "attachments"),
                                              number(n->line), number(n->col),
                                              number(m_limits.maxAttachments)));
                if (!m_signature && isSignature(n)) {
                    m_signature = n;
                    m_signatureOpen = true;
                    m_signatureDepth = depth;
                    const qint64 after = m_pos.offset(n->line, n->col);
                    m_signatureStart =
                        m_data.lastIndexOf("<" + n->qname.toUtf8(), std::max<qint64>(after - 1, 0));
                }
                if (m_signatureOpen) {
                    noteSignatureNamespaces(r);
                    // XMLDSig is a few levels deep; anything deeper is not kept (and could not be written
                    // back within the nesting limit).
                    if (depth - m_signatureDepth > MaxSignatureDepth)
                        m_signatureTooDeep = true;
                }
                cur = n;
                break;
            }
            case QXmlStreamReader::EndElement:
                if (cur && cur == m_signature && m_signatureOpen) {
                    m_signatureOpen = false;
                    m_signatureEnd = m_pos.offset(r.lineNumber(), r.columnNumber());
                }
                --depth;
                cur = cur ? cur->parent : nullptr;
                break;
            case QXmlStreamReader::Characters: {
                if (!cur)
                    break;
                const QStringView text = r.text();
                if (cur->isPayload) {
                    // Base64 without its white space, written straight into the buffer (this is most of a
                    // packet's bytes).
                    const qsizetype start = cur->payload.size();
                    cur->payload.resize(start + text.size());
                    char *outChar = cur->payload.data() + start;
                    for (const QChar c : text) {
                        const char16_t u = c.unicode();
                        if (u == ' ' || u == '\t' || u == '\r' || u == '\n')
                            continue;
                        if (u > 0x7f)
                            cur->payloadInvalid = true;
                        else
                            *outChar++ = char(u);
                    }
                    cur->payload.truncate(outChar - cur->payload.constData());
                    if (cur->payload.size() > maxBase64)
                        return fail(tooLargeAttachment(cur));
                    break;
                }
                cur->textBytes += utf8Length(text);
                if (cur->textBytes > m_limits.maxTextBytes)
                    return fail(GOVDESK_ERROR(
                        "edxml.too-large",
                        QT_TRANSLATE_NOOP(
                            "EdxmlReader",
                            "Line %1, column %2: the text of the element %3 is longer than %4 KB"),
                        number(cur->line), number(cur->col), cur->local,
                        number(m_limits.maxTextBytes / 1024)));
                cur->text += text;
                break;
            }
            default:
                break; // the declaration, comments, processing instructions
            }
        }
        if (r.hasError())
            return fail(xmlError(r, cur));
        if (!m_root)
            return fail(
                GOVDESK_ERROR("edxml.not-edxml",
                              QT_TRANSLATE_NOOP("EdxmlReader", "The file is empty or holds no XML element")));
        if (m_signature && !m_signatureTooDeep && m_signatureStart >= 0 && m_signatureEnd > m_signatureStart)
            m_signatureXml = signatureText(r.documentEncoding().toString());
        return true;
    }

    bool checkRoot(const Node *n)
    {
        if (n->local == QLatin1String("edXML") && ours(n))
            return true;
        return fail(GOVDESK_ERROR(
            "edxml.not-edxml",
            QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: this is not an edXML packet: the root "
                                             "element is %3 in the namespace \"%4\" (expected edXML in "
                                             "%5)"),
            number(n->line), number(n->col), n->qname, n->ns, qcvn()));
    }

    Error tooLargeAttachment(const Node *payload) const
    {
        return GOVDESK_ERROR(
            "edxml.too-large",
            QT_TRANSLATE_NOOP("EdxmlReader",
                              "Line %1, column %2: the attachment \"%3\" is larger than %4 MB"),
            number(payload->line), number(payload->col), attachmentNameNear(payload),
            megabytes(m_limits.maxAttachmentBytes));
    }

    // ------------------------------------------------------------ the signature, kept as written

    /// Records the namespaces the signature uses that it does not declare itself, so the kept text can be
    /// written into another packet (whose default namespace is QCVN's and whose "edXML" prefix is bound).
    void noteSignatureNamespaces(const QXmlStreamReader &r)
    {
        for (const QXmlStreamNamespaceDeclaration &d : r.namespaceDeclarations())
            m_signatureDeclared.insert(d.prefix().toString());
        auto note = [this](const QString &prefix, const QString &uri) {
            if (m_signatureDeclared.contains(prefix) || m_signatureNeeds.contains(prefix))
                return;
            QString context;
            if (prefix.isEmpty() || prefix == QLatin1String("edXML"))
                context = qcvn();
            else if (prefix == QLatin1String("xml"))
                context = QStringLiteral("http://www.w3.org/XML/1998/namespace");
            if (uri != context)
                m_signatureNeeds.insert(prefix, uri);
        };
        note(r.prefix().toString(), r.namespaceUri().toString());
        for (const QXmlStreamAttribute &a : r.attributes())
            if (!a.prefix().isEmpty())
                note(a.prefix().toString(), a.namespaceUri().toString());
    }

    QString signatureText(const QString &encoding) const
    {
        const QByteArray raw = m_data.mid(m_signatureStart, m_signatureEnd - m_signatureStart);
        QString text;
        if (encoding.isEmpty() || encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0) {
            text = QString::fromUtf8(raw);
        } else {
            QStringDecoder decoder(encoding.toUtf8().constData());
            text = decoder.isValid() ? decoder.decode(raw) : QString::fromUtf8(raw);
        }
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        if (!m_signatureNeeds.isEmpty()) {
            QString decls;
            for (auto it = m_signatureNeeds.cbegin(); it != m_signatureNeeds.cend(); ++it) {
                QString uri = it.value();
                uri.replace(QLatin1Char('&'), QLatin1String("&amp;"))
                    .replace(QLatin1Char('"'), QLatin1String("&quot;"));
                decls += it.key().isEmpty() ? QStringLiteral(" xmlns=\"%1\"").arg(uri)
                                            : QStringLiteral(" xmlns:%1=\"%2\"").arg(it.key(), uri);
            }
            text.insert(1 + m_signature->qname.size(), decls);
        }
        return text;
    }

    // ------------------------------------------------------------ XML errors

    Error xmlError(const QXmlStreamReader &r, const Node *open) const
    {
        const qint64 line = r.lineNumber();
        const qint64 col = r.columnNumber();
        const QString what = r.errorString();
        if (r.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
            if (open)
                return GOVDESK_ERROR(
                    "edxml.malformed",
                    QT_TRANSLATE_NOOP("EdxmlReader",
                                      "Line %1, column %2: the file ends before the element %3 "
                                      "opened on line %4 is closed; the packet is incomplete"),
                    number(line), number(col), open->local, number(open->line));
            return GOVDESK_ERROR(
                "edxml.not-edxml",
                QT_TRANSLATE_NOOP("EdxmlReader", "The file is empty or holds no XML element"));
        }
        const QByteArray text = m_pos.lineText(line);
        const QByteArray before = text.left(m_pos.offset(line, col) - m_pos.offset(line, 0));
        if (what.contains(QLatin1String("tag mismatch"))) {
            // Point at the name of the offending end tag, as expat and libxml2 do.
            const qint64 at = before.lastIndexOf("</");
            if (at >= 0 && open) {
                qint64 end = at + 2;
                while (end < text.size() && text[end] != '>' && text[end] != ' ' && text[end] != '\t')
                    ++end;
                const QString closing = QString::fromUtf8(text.mid(at + 2, end - at - 2));
                return GOVDESK_ERROR("edxml.malformed",
                                     QT_TRANSLATE_NOOP("EdxmlReader",
                                                       "Line %1, column %2: the element %3 opened "
                                                       "on line %4 is closed by </%5>"),
                                     number(line), number(m_pos.units(text.left(at + 2))), open->local,
                                     number(open->line), closing);
            }
        }
        if (what.contains(QLatin1String("Namespace prefix")) &&
            what.contains(QLatin1String("not declared"))) {
            const qint64 at = before.lastIndexOf('<');
            const qsizetype q1 = what.indexOf(QLatin1Char('\''));
            const qsizetype q2 = what.indexOf(QLatin1Char('\''), q1 + 1);
            const QString prefix = q1 >= 0 && q2 > q1 ? what.mid(q1 + 1, q2 - q1 - 1) : QString();
            return GOVDESK_ERROR("edxml.malformed",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: the prefix %3 is used but "
                                                   "never declared (xmlns:%3 is missing)"),
                                 number(line), number(at >= 0 ? m_pos.units(text.left(at)) : col), prefix);
        }
        if (what.contains(QLatin1String("incorrectly encoded")))
            return GOVDESK_ERROR(
                "edxml.encoding",
                QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the text is not valid UTF-8"),
                number(line), number(col));
        return GOVDESK_ERROR(
            "edxml.malformed",
            QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the XML is not well-formed: %3"),
            number(line), number(col), what);
    }

    // ------------------------------------------------------------ the model

    bool readInt(const Node *parent, QLatin1StringView name, std::optional<int> &out)
    {
        const Node *n = child(parent, name);
        const QString v = value(n);
        if (v.isEmpty())
            return true;
        bool ok = false;
        const int i = v.toInt(&ok);
        if (!ok)
            return fail(GOVDESK_ERROR(
                "edxml.value",
                QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: %3 must be a whole number, not \"%4\""),
                number(n->line), number(n->col), n->local, v.left(80)));
        out = i;
        return true;
    }

    bool readBool(const Node *parent, QLatin1StringView name, std::optional<bool> &out)
    {
        const Node *n = child(parent, name);
        const QString v = value(n).toLower();
        if (v.isEmpty())
            return true;
        if (v == QLatin1String("true") || v == QLatin1String("1"))
            out = true;
        else if (v == QLatin1String("false") || v == QLatin1String("0"))
            out = false;
        else
            return fail(GOVDESK_ERROR(
                "edxml.value",
                QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: %3 must be true or false, not \"%4\""),
                number(n->line), number(n->col), n->local, value(n).left(80)));
        return true;
    }

    bool readDate(const Node *parent, QLatin1StringView name, QDate &out)
    {
        const Node *n = child(parent, name);
        const QString v = value(n);
        if (v.isEmpty())
            return true;
        out = parseWireDate(v);
        if (!out.isValid())
            return fail(
                GOVDESK_ERROR("edxml.date",
                              QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: %3 \"%4\" is not a "
                                                               "date (yyyy/MM/dd expected)"),
                              number(n->line), number(n->col), n->local, v.left(80)));
        return true;
    }

    bool readTimestamp(const Node *parent, QLatin1StringView name, QDateTime &out)
    {
        const Node *n = child(parent, name);
        const QString v = value(n);
        if (v.isEmpty())
            return true;
        out = parseWireTimestamp(v);
        if (!out.isValid())
            return fail(GOVDESK_ERROR(
                "edxml.date",
                QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: %3 \"%4\" is not a date and time "
                                                 "(yyyy/MM/dd HH:mm:ss expected)"),
                number(n->line), number(n->col), n->local, v.left(80)));
        return true;
    }

    static Organization organization(const Node *n)
    {
        Organization o;
        o.organId = value(child(n, QLatin1StringView("OrganId")));
        o.organizationInCharge = value(child(n, QLatin1StringView("OrganizationInCharge")));
        o.organName = value(child(n, QLatin1StringView("OrganName")));
        o.organAdd = value(child(n, QLatin1StringView("OrganAdd")));
        o.email = value(child(n, QLatin1StringView("Email")));
        o.telephone = value(child(n, QLatin1StringView("Telephone")));
        o.fax = value(child(n, QLatin1StringView("Fax")));
        o.website = value(child(n, QLatin1StringView("Website")));
        return o;
    }

    static StaffInfo staff(const Node *n)
    {
        StaffInfo s;
        s.department = value(child(n, QLatin1StringView("Department")));
        s.staff = value(child(n, QLatin1StringView("Staff")));
        s.mobile = value(child(n, QLatin1StringView("Mobile")));
        s.email = value(child(n, QLatin1StringView("Email")));
        return s;
    }

    /// The items of a list element (ToPlaces/Place, Appendixes/Appendix); a producer that wrote the list as
    /// plain text gives one item.
    static QStringList items(const Node *list, QLatin1StringView itemName)
    {
        QStringList out;
        if (!list)
            return out;
        const QList<const Node *> nodes = children(list, itemName);
        for (const Node *n : nodes)
            if (const QString v = value(n); !v.isEmpty())
                out << v;
        if (nodes.isEmpty() && !value(list).isEmpty())
            out << value(list);
        return out;
    }

    bool responseFor(const Node *n, ResponseFor &r)
    {
        r.organId = value(child(n, QLatin1StringView("OrganId")));
        const Node *code = child(n, QLatin1StringView("Code"));
        if (const Node *num = child(code, QLatin1StringView("CodeNumber"))) {
            r.code = Code{value(num), value(child(code, QLatin1StringView("CodeNotation")))}.text();
        } else {
            r.code = value(code);
        }
        r.documentId = value(child(n, QLatin1StringView("DocumentId")));
        return readDate(n, QLatin1StringView("PromulgationDate"), r.promulgationDate);
    }

    bool mapPacket(Packet &p)
    {
        const Node *envelope = child(m_root, QLatin1StringView("edXMLEnvelope"));
        const Node *top = envelope ? envelope : m_root;
        const Node *header = child(top, QLatin1StringView("edXMLHeader"));
        const Node *message = child(header, QLatin1StringView("MessageHeader"));
        if (!message) {
            const Node *where = header ? header : top;
            return fail(
                GOVDESK_ERROR("edxml.malformed",
                              QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the element %3 has "
                                                               "no %4: this packet carries no header"),
                              number(where->line), number(where->col), where->local,
                              header ? QStringLiteral("MessageHeader") : QStringLiteral("edXMLHeader")));
        }
        p.kind = child(message, QLatin1StringView("StatusCode")) ? PacketKind::Status : PacketKind::Document;
        p.header.from = organization(child(message, QLatin1StringView("From")));
        if (p.isStatus()) {
            if (!mapStatus(message, p.status))
                return false;
        } else if (!mapDocument(message, p.header)) {
            return false;
        }

        const Node *traces = child(header, QLatin1StringView("TraceHeaderList"));
        for (const Node *t : children(traces, QLatin1StringView("TraceHeader"))) {
            TraceHeader h;
            h.organId = value(child(t, QLatin1StringView("OrganId")));
            if (!readTimestamp(t, QLatin1StringView("Timestamp"), h.timestamp))
                return false;
            p.traceHeaders << h;
        }
        const std::initializer_list<QLatin1StringView> businessNames = {QLatin1StringView("Bussiness"),
                                                                        QLatin1StringView("Business")};
        const Node *business = child(traces, businessNames);
        if (!business)
            business = child(header, businessNames);
        if (business) {
            Business b;
            if (!mapBusiness(business, b))
                return false;
            p.business = b;
        }
        p.signatureXml = m_signatureXml;

        const Node *body = child(top, QLatin1StringView("edXMLBody"));
        const Node *manifest = child(body, QLatin1StringView("edXMLManifest"));
        for (const Node *r : children(manifest, QLatin1StringView("Reference"))) {
            ManifestReference ref;
            ref.contentId = stripCid(value(child(r, QLatin1StringView("ContentId"))));
            ref.contentType = value(child(r, QLatin1StringView("ContentType")));
            ref.description = value(child(r, QLatin1StringView("Description")));
            ref.attachmentName = value(child(r, QLatin1StringView("AttachmentName")));
            p.references << ref;
        }
        const Node *encoded = child(m_root, QLatin1StringView("AttachmentEncoded"));
        if (!encoded)
            encoded = child(top, QLatin1StringView("AttachmentEncoded"));
        if (!encoded)
            encoded = child(body, QLatin1StringView("AttachmentEncoded"));
        int index = 0;
        for (const Node *a : children(encoded, QLatin1StringView("Attachment"))) {
            Attachment att;
            if (!mapAttachment(a, p, ++index, att))
                return false;
            p.attachments << att;
        }
        return true;
    }

    bool mapDocument(const Node *m, MessageHeader &h)
    {
        for (const Node *t : children(m, QLatin1StringView("To")))
            h.to << organization(t);
        h.documentId = value(child(m, QLatin1StringView("DocumentId")));
        const Node *code = child(m, QLatin1StringView("Code"));
        h.code.number = value(child(code, QLatin1StringView("CodeNumber")));
        h.code.notation = value(child(code, QLatin1StringView("CodeNotation")));
        const Node *prom = child(m, QLatin1StringView("PromulgationInfo"));
        h.promulgation.place = value(child(prom, QLatin1StringView("Place")));
        if (!readDate(prom, QLatin1StringView("PromulgationDate"), h.promulgation.date))
            return false;
        const Node *type = child(m, QLatin1StringView("DocumentType"));
        if (!readInt(type, QLatin1StringView("Type"), h.documentType.type) ||
            !readInt(type, QLatin1StringView("TypeDetail"), h.documentType.typeDetail))
            return false;
        h.documentType.typeName = value(child(type, QLatin1StringView("TypeName")));
        h.subject = value(child(m, QLatin1StringView("Subject")));
        h.content = value(child(m, QLatin1StringView("Content")));
        const Node *signer = child(m, QLatin1StringView("SignerInfo"));
        h.signer.competence = value(child(signer, QLatin1StringView("Competence")));
        h.signer.position = value(child(signer, QLatin1StringView("Position")));
        h.signer.fullName = value(child(signer, QLatin1StringView("FullName")));
        if (!readDate(m, QLatin1StringView("DueDate"), h.dueDate))
            return false;
        h.toPlaces = items(child(m, QLatin1StringView("ToPlaces")), QLatin1StringView("Place"));
        const Node *other = child(m, QLatin1StringView("OtherInfo"));
        OtherInfo &o = h.otherInfo;
        if (!readInt(other, QLatin1StringView("Priority"), o.priority) ||
            !readInt(other, QLatin1StringView("PromulgationAmount"), o.promulgationAmount) ||
            !readInt(other, QLatin1StringView("PageAmount"), o.pageAmount) ||
            !readBool(other, QLatin1StringView("Direction"), o.direction))
            return false;
        o.sphereOfPromulgation = value(child(other, QLatin1StringView("SphereOfPromulgation")));
        o.typerNotation = value(child(other, QLatin1StringView("TyperNotation")));
        o.appendixes = items(child(other, QLatin1StringView("Appendixes")), QLatin1StringView("Appendix"));
        for (const Node *r : children(m, QLatin1StringView("ResponseFor"))) {
            ResponseFor rf;
            if (!responseFor(r, rf))
                return false;
            if (!rf.isEmpty())
                h.responseFor << rf;
        }
        return readInt(m, QLatin1StringView("SteeringType"), h.steeringType);
    }

    bool mapStatus(const Node *m, StatusInfo &s)
    {
        if (const Node *r = child(m, QLatin1StringView("ResponseFor")); r && !responseFor(r, s.responseFor))
            return false;
        s.staff = staff(child(m, QLatin1StringView("StaffInfo")));
        s.code = value(child(m, QLatin1StringView("StatusCode")));
        s.description = value(child(m, QLatin1StringView("Description")));
        return readTimestamp(m, QLatin1StringView("Timestamp"), s.timestamp);
    }

    bool mapBusiness(const Node *n, Business &b)
    {
        b.documentId = value(child(n, QLatin1StringView("DocumentId")));
        if (!readInt(n, QLatin1StringView("BussinessDocType"), b.type) ||
            !readInt(n, QLatin1StringView("BusinessDocType"), b.type) ||
            !readInt(n, QLatin1StringView("Paper"), b.paper))
            return false;
        b.reason = value(
            child(n, {QLatin1StringView("BussinessDocReason"), QLatin1StringView("BusinessDocReason")}));
        if (const Node *info = child(
                n, {QLatin1StringView("BussinessDocumentInfo"), QLatin1StringView("BusinessDocumentInfo")})) {
            BusinessDocumentInfo di;
            if (!readInt(info, QLatin1StringView("DocumentInfo"), di.documentInfo) ||
                !readInt(info, QLatin1StringView("DocumentReceiver"), di.documentReceiver))
                return false;
            for (const Node *r :
                 children(child(info, QLatin1StringView("ReceiverList")), QLatin1StringView("Receiver"))) {
                Receiver rc;
                rc.organId = value(child(r, QLatin1StringView("OrganId")));
                if (!readInt(r, QLatin1StringView("ReceiverType"), rc.receiverType))
                    return false;
                di.receivers << rc;
            }
            b.documentInfo = di;
        }
        for (const Node *r : children(child(n, QLatin1StringView("ReplacementInfoList")),
                                      QLatin1StringView("ReplacementInfo"))) {
            ReplacementInfo ri;
            ri.documentId = value(child(r, QLatin1StringView("DocumentId")));
            for (const Node *o :
                 children(child(r, QLatin1StringView("OrganIdList")), QLatin1StringView("OrganId")))
                if (const QString v = value(o); !v.isEmpty())
                    ri.organIds << v;
            b.replacements << ri;
        }
        b.staff = staff(child(n, QLatin1StringView("StaffInfo")));
        return true;
    }

    /// An attachment and its manifest entry: the n-th attachment with a ContentId goes with the n-th
    /// Reference with that ContentId. Every attachment ends up with a ContentId and a Reference (completed
    /// from the attachment when the manifest lacks them), so a packet written from the model and read again
    /// gives the same model.
    bool mapAttachment(const Node *n, Packet &p, int index, Attachment &a)
    {
        a.contentId = stripCid(value(child(n, QLatin1StringView("ContentId"))));
        if (a.contentId.isEmpty())
            a.contentId = QStringLiteral("attachment-%1").arg(index);
        qsizetype occurrence = 0;
        for (const Attachment &before : std::as_const(p.attachments))
            occurrence += before.contentId == a.contentId ? 1 : 0;
        qsizetype refIndex = -1;
        for (qsizetype i = 0, seen = 0; i < p.references.size() && refIndex < 0; ++i)
            if (p.references[i].contentId == a.contentId && seen++ == occurrence)
                refIndex = i;
        const ManifestReference *ref = refIndex >= 0 ? &p.references[refIndex] : nullptr;
        const QString rawName = value(child(n, QLatin1StringView("AttachmentName")));
        a.description = value(child(n, QLatin1StringView("Description")));
        if (a.description.isEmpty() && ref)
            a.description = ref->description;
        const QString declaredType = value(child(n, QLatin1StringView("ContentType")));
        const Node *payload = child(n, QLatin1StringView("ContentTransferEncoded"));
        const QString nameHint = !rawName.isEmpty() ? rawName : ref ? ref->attachmentName : QString();
        QString entryName;
        if (payload) {
            auto decoded = QByteArray::fromBase64Encoding(
                payload->payload, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
            if (payload->payloadInvalid || !decoded)
                return fail(
                    GOVDESK_ERROR("edxml.attachment",
                                  QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the content of the "
                                                                   "attachment \"%3\" is not valid base64"),
                                  number(payload->line), number(payload->col), nameHint));
            QByteArray bytes = std::move(*decoded);
            if (bytes.size() > m_limits.maxAttachmentBytes)
                return fail(tooLargeAttachment(payload));
            if (ZipCodec::looksLikeZip(bytes)) {
                ZipCodec::Problem problem = ZipCodec::Problem::None;
                const QList<ZipCodec::Entry> all = ZipCodec::entries(bytes, &problem);
                QList<ZipCodec::Entry> files;
                for (const ZipCodec::Entry &e : all)
                    if (!e.isDirectory())
                        files << e;
                if (problem != ZipCodec::Problem::None) {
                    // A damaged .docx sent as it is stays the sender's file; a damaged SDK wrapper is an
                    // error.
                    if (!isZipContainerName(nameHint))
                        return fail(zipError(payload, nameHint, problem));
                } else if (files.size() == 1 && !(extension(nameHint) == QLatin1String("zip") &&
                                                  extension(files.first().name) != QLatin1String("zip"))) {
                    ZipCodec::Limits limits;
                    limits.maxUncompressed = m_limits.maxAttachmentBytes;
                    limits.maxRatio = m_limits.maxCompressionRatio;
                    limits.ratioFloor = m_limits.compressionRatioFloor;
                    if (files.first().uncompressedSize > m_limits.maxTotalAttachmentBytes - m_attachmentBytes)
                        return fail(tooLargeTotal(payload));
                    QByteArray inner = ZipCodec::extract(bytes, files.first(), limits, &problem);
                    if (problem != ZipCodec::Problem::None)
                        return fail(zipError(payload, nameHint, problem));
                    bytes = std::move(inner);
                    entryName = files.first().name;
                }
            }
            m_attachmentBytes += bytes.size();
            if (m_attachmentBytes > m_limits.maxTotalAttachmentBytes)
                return fail(tooLargeTotal(payload));
            a.data = std::move(bytes);
        }
        a.name = AttachmentName::sanitise(!nameHint.isEmpty() ? nameHint : entryName, index);
        // The file's own type: the manifest's, else the attachment's, never a ZIP wrapper's, else guessed
        // from the name.
        const QString refType = ref ? ref->contentType : QString();
        const bool fromAttachment =
            (refType.isEmpty() || isZipMime(refType)) && !declaredType.isEmpty() && !isZipMime(declaredType);
        if (!refType.isEmpty() && !isZipMime(refType))
            a.contentType = refType;
        else if (fromAttachment)
            a.contentType = declaredType;
        if (a.contentType.isEmpty()) {
            static const QMimeDatabase mimes;
            a.contentType = mimes.mimeTypeForFile(a.name, QMimeDatabase::MatchExtension).name();
        }
        // Written again, the attachment's ContentType becomes application/zip: only the manifest can carry a
        // type that is neither the manifest's nor guessed from the name.
        if (refIndex < 0)
            p.references << ManifestReference{a.contentId, a.contentType, a.description, a.name};
        else if (refType.isEmpty() || fromAttachment)
            p.references[refIndex].contentType = a.contentType;
        return true;
    }

    Error tooLargeTotal(const Node *payload) const
    {
        return GOVDESK_ERROR(
            "edxml.too-large",
            QT_TRANSLATE_NOOP("EdxmlReader", "Line %1, column %2: the attachments together are "
                                             "larger than %3 MB"),
            number(payload->line), number(payload->col), megabytes(m_limits.maxTotalAttachmentBytes));
    }

    Error zipError(const Node *payload, const QString &name, ZipCodec::Problem problem) const
    {
        const QString line = number(payload->line);
        const QString col = number(payload->col);
        switch (problem) {
        case ZipCodec::Problem::Encrypted:
            return GOVDESK_ERROR("edxml.attachment",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: the attachment \"%3\" is an "
                                                   "encrypted ZIP file, which cannot be opened"),
                                 line, col, name);
        case ZipCodec::Problem::Method:
            return GOVDESK_ERROR("edxml.attachment",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: the attachment \"%3\" is "
                                                   "zipped with a method other than deflate"),
                                 line, col, name);
        case ZipCodec::Problem::Zip64:
            return GOVDESK_ERROR("edxml.attachment",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: the attachment \"%3\" is a "
                                                   "ZIP64 file, which edXML packets do not use"),
                                 line, col, name);
        case ZipCodec::Problem::TooLarge:
            return tooLargeAttachment(payload);
        case ZipCodec::Problem::Ratio:
            return GOVDESK_ERROR(
                "edxml.too-large",
                QT_TRANSLATE_NOOP("EdxmlReader",
                                  "Line %1, column %2: the attachment \"%3\" would expand more than "
                                  "%4 times when unzipped (a zip bomb) and is refused"),
                line, col, name, number(m_limits.maxCompressionRatio));
        case ZipCodec::Problem::Checksum:
            return GOVDESK_ERROR(
                "edxml.attachment",
                QT_TRANSLATE_NOOP("EdxmlReader",
                                  "Line %1, column %2: the attachment \"%3\" fails its ZIP checksum "
                                  "(CRC-32): its content was altered"),
                line, col, name);
        default:
            return GOVDESK_ERROR("edxml.attachment",
                                 QT_TRANSLATE_NOOP("EdxmlReader",
                                                   "Line %1, column %2: the ZIP file of the "
                                                   "attachment \"%3\" is damaged or incomplete"),
                                 line, col, name);
        }
    }

    const QByteArray &m_data;
    const Limits &m_limits;
    Positions m_pos;
    std::deque<Node> m_arena;
    Node *m_root = nullptr;
    Error m_error;
    Node *m_signature = nullptr;
    bool m_signatureOpen = false;
    static constexpr int MaxSignatureDepth = 16;
    int m_signatureDepth = 0;
    bool m_signatureTooDeep = false;
    qint64 m_attachmentBytes = 0; // decoded so far, against maxTotalAttachmentBytes
    qint64 m_signatureStart = -1;
    qint64 m_signatureEnd = -1;
    QSet<QString> m_signatureDeclared;
    QHash<QString, QString> m_signatureNeeds;
    QString m_signatureXml;
};

} // namespace

Result<Packet> EdxmlReader::parse(const QByteArray &data, const Limits &limits)
{
    Parser parser(data, limits);
    return parser.run();
}

Result<Packet> EdxmlReader::parseFile(const QString &path, const Limits &limits)
{
    const QFileInfo info(path);
    if (info.exists() && info.size() > limits.maxPacketBytes)
        return GOVDESK_ERROR(
            "edxml.too-large",
            QT_TRANSLATE_NOOP("EdxmlReader", "The packet is %1 MB; packets over %2 MB are refused"),
            QString::number(double(info.size()) / double(1 << 20), 'f', 1),
            QString::number(double(limits.maxPacketBytes) / double(1 << 20), 'f', 0));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("edxml.io", QT_TRANSLATE_NOOP("EdxmlReader", "Cannot read the file %1: %2"),
                             path, f.errorString());
    const QByteArray data = f.read(limits.maxPacketBytes + 1);
    if (f.error() != QFileDevice::NoError)
        return GOVDESK_ERROR("edxml.io", QT_TRANSLATE_NOOP("EdxmlReader", "Cannot read the file %1: %2"),
                             path, f.errorString());
    return parse(data, limits);
}

} // namespace govdesk::exchange::edxml
