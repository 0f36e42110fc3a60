#include "DocumentTypes.h"

namespace govdesk::documents {

QList<DocumentType> decree30DocumentTypes()
{
    struct Row
    {
        const char *abbr;
        const char *name;
        bool hasAbbr;
        const char *group;
    };
    static const Row rows[] = {
        {"NQ", "Nghị quyết", true, "hanh-chinh"},
        {"QĐ", "Quyết định", true, "hanh-chinh"},
        {"CT", "Chỉ thị", true, "hanh-chinh"},
        {"QC", "Quy chế", true, "hanh-chinh"},
        {"QyĐ", "Quy định", true, "hanh-chinh"},
        {"TC", "Thông cáo", true, "hanh-chinh"},
        {"TB", "Thông báo", true, "hanh-chinh"},
        {"HD", "Hướng dẫn", true, "hanh-chinh"},
        {"CTr", "Chương trình", true, "hanh-chinh"},
        {"KH", "Kế hoạch", true, "hanh-chinh"},
        {"PA", "Phương án", true, "hanh-chinh"},
        {"ĐA", "Đề án", true, "hanh-chinh"},
        {"DA", "Dự án", true, "hanh-chinh"},
        {"BC", "Báo cáo", true, "hanh-chinh"},
        {"BB", "Biên bản", true, "hanh-chinh"},
        {"TTr", "Tờ trình", true, "hanh-chinh"},
        {"HĐ", "Hợp đồng", true, "hanh-chinh"},
        {"CĐ", "Công điện", true, "hanh-chinh"},
        {"BGN", "Bản ghi nhớ", true, "hanh-chinh"},
        {"BTT", "Bản thỏa thuận", true, "hanh-chinh"},
        {"GUQ", "Giấy ủy quyền", true, "hanh-chinh"},
        {"GM", "Giấy mời", true, "hanh-chinh"},
        {"GGT", "Giấy giới thiệu", true, "hanh-chinh"},
        {"GNP", "Giấy nghỉ phép", true, "hanh-chinh"},
        {"PG", "Phiếu gửi", true, "hanh-chinh"},
        {"PC", "Phiếu chuyển", true, "hanh-chinh"},
        {"PB", "Phiếu báo", true, "hanh-chinh"},
        // No abbreviation in Phụ lục III: a Công văn's notation is <organ>-<unit>.
        {"CV", "Công văn", false, "hanh-chinh"},
        {"THC", "Thư công", false, "hanh-chinh"},
        {"SY", "Bản sao y", true, "ban-sao"},
        {"TrS", "Bản trích sao", true, "ban-sao"},
        {"SL", "Bản sao lục", true, "ban-sao"},
        {"L", "Luật", false, "qppl"},
        {"NĐ", "Nghị định", true, "qppl"},
        {"TT", "Thông tư", true, "qppl"},
        {"TTLT", "Thông tư liên tịch", true, "qppl"},
    };
    QList<DocumentType> out;
    int order = 0;
    for (const Row &r : rows) {
        DocumentType t;
        t.abbr = QString::fromUtf8(r.abbr);
        t.name = QString::fromUtf8(r.name);
        t.hasAbbreviation = r.hasAbbr;
        t.group = QString::fromUtf8(r.group);
        t.order = ++order;
        out << t;
    }
    return out;
}

} // namespace govdesk::documents
