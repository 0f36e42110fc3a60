#pragma once

#include "signing/SigningService.h"

#include <QDialog>
#include <QThreadPool>

class QPushButton;

namespace govdesk::gui {

class SignaturePlacementView;

/// Chooses where the signature goes on one PDF file: the file's pages with the box the template proposes
/// for `options`, which the user keeps, moves or redraws. The file is read on a worker.
class PlacementDialog : public QDialog
{
    Q_OBJECT
public:
    PlacementDialog(const QString &file, const signing::SignOptions &options, QThreadPool *pool,
                    QWidget *parent = nullptr);
    ~PlacementDialog() override;

    SignaturePlacementView *view() const { return m_view; }

private:
    SignaturePlacementView *m_view;
    QPushButton *m_ok;
};

} // namespace govdesk::gui
