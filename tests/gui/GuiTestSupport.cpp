#include "GuiTestSupport.h"

#include "documents/DemoWorkspace.h"
#include "documents/DocumentsSchema.h"
#include "gui/WorkspaceLoader.h"
#include "storage/Accounts.h"
#include "storage/StorageSchema.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTranslator>

#include <algorithm>

namespace govdesk::test {

void isolateSettings(const QString &dir)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

bool installTestTranslation()
{
    if (qEnvironmentVariableIsEmpty("GOVDESK_TEST_QM"))
        return true;
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(qEnvironmentVariable("GOVDESK_TEST_QM")))
        return false;
    QCoreApplication::installTranslator(translator);
    return true;
}

core::Result<std::shared_ptr<storage::Database>> openDemoWorkspace(const QString &dir)
{
    auto db = storage::Database::open(storage::ConnectionInfo::sqlite(dir),
                                      {storage::storageSchema(), documents::documentsSchema()});
    if (!db)
        return db.error();
    documents::DemoWorkspace::Options options;
    options.password = gui::WorkspaceLoader::demoPassword();
    if (auto seeded = documents::DemoWorkspace::seed(*db.value(), options); !seeded)
        return seeded.error();
    return db.value();
}

std::unique_ptr<gui::Session> demoSession(const std::shared_ptr<storage::Database> &db,
                                          const QString &username)
{
    auto user = storage::Accounts(*db).authenticate(username, gui::WorkspaceLoader::demoPassword());
    if (!user)
        return nullptr;
    auto data = gui::ReferenceData::load(*db);
    if (!data)
        return nullptr;
    return std::make_unique<gui::Session>(db, user.value(), data.value());
}

bool showWindow(QWidget &window, const QSize &size)
{
    if (size.isValid())
        window.resize(size);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

void typeInto(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            QTest::keyClick(w, c.toLatin1());
        } else {
            QTest::sendKeyEvent(QTest::Press, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
}

void screenshot(QWidget *w, const QString &name)
{
    if (qEnvironmentVariableIsEmpty("GOVDESK_SCREENSHOT_DIR"))
        return;
    QTest::qWait(400); // the PDF page and the signature check arrive from workers
    w->grab().save(qEnvironmentVariable("GOVDESK_SCREENSHOT_DIR") + QLatin1Char('/') + name);
}

QPushButton *okButton(QDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
}

bool waitForSignal(QSignalSpy &spy, int timeoutMs, qsizetype seen)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (spy.size() <= seen) {
        if (deadline.hasExpired())
            return false;
        spy.wait(int(std::clamp<qint64>(deadline.remainingTime(), 1, 200)));
    }
    return true;
}

} // namespace govdesk::test
