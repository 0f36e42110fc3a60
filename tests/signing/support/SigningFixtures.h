#pragma once

// Fixtures for signing tests: a Decree 30 document to sign, signature and seal images, and the independent
// checks a reviewer would run on the result (pdftoppm pixels, pdfsig's verdicts).
#include <QByteArray>
#include <QDate>
#include <QImage>
#include <QList>
#include <QPointF>

#include <QJsonObject>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <utility>

namespace govdesk::signing::testing {

inline const QByteArray kTokenPin = "246810";

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);
/// A blue handwritten-looking signature on a transparent background.
QImage signatureImage();
/// A red round seal, transparent outside the ring.
QImage sealImage();
/// An A4 document written with Qt's PDF writer (classic cross-reference table) at 72 dpi, so positions are
/// PDF points from the top-left: each page is a list of text lines in Liberation Serif 13 pt.
using PageLines = QList<std::pair<QPointF, QString>>;
QByteArray a4Pdf(const QList<PageLines> &pages, const QString &title = {});
/// A decision laid out as Decree 30 prescribes, signed by "PHÓ GIÁM ĐỐC" Nguyễn Văn An, dated `date`. A
/// draft: reference "/QĐ-UBND" and an invalid date leave the number and the date blank.
QByteArray officialPdf(const QString &reference, const QDate &date = QDate(2026, 3, 15));

bool isBlue(QRgb c);
bool isRed(QRgb c);
bool isDark(QRgb c);
/// Renders a 1-based page at 72 dpi with pdftoppm, so one pixel is one point.
QImage renderPage(const QString &pdf, int page, const QString &dir);
/// Share of the pixels of `rect` (PDF points, bottom-left origin) on a 72-dpi render that pass `test`.
double share(const QImage &page, const QRectF &rect, bool (*test)(QRgb));
/// The "rect" of a sign result: x, y, width, height in points.
QRectF rectOf(const QJsonObject &signResult);
/// pdfsig's verdict per signature, e.g. "Signature is Valid.".
QStringList pdfsigValidations(const QString &pdf);

/// The machine's configuration for signing from the window, written to `path` and named by
/// GOVDESK_SYSTEM_CONFIG: `rootPem` trusted by IT, no timestamp server, revocation checked online (the local
/// OCSP responder) and kept in the signed files. False when the file cannot be written.
bool useSigningConfig(const QString &path, const QString &rootPem);

} // namespace govdesk::signing::testing
