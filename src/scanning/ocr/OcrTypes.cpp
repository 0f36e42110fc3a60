#include "OcrTypes.h"

#include <QJsonArray>

#include <cmath>

namespace govdesk::scanning {

QString OcrPage::text() const
{
    QString out;
    int line = words.isEmpty() ? -1 : words.first().line;
    for (const OcrWord &w : words) {
        if (!out.isEmpty())
            out += w.line != line ? QLatin1Char('\n') : QLatin1Char(' ');
        line = w.line;
        out += w.text;
    }
    return out;
}

int OcrPage::characterCount() const
{
    int n = 0;
    for (const OcrWord &w : words)
        n += int(w.text.size());
    return n;
}

double OcrPage::meanConfidence() const
{
    double sum = 0;
    qint64 chars = 0;
    for (const OcrWord &w : words) {
        sum += w.confidence * double(w.text.size());
        chars += w.text.size();
    }
    return chars ? sum / double(chars) : 0;
}

static QJsonArray boxJson(const QRectF &r)
{
    auto round2 = [](double v) { return std::round(v * 100) / 100; };
    return QJsonArray{round2(r.x()), round2(r.y()), round2(r.width()), round2(r.height())};
}

QJsonObject OcrField::toJson() const
{
    QJsonObject o{{QStringLiteral("value"), value},
                  {QStringLiteral("confidence"), std::round(confidence * 1000) / 1000}};
    if (page >= 0) {
        o.insert(QStringLiteral("page"), page + 1);
        o.insert(QStringLiteral("box"), boxJson(box));
    } else {
        o.insert(QStringLiteral("page"), QJsonValue::Null);
        o.insert(QStringLiteral("box"), QJsonValue::Null);
    }
    return o;
}

QJsonObject RegisterFields::toJson() const
{
    QJsonObject t = type.toJson();
    t.insert(QStringLiteral("abbreviation"), typeAbbr);
    return QJsonObject{
        {QStringLiteral("organ"), organ.toJson()},       {QStringLiteral("number"), number.toJson()},
        {QStringLiteral("notation"), notation.toJson()}, {QStringLiteral("place"), place.toJson()},
        {QStringLiteral("date"), date.toJson()},         {QStringLiteral("type"), t},
        {QStringLiteral("subject"), subject.toJson()}};
}

int OcrOutcome::characters() const
{
    int n = 0;
    for (const OcrPage &p : pages)
        n += p.characterCount();
    return n;
}

double OcrOutcome::meanConfidence() const
{
    double sum = 0;
    qint64 chars = 0;
    for (const OcrPage &p : pages) {
        if (p.hadText)
            continue;
        const int c = p.characterCount();
        sum += p.meanConfidence() * c;
        chars += c;
    }
    return chars ? sum / double(chars) : 0;
}

int OcrOutcome::recognisedPages() const
{
    int n = 0;
    for (const OcrPage &p : pages)
        n += p.hadText ? 0 : 1;
    return n;
}

QString segmentationKey(Segmentation s)
{
    switch (s) {
    case Segmentation::Layout:
        return QStringLiteral("3");
    case Segmentation::Block:
        return QStringLiteral("6");
    case Segmentation::Auto:
        break;
    }
    return QStringLiteral("auto");
}

QJsonObject OcrOutcome::toJson() const
{
    QJsonArray psm;
    QJsonArray pageList;
    for (const OcrPage &p : pages) {
        psm.append(p.hadText ? QJsonValue(QStringLiteral("text")) : QJsonValue(p.psm));
        QJsonObject o{{QStringLiteral("page"), p.index + 1},
                      {QStringLiteral("hadText"), p.hadText},
                      {QStringLiteral("psm"), p.hadText ? QJsonValue::Null : QJsonValue(p.psm)},
                      {QStringLiteral("dpi"), p.dpi},
                      {QStringLiteral("turned"), p.turned},
                      {QStringLiteral("characters"), p.characterCount()},
                      {QStringLiteral("meanConfidence"), std::round(p.meanConfidence() * 1000) / 1000}};
        if (p.layoutCharacters >= 0)
            o.insert(QStringLiteral("psm3"), QJsonObject{{QStringLiteral("characters"), p.layoutCharacters},
                                                         {QStringLiteral("meanConfidence"),
                                                          std::round(p.layoutConfidence * 1000) / 1000}});
        if (p.blockCharacters >= 0)
            o.insert(QStringLiteral("psm6"), QJsonObject{{QStringLiteral("characters"), p.blockCharacters},
                                                         {QStringLiteral("meanConfidence"),
                                                          std::round(p.blockConfidence * 1000) / 1000}});
        pageList.append(o);
    }
    return QJsonObject{{QStringLiteral("out"), outputPath},
                       {QStringLiteral("pages"), int(pages.size())},
                       {QStringLiteral("recognisedPages"), recognisedPages()},
                       {QStringLiteral("characters"), characters()},
                       {QStringLiteral("meanConfidence"), std::round(meanConfidence() * 1000) / 1000},
                       {QStringLiteral("bytes"), outputBytes},
                       {QStringLiteral("signedOriginalKept"), signedOriginalKept},
                       {QStringLiteral("psm"), psm},
                       {QStringLiteral("pageDetails"), pageList},
                       {QStringLiteral("fields"), fields.toJson()}};
}

} // namespace govdesk::scanning
