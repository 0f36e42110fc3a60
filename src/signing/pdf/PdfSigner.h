#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <functional>

namespace govdesk::signing {

/// One page of a PDF, in PDF user space points (origin bottom-left), rotation in degrees (0, 90, 180, 270).
struct PdfPageInfo
{
    int index = 0;
    QRectF mediaBox, cropBox;
    int rotation = 0;
};

/// What a PDF is made of, as far as signing cares.
struct PdfInspection
{
    bool encrypted = false;
    bool damaged = false; ///< qpdf had to reconstruct the cross-reference table or warned while loading
    QString damageDetail; ///< qpdf's first warnings, for the log
    int pageCount = 0;
    QList<PdfPageInfo> pages;
    int signatureCount = 0;
    bool usesXrefStreams = false; ///< the last cross-reference section is a stream
    QString pdfVersion;
    qint64 size = 0;
};

/// Opens the bytes with qpdf. An encrypted file that needs a password gives encrypted = true and no pages.
/// Errors: signing.pdf-unreadable (not a PDF at all), signing.pdf-damaged (a PDF qpdf cannot recover).
core::Result<PdfInspection> inspectPdf(const QByteArray &pdf);

/// How the signature looks on the page (Decree 30/2020, Phụ lục I).
struct SignatureAppearance
{
    enum class Kind
    {
        Invisible,
        Image,
        Text
    } kind = Kind::Invisible;
    QImage image;           ///< Kind::Image: the handwritten signature (blue) or the seal (red), with alpha;
                            ///< drawn to fill the box with its aspect kept, centred
    QStringList textLines;  ///< Kind::Text: e.g. "15/QĐ-UBND", "2026-03-15T14:05:09+07:00"
    double fontSizePt = 10; ///< Kind::Text: shrunk when the longest line does not fit the box
    QString fontPath;       ///< Kind::Text: TrueType font; empty = Liberation Serif (Times New Roman metrics)
};

/// Bytes reserved for the CMS when PdfSignRequest::contentsReserve is 0: a CAdES signature with a short
/// certificate chain and an RFC 3161 timestamp token.
inline constexpr int kDefaultContentsReserve = 20480;

struct PdfSignRequest
{
    int pageIndex = 0; ///< 0-based
    QRectF rect;       ///< widget rectangle in PDF user space points (origin bottom-left); empty = invisible
    SignatureAppearance appearance;
    QString fieldName; ///< unique; "Signature1", "Signature2"... when empty
    QString signerName, reason, location, contactInfo;
    QDateTime signingTime; ///< written as /M in Vietnam time; now when invalid
    QByteArray subFilter = "ETSI.CAdES.detached";
    int contentsReserve = 0; ///< bytes reserved for the DER CMS; 0 = kDefaultContentsReserve
};

struct PdfSignResult
{
    QByteArray pdf;
    qint64 byteRange[4] = {};
    int addedBytes = 0; ///< size of the incremental update
    QString fieldName;
    QRectF rect;
};

/// Makes the CMS (DER) for the signed bytes; it receives the SHA-256 of the bytes covered by /ByteRange.
using CmsProducer = std::function<core::Result<QByteArray>(const QByteArray &byteRangeSha256)>;

/// Appends an incremental update holding a signature field (signature dictionary with /ByteRange and a
/// zero-filled /Contents placeholder, widget with its appearance, the page's /Annots and the catalog's
/// /AcroForm extended), computes the byte ranges, calls `cms` with their SHA-256 and writes the CMS into
/// /Contents. The original bytes are a prefix of the result, so earlier signatures stay valid.
/// Errors: signing.pdf-unreadable, signing.pdf-encrypted, signing.pdf-damaged, signing.pdf-page,
/// signing.pdf-field-exists, signing.pdf-font, signing.pdf-image, signing.pdf-reserve (the CMS does not
/// fit the reserve; no file is produced), or the error the producer returned.
core::Result<PdfSignResult> signPdf(const QByteArray &pdf, const PdfSignRequest &request,
                                    const CmsProducer &cms);

/// Appends a Document Security Store (PAdES B-LT) in a new incremental update: /DSS in the catalog with
/// /Certs, /OCSPs and /CRLs streams, keeping what an existing DSS already holds (identical entries are not
/// added twice). Errors: as for signPdf (unreadable, encrypted, damaged).
core::Result<QByteArray> appendDss(const QByteArray &pdf, const QList<QByteArray> &certs,
                                   const QList<QByteArray> &ocspResponses, const QList<QByteArray> &crls);

/// Text written onto a page of a signed document (the issue number and date in the template's blanks): a
/// locked, read-only FreeText annotation whose appearance draws the text with an embedded font subset, so
/// every viewer shows and prints it and text extraction finds it.
struct PdfTextStamp
{
    int pageIndex = 0;
    QRectF rect; ///< points, bottom-left origin; measureTextAppearance gives the size the text needs
    QString text;
    double fontSizePt = 13;
    QString fontPath; ///< empty = Liberation Serif
    QString name;     ///< /NM; issue stamps start with kIssueStampPrefix
};

/// The /NM prefix of the stamps the verifier accepts after a signature as the number and date of issue.
inline constexpr char kIssueStampPrefix[] = "GovDesk.BanHanh.";

/// Appends one incremental update holding the stamps (earlier signatures stay valid). Errors: as for signPdf
/// (unreadable, encrypted, damaged, page, font).
core::Result<QByteArray> appendTextStamps(const QByteArray &pdf, const QList<PdfTextStamp> &stamps);

/// One signature field with a value, as found in the file.
struct PdfSignatureEntry
{
    QString fieldName;
    int pageIndex = -1;
    QRectF rect;
    QByteArray subFilter;
    qint64 byteRange[4] = {};
    QByteArray cms; ///< /Contents with its trailing zero padding removed (the DER length)
    QString name, reason, location;
    QDateTime claimedTime;            ///< /M
    bool byteRangeValid = false;      ///< starts at 0, covers everything but exactly the /Contents hex string
    bool coversWholeDocument = false; ///< the second range ends at the end of the file
    QStringList appendedChanges;      ///< what later incremental updates changed, in words (translated)
    bool appendedOnlySignaturesOrDss = true; ///< false when pages' content or other objects changed after it
    int revision = 0;                        ///< 1-based order of the signature in the file
};

struct PdfDss
{
    QList<QByteArray> certs, ocspResponses, crls;
};

/// Every signature field with a value, in signing order. Errors: signing.pdf-unreadable, signing.pdf-damaged,
/// signing.pdf-encrypted. A damaged file is read as qpdf recovers it.
core::Result<QList<PdfSignatureEntry>> readPdfSignatures(const QByteArray &pdf);

/// The Document Security Store (empty lists when the file has none).
core::Result<PdfDss> readPdfDss(const QByteArray &pdf);

/// The bytes a signature covers: the concatenation of its two byte ranges (empty when they are out of
/// the file).
QByteArray signedBytes(const QByteArray &pdf, const PdfSignatureEntry &entry);

/// The size (points) a text appearance needs for `lines` at `fontSizePt`, padding included; used to place
/// the box. Errors: signing.pdf-font.
core::Result<QSizeF> measureTextAppearance(const QStringList &lines, double fontSizePt = 10,
                                           const QString &fontPath = {});

/// A box of `size` at the top-right of `page` (its crop box, as the page is displayed, rotation
/// included), `rightMarginPt` from the right edge and `topMarginPt` from the top (the right margin when
/// negative), in PDF user space: where Decree 30 puts the organisation signature of attachments and
/// electronic copies.
QRectF topRightRect(const PdfPageInfo &page, const QSizeF &size, double rightMarginPt = 20,
                    double topMarginPt = -1);

} // namespace govdesk::signing
