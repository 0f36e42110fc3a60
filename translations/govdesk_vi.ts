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
            <source>This workspace has not been set up yet; run "govdesk-cli init" first</source>
            <translation>Không gian làm việc này chưa được thiết lập; hãy chạy "govdesk-cli init" trước</translation>
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
            <source>Invalid user name "%1": use 2–64 lower-case letters, digits, dot, dash or underscore</source>
            <translation>Tên đăng nhập "%1" không hợp lệ: dùng 2–64 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới</translation>
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
            <source>The agency's name is required</source>
            <translation>Phải nhập tên cơ quan</translation>
        </message>
        <message>
            <source>Invalid abbreviation "%1": letters and digits only, starting with a capital, as used in notations (e.g. UBND)</source>
            <translation>Chữ viết tắt "%1" không hợp lệ: chỉ gồm chữ và số, bắt đầu bằng chữ hoa, như dùng trong ký hiệu văn bản (ví dụ UBND)</translation>
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
        <name>AssignDialog</name>
        <message>
            <source>Assign for handling</source>
            <translation>Phân công xử lý</translation>
        </message>
        <message>
            <source>Lead &amp;person:</source>
            <translation>Người &amp;chủ trì:</translation>
        </message>
        <message>
            <source>Lead &amp;unit:</source>
            <translation>Đơn vị c&amp;hủ trì:</translation>
        </message>
        <message>
            <source>&amp;Cooperating units:</source>
            <translation>Đơn vị &amp;phối hợp:</translation>
        </message>
        <message>
            <source>&amp;Deadline:</source>
            <translation>&amp;Hạn xử lý:</translation>
        </message>
        <message>
            <source>Has a deadline</source>
            <translation>Có hạn xử lý</translation>
        </message>
        <message>
            <source>Leader's &amp;opinion:</source>
            <translation>Ý &amp;kiến lãnh đạo:</translation>
        </message>
        <message>
            <source>e.g. Giao Sở Tài chính chủ trì, tham mưu trước ngày …</source>
            <translation>Ví dụ: Giao Sở Tài chính chủ trì, tham mưu trước ngày …</translation>
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
            <source>Unknown command "%1"</source>
            <translation>Không có lệnh "%1"</translation>
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
            <source>Unknown incoming command "%1"</source>
            <translation>Không có lệnh văn bản đến "%1"</translation>
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
            <source>Files written: %1</source>
            <translation>Số tệp đã ghi: %1</translation>
        </message>
        <message>
            <source>Attachments cannot be changed by update</source>
            <translation>Không thể thay đổi tệp đính kèm bằng lệnh update</translation>
        </message>
        <message>
            <source>Commands: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, registry export, audit verify|log, db check</source>
            <translation>Các lệnh: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, registry export, audit verify|log, db check</translation>
        </message>
    </context>
    <context>
        <name>CompleteDialog</name>
        <message>
            <source>Complete handling</source>
            <translation>Hoàn thành xử lý</translation>
        </message>
        <message>
            <source>&amp;Reply document:</source>
            <translation>Văn bản &amp;trả lời:</translation>
        </message>
        <message>
            <source>Number and notation of the reply, e.g. 25/STC-NS</source>
            <translation>Số và ký hiệu văn bản trả lời, ví dụ 25/STC-NS</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Ghi chú:</translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <source>The database is busy with another user's change; please try again (%1)</source>
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
            <source>Invalid database address "%1": expected postgresql://user:password@host:port/name</source>
            <translation>Địa chỉ cơ sở dữ liệu "%1" không hợp lệ: cần dạng postgresql://người_dùng:mật_khẩu@máy_chủ:cổng/tên</translation>
        </message>
        <message>
            <source>The database address "%1" names no database</source>
            <translation>Địa chỉ cơ sở dữ liệu "%1" không có tên cơ sở dữ liệu</translation>
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
            <source>Unknown incoming registry book "%1"</source>
            <translation>Không có sổ văn bản đến "%1"</translation>
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
            <source>The issuing organisation's name is longer than %1 characters</source>
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
            <source>Invalid document number "%1": digits (and letters) only, without the notation</source>
            <translation>Số văn bản "%1" không hợp lệ: chỉ gồm chữ số (và chữ cái), không kèm ký hiệu</translation>
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
            <source>The way of receipt must be "paper" or "electronic"</source>
            <translation>Hình thức nhận phải là "paper" (giấy) hoặc "electronic" (điện tử)</translation>
        </message>
        <message>
            <source>Unknown document type "%1"</source>
            <translation>Không có loại văn bản "%1"</translation>
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
            <source>The arrival date cannot move the entry to another year's book</source>
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
        <name>LoginDialog</name>
        <message>
            <source>Sign in to GovDesk</source>
            <translation>Đăng nhập GovDesk</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>&amp;Tên đăng nhập:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Mật khẩu:</translation>
        </message>
    </context>
    <context>
        <name>OrganCode</name>
        <message>
            <source>Invalid organisation code "%1": expected the form 000.00.00.H16</source>
            <translation>Mã định danh "%1" không hợp lệ: cần dạng 000.00.00.H16</translation>
        </message>
        <message>
            <source>Invalid organisation code "%1": a lower level is set while a higher one is 0</source>
            <translation>Mã định danh "%1" không hợp lệ: có cấp dưới nhưng cấp trên bằng 0</translation>
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <source>Record progress</source>
            <translation>Cập nhật tiến độ</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Ghi chú:</translation>
        </message>
    </context>
    <context>
        <name>RegisterIncomingDialog</name>
        <message>
            <source>Register incoming document</source>
            <translation>Vào sổ văn bản đến</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Văn bản</translation>
        </message>
        <message>
            <source>Au&amp;thor:</source>
            <translation>&amp;Tác giả:</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>&amp;Loại văn bản:</translation>
        </message>
        <message>
            <source>&amp;Number, notation:</source>
            <translation>&amp;Số, ký hiệu:</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Số</translation>
        </message>
        <message>
            <source>Notation, e.g. QĐ-UBND</source>
            <translation>Ký hiệu, ví dụ QĐ-UBND</translation>
        </message>
        <message>
            <source>&amp;Dated:</source>
            <translation>&amp;Ngày văn bản:</translation>
        </message>
        <message>
            <source>&amp;Summary:</source>
            <translation>T&amp;rích yếu:</translation>
        </message>
        <message>
            <source>What the document is about, as printed under its type</source>
            <translation>Nội dung chính của văn bản, như in dưới tên loại</translation>
        </message>
        <message>
            <source>Si&amp;gned by:</source>
            <translation>Người &amp;ký:</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Họ và tên</translation>
        </message>
        <message>
            <source>Position, e.g. Giám đốc</source>
            <translation>Chức vụ, ví dụ Giám đốc</translation>
        </message>
        <message>
            <source>&amp;Pages:</source>
            <translation>Số t&amp;rang:</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Vào sổ</translation>
        </message>
        <message>
            <source>&amp;Book:</source>
            <translation>Sổ đăng &amp;ký:</translation>
        </message>
        <message>
            <source>Arrival no.:</source>
            <translation>Số đến:</translation>
        </message>
        <message>
            <source>Arri&amp;val date:</source>
            <translation>Ngày đế&amp;n:</translation>
        </message>
        <message>
            <source>&amp;Urgency:</source>
            <translation>Độ &amp;khẩn:</translation>
        </message>
        <message>
            <source>Classi&amp;fication:</source>
            <translation>Độ &amp;mật:</translation>
        </message>
        <message>
            <source>Dead&amp;line:</source>
            <translation>&amp;Hạn xử lý:</translation>
        </message>
        <message>
            <source>Has a deadline</source>
            <translation>Có hạn xử lý</translation>
        </message>
        <message>
            <source>&amp;Recipients:</source>
            <translation>Nơi &amp;nhận:</translation>
        </message>
        <message>
            <source>Unit or person receiving</source>
            <translation>Đơn vị hoặc người nhận</translation>
        </message>
        <message>
            <source>Recei&amp;ved as:</source>
            <translation>&amp;Hình thức nhận:</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>Ghi &amp;chú:</translation>
        </message>
        <message>
            <source>Files:</source>
            <translation>Tệp:</translation>
        </message>
        <message>
            <source>Drop files here to attach them</source>
            <translation>Kéo thả tệp vào đây để đính kèm</translation>
        </message>
        <message>
            <source>&amp;Add files…</source>
            <translation>&amp;Thêm tệp…</translation>
        </message>
        <message>
            <source>Remo&amp;ve</source>
            <translation>&amp;Bỏ</translation>
        </message>
        <message>
            <source>PDF or scans; you can also drop files onto this window.</source>
            <translation>Tệp PDF hoặc bản quét; cũng có thể kéo thả tệp vào cửa sổ này.</translation>
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
        <name>RegistersDialog</name>
        <message>
            <source>Print registers</source>
            <translation>In sổ</translation>
        </message>
        <message>
            <source>&amp;Register:</source>
            <translation>&amp;Sổ:</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>Thời gian:</translation>
        </message>
        <message>
            <source>Whole &amp;year</source>
            <translation>Cả &amp;năm</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>&amp;Từ ngày</translation>
        </message>
        <message>
            <source>to</source>
            <translation>đến ngày</translation>
        </message>
        <message>
            <source>Print pre&amp;view…</source>
            <translation>&amp;Xem trước khi in…</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;In…</translation>
        </message>
        <message>
            <source>&amp;Export PDF…</source>
            <translation>Xuất &amp;PDF…</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
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
    <context>
        <name>WorkspaceLoader</name>
        <message>
            <source>The shared database has not been set up yet; ask your IT staff to run "govdesk-cli init"</source>
            <translation>Cơ sở dữ liệu dùng chung chưa được thiết lập; hãy đề nghị cán bộ công nghệ thông tin chạy "govdesk-cli init"</translation>
        </message>
    </context>
    <context>
        <name>govdesk::app::Launcher</name>
        <message>
            <source>Opening the workspace…</source>
            <translation>Đang mở dữ liệu làm việc…</translation>
        </message>
        <message>
            <source>GovDesk cannot open its data:
%1</source>
            <translation>GovDesk không mở được dữ liệu:
%1</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Đang tải…</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::AssignDialog</name>
        <message>
            <source>&amp;Assign</source>
            <translation>&amp;Phân công</translation>
        </message>
        <message>
            <source>Arrival no. %1, %2 of %3: %4</source>
            <translation>Số đến %1, %2 của %3: %4</translation>
        </message>
        <message>
            <source>(no one in person)</source>
            <translation>(không giao cá nhân)</translation>
        </message>
        <message>
            <source>(no unit)</source>
            <translation>(không giao đơn vị)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::CompleteDialog</name>
        <message>
            <source>Arrival no. %1, %2 of %3: %4</source>
            <translation>Số đến %1, %2 của %3: %4</translation>
        </message>
        <message>
            <source>&amp;Complete</source>
            <translation>&amp;Hoàn thành</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::IncomingDocumentView</name>
        <message>
            <source>Re&amp;gister</source>
            <translation>&amp;Vào sổ</translation>
        </message>
        <message>
            <source>&amp;Assign…</source>
            <translation>&amp;Phân công…</translation>
        </message>
        <message>
            <source>Record &amp;progress…</source>
            <translation>Cập nhật &amp;tiến độ…</translation>
        </message>
        <message>
            <source>Co&amp;mplete…</source>
            <translation>&amp;Hoàn thành…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>&amp;Sửa…</translation>
        </message>
        <message>
            <source>Re&amp;turn to sender…</source>
            <translation>T&amp;rả lại…</translation>
        </message>
        <message>
            <source>&amp;Save as…</source>
            <translation>&amp;Lưu thành…</translation>
        </message>
        <message>
            <source>Select a document in the list to see it here.</source>
            <translation>Chọn một văn bản trong danh sách để xem tại đây.</translation>
        </message>
        <message>
            <source>Register this received document into the book</source>
            <translation>Vào sổ văn bản đã nhận này</translation>
        </message>
        <message>
            <source>Name who leads and who cooperates, the deadline and your opinion</source>
            <translation>Giao người chủ trì, đơn vị phối hợp, hạn xử lý và cho ý kiến</translation>
        </message>
        <message>
            <source>Correct the register entry</source>
            <translation>Sửa mục đăng ký trong sổ</translation>
        </message>
        <message>
            <source>The document was sent here by mistake: return it to its sender</source>
            <translation>Văn bản gửi nhầm: trả lại nơi gửi</translation>
        </message>
        <message>
            <source>Register entry</source>
            <translation>Thông tin vào sổ</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Người thực hiện</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Việc</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>&lt;b&gt;Assignment slip&lt;/b&gt;</source>
            <translation>&lt;b&gt;Phiếu giải quyết văn bản đến&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;History&lt;/b&gt;</source>
            <translation>&lt;b&gt;Quá trình xử lý&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Handling</source>
            <translation>Xử lý</translation>
        </message>
        <message>
            <source>Attachments</source>
            <translation>Tệp đính kèm</translation>
        </message>
        <message>
            <source>No document</source>
            <translation>Chưa chọn văn bản</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Đang tải…</translation>
        </message>
        <message>
            <source>Arrival no. %1 — %2 — %3</source>
            <translation>Số đến %1 — %2 — %3</translation>
        </message>
        <message>
            <source>Not yet registered — %1 — %2</source>
            <translation>Chưa vào sổ — %1 — %2</translation>
        </message>
        <message>
            <source>%1, overdue</source>
            <translation>%1, quá hạn</translation>
        </message>
        <message>
            <source>Book:</source>
            <translation>Sổ:</translation>
        </message>
        <message>
            <source>Arrival no.:</source>
            <translation>Số đến:</translation>
        </message>
        <message>
            <source>Arrival date:</source>
            <translation>Ngày đến:</translation>
        </message>
        <message>
            <source>Author:</source>
            <translation>Tác giả:</translation>
        </message>
        <message>
            <source>Number, notation:</source>
            <translation>Số, ký hiệu:</translation>
        </message>
        <message>
            <source>Document date:</source>
            <translation>Ngày văn bản:</translation>
        </message>
        <message>
            <source>Type:</source>
            <translation>Loại văn bản:</translation>
        </message>
        <message>
            <source>Summary:</source>
            <translation>Trích yếu:</translation>
        </message>
        <message>
            <source>Urgency:</source>
            <translation>Độ khẩn:</translation>
        </message>
        <message>
            <source>Classification:</source>
            <translation>Độ mật:</translation>
        </message>
        <message>
            <source>Pages:</source>
            <translation>Số trang:</translation>
        </message>
        <message>
            <source>Signed by:</source>
            <translation>Người ký:</translation>
        </message>
        <message>
            <source>Recipients:</source>
            <translation>Nơi nhận:</translation>
        </message>
        <message>
            <source>Deadline:</source>
            <translation>Hạn xử lý:</translation>
        </message>
        <message>
            <source>Received as:</source>
            <translation>Hình thức nhận:</translation>
        </message>
        <message>
            <source>Electronic</source>
            <translation>Điện tử</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Giấy</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>Ghi chú:</translation>
        </message>
        <message>
            <source>Registered by:</source>
            <translation>Người vào sổ:</translation>
        </message>
        <message>
            <source>Leads:</source>
            <translation>Chủ trì:</translation>
        </message>
        <message>
            <source>Cooperates:</source>
            <translation>Phối hợp:</translation>
        </message>
        <message>
            <source>Leader's opinion:</source>
            <translation>Ý kiến lãnh đạo:</translation>
        </message>
        <message>
            <source>Assigned by:</source>
            <translation>Người phân công:</translation>
        </message>
        <message>
            <source>Not assigned yet</source>
            <translation>Chưa phân công</translation>
        </message>
        <message>
            <source>Reply:</source>
            <translation>Văn bản trả lời:</translation>
        </message>
        <message>
            <source>Completed:</source>
            <translation>Hoàn thành lúc:</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Đã vào sổ</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Assigned</source>
            <translation>Đã phân công</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Tiến độ</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Hoàn thành</translation>
        </message>
        <message>
            <source>Entry corrected</source>
            <translation>Sửa mục đăng ký</translation>
        </message>
        <message>
            <source>Returned to sender</source>
            <translation>Trả lại nơi gửi</translation>
        </message>
        <message>
            <source>Attachments (%1)</source>
            <translation>Tệp đính kèm (%1)</translation>
        </message>
        <message>
            <source>This document has no attached file.</source>
            <translation>Văn bản này không có tệp đính kèm.</translation>
        </message>
        <message>
            <source>The attached file is not a PDF; save it to open it with another program.</source>
            <translation>Tệp đính kèm không phải PDF; hãy lưu tệp để mở bằng chương trình khác.</translation>
        </message>
        <message>
            <source>%1 is not a PDF; save it to open it with another program.</source>
            <translation>%1 không phải tệp PDF; hãy lưu tệp để mở bằng chương trình khác.</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>Đang mở %1…</translation>
        </message>
        <message>
            <source>GovDesk</source>
            <translation>GovDesk</translation>
        </message>
        <message>
            <source>Save attachment</source>
            <translation>Lưu tệp đính kèm</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>Không ghi được %1: %2</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::IncomingListView</name>
        <message>
            <source>&amp;Overdue</source>
            <translation>&amp;Quá hạn</translation>
        </message>
        <message>
            <source>Search number, notation, summary, author… (accents optional)</source>
            <translation>Tìm theo số, ký hiệu, trích yếu, tác giả… (gõ không dấu cũng được)</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Mọi trạng thái</translation>
        </message>
        <message>
            <source>Any urgency</source>
            <translation>Mọi độ khẩn</translation>
        </message>
        <message>
            <source>Urgent and above</source>
            <translation>Từ Khẩn trở lên</translation>
        </message>
        <message>
            <source>Very urgent and above</source>
            <translation>Từ Thượng khẩn trở lên</translation>
        </message>
        <message>
            <source>All units</source>
            <translation>Mọi đơn vị</translation>
        </message>
        <message>
            <source>All years</source>
            <translation>Mọi năm</translation>
        </message>
        <message>
            <source>Only documents past their handling deadline and not yet completed</source>
            <translation>Chỉ văn bản đã quá hạn xử lý mà chưa hoàn thành</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Đang đếm…</translation>
        </message>
        <message numerus="yes">
            <source>%n document(s)</source>
            <translation>
                <numerusform>%n văn bản</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::IncomingTableModel</name>
        <message>
            <source>Overdue: the handling deadline was %1</source>
            <translation>Quá hạn: hạn xử lý là %1</translation>
        </message>
        <message>
            <source>Arrival no.</source>
            <translation>Số đến</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>Ngày đến</translation>
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
            <source>Dated</source>
            <translation>Ngày VB</translation>
        </message>
        <message>
            <source>Type and summary</source>
            <translation>Tên loại và trích yếu nội dung</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>Độ khẩn</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>Hạn xử lý</translation>
        </message>
        <message>
            <source>Handled by</source>
            <translation>Người xử lý</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>This column cannot be sorted</source>
            <translation>Không sắp xếp được theo cột này</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::LoginDialog</name>
        <message>
            <source>&amp;Sign in</source>
            <translation>&amp;Đăng nhập</translation>
        </message>
        <message>
            <source>E&amp;xit</source>
            <translation>&amp;Thoát</translation>
        </message>
        <message>
            <source>Demo workspace. Accounts: %1 (clerk), %2 and %3 (leaders), %4 and %5 (officers), admin. Password for all: %6</source>
            <translation>Dữ liệu mẫu. Tài khoản: %1 (văn thư), %2 và %3 (lãnh đạo), %4 và %5 (chuyên viên), admin. Mật khẩu chung: %6</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::MainWindow</name>
        <message>
            <source>GovDesk — %1</source>
            <translation>GovDesk — %1</translation>
        </message>
        <message>
            <source>Documents received electronically and waiting to be registered</source>
            <translation>Văn bản điện tử đã nhận, đang chờ vào sổ</translation>
        </message>
        <message>
            <source>Registered documents waiting for you to assign them</source>
            <translation>Văn bản đã vào sổ, đang chờ bạn phân công</translation>
        </message>
        <message>
            <source>Documents assigned to you or your unit and not yet completed</source>
            <translation>Văn bản giao cho bạn hoặc đơn vị của bạn, chưa hoàn thành</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>&amp;Register incoming document…</source>
            <translation>&amp;Vào sổ văn bản đến…</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Vào sổ</translation>
        </message>
        <message>
            <source>Register a newly arrived document into the book (Ctrl+N)</source>
            <translation>Vào sổ văn bản mới đến (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Print registers…</source>
            <translation>&amp;In sổ…</translation>
        </message>
        <message>
            <source>Registers</source>
            <translation>Sổ đăng ký</translation>
        </message>
        <message>
            <source>E&amp;xit</source>
            <translation>&amp;Thoát</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;All incoming documents</source>
            <translation>&amp;Tất cả văn bản đến</translation>
        </message>
        <message>
            <source>Awaiting &amp;me</source>
            <translation>&amp;Chờ tôi xử lý</translation>
        </message>
        <message>
            <source>&amp;Overdue</source>
            <translation>&amp;Quá hạn</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>Tìm &amp;kiếm…</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Làm mới</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Làm mới</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <source>&amp;About GovDesk</source>
            <translation>&amp;Giới thiệu GovDesk</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Giới thiệu &amp;Qt</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Thanh công cụ chính</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Where this workspace keeps its data</source>
            <translation>Nơi lưu dữ liệu của không gian làm việc này</translation>
        </message>
        <message>
            <source>%1 (demo data)</source>
            <translation>%1 (dữ liệu mẫu)</translation>
        </message>
        <message>
            <source>Registered as arrival no. %1</source>
            <translation>Đã vào sổ với số đến %1</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Ngôn ngữ</translation>
        </message>
        <message>
            <source>GovDesk will use the new language the next time it starts. Close and reopen GovDesk to switch now.</source>
            <translation>GovDesk sẽ dùng ngôn ngữ mới từ lần khởi động sau. Hãy đóng và mở lại GovDesk để chuyển ngay.</translation>
        </message>
        <message>
            <source>About GovDesk</source>
            <translation>Giới thiệu GovDesk</translation>
        </message>
        <message>
            <source>&lt;h3&gt;GovDesk %1&lt;/h3&gt;&lt;p&gt;Desktop client for the clerical work of Vietnamese agencies: registering, routing and handling incoming documents under Decree 30/2020/NĐ-CP.&lt;/p&gt;&lt;p&gt;Signed in as %2 (%3).&lt;br&gt;Data: %4&lt;/p&gt;</source>
            <translation>&lt;h3&gt;GovDesk %1&lt;/h3&gt;&lt;p&gt;Phần mềm công tác văn thư cho cơ quan nhà nước: vào sổ, phân công và xử lý văn bản đến theo Nghị định 30/2020/NĐ-CP.&lt;/p&gt;&lt;p&gt;Đăng nhập: %2 (%3).&lt;br&gt;Dữ liệu: %4&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::NavigationPane</name>
        <message>
            <source>Incoming documents</source>
            <translation>Văn bản đến</translation>
        </message>
        <message>
            <source>Print or export the registers of incoming documents</source>
            <translation>In hoặc xuất sổ văn bản đến</translation>
        </message>
        <message>
            <source>Documents past their handling deadline and not yet completed</source>
            <translation>Văn bản đã quá hạn xử lý mà chưa hoàn thành</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tất cả</translation>
        </message>
        <message>
            <source>Awaiting me</source>
            <translation>Chờ tôi xử lý</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Quá hạn</translation>
        </message>
        <message>
            <source>Registers</source>
            <translation>Sổ đăng ký</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::PdfViewer</name>
        <message>
            <source>Previous page (Page Up)</source>
            <translation>Trang trước (Page Up)</translation>
        </message>
        <message>
            <source>Next page (Page Down)</source>
            <translation>Trang sau (Page Down)</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>Trang</translation>
        </message>
        <message>
            <source>Zoom out (Ctrl+-)</source>
            <translation>Thu nhỏ (Ctrl+-)</translation>
        </message>
        <message>
            <source>Zoom in (Ctrl++)</source>
            <translation>Phóng to (Ctrl++)</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>Vừa chiều rộng</translation>
        </message>
        <message>
            <source>Fit the page to the width of the viewer</source>
            <translation>Hiển thị trang vừa chiều rộng khung xem</translation>
        </message>
        <message>
            <source>No document</source>
            <translation>Chưa chọn văn bản</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>Đang mở %1…</translation>
        </message>
        <message>
            <source>%1 cannot be shown: the file is damaged or is not a PDF. Save it and open it with another program, or ask the sender for a new copy.</source>
            <translation>Không hiển thị được %1: tệp bị hỏng hoặc không phải PDF. Hãy lưu tệp và mở bằng chương trình khác, hoặc đề nghị nơi gửi gửi lại bản khác.</translation>
        </message>
        <message>
            <source>%1 is protected by a password and cannot be shown here.</source>
            <translation>%1 được bảo vệ bằng mật khẩu nên không hiển thị được tại đây.</translation>
        </message>
        <message>
            <source>Page %1 cannot be shown.</source>
            <translation>Không hiển thị được trang %1.</translation>
        </message>
        <message>
            <source>of %1</source>
            <translation>/ %1</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ProgressDialog</name>
        <message>
            <source>Arrival no. %1, %2 of %3: %4</source>
            <translation>Số đến %1, %2 của %3: %4</translation>
        </message>
        <message>
            <source>Return to sender</source>
            <translation>Trả lại nơi gửi</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Lý do:</translation>
        </message>
        <message>
            <source>e.g. Sent to the wrong agency; it belongs to …</source>
            <translation>Ví dụ: Gửi nhầm cơ quan; văn bản thuộc thẩm quyền của …</translation>
        </message>
        <message>
            <source>&amp;Return</source>
            <translation>&amp;Trả lại</translation>
        </message>
        <message>
            <source>What has been done, what is pending</source>
            <translation>Đã làm được gì, còn việc gì</translation>
        </message>
        <message>
            <source>&amp;Record</source>
            <translation>&amp;Ghi nhận</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::RegisterIncomingDialog</name>
        <message>
            <source>&amp;Register</source>
            <translation>&amp;Vào sổ</translation>
        </message>
        <message>
            <source>Identifier code: %1</source>
            <translation>Mã định danh: %1</translation>
        </message>
        <message>
            <source>Issuing organisation (name, abbreviation or code)</source>
            <translation>Cơ quan ban hành (tên, tên viết tắt hoặc mã định danh)</translation>
        </message>
        <message>
            <source>Abbreviation: %1</source>
            <translation>Viết tắt: %1</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Giấy</translation>
        </message>
        <message>
            <source>Electronic</source>
            <translation>Điện tử</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>Đính kèm tệp</translation>
        </message>
        <message>
            <source>PDF and scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
            <translation>PDF và bản quét (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Correct register entry no. %1</source>
            <translation>Sửa mục đăng ký số đến %1</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>The files received with the document cannot be changed.</source>
            <translation>Không thể thay đổi các tệp đã nhận kèm văn bản.</translation>
        </message>
        <message>
            <source>The arrival number of a registered entry does not change</source>
            <translation>Số đến của mục đã vào sổ không thay đổi</translation>
        </message>
        <message>
            <source>The number this document will get if no one registers another one first</source>
            <translation>Số đến văn bản này sẽ nhận nếu không ai vào sổ văn bản khác trước</translation>
        </message>
        <message>
            <source>• arrival no. %1 of %2: %3 from %4</source>
            <translation>• số đến %1 ngày %2: %3 của %4</translation>
        </message>
        <message>
            <source>This document looks like one already in the register:

%1

Register it again only if it really is a second document.</source>
            <translation>Văn bản này giống một văn bản đã có trong sổ:

%1

Chỉ vào sổ lại nếu đúng là một văn bản khác.</translation>
        </message>
        <message>
            <source>Possible duplicate</source>
            <translation>Có thể trùng văn bản</translation>
        </message>
        <message>
            <source>Save &amp;anyway</source>
            <translation>Vẫn &amp;lưu</translation>
        </message>
        <message>
            <source>Register &amp;anyway</source>
            <translation>Vẫn &amp;vào sổ</translation>
        </message>
        <message>
            <source>&amp;Go back</source>
            <translation>&amp;Quay lại</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::RegistersDialog</name>
        <message>
            <source>Register of incoming documents</source>
            <translation>Sổ đăng ký văn bản đến</translation>
        </message>
        <message>
            <source>Register of incoming classified documents</source>
            <translation>Sổ đăng ký văn bản đến mật</translation>
        </message>
        <message>
            <source>Register of the handling of incoming documents</source>
            <translation>Sổ theo dõi giải quyết văn bản đến</translation>
        </message>
        <message>
            <source>Registers print on A4 landscape with a cover page, as Decree 30/2020 prescribes.</source>
            <translation>Sổ in trên khổ A4 ngang, có trang bìa, theo Nghị định 30/2020/NĐ-CP.</translation>
        </message>
        <message>
            <source>Gathering the register…</source>
            <translation>Đang tổng hợp sổ…</translation>
        </message>
        <message numerus="yes">
            <source>%n entry(ies) in the register.</source>
            <translation>
                <numerusform>Sổ có %n mục.</numerusform>
            </translation>
        </message>
        <message>
            <source>Print preview — %1</source>
            <translation>Xem trước khi in — %1</translation>
        </message>
        <message>
            <source>tracking-register</source>
            <translation>so-theo-doi-giai-quyet</translation>
        </message>
        <message>
            <source>incoming-register</source>
            <translation>so-van-ban-den</translation>
        </message>
        <message>
            <source>Export register as PDF</source>
            <translation>Xuất sổ ra PDF</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Tài liệu PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Writing %1…</source>
            <translation>Đang ghi %1…</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Đã lưu %1</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Desktop client for the clerical work of Vietnamese agencies</source>
            <translation>Phần mềm công tác văn thư cho cơ quan nhà nước</translation>
        </message>
        <message>
            <source>Use the SQLite workspace in DIR.</source>
            <translation>Dùng dữ liệu SQLite trong thư mục DIR.</translation>
        </message>
        <message>
            <source>Use the shared database at URL (postgresql://user@host/db).</source>
            <translation>Dùng cơ sở dữ liệu dùng chung tại URL (postgresql://user@host/db).</translation>
        </message>
        <message>
            <source>Sign in as USER with the password in GOVDESK_PASSWORD, without the sign-in dialog.</source>
            <translation>Đăng nhập bằng tài khoản USER với mật khẩu trong GOVDESK_PASSWORD, không hiện hộp đăng nhập.</translation>
        </message>
    </context>
</TS>
