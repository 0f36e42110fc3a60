#include "IssueStamp.h"

#include "core/TextFold.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <poppler-qt6.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace govdesk::signing {

using core::Result;

namespace {

/// Liberation Serif's ascent plus descent, as a multiple of the font size: how tall Poppler makes a word box.
constexpr double kLineHeightFactor = 1.107;

struct Word
{
    QString text;
    QString folded; ///< without diacritics, case or punctuation: "Số:" is "so"
    QRectF box;     ///< top-left origin, points
};

QList<Word> pageWords(Poppler::Page *page)
{
    static const QRegularExpression nonAlphanumeric(QStringLiteral("[^a-z0-9]"));
    QList<Word> words;
    for (const auto &b : page->textList())
        words.append({b->text(), core::foldForSearch(b->text()).remove(nonAlphanumeric), b->boundingBox()});
    return words;
}

bool sameLine(const QRectF &a, const QRectF &b)
{
    return std::abs(a.center().y() - b.center().y()) < std::min(a.height(), b.height()) * 0.5;
}

/// The nearest word to the right of `from` on its line, or -1.
int nextOnLine(const QList<Word> &words, int from)
{
    int best = -1;
    for (int i = 0; i < words.size(); ++i) {
        if (i == from || !sameLine(words[i].box, words[from].box) ||
            words[i].box.left() < words[from].box.right() - 1)
            continue;
        if (best < 0 || words[i].box.left() < words[best].box.left())
            best = i;
    }
    return best;
}

QString fontFile(const char *fileName)
{
    for (const char *dir : {"/usr/share/fonts/truetype/liberation2/", "/usr/share/fonts/truetype/liberation/",
                            "/usr/share/fonts/liberation-serif/", "/usr/share/fonts/TTF/"}) {
        const QString path = QString::fromLatin1(dir) + QString::fromLatin1(fileName);
        if (QFile::exists(path))
            return path;
    }
    return {};
}

double fontSizeOf(const QRectF &wordBox)
{
    return std::round(wordBox.height() / kLineHeightFactor * 2) / 2;
}

/// A stamp of `text` whose text ends at `right` (alignRight) or is centred between `left` and `right`, on
/// the line of `lineBox`, converted to PDF user space.
Result<PdfTextStamp> stampIn(const QString &text, const QString &name, const QRectF &lineBox, double left,
                             double right, bool alignRight, const QString &fontPath, double pageHeight,
                             QStringList *warnings)
{
    PdfTextStamp s;
    s.text = text;
    s.name = QString::fromLatin1(kIssueStampPrefix) + name;
    s.fontSizePt = fontSizeOf(lineBox);
    s.fontPath = fontPath;
    auto size = measureTextAppearance({text}, s.fontSizePt, fontPath);
    if (!size)
        return size.error();
    const double padding = (size->height() - lineBox.height()) / 2;
    const double textWidth = size->width() - 2 * std::max(0.0, padding);
    if (right - left < textWidth && warnings) {
        *warnings << QCoreApplication::translate("Signing",
                                                 "The blank for \"%1\" is narrower than the text; check "
                                                 "the stamped document")
                         .arg(text);
    }
    double x =
        alignRight ? right - size->width() + std::max(0.0, padding) : (left + right) / 2 - size->width() / 2;
    x = std::max(x, left - std::max(0.0, padding));
    const double top = lineBox.center().y() - size->height() / 2;
    s.rect = QRectF(x, pageHeight - top - size->height(), size->width(), size->height());
    return s;
}

core::Error filled(const QString &shown, const QString &wanted)
{
    return GOVDESK_ERROR(
        "signing.stamp-filled",
        QT_TRANSLATE_NOOP("Signing", "The document already shows \"%1\" where \"%2\" should be written; "
                                     "the draft must leave the number and the date blank"),
        shown, wanted);
}

} // namespace

QString issueNumberText(int number)
{
    return number < 10 ? QStringLiteral("0%1").arg(number) : QString::number(number);
}

QString issueDayText(const QDate &date)
{
    return date.day() < 10 ? QStringLiteral("0%1").arg(date.day()) : QString::number(date.day());
}

QString issueMonthText(const QDate &date)
{
    return date.month() <= 2 ? QStringLiteral("0%1").arg(date.month()) : QString::number(date.month());
}

Result<IssueStampPlan> planIssueStamps(const QByteArray &pdf, int number, const QDate &date)
{
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    if (!doc || doc->isLocked() || doc->numPages() < 1)
        return GOVDESK_ERROR("signing.pdf-unreadable",
                             QT_TRANSLATE_NOOP("Signing", "The file cannot be read as a PDF document: %1"),
                             QStringLiteral("Poppler"));
    std::unique_ptr<Poppler::Page> page = doc->page(0);
    if (!page)
        return GOVDESK_ERROR("signing.pdf-unreadable",
                             QT_TRANSLATE_NOOP("Signing", "The file cannot be read as a PDF document: %1"),
                             QStringLiteral("Poppler"));
    const double pageHeight = page->pageSizeF().height();
    QList<Word> words = pageWords(page.get());
    words.erase(std::remove_if(words.begin(), words.end(),
                               [&](const Word &w) { return w.box.top() > pageHeight / 2; }),
                words.end());

    IssueStampPlan plan;
    const QString numberText = issueNumberText(number);
    const QString regular = fontFile("LiberationSerif-Regular.ttf");
    const QString italic = fontFile("LiberationSerif-Italic.ttf");

    // Số: …/QĐ-UBND
    static const QRegularExpression numbered(QStringLiteral("^(\\d+)/"));
    bool numberFound = false;
    for (int i = 0; i < words.size() && !numberFound; ++i) {
        if (words[i].folded != QLatin1String("so") || !words[i].text.endsWith(QLatin1Char(':')))
            continue;
        const int next = nextOnLine(words, i);
        if (next < 0)
            continue;
        QString t = words[next].text;
        // A number written into the blank earlier may come out as a word of its own before the slash.
        static const QRegularExpression digitsOnly(QStringLiteral("^\\d+$"));
        if (digitsOnly.match(t).hasMatch()) {
            const int slash = nextOnLine(words, next);
            if (slash >= 0 && words[slash].text.startsWith(QLatin1Char('/')))
                t += words[slash].text;
        }
        if (const auto m = numbered.match(t); m.hasMatch()) {
            if (m.captured(1).toInt() != number)
                return filled(t, numberText + t.mid(m.capturedLength(1)));
            numberFound = true;
        } else if (t.startsWith(QLatin1Char('/'))) {
            auto s = stampIn(numberText, QStringLiteral("So"), words[i].box, words[i].box.right(),
                             words[next].box.left(), true, regular, pageHeight, &plan.warnings);
            if (!s)
                return s.error();
            plan.stamps << s.value();
            numberFound = true;
        }
    }
    if (!numberFound)
        return GOVDESK_ERROR(
            "signing.stamp-number-place",
            QT_TRANSLATE_NOOP("Signing",
                              "The first page has no blank for the number (\"Số:   /QĐ-UBND\"): the number "
                              "cannot be written into the document. Use the agency's template or issue "
                              "without writing the number into the file."));

    // ngày … tháng … năm …
    bool dateFound = false;
    for (int i = 0; i < words.size() && !dateFound; ++i) {
        if (words[i].folded != QLatin1String("ngay"))
            continue;
        int month = -1, year = -1;
        QStringList between;
        for (int j = nextOnLine(words, i); j >= 0; j = nextOnLine(words, j)) {
            if (words[j].folded == QLatin1String("thang")) {
                month = j;
                break;
            }
            between << words[j].text;
        }
        if (month < 0)
            continue;
        QStringList betweenMonth;
        for (int j = nextOnLine(words, month); j >= 0; j = nextOnLine(words, j)) {
            if (words[j].folded == QLatin1String("nam")) {
                year = j;
                break;
            }
            betweenMonth << words[j].text;
        }
        if (year < 0)
            continue;
        dateFound = true;
        const QRectF line = words[i].box;
        const QString day = issueDayText(date), monthText = issueMonthText(date);
        if (!between.isEmpty()) {
            if (between.join(QString()).toInt() != date.day())
                return filled(between.join(QLatin1Char(' ')), day);
        } else {
            auto s = stampIn(day, QStringLiteral("Ngay"), line, words[i].box.right(), words[month].box.left(),
                             false, italic, pageHeight, &plan.warnings);
            if (!s)
                return s.error();
            plan.stamps << s.value();
        }
        if (!betweenMonth.isEmpty()) {
            if (betweenMonth.join(QString()).toInt() != date.month())
                return filled(betweenMonth.join(QLatin1Char(' ')), monthText);
        } else {
            auto s = stampIn(monthText, QStringLiteral("Thang"), line, words[month].box.right(),
                             words[year].box.left(), false, italic, pageHeight, &plan.warnings);
            if (!s)
                return s.error();
            plan.stamps << s.value();
        }
        const int after = nextOnLine(words, year);
        static const QRegularExpression fourDigits(QStringLiteral("^(\\d{4})"));
        const auto m = after >= 0 ? fourDigits.match(words[after].text) : QRegularExpressionMatch();
        if (m.hasMatch()) {
            if (m.captured(1).toInt() != date.year())
                return filled(m.captured(1), QString::number(date.year()));
        } else {
            const double left = words[year].box.right();
            auto s = stampIn(QString::number(date.year()), QStringLiteral("Nam"), line, left,
                             left + fontSizeOf(line) * 2.6, false, italic, pageHeight, &plan.warnings);
            if (!s)
                return s.error();
            plan.stamps << s.value();
        }
    }
    if (!dateFound)
        return GOVDESK_ERROR(
            "signing.stamp-date-place",
            QT_TRANSLATE_NOOP("Signing",
                              "The first page has no blank for the date (\"ngày … tháng … năm …\"): the "
                              "issue date cannot be written into the document. Use the agency's template or "
                              "issue without writing the date into the file."));
    return plan;
}

Result<QByteArray> stampIssueDetails(const QByteArray &pdf, int number, const QDate &date,
                                     QStringList *warnings)
{
    auto plan = planIssueStamps(pdf, number, date);
    if (!plan)
        return plan.error();
    if (warnings)
        *warnings << plan->warnings;
    return appendTextStamps(pdf, plan->stamps);
}

} // namespace govdesk::signing
