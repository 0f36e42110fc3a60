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
            <source>Cannot read the image %1 (a PNG file is expected)</source>
            <translation>Không đọc được ảnh %1 (cần tệp PNG)</translation>
        </message>
        <message>
            <source>token list [--module PATH]…</source>
            <translation>token list [--module PATH]…</translation>
        </message>
        <message>
            <source>No token driver (PKCS#11 module) is installed; install the token's software or give --module</source>
            <translation>Chưa cài trình điều khiển token (mô-đun PKCS#11); hãy cài phần mềm của token hoặc chỉ định --module</translation>
        </message>
        <message>
            <source>Token "%1" (%2 %3, serial %4) in slot %5 of %6 — %7
</source>
            <translation>Token "%1" (%2 %3, số sê-ri %4) ở khe %5 của %6 — %7
</translation>
        </message>
        <message>
            <source>  Certificate %1 (id %2): %3, issued by %4, valid %5 – %6%7
</source>
            <translation>  Chứng thư số %1 (id %2): %3, do %4 cấp, hiệu lực %5 – %6%7
</translation>
        </message>
        <message>
            <source> (no private key)</source>
            <translation> (không có khóa bí mật)</translation>
        </message>
        <message>
            <source>No token is plugged in.</source>
            <translation>Chưa cắm token nào vào máy.</translation>
        </message>
        <message>
            <source>sign --module PATH [--token LABEL] [--cert-label L | --cert-id HEX] --pin-env VAR --in IN.pdf (--out OUT.pdf | --in … --out-dir DIR) --role ca-nhan|co-quan|dinh-kem|ban-sao [--signature-image PNG] [--seal-image PNG --seal-size-mm N] [--title TEXT --name TEXT] [--reference "15/QĐ-UBND"] [--copy-type "SAO Y" --copy-organ TEXT] [--page N --rect x,y,w,h] [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline] [--overwrite]</source>
            <translation>sign --module PATH [--token LABEL] [--cert-label L | --cert-id HEX] --pin-env VAR --in IN.pdf (--out OUT.pdf | --in … --out-dir DIR) --role ca-nhan|co-quan|dinh-kem|ban-sao [--signature-image PNG] [--seal-image PNG --seal-size-mm N] [--title TEXT --name TEXT] [--reference "15/QĐ-UBND"] [--copy-type "SAO Y" --copy-organ TEXT] [--page N --rect x,y,w,h] [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline] [--overwrite]</translation>
        </message>
        <message>
            <source>sign: unexpected argument %1</source>
            <translation>sign: không nhận biết được tham số %1</translation>
        </message>
        <message>
            <source>--seal-size-mm takes the seal's real size in millimetres (10–80)</source>
            <translation>--seal-size-mm nhận kích thước thật của con dấu, tính bằng milimét (10–80)</translation>
        </message>
        <message>
            <source>--role dinh-kem needs --reference (the number and symbol of the main document)</source>
            <translation>--role dinh-kem cần có --reference (số, ký hiệu của văn bản chính)</translation>
        </message>
        <message>
            <source>--role ban-sao needs --copy-type and --copy-organ</source>
            <translation>--role ban-sao cần có --copy-type và --copy-organ</translation>
        </message>
        <message>
            <source>--page takes a page number from 1</source>
            <translation>--page nhận số trang, bắt đầu từ 1</translation>
        </message>
        <message>
            <source>--rect takes x,y,width,height in points from the bottom-left corner of the page</source>
            <translation>--rect nhận x,y,width,height (tọa độ, chiều rộng, chiều cao) tính bằng point, gốc là góc dưới bên trái của trang</translation>
        </message>
        <message>
            <source>--tsa takes the URL of an RFC 3161 timestamp server</source>
            <translation>--tsa nhận URL của máy chủ dấu thời gian RFC 3161</translation>
        </message>
        <message>
            <source>The token "%1" is locked: ask the certificate authority's registration office to unlock it</source>
            <translation>Token "%1" đã bị khóa: hãy đề nghị bộ phận đăng ký của tổ chức cung cấp dịch vụ chứng thực mở khóa</translation>
        </message>
        <message>
            <source>The environment variable %1 holding the PIN is not set</source>
            <translation>Chưa đặt biến môi trường %1 chứa mã PIN</translation>
        </message>
        <message>
            <source>PIN of token %1: </source>
            <translation>Mã PIN của token %1: </translation>
        </message>
        <message>
            <source>No PIN: give --pin-env VAR or run in a terminal</source>
            <translation>Chưa có mã PIN: chỉ định --pin-env VAR hoặc chạy trong cửa sổ dòng lệnh</translation>
        </message>
        <message>
            <source>[%1/%2] %3: not signed
</source>
            <translation>[%1/%2] %3: chưa được ký
</translation>
        </message>
        <message>
            <source>%1: </source>
            <translation>%1: </translation>
        </message>
        <message>
            <source>[%1/%2] %3 → %4 (%5, page %6, %7 bytes added)
%8
</source>
            <translation>[%1/%2] %3 → %4 (%5, trang %6, thêm %7 byte)
%8
</translation>
        </message>
        <message>
            <source>Warning: %1
</source>
            <translation>Cảnh báo: %1
</translation>
        </message>
        <message>
            <source>verify FILE.pdf [--trust PEM_OR_DIR]… [--offline] [--json]</source>
            <translation>verify FILE.pdf [--trust PEM_OR_DIR]… [--offline] [--json]</translation>
        </message>
        <message>
            <source>The file has no digital signature.</source>
            <translation>Tệp không có chữ ký số.</translation>
        </message>
        <message>
            <source>Overall: %1</source>
            <translation>Kết quả chung: %1</translation>
        </message>
        <message>
            <source>signer set-signature --file PNG [--user NAME] | signer set-seal --file PNG --size-mm N | signer show [--user NAME] [--out-dir DIR]</source>
            <translation>signer set-signature --file PNG [--user NAME] | signer set-seal --file PNG --size-mm N | signer show [--user NAME] [--out-dir DIR]</translation>
        </message>
        <message>
            <source>%1: signature image %2; organisation seal %3 (%4 mm)</source>
            <translation>%1: ảnh chữ ký %2; ảnh con dấu cơ quan %3 (%4 mm)</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>set</source>
            <translation>đã có</translation>
        </message>
        <message>
            <source>Cannot read the file %1: %2</source>
            <translation>Không đọc được tệp %1: %2</translation>
        </message>
        <message>
            <source>Signature image of %1 saved.</source>
            <translation>Đã lưu ảnh chữ ký của %1.</translation>
        </message>
        <message>
            <source>Organisation seal saved (%1 mm).</source>
            <translation>Đã lưu ảnh con dấu cơ quan (%1 mm).</translation>
        </message>
        <message>
            <source>%1 was signed and written, but on this computer its signature verifies as "%2": see the reasons listed</source>
            <translation>Đã ký và ghi tệp %1, nhưng trên máy này chữ ký số được đánh giá là "%2": xem các lý do liệt kê</translation>
        </message>
        <message>
            <source>Commands: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, outgoing draft|submit|approve|return|revise|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers, registry export, audit verify|log, db check, token list, sign, verify, signer set-signature|set-seal|show</source>
            <translation>Các lệnh: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, outgoing draft|submit|approve|return|revise|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers, registry export, audit verify|log, db check, token list, sign, verify, signer set-signature|set-seal|show</translation>
        </message>
        <message>
            <source>(no number yet)</source>
            <translation>(chưa có số)</translation>
        </message>
        <message>
            <source>%1 %2: %3 — %4 [%5]</source>
            <translation>%1 %2: %3 — %4 [%5]</translation>
        </message>
        <message>
            <source>Unknown outgoing command "%1"</source>
            <translation>Không có lệnh văn bản đi "%1"</translation>
        </message>
        <message>
            <source>outgoing draft --type ABBR --subject TEXT --unit UNIT --file DRAFT.pdf [--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] [--to ORGAN_CODE]… [--reply-to INCOMING_ID]</source>
            <translation>outgoing draft --type VIẾT_TẮT --subject TRÍCH_YẾU --unit ĐƠN_VỊ --file DỰ_THẢO.pdf [--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] [--to MÃ_CƠ_QUAN]… [--reply-to MÃ_VĂN_BẢN_ĐẾN]</translation>
        </message>
        <message>
            <source>outgoing %1 takes no document id</source>
            <translation>outgoing %1 không nhận mã văn bản</translation>
        </message>
        <message>
            <source>outgoing link NEW_ID OLD_ID --kind thay-the|cap-nhat|dinh-chinh</source>
            <translation>outgoing link MÃ_MỚI MÃ_CŨ --kind thay-the|cap-nhat|dinh-chinh</translation>
        </message>
        <message>
            <source>outgoing %1 ID</source>
            <translation>outgoing %1 MÃ</translation>
        </message>
        <message>
            <source>outgoing %1 ID --reason TEXT</source>
            <translation>outgoing %1 MÃ --reason LÝ_DO</translation>
        </message>
        <message>
            <source>outgoing revise ID --file DRAFT.pdf [--comment TEXT]</source>
            <translation>outgoing revise MÃ --file DỰ_THẢO.pdf [--comment Ý_KIẾN]</translation>
        </message>
        <message>
            <source>outgoing send ID --channel internal|exchange|post</source>
            <translation>outgoing send MÃ --channel internal|exchange|post</translation>
        </message>
        <message>
            <source>Draft created: %1</source>
            <translation>Đã tạo dự thảo: %1</translation>
        </message>
        <message>
            <source>--status must be one of du-thao, cho-duyet, tra-lai, da-duyet, da-ky, da-cap-so, da-phat-hanh, da-thu-hoi</source>
            <translation>--status phải là một trong du-thao, cho-duyet, tra-lai, da-duyet, da-ky, da-cap-so, da-phat-hanh, da-thu-hoi</translation>
        </message>
        <message>
            <source>No numbers taken yet.</source>
            <translation>Chưa cấp số nào.</translation>
        </message>
        <message>
            <source>outgoing file ID --out FILE.pdf [--version N]</source>
            <translation>outgoing file MÃ --out TỆP.pdf [--version N]</translation>
        </message>
        <message>
            <source>Written: %1</source>
            <translation>Đã ghi: %1</translation>
        </message>
        <message>
            <source>outgoing sign ID --module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--signature-image PNG] [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline]</source>
            <translation>outgoing sign MÃ --module ĐƯỜNG_DẪN [--token NHÃN] [--cert-label L] --pin-env BIẾN [--signature-image PNG] [--tsa URL | --no-tsa] [--trust PEM_HOẶC_THƯ_MỤC]… [--offline]</translation>
        </message>
        <message>
            <source>registry export --book incoming|incoming-secret|incoming-tracking|outgoing|outgoing-secret|outgoing-copy --year Y --out FILE.pdf</source>
            <translation>registry export --book incoming|incoming-secret|incoming-tracking|outgoing|outgoing-secret|outgoing-copy --year NĂM --out TỆP.pdf</translation>
        </message>
        <message>
            <source>registry export --book outgoing|outgoing-secret|outgoing-copy --year Y --out FILE.pdf</source>
            <translation>registry export --book outgoing|outgoing-secret|outgoing-copy --year NĂM --out TỆP.pdf</translation>
        </message>
        <message>
            <source>outgoing draft|submit|approve|return|revise|sign|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers|file|metadata</source>
            <translation>outgoing draft|submit|approve|return|revise|sign|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers|file|metadata</translation>
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
        <name>OutgoingRegisters</name>
        <message>
            <source>REGISTER OF COPIES OF DOCUMENTS</source>
            <translation>SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN</translation>
        </message>
        <message>
            <source>REGISTER OF OUTGOING CLASSIFIED DOCUMENTS</source>
            <translation>SỔ ĐĂNG KÝ VĂN BẢN ĐI MẬT</translation>
        </message>
        <message>
            <source>REGISTER OF OUTGOING DOCUMENTS</source>
            <translation>SỔ ĐĂNG KÝ VĂN BẢN ĐI</translation>
        </message>
        <message>
            <source>Year %1</source>
            <translation>Năm %1</translation>
        </message>
        <message>
            <source>No number was given in this year.</source>
            <translation>Trong năm chưa cấp số văn bản nào.</translation>
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
            <source>Signer</source>
            <translation>Người ký</translation>
        </message>
        <message>
            <source>Recipients</source>
            <translation>Nơi nhận văn bản</translation>
        </message>
        <message>
            <source>Unit or person keeping the file copy</source>
            <translation>Đơn vị, người nhận bản lưu</translation>
        </message>
        <message>
            <source>Copies</source>
            <translation>Số lượng bản</translation>
        </message>
        <message>
            <source>Date sent</source>
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
            <source>Number cancelled: %1</source>
            <translation>Số đã hủy: %1</translation>
        </message>
        <message>
            <source>From number %1 to number %2</source>
            <translation>Từ số %1 đến số %2</translation>
        </message>
    </context>
    <context>
        <name>OutgoingService</name>
        <message>
            <source>There is no outgoing document %1</source>
            <translation>Không có văn bản đi %1</translation>
        </message>
        <message>
            <source>This document is classified; only the clerk, the leaders and its drafter may open it</source>
            <translation>Văn bản này có độ mật; chỉ văn thư, lãnh đạo và người soạn thảo mới được xem</translation>
        </message>
        <message>
            <source>This document was drafted neither by you nor in your unit</source>
            <translation>Văn bản này không do bạn hoặc đơn vị của bạn soạn thảo</translation>
        </message>
        <message>
            <source>Your role cannot draft documents</source>
            <translation>Vai trò của bạn không được soạn thảo văn bản</translation>
        </message>
        <message>
            <source>Only the drafter of this document can submit or revise it</source>
            <translation>Chỉ người soạn thảo văn bản này mới được trình duyệt hoặc chỉnh sửa</translation>
        </message>
        <message>
            <source>This step is not possible while the document is "%1"</source>
            <translation>Không thể thực hiện bước này khi văn bản đang ở trạng thái "%1"</translation>
        </message>
        <message>
            <source>Only the clerk (văn thư) or an administrator can give numbers and send documents</source>
            <translation>Chỉ văn thư hoặc quản trị viên mới được cấp số và phát hành văn bản</translation>
        </message>
        <message>
            <source>Cannot read the draft file %1: %2</source>
            <translation>Không đọc được tệp dự thảo %1: %2</translation>
        </message>
        <message>
            <source>The file %1 is too large</source>
            <translation>Tệp %1 quá lớn</translation>
        </message>
        <message>
            <source>Attach the draft as a PDF file</source>
            <translation>Hãy đính kèm dự thảo dưới dạng tệp PDF</translation>
        </message>
        <message>
            <source>The draft %1 is not a complete PDF file</source>
            <translation>Dự thảo %1 không phải là tệp PDF hoàn chỉnh</translation>
        </message>
        <message>
            <source>The registry counter could not be advanced</source>
            <translation>Không tăng được số thứ tự của sổ</translation>
        </message>
        <message>
            <source>Unknown document type "%1"</source>
            <translation>Không có loại văn bản "%1"</translation>
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
            <source>Name the drafting unit</source>
            <translation>Hãy chọn đơn vị soạn thảo</translation>
        </message>
        <message>
            <source>An officer drafts documents only for their own unit</source>
            <translation>Chuyên viên chỉ được soạn thảo văn bản cho đơn vị của mình</translation>
        </message>
        <message>
            <source>The unit %1 has no abbreviation for the notation of a Công văn</source>
            <translation>Đơn vị %1 chưa có chữ viết tắt dùng trong ký hiệu của Công văn</translation>
        </message>
        <message>
            <source>Invalid notation "%1": at most 30 characters, without the number or "/"</source>
            <translation>Ký hiệu "%1" không hợp lệ: tối đa 30 ký tự, không kèm số và dấu "/"</translation>
        </message>
        <message>
            <source>"%1" is not an organ code (mã định danh) such as 000.00.00.H16</source>
            <translation>"%1" không phải là mã định danh cơ quan (ví dụ 000.00.00.H16)</translation>
        </message>
        <message>
            <source>The signing authority must be TM., Q., KT., TL. or TUQ. (or none), not "%1"</source>
            <translation>Thẩm quyền ký phải là TM., Q., KT., TL. hoặc TUQ. (hoặc để trống), không phải "%1"</translation>
        </message>
        <message>
            <source>There is no incoming document %1 to answer</source>
            <translation>Không có văn bản đến %1 để trả lời</translation>
        </message>
        <message>
            <source>Someone else changed this document meanwhile; reopen it and try again</source>
            <translation>Người khác vừa thay đổi văn bản này; hãy mở lại rồi thử lại</translation>
        </message>
        <message>
            <source>Only a leader can approve or return a draft</source>
            <translation>Chỉ lãnh đạo mới được duyệt hoặc trả lại dự thảo</translation>
        </message>
        <message>
            <source>Say what must be revised before returning the draft</source>
            <translation>Hãy nêu nội dung cần chỉnh sửa trước khi trả lại dự thảo</translation>
        </message>
        <message>
            <source>Number %1 is already reserved for this document</source>
            <translation>Số %1 đã được giữ cho văn bản này</translation>
        </message>
        <message>
            <source>Give the reason for reserving a number</source>
            <translation>Hãy nêu lý do giữ số</translation>
        </message>
        <message>
            <source>No number is reserved for this document</source>
            <translation>Văn bản này chưa được giữ số nào</translation>
        </message>
        <message>
            <source>Give the reason for cancelling the reservation</source>
            <translation>Hãy nêu lý do hủy giữ số</translation>
        </message>
        <message>
            <source>The issue date %1 is in the future</source>
            <translation>Ngày ban hành %1 ở tương lai</translation>
        </message>
        <message>
            <source>Only an approved or signed document can be given a number (it is "%1")</source>
            <translation>Chỉ văn bản đã duyệt hoặc đã ký mới được cấp số (văn bản đang ở trạng thái "%1")</translation>
        </message>
        <message>
            <source>The number reserved for this document belongs to %1, not to the issue year %2; cancel the reservation first</source>
            <translation>Số đã giữ cho văn bản này thuộc năm %1, không thuộc năm ban hành %2; hãy hủy giữ số trước</translation>
        </message>
        <message>
            <source>%1 was already issued in %2</source>
            <translation>%1 đã được cấp trong %2</translation>
        </message>
        <message>
            <source>Only a numbered document can be sent (it is "%1")</source>
            <translation>Chỉ văn bản đã cấp số mới được phát hành (văn bản đang ở trạng thái "%1")</translation>
        </message>
        <message>
            <source>A classified document is never sent over the document exchange</source>
            <translation>Văn bản mật không bao giờ được gửi qua hệ thống liên thông văn bản</translation>
        </message>
        <message>
            <source>Only a leader or the clerk (văn thư) can recall a document</source>
            <translation>Chỉ lãnh đạo hoặc văn thư mới được thu hồi văn bản</translation>
        </message>
        <message>
            <source>Only an issued document can be recalled (it is "%1")</source>
            <translation>Chỉ văn bản đã phát hành mới được thu hồi (văn bản đang ở trạng thái "%1")</translation>
        </message>
        <message>
            <source>Give the reason for the recall</source>
            <translation>Hãy nêu lý do thu hồi</translation>
        </message>
        <message>
            <source>A document cannot replace itself</source>
            <translation>Văn bản không thể thay thế chính nó</translation>
        </message>
        <message>
            <source>Only its drafter, a leader or the clerk can relate this document to another</source>
            <translation>Chỉ người soạn thảo, lãnh đạo hoặc văn thư mới được liên kết văn bản này với văn bản khác</translation>
        </message>
        <message>
            <source>Only an issued document can be replaced, updated or corrected</source>
            <translation>Chỉ văn bản đã phát hành mới được thay thế, cập nhật hoặc đính chính</translation>
        </message>
        <message>
            <source>This relation to %1 is already recorded</source>
            <translation>Quan hệ với %1 đã được ghi nhận</translation>
        </message>
        <message>
            <source>The document has no version %1 of its draft</source>
            <translation>Văn bản không có phiên bản dự thảo %1</translation>
        </message>
        <message>
            <source>Only the clerk, a leader or an administrator can read the book</source>
            <translation>Chỉ văn thư, lãnh đạo hoặc quản trị viên mới được xem sổ</translation>
        </message>
        <message>
            <source>Unknown outgoing registry book "%1"</source>
            <translation>Không có sổ văn bản đi "%1"</translation>
        </message>
        <message>
            <source>Only the clerk and the leaders may read the classified book</source>
            <translation>Chỉ văn thư và lãnh đạo mới được xem sổ văn bản mật</translation>
        </message>
        <message>
            <source>Only the competent leader signs a document with the personal signature</source>
            <translation>Chỉ lãnh đạo có thẩm quyền mới ký số văn bản bằng chữ ký cá nhân</translation>
        </message>
        <message>
            <source>The document has no file to sign</source>
            <translation>Văn bản chưa có tệp để ký</translation>
        </message>
    </context>
    <context>
        <name>OutgoingVocabulary</name>
        <message>
            <source>Draft</source>
            <translation>Dự thảo</translation>
        </message>
        <message>
            <source>Submitted for approval</source>
            <translation>Chờ duyệt</translation>
        </message>
        <message>
            <source>Returned for revision</source>
            <translation>Trả lại</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>Đã duyệt</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Đã ký</translation>
        </message>
        <message>
            <source>Numbered</source>
            <translation>Đã cấp số</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Đã phát hành</translation>
        </message>
        <message>
            <source>Recalled</source>
            <translation>Đã thu hồi</translation>
        </message>
        <message>
            <source>Internal</source>
            <translation>Nội bộ</translation>
        </message>
        <message>
            <source>Document exchange</source>
            <translation>Liên thông</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>Bưu điện</translation>
        </message>
        <message>
            <source>Replaces</source>
            <translation>Thay thế</translation>
        </message>
        <message>
            <source>Updates</source>
            <translation>Cập nhật</translation>
        </message>
        <message>
            <source>Corrects</source>
            <translation>Đính chính</translation>
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
        <name>SignerImages</name>
        <message>
            <source>The image must be a PNG file with a transparent background</source>
            <translation>Ảnh phải là tệp PNG có nền trong suốt</translation>
        </message>
        <message>
            <source>The image is larger than 4 MB; use a smaller PNG</source>
            <translation>Ảnh lớn hơn 4 MB; hãy dùng tệp PNG nhỏ hơn</translation>
        </message>
        <message>
            <source>Only the signer or an administrator may set a signature image</source>
            <translation>Chỉ người ký hoặc quản trị viên mới được đặt ảnh chữ ký</translation>
        </message>
        <message>
            <source>Only the văn thư or an administrator may set the organisation's seal</source>
            <translation>Chỉ văn thư hoặc quản trị viên mới được đặt ảnh con dấu của cơ quan</translation>
        </message>
        <message>
            <source>The seal's real size must be between 10 and 80 mm</source>
            <translation>Kích thước thật của con dấu phải từ 10 đến 80 mm</translation>
        </message>
    </context>
    <context>
        <name>Signing</name>
        <message>
            <source>Signature %1 (%2) — %3: %4</source>
            <translation>Chữ ký số %1 (%2) — %3: %4</translation>
        </message>
        <message>
            <source>  Signed at %1 (%2)</source>
            <translation>  Ký lúc %1 (%2)</translation>
        </message>
        <message>
            <source>timestamp</source>
            <translation>theo dấu thời gian</translation>
        </message>
        <message>
            <source>claimed by the signer</source>
            <translation>do người ký tự khai</translation>
        </message>
        <message>
            <source>  Covers the whole document</source>
            <translation>  Bao phủ toàn bộ văn bản</translation>
        </message>
        <message>
            <source>  Added after it: %1</source>
            <translation>  Nội dung thêm vào sau chữ ký: %1</translation>
        </message>
        <message>
            <source>The signature's byte range does not cover the file except the signature itself: the file was altered</source>
            <translation>Phạm vi byte của chữ ký không bao phủ toàn bộ tệp ngoài phần chữ ký: tệp đã bị sửa đổi</translation>
        </message>
        <message>
            <source>The document was changed after this signature: %1</source>
            <translation>Văn bản đã bị thay đổi sau chữ ký này: %1</translation>
        </message>
        <message>
            <source>Cannot read the file %1: %2</source>
            <translation>Không đọc được tệp %1: %2</translation>
        </message>
        <message>
            <source>Personal signature of the competent person</source>
            <translation>Chữ ký số cá nhân của người có thẩm quyền</translation>
        </message>
        <message>
            <source>Organisation signature (seal) on the main document</source>
            <translation>Chữ ký số của cơ quan (con dấu) trên văn bản chính</translation>
        </message>
        <message>
            <source>Organisation signature on an attachment in a separate file</source>
            <translation>Chữ ký số của cơ quan trên phụ lục ở tệp riêng</translation>
        </message>
        <message>
            <source>Organisation signature on an electronic copy</source>
            <translation>Chữ ký số của cơ quan trên bản sao điện tử</translation>
        </message>
        <message>
            <source>The PDF has no pages</source>
            <translation>Tệp PDF không có trang nào</translation>
        </message>
        <message>
            <source>Page %1 does not exist: the document has %2 pages</source>
            <translation>Không có trang %1: văn bản chỉ có %2 trang</translation>
        </message>
        <message>
            <source>The organisation signature needs the seal image</source>
            <translation>Chữ ký số của cơ quan cần có ảnh con dấu</translation>
        </message>
        <message>
            <source>There is no visible personal signature to place the seal on; give the page and the rectangle of the seal</source>
            <translation>Không có chữ ký cá nhân hiển thị để đóng dấu lên; hãy chỉ định trang và khung vị trí của con dấu</translation>
        </message>
        <message>
            <source>No token is plugged in (module %1)</source>
            <translation>Chưa cắm token nào vào máy (mô-đun %1)</translation>
        </message>
        <message>
            <source>No token labelled "%1" is plugged in</source>
            <translation>Không có token nào mang nhãn "%1" đang được cắm</translation>
        </message>
        <message>
            <source>%1 tokens are plugged in: choose one by its label</source>
            <translation>Đang cắm %1 token: hãy chọn một token theo nhãn</translation>
        </message>
        <message>
            <source>The token "%1" holds no matching signing certificate</source>
            <translation>Token "%1" không có chứng thư số dùng để ký phù hợp</translation>
        </message>
        <message>
            <source>The token holds %1 signing certificates: choose one by its label or id</source>
            <translation>Token có %1 chứng thư số dùng để ký: hãy chọn một chứng thư theo nhãn hoặc id</translation>
        </message>
        <message>
            <source>The certificate "%1" has no private key on the token</source>
            <translation>Chứng thư số "%1" không có khóa bí mật trên token</translation>
        </message>
        <message>
            <source>The certificate of %1 has been revoked: it cannot sign</source>
            <translation>Chứng thư số của %1 đã bị thu hồi: không thể dùng để ký</translation>
        </message>
        <message>
            <source>Enter the token PIN before signing</source>
            <translation>Hãy nhập mã PIN của token trước khi ký</translation>
        </message>
        <message>
            <source>The signature just made does not verify; nothing was written</source>
            <translation>Chữ ký số vừa tạo không kiểm tra được là hợp lệ; không ghi tệp nào</translation>
        </message>
        <message>
            <source>The signed file would replace the original %1; choose another output file</source>
            <translation>Tệp đã ký sẽ ghi đè lên tệp gốc %1; hãy chọn tệp kết quả khác</translation>
        </message>
        <message>
            <source>Cannot write the signed file %1: %2</source>
            <translation>Không ghi được tệp đã ký %1: %2</translation>
        </message>
        <message>
            <source>PIN locked: the token must be unlocked by its issuer</source>
            <translation>Mã PIN đã bị khóa: phải đề nghị đơn vị cấp token mở khóa</translation>
        </message>
        <message>
            <source>Final try: one more wrong PIN locks the token</source>
            <translation>Lần thử cuối: nhập sai mã PIN thêm một lần nữa token sẽ bị khóa</translation>
        </message>
        <message>
            <source>A wrong PIN was entered: few tries left</source>
            <translation>Đã nhập sai mã PIN: chỉ còn ít lần thử</translation>
        </message>
        <message>
            <source>No user PIN is set on this token</source>
            <translation>Token này chưa đặt mã PIN người dùng</translation>
        </message>
        <message>
            <source>Ready, but the PIN must be changed with the token's tool</source>
            <translation>Sẵn sàng, nhưng mã PIN phải được đổi bằng công cụ quản lý của token</translation>
        </message>
        <message>
            <source>Ready: no wrong PIN has been entered</source>
            <translation>Sẵn sàng: chưa nhập sai mã PIN lần nào</translation>
        </message>
        <message>
            <source>The token driver (PKCS#11 module) %1 does not exist. Install the token's software or correct the path in the configuration.</source>
            <translation>Trình điều khiển token (mô-đun PKCS#11) %1 không tồn tại. Hãy cài phần mềm của token hoặc sửa đường dẫn trong cấu hình.</translation>
        </message>
        <message>
            <source>The token driver %1 is built for another processor architecture (32-bit instead of 64-bit or the reverse). Install the token software matching this computer.</source>
            <translation>Trình điều khiển token %1 được xây dựng cho kiến trúc bộ xử lý khác (32-bit thay vì 64-bit hoặc ngược lại). Hãy cài phần mềm token phù hợp với máy tính này.</translation>
        </message>
        <message>
            <source>The token driver %1 could not be loaded: %2</source>
            <translation>Không nạp được trình điều khiển token %1: %2</translation>
        </message>
        <message>
            <source>The file %1 is not a token driver: it has no PKCS#11 entry point (C_GetFunctionList).</source>
            <translation>Tệp %1 không phải là trình điều khiển token: không có điểm vào PKCS#11 (C_GetFunctionList).</translation>
        </message>
        <message>
            <source>The token driver %1 did not return its PKCS#11 functions (%2).</source>
            <translation>Trình điều khiển token %1 không trả về các hàm PKCS#11 (%2).</translation>
        </message>
        <message>
            <source>The token driver %1 failed to start (%2).</source>
            <translation>Trình điều khiển token %1 không khởi động được (%2).</translation>
        </message>
        <message>
            <source>The token driver %1 could not list the tokens (%2).</source>
            <translation>Trình điều khiển token %1 không liệt kê được các token (%2).</translation>
        </message>
        <message>
            <source>The token could not be opened (%1).</source>
            <translation>Không mở được token (%1).</translation>
        </message>
        <message>
            <source>The token could not be read (%1).</source>
            <translation>Không đọc được token (%1).</translation>
        </message>
        <message>
            <source>The token's PIN is locked after too many wrong tries. Ask the body that issued the token to unlock it.</source>
            <translation>Mã PIN của token đã bị khóa do nhập sai quá nhiều lần. Hãy đề nghị đơn vị đã cấp token mở khóa.</translation>
        </message>
        <message>
            <source>Enter the token's PIN.</source>
            <translation>Hãy nhập mã PIN của token.</translation>
        </message>
        <message>
            <source>The PIN is incorrect and the token is now locked. Ask the body that issued the token to unlock it.</source>
            <translation>Mã PIN không đúng và token đã bị khóa. Hãy đề nghị đơn vị đã cấp token mở khóa.</translation>
        </message>
        <message>
            <source>The PIN is incorrect. Only one try is left: one more wrong PIN locks the token.</source>
            <translation>Mã PIN không đúng. Chỉ còn một lần thử: nhập sai thêm một lần nữa token sẽ bị khóa.</translation>
        </message>
        <message>
            <source>The PIN is incorrect. Few tries are left before the token locks itself.</source>
            <translation>Mã PIN không đúng. Chỉ còn ít lần thử trước khi token tự khóa.</translation>
        </message>
        <message>
            <source>The PIN is incorrect. The token locks itself after a few wrong tries; check the PIN before trying again.</source>
            <translation>Mã PIN không đúng. Token sẽ tự khóa sau một vài lần nhập sai; hãy kiểm tra lại mã PIN trước khi thử lại.</translation>
        </message>
        <message>
            <source>The token's PIN has expired. Change it with the token's management tool, then sign again.</source>
            <translation>Mã PIN của token đã hết hạn. Hãy đổi mã PIN bằng công cụ quản lý của token rồi ký lại.</translation>
        </message>
        <message>
            <source>The PIN has the wrong length: this token expects %1 to %2 characters.</source>
            <translation>Mã PIN có độ dài không đúng: token này yêu cầu từ %1 đến %2 ký tự.</translation>
        </message>
        <message>
            <source>The PIN has the wrong length for this token.</source>
            <translation>Mã PIN có độ dài không phù hợp với token này.</translation>
        </message>
        <message>
            <source>The PIN contains characters this token does not accept.</source>
            <translation>Mã PIN chứa ký tự mà token này không chấp nhận.</translation>
        </message>
        <message>
            <source>PIN entry was cancelled on the token's reader.</source>
            <translation>Việc nhập mã PIN đã bị hủy trên đầu đọc của token.</translation>
        </message>
        <message>
            <source>No user PIN has been set on this token. Initialise it with the token's management tool.</source>
            <translation>Token này chưa được đặt mã PIN người dùng. Hãy khởi tạo mã PIN bằng công cụ quản lý của token.</translation>
        </message>
        <message>
            <source>Signing in to the token failed (%1).</source>
            <translation>Đăng nhập vào token không thành công (%1).</translation>
        </message>
        <message>
            <source>Enter the token's PIN before signing.</source>
            <translation>Hãy nhập mã PIN của token trước khi ký.</translation>
        </message>
        <message>
            <source>The token cannot sign with this key in the form required for PDF signatures (%1).</source>
            <translation>Token không thể ký bằng khóa này theo dạng mà chữ ký số PDF yêu cầu (%1).</translation>
        </message>
        <message>
            <source>The token does not allow this key to be used for signing.</source>
            <translation>Token không cho phép dùng khóa này để ký.</translation>
        </message>
        <message>
            <source>The token failed to sign (%1).</source>
            <translation>Token ký không thành công (%1).</translation>
        </message>
        <message>
            <source>A SHA-256 digest of 32 bytes is required for signing, got %1 bytes.</source>
            <translation>Cần giá trị băm SHA-256 dài 32 byte để ký, nhưng nhận được %1 byte.</translation>
        </message>
        <message>
            <source>The token has no private key with the identifier %1 (the key of the chosen certificate).</source>
            <translation>Token không có khóa bí mật với định danh %1 (khóa của chứng thư số đã chọn).</translation>
        </message>
        <message>
            <source>The key on the token is neither RSA nor EC; GovDesk cannot sign with it.</source>
            <translation>Khóa trên token không phải RSA hay EC; GovDesk không thể ký bằng khóa này.</translation>
        </message>
        <message>
            <source>This key asks for the PIN again for every signature, which GovDesk supports only with a PIN pad reader.</source>
            <translation>Khóa này yêu cầu nhập lại mã PIN cho mỗi lần ký; GovDesk chỉ hỗ trợ trường hợp này với đầu đọc có bàn phím nhập PIN.</translation>
        </message>
        <message>
            <source>The token returned an ECDSA signature in an unexpected form (%1 bytes).</source>
            <translation>Token trả về chữ ký ECDSA ở dạng không mong đợi (%1 byte).</translation>
        </message>
        <message>
            <source>The token was unplugged (or its reader stopped answering). Plug the token in again and retry.</source>
            <translation>Token đã bị rút ra (hoặc đầu đọc ngừng phản hồi). Hãy cắm lại token và thử lại.</translation>
        </message>
        <message>
            <source>The timestamp server %1 did not answer within %2 seconds. Try again later or check the network.</source>
            <translation>Máy chủ dấu thời gian %1 không phản hồi trong vòng %2 giây. Hãy thử lại sau hoặc kiểm tra kết nối mạng.</translation>
        </message>
        <message>
            <source>The timestamp server %1 answered with HTTP status %2 instead of a timestamp.</source>
            <translation>Máy chủ dấu thời gian %1 trả về mã trạng thái HTTP %2 thay vì dấu thời gian.</translation>
        </message>
        <message>
            <source>The timestamp server %1 sent an unexpectedly large answer; it was not used.</source>
            <translation>Máy chủ dấu thời gian %1 gửi về phản hồi lớn bất thường; phản hồi này không được sử dụng.</translation>
        </message>
        <message>
            <source>The timestamp server %1 could not be reached (%2). Check the network connection and the server address.</source>
            <translation>Không kết nối được máy chủ dấu thời gian %1 (%2). Hãy kiểm tra kết nối mạng và địa chỉ máy chủ.</translation>
        </message>
        <message>
            <source>The timestamp server address "%1" is not a valid http or https address.</source>
            <translation>Địa chỉ máy chủ dấu thời gian "%1" không phải là địa chỉ http hoặc https hợp lệ.</translation>
        </message>
        <message>
            <source>A timestamp can only be requested for a SHA-256 digest (32 bytes).</source>
            <translation>Chỉ có thể yêu cầu dấu thời gian cho giá trị băm SHA-256 (32 byte).</translation>
        </message>
        <message>
            <source>The timestamp server %1 sent an answer that is not an RFC 3161 timestamp response.</source>
            <translation>Máy chủ dấu thời gian %1 gửi về phản hồi không phải là phản hồi dấu thời gian theo RFC 3161.</translation>
        </message>
        <message>
            <source>The timestamp server %1 rejected the request (status %2: %3).</source>
            <translation>Máy chủ dấu thời gian %1 từ chối yêu cầu (trạng thái %2: %3).</translation>
        </message>
        <message>
            <source>The timestamp server %1 granted the request but sent no timestamp token.</source>
            <translation>Máy chủ dấu thời gian %1 chấp nhận yêu cầu nhưng không gửi về dấu thời gian.</translation>
        </message>
        <message>
            <source>The timestamp from %1 does not match the request (wrong nonce or digest); it was not used.</source>
            <translation>Dấu thời gian từ %1 không khớp với yêu cầu (sai nonce hoặc giá trị băm); dấu thời gian này không được sử dụng.</translation>
        </message>
        <message>
            <source>The document digest must be a SHA-256 value (32 bytes).</source>
            <translation>Giá trị băm của văn bản phải là giá trị SHA-256 (32 byte).</translation>
        </message>
        <message>
            <source>No signing key was given for the signature.</source>
            <translation>Chưa có khóa ký cho chữ ký số.</translation>
        </message>
        <message>
            <source>The signer certificate is not a valid X.509 certificate.</source>
            <translation>Chứng thư số của người ký không phải là chứng thư X.509 hợp lệ.</translation>
        </message>
        <message>
            <source>Only RSA and elliptic-curve (ECDSA) keys can sign; the certificate holds a %1 key.</source>
            <translation>Chỉ khóa RSA và khóa đường cong elliptic (ECDSA) mới dùng để ký được; chứng thư số này chứa khóa %1.</translation>
        </message>
        <message>
            <source>The token returned an empty or malformed signature.</source>
            <translation>Token trả về chữ ký rỗng hoặc sai định dạng.</translation>
        </message>
        <message>
            <source>The signature made by the token does not match the certificate: the key used does not belong to this certificate.</source>
            <translation>Chữ ký do token tạo ra không khớp với chứng thư số: khóa đã dùng không thuộc chứng thư số này.</translation>
        </message>
        <message>
            <source>The signature could not be encoded (internal error in the CMS writer).</source>
            <translation>Không đóng gói được chữ ký (lỗi nội bộ của bộ ghi CMS).</translation>
        </message>
        <message>
            <source>The data is not a valid X.509 certificate (%1).</source>
            <translation>Dữ liệu không phải là chứng thư X.509 hợp lệ (%1).</translation>
        </message>
        <message>
            <source>No certificate was found in the data (expected PEM, DER or PKCS#7 .p7b).</source>
            <translation>Không tìm thấy chứng thư số trong dữ liệu (cần định dạng PEM, DER hoặc PKCS#7 .p7b).</translation>
        </message>
        <message>
            <source>The certificate of %1 is not valid yet: it becomes valid on %2.</source>
            <translation>Chứng thư số của %1 chưa có hiệu lực: có hiệu lực từ %2.</translation>
        </message>
        <message>
            <source>The certificate of %1 expired on %2. Ask the certification authority to renew it.</source>
            <translation>Chứng thư số của %1 đã hết hạn vào %2. Hãy đề nghị tổ chức cung cấp dịch vụ chứng thực gia hạn.</translation>
        </message>
        <message>
            <source>The certificate of %1 belongs to a certification authority and cannot sign documents.</source>
            <translation>Chứng thư số của %1 là chứng thư của tổ chức cung cấp dịch vụ chứng thực, không dùng để ký văn bản được.</translation>
        </message>
        <message>
            <source>The certificate of %1 is not allowed to make digital signatures (its key usage excludes them).</source>
            <translation>Chứng thư số của %1 không được phép dùng để tạo chữ ký số (mục đích sử dụng khóa không bao gồm chữ ký số).</translation>
        </message>
        <message>
            <source>The certificate of %1 is meant for a service (time stamping, status checking or a web server), not for signing documents.</source>
            <translation>Chứng thư số của %1 dành cho một dịch vụ (cấp dấu thời gian, kiểm tra trạng thái hoặc máy chủ web), không dùng để ký văn bản.</translation>
        </message>
        <message>
            <source>The shipped certificate %1 does not match its pinned fingerprint and is not trusted.</source>
            <translation>Chứng thư số cài sẵn %1 không khớp với dấu vân tay đã ghim nên không được tin cậy.</translation>
        </message>
        <message>
            <source>The trust folder %1 does not exist or cannot be read.</source>
            <translation>Thư mục chứng thư tin cậy %1 không tồn tại hoặc không đọc được.</translation>
        </message>
        <message>
            <source>%1: the certificate "%2" (SHA-256 %3) is not one of the pinned government trust anchors and was ignored.</source>
            <translation>%1: chứng thư số "%2" (SHA-256 %3) không thuộc danh sách chứng thư gốc tin cậy của Chính phủ đã ghim nên đã bị bỏ qua.</translation>
        </message>
        <message>
            <source>%1: %2 certificates are not pinned government trust anchors and were ignored.</source>
            <translation>%1: %2 chứng thư số không thuộc danh sách chứng thư gốc tin cậy của Chính phủ đã ghim nên đã bị bỏ qua.</translation>
        </message>
        <message>
            <source>The trust certificate file %1 does not exist.</source>
            <translation>Tệp chứng thư tin cậy %1 không tồn tại.</translation>
        </message>
        <message>
            <source>The trust certificate file %1 cannot be read.</source>
            <translation>Không đọc được tệp chứng thư tin cậy %1.</translation>
        </message>
        <message>
            <source>The file %1 does not contain a certificate (PEM, DER or PKCS#7 expected).</source>
            <translation>Tệp %1 không chứa chứng thư số (cần định dạng PEM, DER hoặc PKCS#7).</translation>
        </message>
        <message>
            <source>No certificate was found in %1.</source>
            <translation>Không tìm thấy chứng thư số nào trong %1.</translation>
        </message>
        <message>
            <source>Valid</source>
            <translation>Hợp lệ</translation>
        </message>
        <message>
            <source>Invalid</source>
            <translation>Không hợp lệ</translation>
        </message>
        <message>
            <source>Indeterminate</source>
            <translation>Không xác định</translation>
        </message>
        <message>
            <source>The signature data is damaged or is not a CMS/PKCS#7 signature.</source>
            <translation>Dữ liệu chữ ký bị hỏng hoặc không phải là chữ ký CMS/PKCS#7.</translation>
        </message>
        <message>
            <source>The signer's certificate is not included in the signature, so the signature value cannot be checked.</source>
            <translation>Chữ ký không kèm chứng thư số của người ký nên không thể kiểm tra giá trị chữ ký.</translation>
        </message>
        <message>
            <source>The signed content was changed after signing: its digest no longer matches the one in the signature.</source>
            <translation>Nội dung đã ký bị thay đổi sau khi ký: giá trị băm của nội dung không còn khớp với giá trị băm trong chữ ký.</translation>
        </message>
        <message>
            <source>The signature value does not match the signer's certificate: the signature is forged or damaged.</source>
            <translation>Giá trị chữ ký không khớp với chứng thư số của người ký: chữ ký bị giả mạo hoặc bị hỏng.</translation>
        </message>
        <message>
            <source>The signed reference to the signer's certificate does not match the certificate attached to the signature.</source>
            <translation>Tham chiếu đã ký tới chứng thư số của người ký không khớp với chứng thư số đính kèm chữ ký.</translation>
        </message>
        <message>
            <source>The timestamp is intact but its authority (%1) is not trusted.</source>
            <translation>Dấu thời gian còn nguyên vẹn nhưng đơn vị cấp dấu thời gian (%1) không được tin cậy.</translation>
        </message>
        <message>
            <source>The timestamp attached to the signature is damaged or belongs to another signature; it was ignored.</source>
            <translation>Dấu thời gian kèm theo chữ ký bị hỏng hoặc thuộc về chữ ký khác; dấu thời gian này đã bị bỏ qua.</translation>
        </message>
        <message>
            <source>The signing time written in the signature (%1) appears to be Vietnam local time wrongly labelled as UTC; the time %2 was used instead.</source>
            <translation>Thời gian ký ghi trong chữ ký (%1) có vẻ là giờ Việt Nam nhưng bị ghi nhầm là giờ UTC; đã dùng thời gian %2 thay thế.</translation>
        </message>
        <message>
            <source>The certificate chain does not lead to a trusted root: "%1" is not a trust anchor of this computer.</source>
            <translation>Chuỗi chứng thư không dẫn tới chứng thư gốc tin cậy: "%1" không phải là chứng thư gốc tin cậy trên máy tính này.</translation>
        </message>
        <message>
            <source>The certificate of %1 had expired at the signing time (%2).</source>
            <translation>Chứng thư số của %1 đã hết hạn tại thời điểm ký (%2).</translation>
        </message>
        <message>
            <source>The certificate of %1 was not yet valid at the signing time (%2).</source>
            <translation>Chứng thư số của %1 chưa có hiệu lực tại thời điểm ký (%2).</translation>
        </message>
        <message>
            <source>The certificate chain is not valid at the certificate of %1 (%2).</source>
            <translation>Chuỗi chứng thư không hợp lệ tại chứng thư số của %1 (%2).</translation>
        </message>
        <message>
            <source>The certificate of %1 was not valid at the signing time (%2): it is valid from %3 to %4.</source>
            <translation>Chứng thư số của %1 không có hiệu lực tại thời điểm ký (%2): chứng thư có hiệu lực từ %3 đến %4.</translation>
        </message>
        <message>
            <source>Whether the certificate was revoked was not checked: the signature carries no revocation data and online checking is off.</source>
            <translation>Chưa kiểm tra chứng thư số có bị thu hồi hay không: chữ ký không kèm dữ liệu thu hồi và chức năng kiểm tra trực tuyến đang tắt.</translation>
        </message>
        <message>
            <source>The certificate of %1 was revoked on %2, before the signing time (%3).</source>
            <translation>Chứng thư số của %1 đã bị thu hồi vào %2, trước thời điểm ký (%3).</translation>
        </message>
        <message>
            <source>The certificate of %1 was revoked on %2, after the signing time; the signature remains valid.</source>
            <translation>Chứng thư số của %1 đã bị thu hồi vào %2, sau thời điểm ký; chữ ký vẫn hợp lệ.</translation>
        </message>
        <message>
            <source>Whether the certificate of %1 was revoked could not be determined (no usable OCSP response or revocation list).</source>
            <translation>Không xác định được chứng thư số của %1 có bị thu hồi hay không (không có phản hồi OCSP hoặc danh sách thu hồi sử dụng được).</translation>
        </message>
        <message>
            <source>The certificate status service (OCSP) %1 did not answer within %2 seconds.</source>
            <translation>Dịch vụ kiểm tra trạng thái chứng thư số (OCSP) %1 không phản hồi trong vòng %2 giây.</translation>
        </message>
        <message>
            <source>The certificate status service (OCSP) %1 answered with HTTP status %2.</source>
            <translation>Dịch vụ kiểm tra trạng thái chứng thư số (OCSP) %1 trả về mã trạng thái HTTP %2.</translation>
        </message>
        <message>
            <source>The certificate status service (OCSP) %1 sent an unexpectedly large answer.</source>
            <translation>Dịch vụ kiểm tra trạng thái chứng thư số (OCSP) %1 gửi về phản hồi lớn bất thường.</translation>
        </message>
        <message>
            <source>The certificate status service (OCSP) %1 could not be reached (%2).</source>
            <translation>Không kết nối được dịch vụ kiểm tra trạng thái chứng thư số (OCSP) %1 (%2).</translation>
        </message>
        <message>
            <source>The revocation list %1 could not be downloaded within %2 seconds.</source>
            <translation>Không tải được danh sách thu hồi %1 trong vòng %2 giây.</translation>
        </message>
        <message>
            <source>The server of the revocation list %1 answered with HTTP status %2.</source>
            <translation>Máy chủ của danh sách thu hồi %1 trả về mã trạng thái HTTP %2.</translation>
        </message>
        <message>
            <source>The revocation list %1 is too large to download.</source>
            <translation>Danh sách thu hồi %1 quá lớn, không tải về được.</translation>
        </message>
        <message>
            <source>The revocation list %1 could not be downloaded (%2).</source>
            <translation>Không tải được danh sách thu hồi %1 (%2).</translation>
        </message>
        <message>
            <source>The certificate of %1 names no certificate status service (OCSP).</source>
            <translation>Chứng thư số của %1 không chỉ định dịch vụ kiểm tra trạng thái chứng thư số (OCSP) nào.</translation>
        </message>
        <message>
            <source>The certificate or its issuer could not be read for the status request.</source>
            <translation>Không đọc được chứng thư số hoặc chứng thư của tổ chức cấp để gửi yêu cầu kiểm tra trạng thái.</translation>
        </message>
        <message>
            <source>The certificate status request could not be built (%1).</source>
            <translation>Không tạo được yêu cầu kiểm tra trạng thái chứng thư số (%1).</translation>
        </message>
        <message>
            <source>The certificate status service %1 sent an answer that is not an OCSP response.</source>
            <translation>Dịch vụ kiểm tra trạng thái chứng thư số %1 gửi về phản hồi không phải là phản hồi OCSP.</translation>
        </message>
        <message>
            <source>The certificate status service %1 refused to answer (%2).</source>
            <translation>Dịch vụ kiểm tra trạng thái chứng thư số %1 từ chối trả lời (%2).</translation>
        </message>
        <message>
            <source>The answer of the certificate status service %1 does not match the request (another certificate or a replayed answer).</source>
            <translation>Phản hồi của dịch vụ kiểm tra trạng thái chứng thư số %1 không khớp với yêu cầu (của chứng thư số khác hoặc là phản hồi bị phát lại).</translation>
        </message>
        <message>
            <source>The revocation list address "%1" is not an http or https address.</source>
            <translation>Địa chỉ danh sách thu hồi "%1" không phải là địa chỉ http hoặc https.</translation>
        </message>
        <message>
            <source>The file downloaded from %1 is not a certificate revocation list.</source>
            <translation>Tệp tải về từ %1 không phải là danh sách chứng thư số bị thu hồi.</translation>
        </message>
        <message>
            <source>No revocation information could be obtained for the certificate of %1.</source>
            <translation>Không lấy được thông tin thu hồi của chứng thư số của %1.</translation>
        </message>
        <message>
            <source>The font for the signature text was not found (%1). Install the Liberation Serif font (package fonts-liberation2).</source>
            <translation>Không tìm thấy phông chữ cho phần chữ của chữ ký (%1). Hãy cài phông chữ Liberation Serif (gói fonts-liberation2).</translation>
        </message>
        <message>
            <source>The font file %1 cannot be read as a TrueType font.</source>
            <translation>Không đọc được tệp phông chữ %1 dưới dạng phông chữ TrueType.</translation>
        </message>
        <message>
            <source>The font %1 has no glyph for the character "%2" (U+%3).</source>
            <translation>Phông chữ %1 không có hình chữ (glyph) cho ký tự "%2" (U+%3).</translation>
        </message>
        <message>
            <source>The signature image is empty or cannot be read.</source>
            <translation>Ảnh chữ ký rỗng hoặc không đọc được.</translation>
        </message>
        <message>
            <source>The PDF document is encrypted (password protected); its signatures cannot be read without the password.</source>
            <translation>Văn bản PDF đã được mã hóa (có mật khẩu bảo vệ); không thể đọc các chữ ký số nếu không có mật khẩu.</translation>
        </message>
        <message>
            <source>The file cannot be read as a PDF document: %1</source>
            <translation>Không đọc được tệp dưới dạng văn bản PDF: %1</translation>
        </message>
        <message>
            <source>The PDF document is damaged and cannot be read (%1). Ask the sender for the file again.</source>
            <translation>Văn bản PDF bị hỏng, không đọc được (%1). Hãy đề nghị nơi gửi gửi lại tệp.</translation>
        </message>
        <message>
            <source>The file is empty, not a PDF document.</source>
            <translation>Tệp rỗng, không phải văn bản PDF.</translation>
        </message>
        <message>
            <source>The PDF document is encrypted (password protected); remove the protection before signing it.</source>
            <translation>Văn bản PDF đã được mã hóa (có mật khẩu bảo vệ); hãy gỡ bỏ bảo vệ trước khi ký.</translation>
        </message>
        <message>
            <source>The PDF document is damaged (%1); signing it would produce a file other programs may read differently. Save it again from the program that made it, then sign.</source>
            <translation>Văn bản PDF bị hỏng (%1); nếu ký, tệp tạo ra có thể bị các chương trình khác đọc theo cách khác. Hãy lưu lại tệp từ chương trình đã tạo ra nó rồi mới ký.</translation>
        </message>
        <message>
            <source>The PDF document has no valid catalog (%1); signing it would produce a file other programs may read differently.</source>
            <translation>Văn bản PDF không có danh mục (catalog) hợp lệ (%1); nếu ký, tệp tạo ra có thể bị các chương trình khác đọc theo cách khác.</translation>
        </message>
        <message>
            <source>Page %1 does not exist: the document has %2 pages.</source>
            <translation>Không có trang %1: văn bản chỉ có %2 trang.</translation>
        </message>
        <message>
            <source>The document already has a field named "%1" (or the name contains a dot); choose another name for the signature field.</source>
            <translation>Văn bản đã có trường tên "%1" (hoặc tên có chứa dấu chấm); hãy chọn tên khác cho trường chữ ký.</translation>
        </message>
        <message>
            <source>The space requested for the signature (%1 bytes) is larger than the %2 bytes a PDF signature may take.</source>
            <translation>Dung lượng yêu cầu dành cho chữ ký (%1 byte) lớn hơn mức tối đa %2 byte của một chữ ký PDF.</translation>
        </message>
        <message>
            <source>The signature placeholder could not be located in the document being signed.</source>
            <translation>Không tìm thấy vị trí dành sẵn cho chữ ký trong văn bản đang được ký.</translation>
        </message>
        <message>
            <source>The signature (CMS) to embed in the PDF is empty.</source>
            <translation>Chữ ký (CMS) cần nhúng vào tệp PDF bị rỗng.</translation>
        </message>
        <message>
            <source>The signature is %1 bytes but only %2 bytes were reserved for it in the PDF; sign again with a reserve of at least %1 bytes.</source>
            <translation>Chữ ký có dung lượng %1 byte nhưng tệp PDF chỉ dành sẵn %2 byte; hãy ký lại với dung lượng dành sẵn ít nhất %1 byte.</translation>
        </message>
        <message>
            <source>another digital signature (%1)</source>
            <translation>một chữ ký số khác (%1)</translation>
        </message>
        <message>
            <source>empty signature field (%1)</source>
            <translation>ô chữ ký trống (%1)</translation>
        </message>
        <message>
            <source>document timestamp</source>
            <translation>dấu thời gian của văn bản</translation>
        </message>
        <message>
            <source>DSS</source>
            <translation>DSS</translation>
        </message>
        <message>
            <source>document information updated</source>
            <translation>cập nhật thông tin tài liệu</translation>
        </message>
        <message>
            <source>document metadata (XMP) updated</source>
            <translation>cập nhật siêu dữ liệu tài liệu (XMP)</translation>
        </message>
        <message>
            <source>content of page %1 changed</source>
            <translation>nội dung trang %1 bị thay đổi</translation>
        </message>
        <message>
            <source>pages added, removed or reordered</source>
            <translation>trang bị thêm, xóa hoặc đổi thứ tự</translation>
        </message>
        <message>
            <source>object %1 changed</source>
            <translation>đối tượng %1 bị thay đổi</translation>
        </message>
        <message>
            <source>annotation on page %1</source>
            <translation>chú thích trên trang %1</translation>
        </message>
        <message>
            <source>annotation removed from page %1</source>
            <translation>chú thích bị xóa khỏi trang %1</translation>
        </message>
        <message>
            <source>form field %1 added</source>
            <translation>thêm trường biểu mẫu %1</translation>
        </message>
        <message>
            <source>form settings changed</source>
            <translation>thay đổi thiết lập biểu mẫu</translation>
        </message>
        <message>
            <source>document-level settings changed (%1)</source>
            <translation>thay đổi thiết lập của tài liệu (%1)</translation>
        </message>
        <message>
            <source>later changes could not be analysed</source>
            <translation>không phân tích được các thay đổi về sau</translation>
        </message>
        <message>
            <source>The file %1 is %2 MB; files over %3 MB are not signed or verified here: split the document or reduce its scans</source>
            <translation>Tệp %1 có dung lượng %2 MB; tệp lớn hơn %3 MB không được ký hoặc kiểm tra tại đây: hãy tách văn bản hoặc giảm dung lượng bản quét</translation>
        </message>
        <message>
            <source>The title "%1" and the name "%2" were not found one above the other on page %3: the signature was put at the bottom right</source>
            <translation>Không tìm thấy dòng chức vụ "%1" nằm trên dòng họ tên "%2" ở trang %3: chữ ký được đặt ở góc dưới bên phải</translation>
        </message>
        <message>
            <source>The signature of an attachment needs the number and symbol of the main document</source>
            <translation>Chữ ký số trên phụ lục cần có số, ký hiệu của văn bản chính</translation>
        </message>
        <message>
            <source>The signature of a copy needs the kind of copy and the copying organisation</source>
            <translation>Chữ ký số trên bản sao cần có hình thức sao và tên cơ quan sao</translation>
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
        <name>govdesk::gui::CertificateDialog</name>
        <message>
            <source>Certificates</source>
            <translation>Chứng thư số</translation>
        </message>
        <message>
            <source>digital signature</source>
            <translation>chữ ký số</translation>
        </message>
        <message>
            <source>non-repudiation</source>
            <translation>chống chối bỏ</translation>
        </message>
        <message>
            <source>certificate authority</source>
            <translation>tổ chức cung cấp dịch vụ chứng thực</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>Người sở hữu</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Chức danh</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Cơ quan</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Chủ thể</translation>
        </message>
        <message>
            <source>Issuer</source>
            <translation>Tổ chức cấp</translation>
        </message>
        <message>
            <source>Serial number</source>
            <translation>Số sê-ri</translation>
        </message>
        <message>
            <source>Valid from</source>
            <translation>Hiệu lực từ</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>Hiệu lực đến</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Khóa</translation>
        </message>
        <message>
            <source>Usage</source>
            <translation>Mục đích sử dụng</translation>
        </message>
        <message>
            <source>SHA-256 fingerprint</source>
            <translation>Dấu vân tay SHA-256</translation>
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
        <message>
            <source>Digital signatures</source>
            <translation>Chữ ký số</translation>
        </message>
        <message>
            <source>Show the details of the digital signatures</source>
            <translation>Xem chi tiết các chữ ký số</translation>
        </message>
        <message>
            <source>Digital signatures (%1)</source>
            <translation>Chữ ký số (%1)</translation>
        </message>
        <message>
            <source>%1 is not a PDF.</source>
            <translation>%1 không phải là tệp PDF.</translation>
        </message>
        <message>
            <source>signatures valid</source>
            <translation>chữ ký số hợp lệ</translation>
        </message>
        <message>
            <source>signature INVALID</source>
            <translation>chữ ký số KHÔNG HỢP LỆ</translation>
        </message>
        <message>
            <source>signatures not fully verified</source>
            <translation>chữ ký số chưa xác định đầy đủ</translation>
        </message>
        <message>
            <source>%1
Digital signatures when registered: %2</source>
            <translation>%1
Chữ ký số khi vào sổ: %2</translation>
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
        <message>
            <source>&amp;Sign PDF files…</source>
            <translation>&amp;Ký số tệp PDF…</translation>
        </message>
        <message>
            <source>Sign</source>
            <translation>Ký số</translation>
        </message>
        <message>
            <source>Sign PDF files with the digital signature on your USB token (Ctrl+Shift+S)</source>
            <translation>Ký số tệp PDF bằng chữ ký số trên USB token của bạn (Ctrl+Shift+S)</translation>
        </message>
        <message>
            <source>&amp;Check signatures of a PDF file…</source>
            <translation>&amp;Kiểm tra chữ ký số của tệp PDF…</translation>
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
        <name>govdesk::gui::SignDialog</name>
        <message>
            <source>&amp;Sign</source>
            <translation>&amp;Ký số</translation>
        </message>
        <message>
            <source>S&amp;top</source>
            <translation>&amp;Dừng</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
        </message>
        <message>
            <source>Sign PDF files with the digital signature</source>
            <translation>Ký số tệp PDF</translation>
        </message>
        <message>
            <source>&amp;Add files…</source>
            <translation>&amp;Thêm tệp…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Bỏ</translation>
        </message>
        <message>
            <source>Files to sign</source>
            <translation>Tệp cần ký</translation>
        </message>
        <message>
            <source>Entered once for all the files; never stored</source>
            <translation>Nhập một lần cho tất cả các tệp; không bao giờ được lưu lại</translation>
        </message>
        <message>
            <source>Certificate on the token</source>
            <translation>Chứng thư số trên token</translation>
        </message>
        <message>
            <source>C&amp;ertificate:</source>
            <translation>&amp;Chứng thư số:</translation>
        </message>
        <message>
            <source>&amp;PIN:</source>
            <translation>Mã &amp;PIN:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Chọn…</translation>
        </message>
        <message>
            <source>Your saved signature image</source>
            <translation>Ảnh chữ ký đã lưu của bạn</translation>
        </message>
        <message>
            <source>Signature image (PNG):</source>
            <translation>Ảnh chữ ký (PNG):</translation>
        </message>
        <message>
            <source>e.g. PHÓ CHỦ TỊCH — the box goes between this line and the name</source>
            <translation>Ví dụ: PHÓ CHỦ TỊCH — khung chữ ký nằm giữa dòng này và dòng họ tên</translation>
        </message>
        <message>
            <source>Title line:</source>
            <translation>Dòng chức danh:</translation>
        </message>
        <message>
            <source>Name line:</source>
            <translation>Dòng họ tên:</translation>
        </message>
        <message>
            <source>The organisation's saved seal image</source>
            <translation>Ảnh con dấu đã lưu của cơ quan</translation>
        </message>
        <message>
            <source> mm</source>
            <translation> mm</translation>
        </message>
        <message>
            <source>Seal image (PNG):</source>
            <translation>Ảnh con dấu (PNG):</translation>
        </message>
        <message>
            <source>Real size of the seal:</source>
            <translation>Kích thước thật của con dấu:</translation>
        </message>
        <message>
            <source>The seal covers the left third of the personal signature.</source>
            <translation>Con dấu trùm lên khoảng 1/3 chữ ký cá nhân về phía bên trái.</translation>
        </message>
        <message>
            <source>e.g. 15/QĐ-UBND</source>
            <translation>Ví dụ: 15/QĐ-UBND</translation>
        </message>
        <message>
            <source>Number and symbol of the main document:</source>
            <translation>Số, ký hiệu của văn bản chính:</translation>
        </message>
        <message>
            <source>SAO Y</source>
            <translation>SAO Y</translation>
        </message>
        <message>
            <source>Kind of copy:</source>
            <translation>Hình thức sao:</translation>
        </message>
        <message>
            <source>Copying organisation:</source>
            <translation>Cơ quan thực hiện sao:</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Chữ ký số</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>&amp;Loại chữ ký:</translation>
        </message>
        <message>
            <source>Timestamp (no server configured)</source>
            <translation>Dấu thời gian (chưa cấu hình máy chủ)</translation>
        </message>
        <message>
            <source>Add a trusted timestamp from %1</source>
            <translation>Gắn dấu thời gian tin cậy từ %1</translation>
        </message>
        <message>
            <source>Next to each original, as NAME_da-ky.pdf</source>
            <translation>Cạnh tệp gốc, tên NAME_da-ky.pdf</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <source>Save signed files in:</source>
            <translation>Lưu tệp đã ký vào:</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Save signed files in</source>
            <translation>Lưu tệp đã ký vào</translation>
        </message>
        <message>
            <source>No saved signature image: choose a PNG</source>
            <translation>Chưa có ảnh chữ ký đã lưu: hãy chọn tệp PNG</translation>
        </message>
        <message>
            <source>No saved seal image: choose a PNG</source>
            <translation>Chưa có ảnh con dấu đã lưu: hãy chọn tệp PNG</translation>
        </message>
        <message>
            <source>No token driver (PKCS#11 module) is installed. Install the software that came with the token, or ask IT to add it to the configuration.</source>
            <translation>Chưa cài trình điều khiển token (mô-đun PKCS#11). Hãy cài phần mềm đi kèm token hoặc đề nghị bộ phận công nghệ thông tin bổ sung vào cấu hình.</translation>
        </message>
        <message>
            <source>Choose PDF files to sign</source>
            <translation>Chọn tệp PDF cần ký</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Tài liệu PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Choose an image</source>
            <translation>Chọn ảnh</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>Ảnh PNG (*.png)</translation>
        </message>
        <message>
            <source>%1 — valid until %2 (token %3)</source>
            <translation>%1 — hiệu lực đến %2 (token %3)</translation>
        </message>
        <message>
            <source>Plug in the USB token…</source>
            <translation>Hãy cắm USB token…</translation>
        </message>
        <message>
            <source>No token is plugged in.</source>
            <translation>Chưa cắm token nào vào máy.</translation>
        </message>
        <message>
            <source>The token holds no signing certificate.</source>
            <translation>Token không có chứng thư số dùng để ký.</translation>
        </message>
        <message>
            <source>Holder: %1
Organisation: %2
Issued by: %3
Valid: %4 – %5</source>
            <translation>Người sở hữu: %1
Cơ quan: %2
Tổ chức cấp: %3
Hiệu lực: %4 – %5</translation>
        </message>
        <message>
            <source>Enter the PIN on the token's own keypad when asked</source>
            <translation>Nhập mã PIN trên bàn phím của token khi được yêu cầu</translation>
        </message>
        <message>
            <source>Choose the seal image (PNG) of the organisation.</source>
            <translation>Hãy chọn ảnh con dấu (PNG) của cơ quan.</translation>
        </message>
        <message>
            <source>Enter the number and symbol of the main document.</source>
            <translation>Hãy nhập số, ký hiệu của văn bản chính.</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>đang chờ</translation>
        </message>
        <message>
            <source>signed (%1, %2) → %3</source>
            <translation>đã ký (%1, %2) → %3</translation>
        </message>
        <message>
            <source>Keep as my signature image</source>
            <translation>Lưu làm ảnh chữ ký của tôi</translation>
        </message>
        <message>
            <source>Keep as the organisation's seal</source>
            <translation>Lưu làm ảnh con dấu của cơ quan</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::SignaturePanel</name>
        <message>
            <source>passed</source>
            <translation>đạt</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>không đạt</translation>
        </message>
        <message>
            <source>could not be determined</source>
            <translation>không xác định được</translation>
        </message>
        <message>
            <source>not checked</source>
            <translation>chưa kiểm tra</translation>
        </message>
        <message>
            <source>&amp;Certificates…</source>
            <translation>&amp;Chứng thư số…</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Chữ ký số</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Người ký</translation>
        </message>
        <message>
            <source>Signed at</source>
            <translation>Thời điểm ký</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Kết luận</translation>
        </message>
        <message>
            <source>No PDF is shown.</source>
            <translation>Chưa hiển thị tệp PDF nào.</translation>
        </message>
        <message>
            <source>Checking the digital signatures of %1…</source>
            <translation>Đang kiểm tra chữ ký số của %1…</translation>
        </message>
        <message>
            <source>The signatures could not be read: %1</source>
            <translation>Không đọc được các chữ ký số: %1</translation>
        </message>
        <message>
            <source>This document has no digital signature.</source>
            <translation>Văn bản này không có chữ ký số.</translation>
        </message>
        <message numerus="yes">
            <source>%n digital signature(s), all valid.</source>
            <translation>
                <numerusform>%n chữ ký số, tất cả đều hợp lệ.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n digital signature(s): at least one is INVALID — do not rely on this document.</source>
            <translation>
                <numerusform>%n chữ ký số: có ít nhất một chữ ký KHÔNG HỢP LỆ — không sử dụng văn bản này làm căn cứ.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n digital signature(s): validity could not be fully established.</source>
            <translation>
                <numerusform>%n chữ ký số: chưa xác định được đầy đủ tính hợp lệ.</numerusform>
            </translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Chức danh</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Cơ quan</translation>
        </message>
        <message>
            <source>Issued by</source>
            <translation>Tổ chức cấp</translation>
        </message>
        <message>
            <source>(from a trusted timestamp)</source>
            <translation>(theo dấu thời gian tin cậy)</translation>
        </message>
        <message>
            <source>(as claimed by the signer's computer)</source>
            <translation>(theo thời gian do máy tính của người ký ghi nhận)</translation>
        </message>
        <message>
            <source>Field / page</source>
            <translation>Trường / trang</translation>
        </message>
        <message>
            <source>%1, page %2</source>
            <translation>%1, trang %2</translation>
        </message>
        <message>
            <source>Integrity</source>
            <translation>Tính toàn vẹn</translation>
        </message>
        <message>
            <source>Coverage</source>
            <translation>Phạm vi ký</translation>
        </message>
        <message>
            <source>the whole document</source>
            <translation>toàn bộ văn bản</translation>
        </message>
        <message>
            <source>the document up to this signature; added later: %1</source>
            <translation>phần văn bản tính đến chữ ký này; nội dung thêm sau: %1</translation>
        </message>
        <message>
            <source>Certificate chain</source>
            <translation>Chuỗi chứng thư</translation>
        </message>
        <message>
            <source>Revocation</source>
            <translation>Tình trạng thu hồi</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <source>Reasons</source>
            <translation>Lý do</translation>
        </message>
        <message>
            <source>OCSP response kept in the file</source>
            <translation>phản hồi OCSP lưu trong tệp</translation>
        </message>
        <message>
            <source>revocation list kept in the file</source>
            <translation>danh sách thu hồi (CRL) lưu trong tệp</translation>
        </message>
        <message>
            <source>OCSP, checked online</source>
            <translation>OCSP, kiểm tra trực tuyến</translation>
        </message>
        <message>
            <source>revocation list, checked online</source>
            <translation>danh sách thu hồi (CRL), kiểm tra trực tuyến</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::VerifyDialog</name>
        <message>
            <source>Check digital signatures</source>
            <translation>Kiểm tra chữ ký số</translation>
        </message>
        <message>
            <source>&amp;Open another file…</source>
            <translation>&amp;Mở tệp khác…</translation>
        </message>
        <message>
            <source>Choose a signed PDF</source>
            <translation>Chọn tệp PDF đã ký số</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Tài liệu PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Check digital signatures — %1</source>
            <translation>Kiểm tra chữ ký số — %1</translation>
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