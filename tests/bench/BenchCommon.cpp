#include "BenchCommon.h"

#include "documents/DocumentsSchema.h"
#include "storage/Accounts.h"
#include "storage/StorageSchema.h"

namespace govdesk::bench {

std::shared_ptr<storage::Database> openWorkspace(const QString &dir)
{
    auto db = storage::Database::open(storage::ConnectionInfo::sqlite(dir),
                                      {storage::storageSchema(), documents::documentsSchema()});
    if (!db) {
        out() << "cannot open workspace: " << db.error().english() << Qt::endl;
        std::exit(1);
    }
    return db.value();
}

core::User ensureClerk(storage::Database &db)
{
    storage::Accounts accounts(db);
    if (!accounts.isInitialised()) {
        auto admin = accounts.initialise({QStringLiteral("000.00.00.H16"),
                                          QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
                                          QStringLiteral("UBND"),
                                          {}},
                                         QStringLiteral("benchmark-pass"));
        if (!admin) {
            out() << admin.error().english() << Qt::endl;
            std::exit(1);
        }
        storage::NewUser clerk;
        clerk.username = QStringLiteral("vanthu");
        clerk.fullName = QStringLiteral("Nguyễn Thị Thu Hà");
        clerk.role = core::Role::Clerk;
        clerk.password = QStringLiteral("benchmark-pass");
        if (auto u = accounts.addUser(admin.value(), clerk); !u) {
            out() << u.error().english() << Qt::endl;
            std::exit(1);
        }
    }
    return accounts.userByName(QStringLiteral("vanthu")).value();
}

static const char *kOrgans[] = {"Sở Tài chính",
                                "Sở Nội vụ",
                                "Sở Y tế",
                                "Sở Xây dựng",
                                "Sở Tư pháp",
                                "Sở Giáo dục và Đào tạo",
                                "Sở Kế hoạch và Đầu tư",
                                "Công an Tỉnh",
                                "Huyện Đắk Mil",
                                "Huyện Krông Nô",
                                "Huyện Cư Jút",
                                "Thành phố Gia Nghĩa",
                                "Văn phòng Chính phủ",
                                "Bộ Tài chính",
                                "Bộ Nội vụ",
                                "Sở Nông nghiệp và Phát triển nông thôn",
                                "Sở Tài nguyên và Môi trường",
                                "Sở Giao thông Vận tải",
                                "Bảo hiểm xã hội tỉnh",
                                "Kho bạc nhà nước tỉnh"};
static const char *kTypes[][2] = {{"CV", "SNV-VP"},  {"BC", "BC-STC"},  {"TTr", "TTr-SYT"}, {"KH", "KH-SXD"},
                                  {"TB", "TB-UBND"}, {"QĐ", "QĐ-UBND"}, {"GM", "GM-SGDĐT"}, {"HD", "HD-BNV"}};
static const char *kActions[] = {"Báo cáo tình hình",   "Đề nghị hỗ trợ kinh phí", "Triển khai kế hoạch",
                                 "Hướng dẫn thực hiện", "Tăng cường công tác",     "Phê duyệt phương án",
                                 "Góp ý dự thảo",       "Kết quả kiểm tra",        "Tổ chức hội nghị",
                                 "Đôn đốc thực hiện"};
static const char *kTopics[] = {"chuyển đổi số",
                                "ngân sách nhà nước",
                                "tiêm chủng mở rộng",
                                "nông thôn mới",
                                "phòng chống thiên tai",
                                "cải cách hành chính",
                                "quy hoạch sử dụng đất",
                                "an toàn giao thông",
                                "giảm nghèo bền vững",
                                "phòng cháy chữa cháy rừng",
                                "bảo hiểm y tế",
                                "xây dựng cơ bản",
                                "thu hồi đất",
                                "giáo dục nghề nghiệp",
                                "văn hóa các dân tộc",
                                "đầu tư công",
                                "thi đua khen thưởng",
                                "bảo vệ môi trường",
                                "an ninh trật tự",
                                "dịch vụ công trực tuyến",
                                "cà phê bền vững",
                                "hồ tiêu",
                                "khai thác khoáng sản",
                                "du lịch cộng đồng",
                                "Đồng Nai"};
static const char *kPlaces[] = {
    "trên địa bàn tỉnh",   "tại huyện Đắk Song",      "năm 2026",         "quý IV năm 2026",
    "giai đoạn 2026-2030", "tại thành phố Gia Nghĩa", "các xã biên giới", ""};

documents::IncomingDraft randomDraft(QRandomGenerator &rng, const QDate &arrival, int serial)
{
    auto pick = [&](auto &array) { return QString::fromUtf8(array[rng.bounded(int(std::size(array)))]); };
    documents::IncomingDraft d;
    d.arrivalDate = arrival;
    d.documentDate = arrival.addDays(-int(rng.bounded(3)));
    if (d.documentDate.year() != arrival.year())
        d.documentDate = arrival;
    d.authorName = pick(kOrgans);
    const auto &t = kTypes[rng.bounded(int(std::size(kTypes)))];
    d.typeAbbr = QString::fromUtf8(t[0]);
    d.notation = QString::fromUtf8(t[1]);
    d.number = QString::number(serial);
    d.subject = pick(kActions) + QLatin1Char(' ') + pick(kTopics) + QLatin1Char(' ') + pick(kPlaces);
    d.subject = d.subject.trimmed();
    d.pageCount = 1 + int(rng.bounded(6));
    d.allowDuplicate = true;
    return d;
}

} // namespace govdesk::bench
