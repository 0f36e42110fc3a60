#include "PdfSigner.h"

#include "PdfAppearance.h"
#include "PdfDocument.h"
#include "PdfSyntax.h"

#include <QCryptographicHash>
#include <QMap>
#include <QSet>
#include <QUuid>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cmath>
#include <set>

namespace govdesk::signing {

using core::Result;

namespace pdf {

/// A file qpdf could not open: damaged when it starts like a PDF, else not a PDF at all.
static core::Error readFailure(const QByteArray &bytes, const QString &detail)
{
    if (bytes.left(1024).contains("%PDF-")) {
        return GOVDESK_ERROR("signing.pdf-damaged",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The PDF document is damaged and cannot be read (%1). "
                                               "Ask the sender for the file again."),
                             detail);
    }
    return GOVDESK_ERROR("signing.pdf-unreadable",
                         QT_TRANSLATE_NOOP("Signing", "The file cannot be read as a PDF document: %1"),
                         detail);
}

Result<LoadedPdf> loadPdf(const QByteArray &bytes)
{
    LoadedPdf loaded;
    loaded.bytes = bytes;
    if (bytes.isEmpty()) {
        return GOVDESK_ERROR("signing.pdf-unreadable",
                             QT_TRANSLATE_NOOP("Signing", "The file is empty, not a PDF document."));
    }
    auto q = std::make_shared<QPDF>();
    q->setSuppressWarnings(true);
    try {
        q->processMemoryFile("document.pdf", loaded.bytes.constData(), size_t(loaded.bytes.size()));
        loaded.encrypted = q->isEncrypted();
        (void)q->getAllPages();
        (void)q->getRoot();
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() == qpdf_e_password) {
            loaded.needsPassword = true;
            loaded.encrypted = true;
            return loaded;
        }
        return readFailure(bytes, QString::fromStdString(e.getMessageDetail()));
    } catch (const std::exception &e) {
        return readFailure(bytes, QString::fromLocal8Bit(e.what()));
    }
    const std::vector<QPDFExc> warnings = q->getWarnings();
    if (!warnings.empty()) {
        loaded.damaged = true;
        QStringList details;
        for (size_t i = 0; i < warnings.size() && i < 3; ++i)
            details << QString::fromStdString(warnings[i].getMessageDetail());
        loaded.damageDetail = details.join(QStringLiteral("; "));
    }
    if (readTail(bytes).startxref < 0) {
        loaded.damaged = true;
        if (loaded.damageDetail.isEmpty())
            loaded.damageDetail = QStringLiteral("startxref does not point to a cross-reference section");
    }
    loaded.qpdf = std::move(q);
    return loaded;
}

Result<LoadedPdf> loadForUpdate(const QByteArray &bytes)
{
    auto loaded = loadPdf(bytes);
    if (!loaded)
        return loaded;
    if (loaded->encrypted) {
        return GOVDESK_ERROR("signing.pdf-encrypted",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The PDF document is encrypted (password protected); "
                                               "remove the protection before signing it."));
    }
    if (loaded->damaged) {
        return GOVDESK_ERROR(
            "signing.pdf-damaged",
            QT_TRANSLATE_NOOP("Signing", "The PDF document is damaged (%1); signing it would produce a file "
                                         "other programs may read differently. Save it again from the "
                                         "program that made it, then sign."),
            loaded->damageDetail);
    }
    return loaded;
}

QRectF rectangleOf(const QPDFObjectHandle &array)
{
    if (!array.isArray() || array.getArrayNItems() != 4)
        return {};
    double v[4] = {};
    for (int i = 0; i < 4; ++i) {
        if (!array.getArrayItem(i).getValueAsNumber(v[i]))
            return {};
    }
    return QRectF(QPointF(std::min(v[0], v[2]), std::min(v[1], v[3])),
                  QPointF(std::max(v[0], v[2]), std::max(v[1], v[3])));
}

} // namespace pdf

namespace {

using pdf::real;

QByteArray ref(const QPDFObjectHandle &h)
{
    const QPDFObjGen og = h.getObjGen();
    return QByteArray::number(og.getObj()) + ' ' + QByteArray::number(og.getGen()) + " R";
}

QByteArray ref(int num)
{
    return QByteArray::number(num) + " 0 R";
}

QByteArray unparse(const QPDFObjectHandle &h)
{
    return QByteArray::fromStdString(h.unparse());
}

/// A dictionary's text with some entries replaced or added (`overrides`, keyed by "/Name").
QByteArray dictWith(const QPDFObjectHandle &dict, const QMap<QByteArray, QByteArray> &overrides)
{
    QByteArray out = "<<";
    if (dict.isDictionary()) {
        for (const std::string &key : dict.getKeys()) {
            const QByteArray k = QByteArray::fromStdString(key);
            if (overrides.contains(k))
                continue;
            const QPDFObjectHandle value = dict.getKey(key);
            if (value.isNull())
                continue;
            out += ' ' + QByteArray::fromStdString(QPDFObjectHandle::newName(key).unparse()) + ' ' +
                   unparse(value);
        }
    }
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
        out += ' ' + it.key() + ' ' + it.value();
    out += " >>";
    return out;
}

/// An array's items as text, `extra` appended.
QByteArray arrayWith(const QPDFObjectHandle &array, const QList<QByteArray> &extra)
{
    QByteArray out = "[";
    if (array.isArray()) {
        for (const QPDFObjectHandle &item : array.getArrayAsVector())
            out += unparse(item) + ' ';
    }
    for (const QByteArray &e : extra)
        out += e + ' ';
    if (out.endsWith(' '))
        out.chop(1);
    return out + ']';
}

/// A page attribute, looked up the page tree when inherited.
QPDFObjectHandle inherited(QPDFObjectHandle page, const std::string &key)
{
    for (int depth = 0; depth < 64 && page.isDictionary(); ++depth) {
        if (page.hasKey(key))
            return page.getKey(key);
        page = page.getKey("/Parent");
    }
    return QPDFObjectHandle::newNull();
}

PdfPageInfo pageInfo(const QPDFObjectHandle &page, int index)
{
    PdfPageInfo info;
    info.index = index;
    info.mediaBox = pdf::rectangleOf(inherited(page, "/MediaBox"));
    if (info.mediaBox.isEmpty())
        info.mediaBox = QRectF(0, 0, 612, 792);
    const QRectF crop = pdf::rectangleOf(inherited(page, "/CropBox"));
    info.cropBox = crop.isEmpty() ? info.mediaBox : crop.intersected(info.mediaBox);
    long long rotate = 0;
    inherited(page, "/Rotate").getValueAsInt(rotate);
    info.rotation = int(((rotate % 360) + 360) % 360);
    if (info.rotation % 90 != 0)
        info.rotation = 0;
    return info;
}

/// Fully qualified names of all fields (and whether any is a signature), walking /Fields and /Kids.
void collectFields(const QPDFObjectHandle &fields, const QString &prefix, QSet<QString> &names,
                   std::set<QPDFObjGen> &seen, int &signatures, int depth = 0)
{
    if (!fields.isArray() || depth > 32)
        return;
    for (const QPDFObjectHandle &field : fields.getArrayAsVector()) {
        if (!field.isDictionary())
            continue;
        if (field.isIndirect()) {
            if (!seen.insert(field.getObjGen()).second)
                continue;
        }
        QString full = prefix;
        if (field.getKey("/T").isString()) {
            const QString t = QString::fromStdString(field.getKey("/T").getUTF8Value());
            full = prefix.isEmpty() ? t : prefix + QLatin1Char('.') + t;
            names.insert(full);
        }
        if (field.getKey("/FT").isNameAndEquals("/Sig") && field.getKey("/V").isDictionary())
            ++signatures;
        collectFields(field.getKey("/Kids"), full, names, seen, signatures, depth + 1);
    }
}

struct FieldSummary
{
    QSet<QString> names;
    int signatures = 0;
};

FieldSummary summariseFields(QPDF &q)
{
    FieldSummary s;
    std::set<QPDFObjGen> seen;
    const QPDFObjectHandle acroForm = q.getRoot().getKey("/AcroForm");
    if (acroForm.isDictionary())
        collectFields(acroForm.getKey("/Fields"), QString(), s.names, seen, s.signatures);
    return s;
}

int firstFreeObject(QPDF &q)
{
    long long size = 0;
    q.getTrailer().getKey("/Size").getValueAsInt(size);
    int maxObj = 0;
    for (const auto &[og, entry] : q.getXRefTable())
        maxObj = std::max(maxObj, og.getObj());
    return int(std::max<long long>(size, maxObj + 1));
}

QByteArray hexString(const QByteArray &bytes)
{
    return '<' + bytes.toHex().toUpper() + '>';
}

/// /Root, /Info and /ID [first-id new-id] for the new trailer.
QByteArray trailerEntries(QPDF &q, const QByteArray &original)
{
    const QPDFObjectHandle trailer = q.getTrailer();
    QByteArray out = "/Root " + ref(q.getRoot());
    const QPDFObjectHandle info = trailer.getKey("/Info");
    if (info.isIndirect())
        out += " /Info " + ref(info);
    const QByteArray fresh =
        QCryptographicHash::hash(original.right(4096) + QUuid::createUuid().toRfc4122() +
                                     QByteArray::number(QDateTime::currentMSecsSinceEpoch()),
                                 QCryptographicHash::Md5);
    QByteArray first = fresh;
    const QPDFObjectHandle id = trailer.getKey("/ID");
    if (id.isArray() && id.getArrayNItems() >= 1 && id.getArrayItem(0).isString())
        first = QByteArray::fromStdString(id.getArrayItem(0).getStringValue());
    out += " /ID [" + hexString(first) + ' ' + hexString(fresh) + ']';
    return out;
}

Result<QPDFObjectHandle> catalog(QPDF &q)
{
    const QPDFObjectHandle root = q.getRoot();
    if (!root.isDictionary() || !root.isIndirect()) {
        return GOVDESK_ERROR("signing.pdf-damaged",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The PDF document has no valid catalog (%1); signing "
                                               "it would produce a file other programs may read "
                                               "differently."),
                             QStringLiteral("/Root"));
    }
    return root;
}

core::Error unreadable(const std::exception &e)
{
    return GOVDESK_ERROR("signing.pdf-unreadable",
                         QT_TRANSLATE_NOOP("Signing", "The file cannot be read as a PDF document: %1"),
                         QString::fromLocal8Bit(e.what()));
}

constexpr int kMaxContentsReserve = 512 * 1024;
constexpr int kByteRangeWidth = 36; // "[0 " + three 10-digit numbers + 2 spaces + "]"
const QByteArray kByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

Result<PdfSignResult> signLoaded(pdf::LoadedPdf &loaded, const PdfSignRequest &request,
                                 const CmsProducer &cms)
{
    QPDF &q = *loaded.qpdf;
    const QByteArray &original = loaded.bytes;
    auto rootResult = catalog(q);
    if (!rootResult)
        return rootResult.error();
    const QPDFObjectHandle root = rootResult.value();
    const std::vector<QPDFObjectHandle> &pages = q.getAllPages();
    if (request.pageIndex < 0 || request.pageIndex >= int(pages.size())) {
        return GOVDESK_ERROR(
            "signing.pdf-page",
            QT_TRANSLATE_NOOP("Signing", "Page %1 does not exist: the document has %2 pages."),
            QString::number(request.pageIndex + 1), QString::number(pages.size()));
    }
    const QPDFObjectHandle page = pages[size_t(request.pageIndex)];
    const PdfPageInfo info = pageInfo(page, request.pageIndex);

    const FieldSummary fields = summariseFields(q);
    QString fieldName = request.fieldName.trimmed();
    if (fieldName.isEmpty()) {
        for (int n = 1;; ++n) {
            fieldName = QStringLiteral("Signature%1").arg(n);
            if (!fields.names.contains(fieldName))
                break;
        }
    } else if (fields.names.contains(fieldName) || fieldName.contains(QLatin1Char('.'))) {
        return GOVDESK_ERROR(
            "signing.pdf-field-exists",
            QT_TRANSLATE_NOOP("Signing",
                              "The document already has a field named \"%1\" (or the name contains a "
                              "dot); choose another name for the signature field."),
            fieldName);
    }

    const int reserve = request.contentsReserve > 0 ? request.contentsReserve : kDefaultContentsReserve;
    if (reserve > kMaxContentsReserve) {
        return GOVDESK_ERROR("signing.pdf-reserve",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The space requested for the signature (%1 bytes) is "
                                               "larger than the %2 bytes a PDF signature may take."),
                             QString::number(reserve), QString::number(kMaxContentsReserve));
    }
    const bool invisible =
        request.appearance.kind == SignatureAppearance::Kind::Invisible || request.rect.isEmpty();
    const QRectF rect = invisible ? QRectF() : request.rect.normalized();

    const pdf::Tail tail = pdf::readTail(original);
    pdf::IncrementalWriter w(original, firstFreeObject(q), tail.xrefStream, tail.startxref);

    const int sigNum = w.allocate();
    const int widgetNum = w.allocate();
    auto ap = pdf::writeAppearance(w, request.appearance, rect, info.rotation);
    if (!ap)
        return ap.error();

    const QDateTime when = request.signingTime.isValid() ? request.signingTime : QDateTime::currentDateTime();
    QByteArray sig =
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter " +
        pdf::name(request.subFilter.isEmpty() ? QByteArray("ETSI.CAdES.detached") : request.subFilter) +
        " /ByteRange " + kByteRangePlaceholder + " /Contents <" + QByteArray(2 * reserve, '0') + "> /M " +
        pdf::literalString(pdf::date(when));
    if (!request.signerName.isEmpty())
        sig += " /Name " + pdf::textString(request.signerName);
    if (!request.reason.isEmpty())
        sig += " /Reason " + pdf::textString(request.reason);
    if (!request.location.isEmpty())
        sig += " /Location " + pdf::textString(request.location);
    if (!request.contactInfo.isEmpty())
        sig += " /ContactInfo " + pdf::textString(request.contactInfo);
    sig += " >>";
    w.setObject(sigNum, 0, sig);

    w.setObject(widgetNum, 0,
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T " + pdf::textString(fieldName) + " /V " +
                    ref(sigNum) + " /F 132 /P " + ref(page) + " /Rect [" + real(rect.left()) + ' ' +
                    real(rect.top()) + ' ' + real(rect.right()) + ' ' + real(rect.bottom()) + "] /AP << /N " +
                    ref(ap.value()) + " >> >>");

    // The page's annotations.
    const QByteArray widgetRef = ref(widgetNum);
    const QPDFObjectHandle annots = page.getKey("/Annots");
    if (annots.isArray() && annots.isIndirect()) {
        w.setObject(annots.getObjGen().getObj(), annots.getObjGen().getGen(), arrayWith(annots, {widgetRef}));
    } else {
        w.setObject(page.getObjGen().getObj(), page.getObjGen().getGen(),
                    dictWith(page, {{"/Annots", arrayWith(annots, {widgetRef})}}));
    }

    // The catalog's interactive form.
    QMap<QByteArray, QByteArray> rootChanges;
    const QPDFObjectHandle acroForm = root.getKey("/AcroForm");
    if (acroForm.isDictionary()) {
        const QPDFObjectHandle formFields = acroForm.getKey("/Fields");
        QMap<QByteArray, QByteArray> formChanges;
        long long sigFlags = 0;
        acroForm.getKey("/SigFlags").getValueAsInt(sigFlags);
        if ((sigFlags & 3) != 3)
            formChanges["/SigFlags"] = QByteArray::number(sigFlags | 3);
        if (formFields.isArray() && formFields.isIndirect()) {
            w.setObject(formFields.getObjGen().getObj(), formFields.getObjGen().getGen(),
                        arrayWith(formFields, {widgetRef}));
        } else {
            formChanges["/Fields"] = arrayWith(formFields, {widgetRef});
        }
        if (!formChanges.isEmpty()) {
            if (acroForm.isIndirect())
                w.setObject(acroForm.getObjGen().getObj(), acroForm.getObjGen().getGen(),
                            dictWith(acroForm, formChanges));
            else
                rootChanges["/AcroForm"] = dictWith(acroForm, formChanges);
        }
    } else {
        rootChanges["/AcroForm"] = ref(w.addObject("<< /Fields [" + widgetRef + "] /SigFlags 3 >>"));
    }
    if (!rootChanges.isEmpty())
        w.setObject(root.getObjGen().getObj(), root.getObjGen().getGen(), dictWith(root, rootChanges));

    w.setTrailerEntries(trailerEntries(q, original));
    QByteArray out = w.finish();

    // Byte ranges: everything but the /Contents hex string, delimiters included.
    const qsizetype brAt = out.indexOf("/ByteRange " + kByteRangePlaceholder, original.size());
    const qsizetype lt = out.indexOf("/Contents <", brAt) + 10;
    if (brAt < 0 || lt < 10) {
        return GOVDESK_ERROR("signing.pdf-internal",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The signature placeholder could not be located in the "
                                               "document being signed."));
    }
    const qsizetype gt = lt + 1 + 2 * qsizetype(reserve);
    PdfSignResult result;
    result.byteRange[0] = 0;
    result.byteRange[1] = lt;
    result.byteRange[2] = gt + 1;
    result.byteRange[3] = out.size() - (gt + 1);
    QByteArray brText = "[0 " + QByteArray::number(result.byteRange[1]) + ' ' +
                        QByteArray::number(result.byteRange[2]) + ' ' +
                        QByteArray::number(result.byteRange[3]) + ']';
    brText = brText.leftJustified(kByteRangeWidth, ' ');
    out.replace(brAt + 11, kByteRangeWidth, brText);

    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(QByteArrayView(out).first(lt));
    sha.addData(QByteArrayView(out).sliced(gt + 1));
    auto der = cms(sha.result());
    if (!der)
        return der.error();
    if (der->isEmpty()) {
        return GOVDESK_ERROR(
            "signing.pdf-cms-empty",
            QT_TRANSLATE_NOOP("Signing", "The signature (CMS) to embed in the PDF is empty."));
    }
    if (der->size() > reserve) {
        return GOVDESK_ERROR(
            "signing.pdf-reserve",
            QT_TRANSLATE_NOOP("Signing",
                              "The signature is %1 bytes but only %2 bytes were reserved for it in "
                              "the PDF; sign again with a reserve of at least %1 bytes."),
            QString::number(der->size()), QString::number(reserve));
    }
    const QByteArray hex = der->toHex().toUpper();
    out.replace(lt + 1, hex.size(), hex);

    result.pdf = out;
    result.addedBytes = int(out.size() - original.size());
    result.fieldName = fieldName;
    result.rect = rect;
    return result;
}

} // namespace

Result<PdfInspection> inspectPdf(const QByteArray &bytes)
{
    auto loaded = pdf::loadPdf(bytes);
    if (!loaded)
        return loaded.error();
    PdfInspection out;
    out.size = bytes.size();
    out.encrypted = loaded->encrypted;
    out.damaged = loaded->damaged;
    out.damageDetail = loaded->damageDetail;
    out.usesXrefStreams = pdf::readTail(bytes).xrefStream;
    if (loaded->needsPassword)
        return out;
    try {
        QPDF &q = *loaded->qpdf;
        out.pdfVersion = QString::fromStdString(q.getPDFVersion());
        const std::vector<QPDFObjectHandle> &pages = q.getAllPages();
        out.pageCount = int(pages.size());
        for (size_t i = 0; i < pages.size(); ++i)
            out.pages.append(pageInfo(pages[i], int(i)));
        out.signatureCount = summariseFields(q).signatures;
    } catch (const std::exception &e) {
        return unreadable(e);
    }
    return out;
}

Result<PdfSignResult> signPdf(const QByteArray &bytes, const PdfSignRequest &request, const CmsProducer &cms)
{
    auto loaded = pdf::loadForUpdate(bytes);
    if (!loaded)
        return loaded.error();
    if (!cms) {
        return GOVDESK_ERROR(
            "signing.pdf-cms-empty",
            QT_TRANSLATE_NOOP("Signing", "The signature (CMS) to embed in the PDF is empty."));
    }
    try {
        return signLoaded(loaded.value(), request, cms);
    } catch (const std::exception &e) {
        return unreadable(e);
    }
}

Result<QByteArray> appendDss(const QByteArray &bytes, const QList<QByteArray> &certs,
                             const QList<QByteArray> &ocspResponses, const QList<QByteArray> &crls)
{
    auto loaded = pdf::loadForUpdate(bytes);
    if (!loaded)
        return loaded.error();
    try {
        QPDF &q = *loaded->qpdf;
        auto rootResult = catalog(q);
        if (!rootResult)
            return rootResult.error();
        const QPDFObjectHandle root = rootResult.value();
        const pdf::Tail tail = pdf::readTail(bytes);
        pdf::IncrementalWriter w(bytes, firstFreeObject(q), tail.xrefStream, tail.startxref);

        const QPDFObjectHandle dss = root.getKey("/DSS");
        QMap<QByteArray, QByteArray> changes;
        auto merge = [&](const char *key, const QList<QByteArray> &items) {
            const QPDFObjectHandle existing =
                dss.isDictionary() ? dss.getKey(key) : QPDFObjectHandle::newNull();
            QSet<QByteArray> have;
            if (existing.isArray()) {
                for (QPDFObjectHandle s : existing.getArrayAsVector()) {
                    if (s.isStream()) {
                        const auto data = s.getStreamData();
                        have.insert(QByteArray(reinterpret_cast<const char *>(data->getBuffer()),
                                               qsizetype(data->getSize())));
                    }
                }
            }
            QList<QByteArray> added;
            for (const QByteArray &item : items) {
                if (item.isEmpty() || have.contains(item))
                    continue;
                have.insert(item);
                added << ref(w.addStream(QByteArray(), item));
            }
            if (!added.isEmpty())
                changes[key] = arrayWith(existing, added);
        };
        merge("/Certs", certs);
        merge("/OCSPs", ocspResponses);
        merge("/CRLs", crls);
        if (changes.isEmpty())
            return bytes;

        if (dss.isDictionary() && dss.isIndirect()) {
            w.setObject(dss.getObjGen().getObj(), dss.getObjGen().getGen(), dictWith(dss, changes));
        } else {
            const int dssNum = w.addObject(dictWith(dss, changes));
            w.setObject(root.getObjGen().getObj(), root.getObjGen().getGen(),
                        dictWith(root, {{"/DSS", ref(dssNum)}}));
        }
        w.setTrailerEntries(trailerEntries(q, bytes));
        return w.finish();
    } catch (const std::exception &e) {
        return unreadable(e);
    }
}

Result<QByteArray> appendTextStamps(const QByteArray &bytes, const QList<PdfTextStamp> &stamps)
{
    if (stamps.isEmpty())
        return bytes;
    auto loaded = pdf::loadForUpdate(bytes);
    if (!loaded)
        return loaded.error();
    try {
        QPDF &q = *loaded->qpdf;
        const std::vector<QPDFObjectHandle> &pages = q.getAllPages();
        const pdf::Tail tail = pdf::readTail(bytes);
        pdf::IncrementalWriter w(bytes, firstFreeObject(q), tail.xrefStream, tail.startxref);
        QMap<int, QList<QByteArray>> added; // page index -> annotation references
        const QByteArray now = pdf::literalString(pdf::date(QDateTime::currentDateTime()));
        for (const PdfTextStamp &stamp : stamps) {
            if (stamp.pageIndex < 0 || stamp.pageIndex >= int(pages.size())) {
                return GOVDESK_ERROR(
                    "signing.pdf-page",
                    QT_TRANSLATE_NOOP("Signing", "Page %1 does not exist: the document has %2 pages."),
                    QString::number(stamp.pageIndex + 1), QString::number(pages.size()));
            }
            const QPDFObjectHandle page = pages[size_t(stamp.pageIndex)];
            const QRectF rect = stamp.rect.normalized();
            SignatureAppearance look;
            look.kind = SignatureAppearance::Kind::Text;
            look.textLines = {stamp.text};
            look.fontSizePt = stamp.fontSizePt;
            look.fontPath = stamp.fontPath;
            auto ap = pdf::writeAppearance(w, look, rect, pageInfo(page, stamp.pageIndex).rotation);
            if (!ap)
                return ap.error();
            // Flags: print (4), read-only (64), locked (128).
            QByteArray annot = "<< /Type /Annot /Subtype /FreeText /F 196 /Rect [" + real(rect.left()) + ' ' +
                               real(rect.top()) + ' ' + real(rect.right()) + ' ' + real(rect.bottom()) +
                               "] /Contents " + pdf::textString(stamp.text) + " /DA (0 g /Helv " +
                               real(stamp.fontSizePt) + " Tf) /BS << /W 0 >> /M " + now + " /P " + ref(page) +
                               " /AP << /N " + ref(ap.value()) + " >>";
            if (!stamp.name.isEmpty())
                annot += " /NM " + pdf::textString(stamp.name);
            annot += " >>";
            added[stamp.pageIndex] << ref(w.addObject(annot));
        }
        for (auto it = added.cbegin(); it != added.cend(); ++it) {
            const QPDFObjectHandle page = pages[size_t(it.key())];
            const QPDFObjectHandle annots = page.getKey("/Annots");
            if (annots.isArray() && annots.isIndirect())
                w.setObject(annots.getObjGen().getObj(), annots.getObjGen().getGen(),
                            arrayWith(annots, it.value()));
            else
                w.setObject(page.getObjGen().getObj(), page.getObjGen().getGen(),
                            dictWith(page, {{"/Annots", arrayWith(annots, it.value())}}));
        }
        w.setTrailerEntries(trailerEntries(q, bytes));
        return w.finish();
    } catch (const std::exception &e) {
        return unreadable(e);
    }
}

QRectF topRightRect(const PdfPageInfo &page, const QSizeF &size, double rightMarginPt, double topMarginPt)
{
    const QRectF c = page.cropBox.isEmpty() ? page.mediaBox : page.cropBox;
    const double w = size.width(), h = size.height(), mr = rightMarginPt;
    const double mt = topMarginPt < 0 ? rightMarginPt : topMarginPt;
    switch (page.rotation) {
    case 90: // displayed top-right = user (min x, max y)
        return QRectF(c.left() + mt, c.bottom() - mr - w, h, w);
    case 180: // user (min x, min y)
        return QRectF(c.left() + mr, c.top() + mt, w, h);
    case 270: // user (max x, min y)
        return QRectF(c.right() - mt - h, c.top() + mr, h, w);
    default: // user (max x, max y)
        return QRectF(c.right() - mr - w, c.bottom() - mt - h, w, h);
    }
}

} // namespace govdesk::signing
