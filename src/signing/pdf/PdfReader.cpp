#include "PdfSigner.h"

#include "PdfDocument.h"
#include "PdfSyntax.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <map>
#include <set>

namespace govdesk::signing {

using core::Result;

namespace {

QString translated(const char *english)
{
    return QCoreApplication::translate("Signing", english);
}

QString utf8(const QPDFObjectHandle &h)
{
    return h.isString() ? QString::fromStdString(h.getUTF8Value()) : QString();
}

QByteArray bytesOf(const QPDFObjectHandle &h)
{
    return h.isString() ? QByteArray::fromStdString(h.getStringValue()) : QByteArray();
}

QByteArray unparse(const QPDFObjectHandle &h)
{
    return QByteArray::fromStdString(h.unparse());
}

/// The length of the DER element at the start of `data`; -1 when it is not one.
qsizetype derLength(const QByteArray &data)
{
    if (data.size() < 2 || static_cast<unsigned char>(data[0]) != 0x30)
        return -1;
    const auto first = static_cast<unsigned char>(data[1]);
    if (first < 0x80)
        return 2 + first <= data.size() ? 2 + first : -1;
    const int n = first & 0x7f;
    if (n == 0 || n > 4 || data.size() < 2 + n)
        return -1;
    qint64 len = 0;
    for (int i = 0; i < n; ++i)
        len = (len << 8) | static_cast<unsigned char>(data[2 + i]);
    const qint64 total = 2 + n + len;
    return total <= data.size() ? qsizetype(total) : -1;
}

QByteArray trimCms(const QByteArray &contents)
{
    const qsizetype len = derLength(contents);
    if (len > 0)
        return contents.left(len);
    qsizetype end = contents.size();
    while (end > 0 && contents[end - 1] == '\0')
        --end;
    return contents.left(end);
}

bool isSignatureField(const QPDFObjectHandle &h)
{
    QPDFObjectHandle f = h;
    for (int depth = 0; depth < 32 && f.isDictionary(); ++depth) {
        if (f.hasKey("/FT"))
            return f.getKey("/FT").isNameAndEquals("/Sig");
        f = f.getKey("/Parent");
    }
    return false;
}

QString fullName(const QPDFObjectHandle &h)
{
    QStringList parts;
    QPDFObjectHandle f = h;
    for (int depth = 0; depth < 32 && f.isDictionary(); ++depth) {
        if (f.getKey("/T").isString())
            parts.prepend(utf8(f.getKey("/T")));
        f = f.getKey("/Parent");
    }
    return parts.join(QLatin1Char('.'));
}

struct SigField
{
    QPDFObjectHandle field, widget;
    QString name;
};

void findSignatureFields(const QPDFObjectHandle &fields, const QString &prefix, bool parentIsSig,
                         QList<SigField> &out, std::set<QPDFObjGen> &seen, int depth = 0)
{
    if (!fields.isArray() || depth > 32)
        return;
    for (const QPDFObjectHandle &field : fields.getArrayAsVector()) {
        if (!field.isDictionary())
            continue;
        if (field.isIndirect() && !seen.insert(field.getObjGen()).second)
            continue;
        QString name = prefix;
        if (field.getKey("/T").isString())
            name = prefix.isEmpty() ? utf8(field.getKey("/T"))
                                    : prefix + QLatin1Char('.') + utf8(field.getKey("/T"));
        const bool isSig = field.hasKey("/FT") ? field.getKey("/FT").isNameAndEquals("/Sig") : parentIsSig;
        if (isSig && field.getKey("/V").isDictionary()) {
            SigField s{field, field, name};
            if (!field.getKey("/Subtype").isNameAndEquals("/Widget")) {
                const QPDFObjectHandle kids = field.getKey("/Kids");
                if (kids.isArray()) {
                    for (const QPDFObjectHandle &kid : kids.getArrayAsVector()) {
                        if (kid.isDictionary() && kid.getKey("/Subtype").isNameAndEquals("/Widget")) {
                            s.widget = kid;
                            break;
                        }
                    }
                }
            }
            out.append(s);
        }
        findSignatureFields(field.getKey("/Kids"), name, isSig, out, seen, depth + 1);
    }
}

/// Identity of an array element: its object number when indirect, else its text.
QByteArray identity(const QPDFObjectHandle &h)
{
    if (h.isIndirect())
        return "R" + QByteArray::number(h.getObjGen().getObj()) + ':' +
               QByteArray::number(h.getObjGen().getGen());
    return unparse(h);
}

std::set<std::string> keysOf(const QPDFObjectHandle &h)
{
    return h.isDictionary() ? h.getKeys() : std::set<std::string>();
}

QPDFObjectHandle keyOf(const QPDFObjectHandle &h, const std::string &key)
{
    return h.isDictionary() ? h.getKey(key) : QPDFObjectHandle::newNull();
}

QList<QPDFObjectHandle> itemsOf(const QPDFObjectHandle &array)
{
    QList<QPDFObjectHandle> out;
    if (array.isArray()) {
        for (const QPDFObjectHandle &h : array.getArrayAsVector())
            out.append(h);
    }
    return out;
}

/// Describes what the updates after the first `end` bytes changed, comparing the signed revision with the
/// whole file.
class ChangeAnalyser
{
public:
    ChangeAnalyser(QPDF &full, QPDF &before) : m_full(full), m_before(before)
    {
        const auto &pages = m_full.getAllPages();
        for (size_t i = 0; i < pages.size(); ++i)
            indexPage(pages[i], int(i));
        const auto &oldPages = m_before.getAllPages();
        for (size_t i = 0; i < oldPages.size(); ++i)
            indexPage(oldPages[i], int(i));
    }

    void analyse(qint64 end)
    {
        const auto fullXref = m_full.getXRefTable();
        const auto beforeXref = m_before.getXRefTable();
        auto offsetOf = [&](const QPDFXRefEntry &e) -> qint64 {
            if (e.getType() == 1)
                return e.getOffset();
            if (e.getType() == 2) {
                const auto it = fullXref.find(QPDFObjGen(e.getObjStreamNumber(), 0));
                return it != fullXref.end() && it->second.getType() == 1 ? it->second.getOffset() : -1;
            }
            return -1;
        };
        const QPDFObjGen rootOg = m_full.getRoot().getObjGen();
        const QPDFObjectHandle info = m_full.getTrailer().getKey("/Info");
        const QPDFObjectHandle dss = m_full.getRoot().getKey("/DSS");
        const QPDFObjectHandle acroForm = m_full.getRoot().getKey("/AcroForm");
        for (const auto &[og, entry] : fullXref) {
            if (offsetOf(entry) < end)
                continue;
            const bool existed = beforeXref.count(og) > 0;
            const QPDFObjectHandle obj = m_full.getObject(og);
            const QPDFObjectHandle dict = obj.isStream() ? obj.getDict() : obj;
            const QPDFObjectHandle type = dict.isDictionary() ? dict.getKey("/Type") : QPDFObjectHandle();
            if (dict.isDictionary() && (dict.hasKey("/FT") || dict.hasKey("/Parent")) &&
                isSignatureField(dict) && (dict.hasKey("/T") || dict.hasKey("/V"))) {
                const QString name = fullName(dict);
                if (fieldHasValue(dict))
                    add(translated(QT_TRANSLATE_NOOP("Signing", "another digital signature (%1)")).arg(name));
                else
                    add(translated(QT_TRANSLATE_NOOP("Signing", "empty signature field (%1)")).arg(name));
            } else if (type.isNameAndEquals("/DocTimeStamp")) {
                add(translated(QT_TRANSLATE_NOOP("Signing", "document timestamp")));
            } else if (type.isNameAndEquals("/Sig") || type.isNameAndEquals("/XRef") ||
                       type.isNameAndEquals("/ObjStm")) {
                // part of a signature, or file structure
            } else if (og == rootOg) {
                compareCatalog();
            } else if (dss.isIndirect() && og == dss.getObjGen()) {
                add(translated(QT_TRANSLATE_NOOP("Signing", "DSS")));
            } else if (!existed) {
                // New objects only matter when something old refers to them, which the checks of the
                // changed objects report.
            } else if (info.isIndirect() && og == info.getObjGen()) {
                add(translated(QT_TRANSLATE_NOOP("Signing", "document information updated")));
            } else if (type.isNameAndEquals("/Metadata")) {
                add(translated(QT_TRANSLATE_NOOP("Signing", "document metadata (XMP) updated")));
            } else if (m_pageOf.count(og)) {
                comparePage(og);
            } else if (m_annotsOf.count(og)) {
                const int page = m_annotsOf[og];
                compareAnnots(itemsOf(m_before.getObject(og)), itemsOf(obj), page);
            } else if (m_contentOf.count(og)) {
                changed(translated(QT_TRANSLATE_NOOP("Signing", "content of page %1 changed"))
                            .arg(m_contentOf[og] + 1));
            } else if (acroForm.isIndirect() && og == acroForm.getObjGen()) {
                compareForm(m_before.getObject(og), obj);
            } else if (acroForm.isDictionary() && acroForm.getKey("/Fields").isIndirect() &&
                       og == acroForm.getKey("/Fields").getObjGen()) {
                compareFields(itemsOf(m_before.getObject(og)), itemsOf(obj));
            } else if (type.isNameAndEquals("/Pages")) {
                changed(translated(QT_TRANSLATE_NOOP("Signing", "pages added, removed or reordered")));
            } else {
                changed(translated(QT_TRANSLATE_NOOP("Signing", "object %1 changed")).arg(og.getObj()));
            }
        }
    }

    QStringList changes;
    bool onlySignaturesOrDss = true;

private:
    static bool fieldHasValue(const QPDFObjectHandle &dict)
    {
        QPDFObjectHandle f = dict;
        for (int depth = 0; depth < 32 && f.isDictionary(); ++depth) {
            if (f.hasKey("/V"))
                return f.getKey("/V").isDictionary();
            f = f.getKey("/Parent");
        }
        return false;
    }

    void indexPage(const QPDFObjectHandle &page, int index)
    {
        m_pageOf.emplace(page.getObjGen(), index);
        const QPDFObjectHandle annots = page.getKey("/Annots");
        if (annots.isIndirect())
            m_annotsOf.emplace(annots.getObjGen(), index);
        const QPDFObjectHandle contents = page.getKey("/Contents");
        if (contents.isIndirect())
            m_contentOf.emplace(contents.getObjGen(), index);
        for (const QPDFObjectHandle &c : itemsOf(contents)) {
            if (c.isIndirect())
                m_contentOf.emplace(c.getObjGen(), index);
        }
    }

    void add(const QString &change)
    {
        if (!changes.contains(change))
            changes.append(change);
    }

    void changed(const QString &change)
    {
        add(change);
        onlySignaturesOrDss = false;
    }

    void comparePage(QPDFObjGen og)
    {
        const int index = m_pageOf[og];
        const QPDFObjectHandle now = m_full.getObject(og), then = m_before.getObject(og);
        std::set<std::string> keys = keysOf(now);
        for (const std::string &k : keysOf(then))
            keys.insert(k);
        for (const std::string &k : keys) {
            if (k == "/Annots")
                continue;
            if (unparse(keyOf(now, k)) != unparse(keyOf(then, k))) {
                changed(
                    translated(QT_TRANSLATE_NOOP("Signing", "content of page %1 changed")).arg(index + 1));
                break;
            }
        }
        const QPDFObjectHandle a = keyOf(then, "/Annots"), b = keyOf(now, "/Annots");
        if (unparse(a) != unparse(b) || !b.isIndirect())
            compareAnnots(itemsOf(a), itemsOf(b), index);
    }

    void compareAnnots(const QList<QPDFObjectHandle> &then, const QList<QPDFObjectHandle> &now, int page)
    {
        QSet<QByteArray> before, after;
        for (const auto &h : then)
            before.insert(identity(h));
        for (const auto &h : now) {
            after.insert(identity(h));
            if (before.contains(identity(h)))
                continue;
            if (isSignatureField(h)) // reported by the field itself
                continue;
            if (isIssueStamp(h, page)) {
                add(translated(QT_TRANSLATE_NOOP("Signing", "number and issue date written on page %1"))
                        .arg(page + 1));
                continue;
            }
            changed(translated(QT_TRANSLATE_NOOP("Signing", "annotation on page %1")).arg(page + 1));
        }
        for (const auto &h : then) {
            if (!after.contains(identity(h)))
                changed(translated(QT_TRANSLATE_NOOP("Signing", "annotation removed from page %1"))
                            .arg(page + 1));
        }
    }

    /// The number and issue date the clerk writes into the blanks of a signed document (Decree 30 order:
    /// personal signature, number and date, organisation signature): a locked FreeText annotation named as
    /// an issue stamp, holding only digits, in the upper half of the first page where the template puts
    /// "Số:" and the date. Anything else added after a signature still counts as a change.
    bool isIssueStamp(const QPDFObjectHandle &h, int page) const
    {
        if (page != 0 || !h.isDictionary() || !h.getKey("/Subtype").isNameAndEquals("/FreeText"))
            return false;
        const QByteArray nm = bytesOf(h.getKey("/NM"));
        if (!nm.startsWith(kIssueStampPrefix))
            return false;
        long long flags = 0;
        h.getKey("/F").getValueAsInt(flags);
        if ((flags & 192) != 192) // read-only and locked
            return false;
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,6}$"));
        if (!digits.match(utf8(h.getKey("/Contents"))).hasMatch())
            return false;
        const std::vector<QPDFObjectHandle> &pages = m_full.getAllPages();
        if (pages.empty())
            return false;
        const QRectF box = pdf::rectangleOf(pages.front().getKey("/MediaBox"));
        const QRectF rect = pdf::rectangleOf(h.getKey("/Rect"));
        return !box.isEmpty() && !rect.isEmpty() && rect.width() < box.width() / 4 &&
               rect.top() >= box.top() + box.height() / 2;
    }

    void compareFields(const QList<QPDFObjectHandle> &then, const QList<QPDFObjectHandle> &now)
    {
        QSet<QByteArray> before;
        for (const auto &h : then)
            before.insert(identity(h));
        for (const auto &h : now) {
            if (before.contains(identity(h)) || isSignatureField(h))
                continue;
            changed(translated(QT_TRANSLATE_NOOP("Signing", "form field %1 added")).arg(fullName(h)));
        }
    }

    void compareForm(const QPDFObjectHandle &then, const QPDFObjectHandle &now)
    {
        static const std::set<std::string> harmless = {"/Fields", "/SigFlags", "/DR", "/DA",
                                                       "/NeedAppearances"};
        std::set<std::string> keys = keysOf(now);
        for (const std::string &k : keysOf(then))
            keys.insert(k);
        for (const std::string &k : keys) {
            if (!harmless.count(k) && unparse(keyOf(now, k)) != unparse(keyOf(then, k)))
                changed(translated(QT_TRANSLATE_NOOP("Signing", "form settings changed")));
        }
        const QPDFObjectHandle a = keyOf(then, "/Fields"), b = keyOf(now, "/Fields");
        if (unparse(a) != unparse(b))
            compareFields(itemsOf(a), itemsOf(b));
    }

    void compareCatalog()
    {
        const QPDFObjectHandle now = m_full.getRoot(), then = m_before.getRoot();
        std::set<std::string> keys = keysOf(now);
        for (const std::string &k : keysOf(then))
            keys.insert(k);
        for (const std::string &k : keys) {
            const QPDFObjectHandle a = keyOf(then, k), b = keyOf(now, k);
            if (unparse(a) == unparse(b))
                continue;
            if (k == "/DSS")
                add(translated(QT_TRANSLATE_NOOP("Signing", "DSS")));
            else if (k == "/AcroForm")
                compareForm(a, b);
            else if (k == "/Metadata")
                add(translated(QT_TRANSLATE_NOOP("Signing", "document metadata (XMP) updated")));
            else if (k == "/Extensions")
                continue;
            else
                changed(translated(QT_TRANSLATE_NOOP("Signing", "document-level settings changed (%1)"))
                            .arg(QString::fromStdString(k.substr(1))));
        }
    }

    QPDF &m_full;
    QPDF &m_before;
    std::map<QPDFObjGen, int> m_pageOf, m_annotsOf, m_contentOf;
};

Result<pdf::LoadedPdf> loadReadable(const QByteArray &bytes)
{
    auto loaded = pdf::loadPdf(bytes);
    if (!loaded)
        return loaded;
    if (loaded->needsPassword) {
        return GOVDESK_ERROR("signing.pdf-encrypted",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The PDF document is encrypted (password protected); "
                                               "its signatures cannot be read without the password."));
    }
    return loaded;
}

core::Error unreadable(const std::exception &e)
{
    return GOVDESK_ERROR("signing.pdf-unreadable",
                         QT_TRANSLATE_NOOP("Signing", "The file cannot be read as a PDF document: %1"),
                         QString::fromLocal8Bit(e.what()));
}

} // namespace

QByteArray signedBytes(const QByteArray &pdf, const PdfSignatureEntry &entry)
{
    const qint64 *br = entry.byteRange;
    for (int i = 0; i < 4; ++i) {
        if (br[i] < 0)
            return {};
    }
    if (br[0] + br[1] > pdf.size() || br[2] + br[3] > pdf.size() || br[1] == 0)
        return {};
    return pdf.mid(br[0], br[1]) + pdf.mid(br[2], br[3]);
}

Result<QList<PdfSignatureEntry>> readPdfSignatures(const QByteArray &bytes)
{
    auto loaded = loadReadable(bytes);
    if (!loaded)
        return loaded.error();
    QList<PdfSignatureEntry> out;
    try {
        QPDF &q = *loaded->qpdf;
        const auto &pages = q.getAllPages();
        std::map<QPDFObjGen, int> pageOf;
        std::map<QPDFObjGen, int> annotPage;
        for (size_t i = 0; i < pages.size(); ++i) {
            pageOf.emplace(pages[i].getObjGen(), int(i));
            for (const QPDFObjectHandle &a : itemsOf(pages[i].getKey("/Annots"))) {
                if (a.isIndirect())
                    annotPage.emplace(a.getObjGen(), int(i));
            }
        }
        QList<SigField> fields;
        std::set<QPDFObjGen> seen;
        const QPDFObjectHandle acroForm = q.getRoot().getKey("/AcroForm");
        if (acroForm.isDictionary())
            findSignatureFields(acroForm.getKey("/Fields"), QString(), false, fields, seen);

        for (const SigField &f : fields) {
            const QPDFObjectHandle v = f.field.getKey("/V");
            PdfSignatureEntry e;
            e.fieldName = f.name;
            e.rect = pdf::rectangleOf(f.widget.getKey("/Rect"));
            const QPDFObjectHandle p = f.widget.getKey("/P");
            if (p.isIndirect() && pageOf.count(p.getObjGen()))
                e.pageIndex = pageOf[p.getObjGen()];
            else if (f.widget.isIndirect() && annotPage.count(f.widget.getObjGen()))
                e.pageIndex = annotPage[f.widget.getObjGen()];
            if (v.getKey("/SubFilter").isName())
                e.subFilter = QByteArray::fromStdString(v.getKey("/SubFilter").getName()).mid(1);
            const QPDFObjectHandle br = v.getKey("/ByteRange");
            bool rangesRead = br.isArray() && br.getArrayNItems() == 4;
            for (int i = 0; rangesRead && i < 4; ++i) {
                long long x = 0;
                rangesRead = br.getArrayItem(i).getValueAsInt(x);
                e.byteRange[i] = x;
            }
            const QByteArray contents = bytesOf(v.getKey("/Contents"));
            e.cms = trimCms(contents);
            e.name = utf8(v.getKey("/Name"));
            e.reason = utf8(v.getKey("/Reason"));
            e.location = utf8(v.getKey("/Location"));
            e.claimedTime = pdf::parseDate(bytesOf(v.getKey("/M")));

            const qint64 *r = e.byteRange;
            const qint64 size = bytes.size();
            if (rangesRead && r[0] == 0 && r[1] > 0 && r[2] > r[1] + 1 && r[3] >= 0 && r[2] + r[3] <= size &&
                bytes[r[1]] == '<' && bytes[r[2] - 1] == '>') {
                const QByteArray hex = bytes.mid(r[1] + 1, r[2] - r[1] - 2);
                const bool allHex = std::all_of(hex.begin(), hex.end(), [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                });
                e.byteRangeValid = allHex && !contents.isEmpty() && QByteArray::fromHex(hex) == contents;
            }
            e.coversWholeDocument = rangesRead && r[2] + r[3] == size;
            out.append(e);
        }

        // Signing order: where each signed revision ends.
        std::stable_sort(out.begin(), out.end(), [](const PdfSignatureEntry &a, const PdfSignatureEntry &b) {
            return a.byteRange[2] + a.byteRange[3] < b.byteRange[2] + b.byteRange[3];
        });
        for (qsizetype i = 0; i < out.size(); ++i) {
            PdfSignatureEntry &e = out[i];
            e.revision = int(i + 1);
            const qint64 end = e.byteRange[2] + e.byteRange[3];
            if (e.coversWholeDocument || end <= 0 || end > bytes.size())
                continue;
            auto before = pdf::loadPdf(bytes.left(end));
            if (!before || before->needsPassword) {
                e.appendedChanges << translated(
                    QT_TRANSLATE_NOOP("Signing", "later changes could not be analysed"));
                e.appendedOnlySignaturesOrDss = false;
                continue;
            }
            try {
                ChangeAnalyser analyser(q, *before->qpdf);
                analyser.analyse(end);
                e.appendedChanges = analyser.changes;
                e.appendedOnlySignaturesOrDss = analyser.onlySignaturesOrDss;
            } catch (const std::exception &) {
                e.appendedChanges << translated(
                    QT_TRANSLATE_NOOP("Signing", "later changes could not be analysed"));
                e.appendedOnlySignaturesOrDss = false;
            }
        }
    } catch (const std::exception &ex) {
        return unreadable(ex);
    }
    return out;
}

Result<PdfDss> readPdfDss(const QByteArray &bytes)
{
    auto loaded = loadReadable(bytes);
    if (!loaded)
        return loaded.error();
    PdfDss out;
    try {
        const QPDFObjectHandle dss = loaded->qpdf->getRoot().getKey("/DSS");
        if (!dss.isDictionary())
            return out;
        auto read = [&](const char *key, QList<QByteArray> &into) {
            for (QPDFObjectHandle s : itemsOf(dss.getKey(key))) {
                if (!s.isStream())
                    continue;
                const auto data = s.getStreamData();
                into.append(QByteArray(reinterpret_cast<const char *>(data->getBuffer()),
                                       qsizetype(data->getSize())));
            }
        };
        read("/Certs", out.certs);
        read("/OCSPs", out.ocspResponses);
        read("/CRLs", out.crls);
    } catch (const std::exception &ex) {
        return unreadable(ex);
    }
    return out;
}

} // namespace govdesk::signing
