// The Vietnamese catalogue is complete: every text the code marks for translation (tr, QCoreApplication::
// translate, QT_TRANSLATE_NOOP, Designer forms) has a finished Vietnamese translation in
// translations/govdesk_vi.ts. A new string without one fails here, so a Vietnamese user never meets English.
// The English catalogue gives every plural its two forms.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QString m_root = qEnvironmentVariable("GOVDESK_SOURCE_DIR");
    QHash<QString, QString> m_finished; // source text -> translation (finished ones only)
    QStringList m_unfinished;

    static QString decodeLiterals(const QString &sequence)
    {
        // Concatenates adjacent C++ string literals ("a" "b"), decoding the usual escapes.
        QString out;
        static const QRegularExpression lit(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
        auto it = lit.globalMatch(sequence);
        while (it.hasNext()) {
            QString s = it.next().captured(1);
            s.replace(QStringLiteral("\\\""), QStringLiteral("\""));
            s.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
            s.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
            out += s;
        }
        return out;
    }

    QStringList sourceTexts()
    {
        QStringList texts;
        const QString literals = QStringLiteral("((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\")+)");
        const QRegularExpression trCall(QStringLiteral("\\btr\\(") + literals);
        const QRegularExpression withContext(
            QStringLiteral("\\b(?:QT_TRANSLATE_NOOP|QCoreApplication::translate)\\(\\s*\"[^\"]*\"\\s*,") +
            literals);
        QDirIterator it(m_root + QStringLiteral("/src"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            // Comments may quote examples of the markers; only code counts.
            QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
            lines.removeIf([](const QString &l) {
                const QString t = l.trimmed();
                return t.startsWith(QLatin1String("//")) || t.startsWith(QLatin1Char('*'));
            });
            const QString code = lines.join(QLatin1Char('\n'));
            for (const auto &re : {trCall, withContext}) {
                auto m = re.globalMatch(code);
                while (m.hasNext())
                    texts << decodeLiterals(m.next().captured(1));
            }
        }
        QDirIterator ui(m_root + QStringLiteral("/ui"), {QStringLiteral("*.ui")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (ui.hasNext()) {
            QFile f(ui.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            QXmlStreamReader xml(&f);
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement &&
                    xml.name() == QLatin1String("string") &&
                    xml.attributes().value(QLatin1String("notr")) != QLatin1String("true")) {
                    const QString t = xml.readElementText();
                    if (!t.trimmed().isEmpty())
                        texts << t;
                }
            }
        }
        texts.removeDuplicates();
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!m_root.isEmpty(), "GOVDESK_SOURCE_DIR is not set");
        QFile ts(m_root + QStringLiteral("/translations/govdesk_vi.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        QXmlStreamReader xml(&ts);
        QString context, source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished =
                    xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (unfinished || text.trimmed().isEmpty())
                    m_unfinished << context + QStringLiteral(": ") + source;
                else
                    m_finished.insert(source, text);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    void everyCatalogueEntryIsTranslated()
    {
        QVERIFY2(m_unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 unfinished: %2")
                                .arg(m_unfinished.size())
                                .arg(m_unfinished.mid(0, 10).join(QStringLiteral(" | ")))));
    }

    void everyMarkedTextIsInTheCatalogue()
    {
        const QStringList texts = sourceTexts();
        QVERIFY2(texts.size() > 150, "too few translatable texts found: the extraction is broken");
        QStringList missing;
        for (const QString &t : texts)
            if (!m_finished.contains(t))
                missing << t;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 texts without a Vietnamese translation: %2")
                                                   .arg(missing.size())
                                                   .arg(missing.mid(0, 10).join(QStringLiteral(" | ")))));
    }

    void translationsKeepPlaceholders()
    {
        // A translation that drops %1 would print the wrong thing (or nothing) where a value belongs.
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        QStringList broken;
        for (auto it = m_finished.cbegin(); it != m_finished.cend(); ++it) {
            QSet<QString> a, b;
            for (auto m = placeholder.globalMatch(it.key()); m.hasNext();)
                a.insert(m.next().captured());
            for (auto m = placeholder.globalMatch(it.value()); m.hasNext();)
                b.insert(m.next().captured());
            if (a != b)
                broken << it.key();
        }
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QStringLiteral(" | "))));
    }

    void englishPluralsHaveBothForms()
    {
        // English needs a catalogue only for plurals: "%n page(s)" must read "1 page" and "2 pages".
        QFile ts(m_root + QStringLiteral("/translations/govdesk_en.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        QXmlStreamReader xml(&ts);
        QString source;
        bool numerus = false;
        int plurals = 0;
        QStringList incomplete;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("message")) {
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation") && numerus) {
                ++plurals;
                const bool unfinished =
                    xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                QStringList forms;
                while (xml.readNextStartElement())
                    forms << xml.readElementText();
                if (unfinished || forms.size() != 2 || forms.contains(QString()) ||
                    (forms[0] == forms[1] && source.contains(QLatin1String("(s)"))))
                    incomplete << source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(plurals > 10);
        QVERIFY2(incomplete.isEmpty(), qPrintable(incomplete.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
