#pragma once

#include <QApplication>

namespace govdesk::gui {

/// The application's busy cursor while a window waits for a worker: shown once however often it is switched
/// on, taken back when switched off or when the window (the owner of this object) goes.
class BusyCursor
{
public:
    BusyCursor() = default;
    BusyCursor(const BusyCursor &) = delete;
    BusyCursor &operator=(const BusyCursor &) = delete;
    ~BusyCursor() { set(false); }

    void set(bool busy)
    {
        if (busy == m_busy)
            return;
        m_busy = busy;
        if (busy)
            QApplication::setOverrideCursor(Qt::BusyCursor);
        else
            QApplication::restoreOverrideCursor();
    }
    bool isBusy() const { return m_busy; }

private:
    bool m_busy = false;
};

} // namespace govdesk::gui
