#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

#include <memory>

class QTextDocument;
class QPagedPaintDevice;

namespace govdesk::reports {

/// A printed register (sổ) in the shape Decree 30/2020 Phụ lục IV gives: a cover page (agency, book name,
/// year, numbers from–to) and a table with numbered columns, A4 landscape, repeated header row on each page,
/// page numbers. Knows nothing of documents: a feature module fills in the rows.
struct RegisterReport
{
    QString parentOrganName; // tên cơ quan chủ quản (may be empty)
    QString organName;       // tên cơ quan
    QString title;           // SỔ ĐĂNG KÝ VĂN BẢN ĐẾN
    QString period;          // Năm 2026 / Từ ngày … đến ngày …
    QString rangeLine;       // Từ số … đến số …
    struct Column
    {
        QString header;
        int widthPercent = 10;
    };
    QList<Column> columns;
    QList<QStringList> rows;
    QString emptyText; // shown when there are no rows
};

class RegisterPrinter
{
    Q_DECLARE_TR_FUNCTIONS(RegisterPrinter)
public:
    /// The report as a paged document laid out for A4 landscape (for print preview and printing).
    static std::unique_ptr<QTextDocument> build(const RegisterReport &report);
    /// Writes a PDF atomically (a failed write leaves no half file).
    static core::Result<void> writePdf(const RegisterReport &report, const QString &path);
    /// Prints onto any paged device (QPrinter, QPdfWriter) set up by the caller.
    static void print(const RegisterReport &report, QPagedPaintDevice *device);
};

} // namespace govdesk::reports
