#pragma once

#include "core/Result.h"
#include "gui/Session.h"
#include "storage/Database.h"

#include <QSignalSpy>
#include <QSize>
#include <QString>

#include <memory>

class QDialog;
class QPushButton;
class QWidget;

namespace govdesk::test {

/// Keeps the test's settings (window state, header layouts) in `dir`, away from the user's.
void isolateSettings(const QString &dir);

/// Installs the catalogue GOVDESK_TEST_QM names, so screenshots can be taken in Vietnamese; true when none
/// is asked for.
bool installTestTranslation();

/// A demo workspace (SQLite) in `dir`, seeded as a new installation seeds it, the demo password for every
/// account.
core::Result<std::shared_ptr<storage::Database>> openDemoWorkspace(const QString &dir);

/// The working session of `username` after logging in with the demo password; null when the login fails.
std::unique_ptr<gui::Session> demoSession(const std::shared_ptr<storage::Database> &db,
                                          const QString &username);

/// Shows `window` (at `size` when one is given) and waits until it is on screen.
bool showWindow(QWidget &window, const QSize &size = {});

/// Types into `w` as a keyboard with a Vietnamese input method does: one key event per character, carrying
/// its text.
void typeInto(QWidget *w, const QString &text);

/// Saves a picture of `w` as `name` in GOVDESK_SCREENSHOT_DIR, once the workers' answers (the PDF page, the
/// signature check) have arrived; nothing when the variable is unset.
void screenshot(QWidget *w, const QString &name);

/// The OK button of a dialog's button box.
QPushButton *okButton(QDialog *dialog);

/// Waits up to `timeoutMs` until `spy` holds more than `seen` emissions. Unlike QSignalSpy::wait, an
/// emission that came while the action causing it ran (a worker answers in a millisecond and the click
/// itself processes events) counts.
bool waitForSignal(QSignalSpy &spy, int timeoutMs, qsizetype seen = 0);

} // namespace govdesk::test
