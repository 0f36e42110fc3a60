#pragma once

#include <QString>

namespace govdesk::core {

/// Folding for search: Vietnamese text without diacritics, đ/Đ as d, lower case, every run of
/// non-alphanumeric characters collapsed to one space. "QUYẾT ĐỊNH số 15/QĐ-UBND" -> "quyet dinh so 15 qd
/// ubnd". The same function is applied to indexed text and to queries, so "dong nai" finds "Đồng Nai".
QString foldForSearch(const QString &text);

/// Only strips marks and maps đ -> d, keeping case and punctuation (for duplicate comparisons of notations).
QString stripDiacritics(const QString &text);

/// Vietnamese collation key: compares as Vietnamese readers sort (a < ă < â < b ... d < đ).
QString vietnameseSortKey(const QString &text);

} // namespace govdesk::core
