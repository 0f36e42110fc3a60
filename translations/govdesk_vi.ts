<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>Accounts</name>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>This workspace has not been set up yet; run &quot;govdesk-cli init&quot; first</source>
        <translation>Không gian làm việc này chưa được thiết lập; hãy chạy &quot;govdesk-cli init&quot; trước</translation>
    </message>
    <message>
        <source>A unit needs a name</source>
        <translation>Đơn vị phải có tên</translation>
    </message>
    <message>
        <source>A unit with the code %1 already exists</source>
        <translation>Đã có đơn vị mang mã %1</translation>
    </message>
    <message>
        <source>Invalid user name &quot;%1&quot;: use 2–64 lower-case letters, digits, dot, dash or underscore</source>
        <translation>Tên đăng nhập &quot;%1&quot; không hợp lệ: dùng 2–64 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters</source>
        <translation>Mật khẩu phải có ít nhất %1 ký tự</translation>
    </message>
    <message>
        <source>The user %1 already exists</source>
        <translation>Người dùng %1 đã tồn tại</translation>
    </message>
    <message>
        <source>The agency&apos;s name is required</source>
        <translation>Phải nhập tên cơ quan</translation>
    </message>
    <message>
        <source>Invalid abbreviation &quot;%1&quot;: letters and digits only, starting with a capital, as used in notations (e.g. UBND)</source>
        <translation>Chữ viết tắt &quot;%1&quot; không hợp lệ: chỉ gồm chữ và số, bắt đầu bằng chữ hoa, như dùng trong ký hiệu văn bản (ví dụ UBND)</translation>
    </message>
    <message>
        <source>This workspace is already set up</source>
        <translation>Không gian làm việc này đã được thiết lập</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu</translation>
    </message>
    <message>
        <source>The account %1 is disabled</source>
        <translation>Tài khoản %1 đã bị khóa</translation>
    </message>
    <message>
        <source>Only an administrator can add users</source>
        <translation>Chỉ quản trị viên mới được thêm người dùng</translation>
    </message>
    <message>
        <source>There is no user %1</source>
        <translation>Không có người dùng %1</translation>
    </message>
    <message>
        <source>Only an administrator can change the organisation list</source>
        <translation>Chỉ quản trị viên mới được sửa danh mục cơ quan, đơn vị</translation>
    </message>
    <message>
        <source>There is no unit %1</source>
        <translation>Không có đơn vị %1</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit trail is not initialised</source>
        <translation>Nhật ký kiểm toán chưa được khởi tạo</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 is missing (next present is %2)</source>
        <translation>Nhật ký kiểm toán đã bị can thiệp: thiếu bản ghi %1 (bản ghi kế tiếp còn lại là %2)</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 (%2, %3) does not follow entry %4</source>
        <translation>Nhật ký kiểm toán đã bị can thiệp: bản ghi %1 (%2, %3) không nối tiếp bản ghi %4</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 (%2 by %3 at %4) was altered</source>
        <translation>Nhật ký kiểm toán đã bị can thiệp: bản ghi %1 (%2 do %3 thực hiện lúc %4) đã bị sửa</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entries after %1 were removed</source>
        <translation>Nhật ký kiểm toán đã bị can thiệp: các bản ghi sau bản ghi %1 đã bị xóa</translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <source>cannot create the folder</source>
        <translation>không tạo được thư mục</translation>
    </message>
    <message>
        <source>The file %1 does not exist</source>
        <translation>Tệp %1 không tồn tại</translation>
    </message>
    <message>
        <source>The file %1 is larger than %2 MB</source>
        <translation>Tệp %1 lớn hơn %2 MB</translation>
    </message>
    <message>
        <source>Cannot read the file %1: %2</source>
        <translation>Không đọc được tệp %1: %2</translation>
    </message>
    <message>
        <source>Cannot store the attachment in %1: %2</source>
        <translation>Không lưu được tệp đính kèm vào %1: %2</translation>
    </message>
    <message>
        <source>The attachment %1 is missing from the store</source>
        <translation>Tệp đính kèm %1 không còn trong kho lưu trữ</translation>
    </message>
    <message>
        <source>The attachment %1 is damaged: its content no longer matches its fingerprint</source>
        <translation>Tệp đính kèm %1 bị hỏng: nội dung không còn khớp với mã băm</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Usage: govdesk-cli [--workspace DIR | --database URL] [--as USER] [--json] COMMAND …</source>
        <translation>Cách dùng: govdesk-cli [--workspace THƯ_MỤC | --database URL] [--as NGƯỜI_DÙNG] [--json] LỆNH …</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Mật khẩu của %1: </translation>
    </message>
    <message>
        <source>--workspace needs a folder</source>
        <translation>--workspace cần một thư mục</translation>
    </message>
    <message>
        <source>--database needs a URL</source>
        <translation>--database cần một địa chỉ URL</translation>
    </message>
    <message>
        <source>--as needs a user name</source>
        <translation>--as cần tên người dùng</translation>
    </message>
    <message>
        <source>No command given</source>
        <translation>Chưa nhập lệnh</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;</source>
        <translation>Không có lệnh &quot;%1&quot;</translation>
    </message>
    <message>
        <source>init: unexpected argument %1</source>
        <translation>init: tham số không hợp lệ %1</translation>
    </message>
    <message>
        <source>init needs --demo, or --org-code, --org-name and --org-abbr</source>
        <translation>init cần --demo, hoặc --org-code, --org-name và --org-abbr</translation>
    </message>
    <message>
        <source>Password for the new admin account: </source>
        <translation>Mật khẩu cho tài khoản quản trị mới: </translation>
    </message>
    <message>
        <source>Workspace ready: %1 (%2), database %3</source>
        <translation>Đã sẵn sàng: %1 (%2), cơ sở dữ liệu %3</translation>
    </message>
    <message>
        <source>Unknown option %1</source>
        <translation>Không có tùy chọn %1</translation>
    </message>
    <message>
        <source>user add NAME --role van-thu|chuyen-vien|lanh-dao|quan-tri</source>
        <translation>user add TÊN --role van-thu|chuyen-vien|lanh-dao|quan-tri</translation>
    </message>
    <message>
        <source>--role must be one of van-thu, chuyen-vien, lanh-dao, quan-tri</source>
        <translation>--role phải là một trong van-thu, chuyen-vien, lanh-dao, quan-tri</translation>
    </message>
    <message>
        <source>User %1 added as %2</source>
        <translation>Đã thêm người dùng %1 với vai trò %2</translation>
    </message>
    <message>
        <source>user add|list</source>
        <translation>user add|list</translation>
    </message>
    <message>
        <source>Unit %1 added</source>
        <translation>Đã thêm đơn vị %1</translation>
    </message>
    <message>
        <source>unit add|list</source>
        <translation>unit add|list</translation>
    </message>
    <message>
        <source>No. %1 (%2): %3 %4 of %5 — %6 [%7]</source>
        <translation>Số đến %1 (%2): %3 số %4 của %5 — %6 [%7]</translation>
    </message>
    <message>
        <source>Unknown or incomplete option %1</source>
        <translation>Tùy chọn %1 không có hoặc thiếu giá trị</translation>
    </message>
    <message>
        <source>--date must be YYYY-MM-DD</source>
        <translation>--date phải có dạng NNNN-TT-NN</translation>
    </message>
    <message>
        <source>--deadline must be YYYY-MM-DD</source>
        <translation>--deadline phải có dạng NNNN-TT-NN</translation>
    </message>
    <message>
        <source>--arrival-date must be YYYY-MM-DD</source>
        <translation>--arrival-date phải có dạng NNNN-TT-NN</translation>
    </message>
    <message>
        <source>--urgency must be khan, thuong-khan or hoa-toc</source>
        <translation>--urgency phải là khan, thuong-khan hoặc hoa-toc</translation>
    </message>
    <message>
        <source>--secrecy must be mat, toi-mat or tuyet-mat</source>
        <translation>--secrecy phải là mat, toi-mat hoặc tuyet-mat</translation>
    </message>
    <message>
        <source>--pages must be a number</source>
        <translation>--pages phải là một số</translation>
    </message>
    <message>
        <source>Registered: %1</source>
        <translation>Đã vào sổ: %1</translation>
    </message>
    <message>
        <source>--year must be a year such as 2026</source>
        <translation>--year phải là một năm, ví dụ 2026</translation>
    </message>
    <message>
        <source>--status must be one of moi-den, da-vao-so, da-phan-cong, dang-xu-ly, hoan-thanh, tra-lai</source>
        <translation>--status phải là một trong moi-den, da-vao-so, da-phan-cong, dang-xu-ly, hoan-thanh, tra-lai</translation>
    </message>
    <message>
        <source>--from and --until must be YYYY-MM-DD</source>
        <translation>--from và --until phải có dạng NNNN-TT-NN</translation>
    </message>
    <message>
        <source>No documents match.</source>
        <translation>Không có văn bản nào phù hợp.</translation>
    </message>
    <message>
        <source>incoming %1 ID</source>
        <translation>incoming %1 MÃ</translation>
    </message>
    <message>
        <source>incoming attachments ID --out FOLDER</source>
        <translation>incoming attachments MÃ --out THƯ_MỤC</translation>
    </message>
    <message>
        <source>incoming assign ID --to USER [--unit UNIT] [--coop UNIT]… [--deadline D] [--opinion TEXT]</source>
        <translation>incoming assign MÃ --to NGƯỜI_DÙNG [--unit ĐƠN_VỊ] [--coop ĐƠN_VỊ]… [--deadline NGÀY] [--opinion Ý_KIẾN]</translation>
    </message>
    <message>
        <source>Unknown incoming command &quot;%1&quot;</source>
        <translation>Không có lệnh văn bản đến &quot;%1&quot;</translation>
    </message>
    <message>
        <source>registry export --book incoming|incoming-secret|incoming-tracking --year Y --out FILE.pdf</source>
        <translation>registry export --book incoming|incoming-secret|incoming-tracking --year NĂM --out TỆP.pdf</translation>
    </message>
    <message>
        <source>--book must be incoming, incoming-secret or incoming-tracking</source>
        <translation>--book phải là incoming, incoming-secret hoặc incoming-tracking</translation>
    </message>
    <message>
        <source>Give --year, or --from and --until</source>
        <translation>Hãy nhập --year, hoặc --from và --until</translation>
    </message>
    <message>
        <source>--out FILE.pdf is required</source>
        <translation>Cần --out TỆP.pdf</translation>
    </message>
    <message>
        <source>%1 written (%2 entries)</source>
        <translation>Đã ghi %1 (%2 mục)</translation>
    </message>
    <message>
        <source>Audit trail intact: %1 entries, head %2</source>
        <translation>Nhật ký kiểm toán nguyên vẹn: %1 bản ghi, mã cuối %2</translation>
    </message>
    <message>
        <source>audit verify|log</source>
        <translation>audit verify|log</translation>
    </message>
    <message>
        <source>db check</source>
        <translation>db check</translation>
    </message>
    <message>
        <source>Database %1 passed its integrity check</source>
        <translation>Cơ sở dữ liệu %1 đạt kiểm tra toàn vẹn</translation>
    </message>
    <message>
        <source>No password: set GOVDESK_PASSWORD or run in a terminal to be asked for it</source>
        <translation>Chưa có mật khẩu: đặt biến GOVDESK_PASSWORD hoặc chạy trong cửa sổ dòng lệnh để được hỏi</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>Only an administrator or a leader can read the audit trail</source>
        <translation>Chỉ quản trị viên hoặc lãnh đạo mới được xem nhật ký kiểm toán</translation>
    </message>
    <message>
        <source>Commands: init, user add|list, unit add|list, incoming register|list|show|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, registry export, audit verify|log, db check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments cannot be changed by update</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The database is busy with another user&apos;s change; please try again (%1)</source>
        <translation>Cơ sở dữ liệu đang bận với thay đổi của người khác; vui lòng thử lại (%1)</translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved. Free some space and try again (%1)</source>
        <translation>Ổ đĩa đã đầy; chưa có gì được lưu. Hãy giải phóng dung lượng rồi thử lại (%1)</translation>
    </message>
    <message>
        <source>This record already exists (%1)</source>
        <translation>Bản ghi này đã tồn tại (%1)</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>Lỗi cơ sở dữ liệu: %1</translation>
    </message>
    <message>
        <source>Invalid database address &quot;%1&quot;: expected postgresql://user:password@host:port/name</source>
        <translation>Địa chỉ cơ sở dữ liệu &quot;%1&quot; không hợp lệ: cần dạng postgresql://người_dùng:mật_khẩu@máy_chủ:cổng/tên</translation>
    </message>
    <message>
        <source>The database address &quot;%1&quot; names no database</source>
        <translation>Địa chỉ cơ sở dữ liệu &quot;%1&quot; không có tên cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Cannot create the workspace folder %1</source>
        <translation>Không tạo được thư mục làm việc %1</translation>
    </message>
    <message>
        <source>The Qt database driver for this engine is not installed (%1)</source>
        <translation>Chưa cài trình điều khiển cơ sở dữ liệu Qt cho loại này (%1)</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Không mở được cơ sở dữ liệu %1: %2</translation>
    </message>
    <message>
        <source>Schema change %1 #%2 (%3) failed: %4</source>
        <translation>Cập nhật cấu trúc dữ liệu %1 #%2 (%3) thất bại: %4</translation>
    </message>
    <message>
        <source>The database failed its integrity check: %1</source>
        <translation>Cơ sở dữ liệu không đạt kiểm tra toàn vẹn: %1</translation>
    </message>
</context>
<context>
    <name>DemoWorkspace</name>
    <message>
        <source>The demo data is missing from this build</source>
        <translation>Bản cài đặt này thiếu dữ liệu mẫu</translation>
    </message>
    <message>
        <source>The demo users could not be created</source>
        <translation>Không tạo được người dùng mẫu</translation>
    </message>
</context>
<context>
    <name>IncomingRegisters</name>
    <message>
        <source>Year %1</source>
        <translation>Năm %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Từ ngày %1 đến ngày %2</translation>
    </message>
    <message>
        <source>From number %1 to number %2</source>
        <translation>Từ số %1 đến số %2</translation>
    </message>
    <message>
        <source>No documents were registered in this period.</source>
        <translation>Không có văn bản nào được đăng ký trong thời gian này.</translation>
    </message>
    <message>
        <source>REGISTER OF INCOMING CLASSIFIED DOCUMENTS</source>
        <translation>SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT</translation>
    </message>
    <message>
        <source>REGISTER OF INCOMING DOCUMENTS</source>
        <translation>SỔ ĐĂNG KÝ VĂN BẢN ĐẾN</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <source>Arrival no.</source>
        <translation>Số đến</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Tác giả</translation>
    </message>
    <message>
        <source>Number, notation</source>
        <translation>Số, ký hiệu văn bản</translation>
    </message>
    <message>
        <source>Document date</source>
        <translation>Ngày tháng văn bản</translation>
    </message>
    <message>
        <source>Type and summary</source>
        <translation>Tên loại và trích yếu nội dung</translation>
    </message>
    <message>
        <source>Unit or person receiving</source>
        <translation>Đơn vị hoặc người nhận</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Ngày chuyển</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Ký nhận</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>REGISTER FOR FOLLOWING UP THE HANDLING OF INCOMING DOCUMENTS</source>
        <translation>SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN</translation>
    </message>
    <message>
        <source>Type, number, notation, date, issuing organ</source>
        <translation>Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành</translation>
    </message>
    <message>
        <source>Handling deadline</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <source>Handling progress</source>
        <translation>Tiến độ giải quyết</translation>
    </message>
    <message>
        <source>Number, notation of the reply</source>
        <translation>Số, ký hiệu văn bản trả lời</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Only the clerk, a leader or an administrator can print the registers</source>
        <translation>Chỉ văn thư, lãnh đạo hoặc quản trị viên mới được in sổ</translation>
    </message>
</context>
<context>
    <name>IncomingService</name>
    <message>
        <source>Unknown incoming registry book &quot;%1&quot;</source>
        <translation>Không có sổ văn bản đến &quot;%1&quot;</translation>
    </message>
    <message>
        <source>This document is classified; only the clerk, the leaders and its handler may open it</source>
        <translation>Văn bản này có độ mật; chỉ văn thư, lãnh đạo và người được giao xử lý mới được xem</translation>
    </message>
    <message>
        <source>There is no incoming document %1</source>
        <translation>Không có văn bản đến %1</translation>
    </message>
    <message>
        <source>This document has not been assigned to you or your unit</source>
        <translation>Văn bản này không được giao cho bạn hoặc đơn vị của bạn</translation>
    </message>
    <message>
        <source>Your role cannot handle documents</source>
        <translation>Vai trò của bạn không được xử lý văn bản</translation>
    </message>
    <message>
        <source>Only the person or unit assigned to lead this document can record its handling</source>
        <translation>Chỉ người hoặc đơn vị được giao chủ trì mới được cập nhật việc xử lý văn bản này</translation>
    </message>
    <message>
        <source>The issuing organisation (author) is required</source>
        <translation>Phải nhập cơ quan ban hành (tác giả)</translation>
    </message>
    <message>
        <source>The issuing organisation&apos;s name is longer than %1 characters</source>
        <translation>Tên cơ quan ban hành dài quá %1 ký tự</translation>
    </message>
    <message>
        <source>The summary (trích yếu) is required</source>
        <translation>Phải nhập trích yếu nội dung</translation>
    </message>
    <message>
        <source>The summary is longer than %1 characters</source>
        <translation>Trích yếu dài quá %1 ký tự</translation>
    </message>
    <message>
        <source>The document number is longer than %1 characters</source>
        <translation>Số văn bản dài quá %1 ký tự</translation>
    </message>
    <message>
        <source>Invalid document number &quot;%1&quot;: digits (and letters) only, without the notation</source>
        <translation>Số văn bản &quot;%1&quot; không hợp lệ: chỉ gồm chữ số (và chữ cái), không kèm ký hiệu</translation>
    </message>
    <message>
        <source>The notation is longer than %1 characters</source>
        <translation>Ký hiệu dài quá %1 ký tự</translation>
    </message>
    <message>
        <source>The arrival date %1 is in the future</source>
        <translation>Ngày đến %1 ở tương lai</translation>
    </message>
    <message>
        <source>The document is dated %1, after its arrival date %2</source>
        <translation>Văn bản đề ngày %1, sau ngày đến %2</translation>
    </message>
    <message>
        <source>The handling deadline %1 is before the arrival date</source>
        <translation>Hạn xử lý %1 trước ngày đến</translation>
    </message>
    <message>
        <source>The page count must be between 0 and 9999</source>
        <translation>Số trang phải từ 0 đến 9999</translation>
    </message>
    <message>
        <source>The way of receipt must be &quot;paper&quot; or &quot;electronic&quot;</source>
        <translation>Hình thức nhận phải là &quot;paper&quot; (giấy) hoặc &quot;electronic&quot; (điện tử)</translation>
    </message>
    <message>
        <source>Unknown document type &quot;%1&quot;</source>
        <translation>Không có loại văn bản &quot;%1&quot;</translation>
    </message>
    <message>
        <source>A classified document must be registered in a book for classified documents</source>
        <translation>Văn bản mật phải được đăng ký vào sổ văn bản mật</translation>
    </message>
    <message>
        <source>The registry counter could not be advanced</source>
        <translation>Không tăng được số đến của sổ</translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) or an administrator can register documents into the book</source>
        <translation>Chỉ văn thư hoặc quản trị viên mới được vào sổ văn bản</translation>
    </message>
    <message>
        <source>Cannot read the file %1: %2</source>
        <translation>Không đọc được tệp %1: %2</translation>
    </message>
    <message>
        <source>The file %1 is too large</source>
        <translation>Tệp %1 quá lớn</translation>
    </message>
    <message>
        <source>Possible duplicate: %1 of %2 was already registered as arrival number %3 on %4. Register it again only if it really is a second document</source>
        <translation>Có thể trùng: văn bản %1 của %2 đã được vào sổ với số đến %3 ngày %4. Chỉ đăng ký lại nếu đúng là một văn bản khác</translation>
    </message>
    <message>
        <source>Someone else changed this document meanwhile; reopen it and try again</source>
        <translation>Người khác vừa thay đổi văn bản này; hãy mở lại rồi thử lại</translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) or an administrator can change a registered entry</source>
        <translation>Chỉ văn thư hoặc quản trị viên mới được sửa mục đã vào sổ</translation>
    </message>
    <message>
        <source>The arrival date cannot move the entry to another year&apos;s book</source>
        <translation>Không thể sửa ngày đến sang năm khác với năm của sổ</translation>
    </message>
    <message>
        <source>This document is already registered</source>
        <translation>Văn bản này đã được vào sổ</translation>
    </message>
    <message>
        <source>Only a leader can assign documents for handling</source>
        <translation>Chỉ lãnh đạo mới được phân công xử lý văn bản</translation>
    </message>
    <message>
        <source>Register the document into the book before assigning it</source>
        <translation>Hãy vào sổ văn bản trước khi phân công</translation>
    </message>
    <message>
        <source>This document is already closed (%1)</source>
        <translation>Văn bản này đã kết thúc (%1)</translation>
    </message>
    <message>
        <source>The account %1 is disabled</source>
        <translation>Tài khoản %1 đã bị khóa</translation>
    </message>
    <message>
        <source>%1 cannot handle documents</source>
        <translation>%1 không được xử lý văn bản</translation>
    </message>
    <message>
        <source>Name the person or unit who leads the handling</source>
        <translation>Hãy chọn người hoặc đơn vị chủ trì xử lý</translation>
    </message>
    <message>
        <source>Progress can only be recorded on an assigned document</source>
        <translation>Chỉ cập nhật tiến độ cho văn bản đã được phân công</translation>
    </message>
    <message>
        <source>Describe the progress made</source>
        <translation>Hãy mô tả tiến độ xử lý</translation>
    </message>
    <message>
        <source>Only an assigned document can be completed (it is %1)</source>
        <translation>Chỉ văn bản đã được phân công mới được hoàn thành (văn bản đang ở trạng thái %1)</translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) can return a wrongly sent document</source>
        <translation>Chỉ văn thư mới được trả lại văn bản gửi nhầm</translation>
    </message>
    <message>
        <source>Give the reason for returning the document</source>
        <translation>Hãy nêu lý do trả lại văn bản</translation>
    </message>
    <message>
        <source>The document has no attachment %1</source>
        <translation>Văn bản không có tệp đính kèm %1</translation>
    </message>
</context>
<context>
    <name>OrganCode</name>
    <message>
        <source>Invalid organisation code &quot;%1&quot;: expected the form 000.00.00.H16</source>
        <translation>Mã định danh &quot;%1&quot; không hợp lệ: cần dạng 000.00.00.H16</translation>
    </message>
    <message>
        <source>Invalid organisation code &quot;%1&quot;: a lower level is set while a higher one is 0</source>
        <translation>Mã định danh &quot;%1&quot; không hợp lệ: có cấp dưới nhưng cấp trên bằng 0</translation>
    </message>
</context>
<context>
    <name>RegisterPrinter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Clerk</source>
        <translation>Văn thư</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Chuyên viên</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Lãnh đạo</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị</translation>
    </message>
</context>
<context>
    <name>SystemConfig</name>
    <message>
        <source>The database is set by your IT department in %1 and cannot be changed here</source>
        <translation>Cơ sở dữ liệu do bộ phận công nghệ thông tin đặt trong %1 và không thể đổi tại đây</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Normal</source>
        <translation>Thường</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Khẩn</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Thượng khẩn</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>Hỏa tốc</translation>
    </message>
    <message>
        <source>Not classified</source>
        <translation>Không mật</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <source>Top secret</source>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <source>Newly arrived</source>
        <translation>Mới đến</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Đã vào sổ</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Đã phân công</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Trả lại</translation>
    </message>
</context>
</TS>
