#include "DemoWorkspace.h"

#include "DocumentTypes.h"
#include "IncomingService.h"
#include "reports/OfficialDocumentPdf.h"
#include "storage/Accounts.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace govdesk::documents {

using core::Result;

QStringList DemoWorkspace::userNames()
{
    return {QStringLiteral("admin"),         QStringLiteral("vanthu"),     QStringLiteral("lanhdao"),
            QStringLiteral("chanhvanphong"), QStringLiteral("chuyenvien"), QStringLiteral("chuyenvien2")};
}

namespace {

struct DemoDoc
{
    const char *author; // name as in the unit list
    const char *type;   // abbr
    const char *notationTail;
    const char *subject;
    const char *signer;
    const char *signerTitle;
    const char *urgency;
    const char *secrecy;
    const char *body;
};

// Realistic traffic of a provincial People's Committee office; numbers and dates are generated.
const DemoDoc kDocs[] = {
    {"Sở Tài chính", "BC", "BC-STC", "Tình hình thực hiện dự toán ngân sách nhà nước quý III năm 2026",
     "Nguyễn Văn Thành", "GIÁM ĐỐC", "", "",
     "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Tài chính báo cáo tình hình thu, chi ngân sách nhà nước "
     "quý III."},
    {"Sở Nội vụ", "TTr", "TTr-SNV",
     "Đề nghị khen thưởng tập thể, cá nhân có thành tích trong phong trào thi đua năm 2026", "Lê Thị Hồng",
     "GIÁM ĐỐC", "", "",
     "Căn cứ Luật Thi đua, khen thưởng năm 2022, Sở Nội vụ trình Ủy ban nhân dân tỉnh xem xét khen thưởng."},
    {"Huyện Đắk Mil", "CV", "UBND-VP", "Đề nghị hỗ trợ kinh phí khắc phục hậu quả mưa lũ", "Trần Quốc Việt",
     "CHỦ TỊCH", "thuong-khan", "",
     "Do ảnh hưởng của mưa lớn kéo dài, nhiều tuyến đường giao thông nông thôn bị sạt lở, đề nghị tỉnh hỗ "
     "trợ kinh phí."},
    {"Sở Kế hoạch và Đầu tư", "TB", "TB-SKHĐT",
     "Kết quả thẩm định chủ trương đầu tư dự án nhà máy chế biến cà phê", "Phạm Minh Đức", "PHÓ GIÁM ĐỐC", "",
     "", "Sở Kế hoạch và Đầu tư thông báo kết quả thẩm định hồ sơ đề nghị chấp thuận chủ trương đầu tư."},
    {"Sở Y tế", "KH", "KH-SYT", "Triển khai chiến dịch tiêm chủng mở rộng năm 2026", "Hoàng Thị Mai",
     "GIÁM ĐỐC", "khan", "",
     "Nhằm chủ động phòng, chống dịch bệnh, Sở Y tế xây dựng kế hoạch triển khai chiến dịch tiêm chủng."},
    {"Công an Tỉnh", "BC", "BC-CAT", "Tình hình an ninh trật tự trên địa bàn tỉnh tháng 10 năm 2026",
     "Đỗ Văn Cường", "GIÁM ĐỐC", "", "mat",
     "Công an tỉnh báo cáo tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn."},
    {"Thành phố Gia Nghĩa", "TTr", "TTr-UBND",
     "Phê duyệt điều chỉnh quy hoạch chi tiết khu đô thị mới Đắk Nia", "Ngô Thanh Bình", "CHỦ TỊCH", "", "",
     "Ủy ban nhân dân thành phố Gia Nghĩa kính trình Ủy ban nhân dân tỉnh phê duyệt điều chỉnh quy hoạch."},
    {"Sở Giáo dục và Đào tạo", "CV", "SGDĐT-VP",
     "Tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh năm học 2026-2027", "Vũ Thị Thanh", "PHÓ GIÁM ĐỐC", "", "",
     "Sở Giáo dục và Đào tạo đề nghị Ủy ban nhân dân tỉnh cho ý kiến về thời gian tổ chức kỳ thi."},
    {"Văn phòng Chính phủ", "CV", "VPCP-KSTT", "Đẩy mạnh cắt giảm, đơn giản hóa thủ tục hành chính",
     "Trần Văn Sơn", "BỘ TRƯỞNG, CHỦ NHIỆM", "khan", "",
     "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương đẩy mạnh cắt giảm thủ tục hành chính."},
    {"Bộ Nội vụ", "HD", "HD-BNV", "Hướng dẫn xác định vị trí việc làm trong cơ quan hành chính",
     "Phạm Thị Thanh Trà", "BỘ TRƯỞNG", "", "",
     "Bộ Nội vụ hướng dẫn việc xác định vị trí việc làm, cơ cấu ngạch công chức."},
    {"Sở Tài nguyên và Môi trường", "TTr", "TTr-STNMT",
     "Thu hồi đất để thực hiện dự án đường giao thông liên huyện", "Lý Văn Hải", "GIÁM ĐỐC", "", "",
     "Sở Tài nguyên và Môi trường trình Ủy ban nhân dân tỉnh quyết định thu hồi đất."},
    {"Huyện Krông Nô", "BC", "BC-UBND",
     "Kết quả thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới", "Y Đhăm Ê Ban", "CHỦ TỊCH",
     "", "", "Ủy ban nhân dân huyện Krông Nô báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia."},
    {"Sở Xây dựng", "CV", "SXD-QLN", "Góp ý dự thảo quy định giá nhà ở xã hội trên địa bàn tỉnh",
     "Đặng Quang Huy", "PHÓ GIÁM ĐỐC", "", "",
     "Sở Xây dựng gửi ý kiến góp ý đối với dự thảo quy định về giá bán nhà ở xã hội."},
    {"Bảo hiểm xã hội tỉnh", "CV", "BHXH-QLT", "Đôn đốc thu nợ bảo hiểm xã hội, bảo hiểm y tế",
     "Nguyễn Thị Lệ", "GIÁM ĐỐC", "", "",
     "Bảo hiểm xã hội tỉnh đề nghị chỉ đạo các đơn vị sử dụng lao động nộp đủ tiền bảo hiểm."},
    {"Sở Nông nghiệp và Phát triển nông thôn", "CĐ", "CĐ-SNN", "Chủ động phòng, chống cháy rừng mùa khô",
     "Hồ Văn Tâm", "GIÁM ĐỐC", "hoa-toc", "",
     "Trước diễn biến nắng nóng kéo dài, nguy cơ cháy rừng ở mức cấp IV, đề nghị triển khai ngay các biện "
     "pháp."},
    {"Sở Thông tin và Truyền thông", "KH", "KH-STTTT", "Chuyển đổi số tỉnh Đắk Nông năm 2027",
     "Trương Công Minh", "GIÁM ĐỐC", "", "",
     "Kế hoạch chuyển đổi số nhằm phát triển chính quyền số, kinh tế số và xã hội số."},
    {"Huyện Cư Jút", "TTr", "TTr-UBND", "Đề nghị công nhận xã đạt chuẩn nông thôn mới năm 2026",
     "Lương Văn Khánh", "CHỦ TỊCH", "", "",
     "Ủy ban nhân dân huyện Cư Jút trình Ủy ban nhân dân tỉnh xét, công nhận xã Tâm Thắng đạt chuẩn."},
    {"Sở Lao động, Thương binh và Xã hội", "GM", "GM-SLĐTBXH",
     "Dự hội nghị tổng kết công tác giảm nghèo bền vững", "Nguyễn Hữu Phước", "PHÓ GIÁM ĐỐC", "", "",
     "Trân trọng kính mời đại diện lãnh đạo Ủy ban nhân dân tỉnh dự hội nghị tổng kết."},
    {"Thanh Tra tỉnh", "BC", "BC-TTr", "Kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
     "Phan Văn Lợi", "CHÁNH THANH TRA", "", "",
     "Thanh tra tỉnh báo cáo kết quả công tác tiếp công dân, xử lý đơn thư và giải quyết khiếu nại, tố cáo."},
    {"Huyện Đắk Song", "CV", "UBND-KT", "Xin chủ trương đầu tư xây dựng chợ trung tâm huyện", "Hà Văn Lâm",
     "PHÓ CHỦ TỊCH", "", "", "Ủy ban nhân dân huyện Đắk Song xin chủ trương đầu tư xây dựng chợ trung tâm."},
    {"Bộ Tài chính", "CV", "BTC-NSNN", "Hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2027",
     "Lê Minh Khôi", "THỨ TRƯỞNG", "", "",
     "Bộ Tài chính hướng dẫn các địa phương xây dựng dự toán ngân sách nhà nước năm 2027."},
    {"Sở Công thương", "BC", "BC-SCT", "Tình hình cung ứng xăng dầu trên địa bàn tỉnh", "Trần Thị Bích",
     "GIÁM ĐỐC", "khan", "", "Sở Công thương báo cáo tình hình cung ứng, kinh doanh xăng dầu trong tháng."},
    {"Huyện Tuy Đức", "TTr", "TTr-UBND", "Đề nghị bổ sung kinh phí sự nghiệp giáo dục", "Điểu K'Lơi",
     "CHỦ TỊCH", "", "",
     "Ủy ban nhân dân huyện Tuy Đức đề nghị bổ sung kinh phí chi trả chế độ cho giáo viên."},
    {"Sở Văn hóa, Thể thao và Du lịch", "KH", "KH-SVHTTDL",
     "Tổ chức Ngày hội văn hóa các dân tộc tỉnh Đắk Nông", "Nguyễn Thị Hạnh", "GIÁM ĐỐC", "", "",
     "Nhằm bảo tồn, phát huy giá trị văn hóa truyền thống của đồng bào các dân tộc."},
    {"Kho bạc nhà nước tỉnh", "TB", "TB-KBNN", "Lịch nghỉ giao dịch cuối năm 2026", "Phạm Văn Tùng",
     "GIÁM ĐỐC", "", "",
     "Kho bạc Nhà nước tỉnh thông báo lịch nghỉ giao dịch và thời hạn gửi chứng từ cuối năm."},
    {"Ban dân tộc", "BC", "BC-BDT", "Kết quả thực hiện chính sách hỗ trợ đồng bào dân tộc thiểu số",
     "H'Bla Niê", "TRƯỞNG BAN", "", "",
     "Ban Dân tộc báo cáo kết quả thực hiện chính sách đối với đồng bào dân tộc thiểu số năm 2026."},
    {"Sở Tư pháp", "CV", "STP-XDKTVB",
     "Thẩm định dự thảo Quyết định ban hành quy chế quản lý cụm công nghiệp", "Vương Thị Ngọc",
     "PHÓ GIÁM ĐỐC", "", "", "Sở Tư pháp có ý kiến thẩm định dự thảo quyết định quy phạm pháp luật."},
    {"Huyện Đắk Glong", "BC", "BC-UBND", "Tình hình sạt lở đất tại xã Quảng Sơn", "Lò Văn Thuận",
     "PHÓ CHỦ TỊCH", "hoa-toc", "",
     "Ủy ban nhân dân huyện Đắk Glong báo cáo khẩn tình hình sạt lở đất, đề nghị hỗ trợ di dời dân."},
    {"Sở Giao thông Vận tải", "TTr", "TTr-SGTVT", "Phê duyệt phương án tổ chức giao thông Quốc lộ 14",
     "Mai Xuân Trường", "GIÁM ĐỐC", "", "",
     "Sở Giao thông Vận tải trình phê duyệt phương án tổ chức giao thông đoạn qua thành phố Gia Nghĩa."},
    {"Tỉnh Đoàn", "KH", "KH-TĐTN", "Chiến dịch thanh niên tình nguyện hè năm 2027", "Nguyễn Thành Công",
     "BÍ THƯ", "", "",
     "Ban Thường vụ Tỉnh Đoàn xây dựng kế hoạch tổ chức chiến dịch thanh niên tình nguyện."},
    {"Huyện Đắk R'lấp", "CV", "UBND-TNMT",
     "Giải quyết kiến nghị của cử tri về cấp giấy chứng nhận quyền sử dụng đất", "Trịnh Văn Hòa", "CHỦ TỊCH",
     "", "", "Ủy ban nhân dân huyện Đắk R'lấp báo cáo việc giải quyết kiến nghị của cử tri."},
    {"Liên đoàn lao động", "CV", "LĐLĐ-CSPL", "Tổ chức Tết sum vầy cho công nhân lao động năm 2027",
     "Võ Thị Thu", "CHỦ TỊCH", "", "",
     "Liên đoàn Lao động tỉnh đề nghị phối hợp tổ chức chương trình Tết sum vầy."},
    {"Sở Khoa học và Công nghệ", "QĐ", "QĐ-SKHCN",
     "Phê duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2027", "Đinh Văn Quang", "GIÁM ĐỐC", "",
     "", "Phê duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng để tuyển chọn."},
    {"Hội đồng nhân dân tỉnh", "GM", "GM-HĐND", "Dự kỳ họp thứ mười hai Hội đồng nhân dân tỉnh khóa IV",
     "Lưu Văn Trung", "CHỦ TỊCH", "khan", "",
     "Thường trực Hội đồng nhân dân tỉnh trân trọng kính mời dự kỳ họp."},
    {"Sở Tài chính", "TTr", "TTr-STC", "Phân bổ kinh phí thực hiện chính sách tinh giản biên chế",
     "Nguyễn Văn Thành", "GIÁM ĐỐC", "", "",
     "Sở Tài chính trình phân bổ kinh phí thực hiện chính sách tinh giản biên chế đợt 2."},
    {"Sở Nội vụ", "CV", "SNV-CCVC", "Báo cáo số lượng, chất lượng cán bộ, công chức cấp xã", "Lê Thị Hồng",
     "GIÁM ĐỐC", "", "",
     "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các huyện báo cáo số lượng, chất lượng cán bộ, công chức."},
};

struct DemoUnit
{
    const char *name;
    const char *abbr;
    const char *code;
};

// Agencies outside the province that commonly send documents (demo codes of the right shape).
const DemoUnit kCentral[] = {
    {"Văn phòng Chính phủ", "VPCP", "000.00.00.G01"},
    {"Bộ Nội vụ", "BNV", "000.00.00.G09"},
    {"Bộ Tài chính", "BTC", "000.00.00.G12"},
};

// Internal departments of the office that handle documents.
const DemoUnit kInternal[] = {
    {"Văn phòng", "VP", ""},       {"Phòng Kinh tế", "KT", ""},  {"Phòng Văn hóa - Xã hội", "VX", ""},
    {"Phòng Nội chính", "NC", ""}, {"Phòng Tổng hợp", "TH", ""},
};

QString u8(const char *s)
{
    return QString::fromUtf8(s);
}

} // namespace

Result<void> DemoWorkspace::seed(storage::Database &db, const Options &opt)
{
    storage::Accounts accounts(db);
    auto admin = accounts.initialise({QStringLiteral("000.00.00.H16"),
                                      QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
                                      QStringLiteral("UBND"),
                                      {}},
                                     opt.password);
    if (!admin)
        return admin.error();
    auto identity = accounts.identity();
    if (!identity)
        return identity.error();

    QFile f(QStringLiteral(":/demo/daknong-units-2020.json"));
    if (!f.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("demo.data",
                             QT_TRANSLATE_NOOP("DemoWorkspace", "The demo data is missing from this build"));
    const QJsonArray units = QJsonDocument::fromJson(f.readAll()).array();

    QHash<QString, QString> unitIds; // name -> id
    QHash<QString, QString> internalIds;
    auto r = db.writeVoid([&](QSqlDatabase &sql) -> Result<void> {
        int sequence = 0;
        int district = 30;
        for (const QJsonValue &v : units) {
            const QJsonObject o = v.toObject();
            const QString name = o.value(QStringLiteral("name")).toString();
            const QString group = o.value(QStringLiteral("group")).toString();
            if (name.startsWith(QStringLiteral("Cổng thông tin")))
                continue; // a portal, not an organ
            core::OrgUnit u;
            u.name = name;
            u.parentId = identity->orgUnitId;
            u.demo = true;
            // Codes of the province's units are not in the source: invent them with the right shape.
            const int n = group.contains(QStringLiteral("HUYỆN")) ? ++district : ++sequence;
            u.code = QStringLiteral("000.00.%1.H16").arg(n, 2, 10, QLatin1Char('0'));
            auto added = storage::Accounts::insertUnit(sql, QStringLiteral("system"), u);
            if (!added)
                return added.error();
            unitIds.insert(name, added->id);
        }
        for (const DemoUnit &c : kCentral) {
            core::OrgUnit u;
            u.name = u8(c.name);
            u.abbreviation = u8(c.abbr);
            u.code = u8(c.code);
            u.demo = true;
            auto added = storage::Accounts::insertUnit(sql, QStringLiteral("system"), u);
            if (!added)
                return added.error();
            unitIds.insert(u.name, added->id);
        }
        for (const DemoUnit &c : kInternal) {
            core::OrgUnit u;
            u.name = u8(c.name);
            u.abbreviation = u8(c.abbr);
            u.parentId = identity->orgUnitId;
            u.internal = true;
            u.level = 2;
            u.demo = true;
            auto added = storage::Accounts::insertUnit(sql, QStringLiteral("system"), u);
            if (!added)
                return added.error();
            internalIds.insert(u.abbreviation, added->id);
        }
        struct U
        {
            const char *user, *name, *role, *unit, *position;
        };
        const U users[] = {
            {"vanthu", "Nguyễn Thị Thu Hà", "van-thu", "VP", "Văn thư"},
            {"lanhdao", "Trần Văn Hùng", "lanh-dao", "VP", "Phó Chủ tịch UBND tỉnh"},
            {"chanhvanphong", "Lê Minh Tuấn", "lanh-dao", "VP", "Chánh Văn phòng"},
            {"chuyenvien", "Phạm Thị Lan", "chuyen-vien", "KT", "Chuyên viên"},
            {"chuyenvien2", "Hoàng Văn Nam", "chuyen-vien", "VX", "Chuyên viên"},
        };
        for (const U &u : users) {
            storage::NewUser nu;
            nu.username = u8(u.user);
            nu.fullName = u8(u.name);
            nu.role = core::Roles::fromKey(u8(u.role)).value();
            nu.unitId = internalIds.value(u8(u.unit));
            nu.position = u8(u.position);
            nu.password = opt.password;
            if (auto added = storage::Accounts::insertUser(sql, QStringLiteral("system"), nu); !added)
                return added.error();
        }
        return {};
    });
    if (!r)
        return r;

    auto clerk = accounts.userByName(QStringLiteral("vanthu"));
    auto leader = accounts.userByName(QStringLiteral("lanhdao"));
    auto officer = accounts.userByName(QStringLiteral("chuyenvien"));
    auto officer2 = accounts.userByName(QStringLiteral("chuyenvien2"));
    if (!clerk || !leader || !officer || !officer2)
        return GOVDESK_ERROR("demo.users",
                             QT_TRANSLATE_NOOP("DemoWorkspace", "The demo users could not be created"));

    IncomingService service(db);
    const int count = std::min<int>(opt.documents, int(std::size(kDocs)));
    // Spread arrivals over the last weeks, oldest first, so số đến follows the arrival order; stay in this
    // year.
    QDate first = opt.today.addDays(-24);
    if (first.year() != opt.today.year())
        first = QDate(opt.today.year(), 1, 1);
    const qint64 span = first.daysTo(opt.today);
    int docNumber = 120;
    for (int i = 0; i < count; ++i) {
        const DemoDoc &d = kDocs[i];
        const QDate arrival = first.addDays(span * i / std::max(1, count - 1));
        const QDate dated =
            arrival.addDays(-(1 + i % 3)) < first.addDays(-10) ? arrival : arrival.addDays(-(1 + i % 3));
        IncomingDraft draft;
        draft.arrivalDate = arrival;
        draft.authorName = u8(d.author);
        draft.number = QString::number(docNumber + i * 7 % 90);
        draft.notation = u8(d.notationTail);
        draft.documentDate = dated;
        draft.typeAbbr = u8(d.type);
        draft.subject = u8(d.subject);
        draft.urgency = Vocabulary::urgencyFromKey(u8(d.urgency)).value_or(Urgency::Normal);
        draft.secrecy = Vocabulary::secrecyFromKey(u8(d.secrecy)).value_or(Secrecy::None);
        draft.signerName = u8(d.signer);
        draft.signerPosition = u8(d.signerTitle);
        draft.pageCount = 1 + i % 4;
        draft.recipients = QStringLiteral("UBND tỉnh");
        draft.receiveMethod = i % 3 == 0 ? QStringLiteral("paper") : QStringLiteral("electronic");
        if (i % 4 == 1)
            draft.deadline = arrival.addDays(7 + i % 10);

        reports::OfficialDocument pdf;
        pdf.organ = draft.authorName;
        pdf.parentOrgan = draft.authorName.startsWith(QStringLiteral("Sở"))
                              ? QStringLiteral("UBND tỉnh Đắk Nông")
                              : QString();
        pdf.reference = formatReference(draft.number, draft.notation);
        pdf.place = QStringLiteral("Đắk Nông");
        pdf.date = dated;
        for (const DocumentType &t : decree30DocumentTypes())
            if (t.abbr == draft.typeAbbr && t.hasAbbreviation)
                pdf.typeName = t.name;
        pdf.subject = draft.subject;
        pdf.paragraphs = {u8(d.body),
                          QStringLiteral("Kính đề nghị Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.")};
        pdf.signerTitle = u8(d.signerTitle);
        pdf.signerName = draft.signerName;
        pdf.urgency =
            draft.urgency == Urgency::Normal ? QString() : Vocabulary::displayName(draft.urgency).toUpper();
        pdf.recipients = {QStringLiteral("UBND tỉnh Đắk Nông"), QStringLiteral("Lưu: VT")};
        QString fileName = pdf.reference;
        fileName.replace(QLatin1Char('/'), QLatin1Char('-'));
        draft.attachments << AttachmentSource{
            {}, fileName + QStringLiteral(".pdf"), reports::renderOfficialDocumentPdf(pdf)};

        auto doc = service.registerDocument(clerk.value(), draft);
        if (!doc)
            return doc.error();
        // Older documents have moved further along.
        const int age = count - i;
        if (age > 6 && i % 5 != 4) {
            Assignment a;
            a.leadUserId = (i % 2 ? officer : officer2)->id;
            a.deadline = arrival.addDays(i % 3 == 0 ? 5 : 15);
            a.opinion = i % 2 ? QStringLiteral("Giao Phòng Kinh tế chủ trì tham mưu, báo cáo UBND tỉnh.")
                              : QStringLiteral("Giao Phòng Văn hóa - Xã hội nghiên cứu, đề xuất.");
            if (auto s = service.assign(leader.value(), doc->id, a); !s)
                return s.error();
            const core::User &handler = i % 2 ? officer.value() : officer2.value();
            if (age > 12) {
                if (auto s = service.recordProgress(
                        handler, doc->id,
                        QStringLiteral("Đã dự thảo văn bản trả lời, trình lãnh đạo phòng."));
                    !s)
                    return s.error();
            }
            if (age > 18 && i % 3 != 0) {
                if (auto s = service.complete(handler, doc->id, QStringLiteral("%1/UBND-KT").arg(300 + i));
                    !s)
                    return s.error();
            }
        }
    }
    return {};
}

} // namespace govdesk::documents
