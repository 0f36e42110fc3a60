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
            <source>registry export --book outgoing|outgoing-secret|outgoing-copy --year Y --out FILE.pdf</source>
            <translation>registry export --book outgoing|outgoing-secret|outgoing-copy --year NĂM --out TỆP.pdf</translation>
        </message>
        <message>
            <source>registry export --book incoming|incoming-secret|incoming-tracking|outgoing|outgoing-secret|outgoing-copy|outgoing-post|outgoing-archive-use (--year Y | --from D --until D) --out FILE.pdf</source>
            <translation>registry export --book incoming|incoming-secret|incoming-tracking|outgoing|outgoing-secret|outgoing-copy|outgoing-post|outgoing-archive-use (--year NĂM | --from NGÀY --until NGÀY) --out TỆP.pdf</translation>
        </message>
        <message>
            <source>--due must be YYYY-MM-DD (or khong to remove it)</source>
            <translation>--due phải có dạng NNNN-TT-NN (hoặc khong để bỏ hạn xử lý)</translation>
        </message>
        <message>
            <source>--copies takes the number of copies, such as 5</source>
            <translation>--copies nhận số lượng bản, ví dụ 5</translation>
        </message>
        <message>
            <source>outgoing issue ID [--date YYYY-MM-DD] [--no-stamp] [--seal-image PNG [--seal-size-mm N] --module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline]]</source>
            <translation>outgoing issue ID [--date YYYY-MM-DD] [--no-stamp] [--seal-image PNG [--seal-size-mm N] --module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline]]</translation>
        </message>
        <message>
            <source>outgoing send ID --channel internal|exchange|post [--envelopes N] [--recipients TEXT] [--date YYYY-MM-DD] [--note TEXT]</source>
            <translation>outgoing send MÃ --channel internal|exchange|post [--envelopes SỐ_BÌ] [--recipients NƠI_NHẬN] [--date NNNN-TT-NN] [--note GHI_CHÚ]</translation>
        </message>
        <message>
            <source>--envelopes, --recipients and --date are for --channel buu-dien (post)</source>
            <translation>--envelopes, --recipients và --date chỉ dùng với --channel buu-dien (gửi qua bưu điện)</translation>
        </message>
        <message>
            <source>--envelopes takes the number of envelopes, such as 3</source>
            <translation>--envelopes nhận số lượng bì, ví dụ 3</translation>
        </message>
        <message>
            <source>--module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline]</source>
            <translation>--module PATH [--token LABEL] [--cert-label L] --pin-env VAR [--tsa URL | --no-tsa] [--trust PEM_OR_DIR]… [--offline]</translation>
        </message>
        <message>
            <source>outgoing sign ID %1 [--signature-image PNG]</source>
            <translation>outgoing sign ID %1 [--signature-image PNG]</translation>
        </message>
        <message>
            <source>outgoing archive-use lend ID --borrower NAME --permitted-by NAME [--file-ref TEXT] [--note TEXT] | return LOAN_ID [--date YYYY-MM-DD] | list [--year Y | --from D --until D]</source>
            <translation>outgoing archive-use lend MÃ --borrower HỌ_TÊN --permitted-by HỌ_TÊN [--file-ref SỐ_KÝ_HIỆU_HỒ_SƠ] [--note GHI_CHÚ] | return MÃ_LẦN_MƯỢN [--date NNNN-TT-NN] | list [--year NĂM | --from NGÀY --until NGÀY]</translation>
        </message>
        <message>
            <source>%1 %2: %3, allowed by %4, lent %5%6</source>
            <translation>%1 %2: %3, người cho phép %4, mượn ngày %5%6</translation>
        </message>
        <message>
            <source>, returned %1</source>
            <translation>, trả ngày %1</translation>
        </message>
        <message>
            <source>No archive copy was used in this period.</source>
            <translation>Không có bản lưu nào được sử dụng trong thời gian này.</translation>
        </message>
        <message>
            <source>template add --type ABBR --name NAME --file TEMPLATE.pdf|.docx|.odt | list [--type ABBR] [--all] | remove ID</source>
            <translation>template add --type VIẾT_TẮT --name TÊN --file MẪU.pdf|.docx|.odt | list [--type VIẾT_TẮT] [--all] | remove MÃ</translation>
        </message>
        <message>
            <source>%1 %2: %3 (%4) — %5%6</source>
            <translation>%1 %2: %3 (%4) — %5%6</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>đã gỡ bỏ</translation>
        </message>
        <message>
            <source>No templates.</source>
            <translation>Chưa có mẫu văn bản nào.</translation>
        </message>
        <message>
            <source>Template added: %1</source>
            <translation>Đã thêm mẫu văn bản: %1</translation>
        </message>
        <message>
            <source>Template removed: %1</source>
            <translation>Đã gỡ bỏ mẫu văn bản: %1</translation>
        </message>
        <message>
            <source>outgoing body add --name NAME --abbr ABBR | list [--all] | deactivate ABBR</source>
            <translation>outgoing body add --name TÊN --abbr VIẾT_TẮT | list [--all] | deactivate VIẾT_TẮT</translation>
        </message>
        <message>
            <source>%1 %2 (book %3)%4</source>
            <translation>%1 %2 (sổ %3)%4</translation>
        </message>
        <message>
            <source>, no longer issuing</source>
            <translation>, không còn ban hành văn bản</translation>
        </message>
        <message>
            <source>No advisory body issues documents.</source>
            <translation>Chưa có hội đồng, ban chỉ đạo nào được ban hành văn bản.</translation>
        </message>
        <message>
            <source>outgoing draft|update|submit|approve|return|revise|sign|issue-number|issue|reserve|cancel-reservation|send|recall|link|list|show|numbers|file|metadata|archive-use|body</source>
            <translation>outgoing draft|update|submit|approve|return|revise|sign|issue-number|issue|reserve|cancel-reservation|send|recall|link|list|show|numbers|file|metadata|archive-use|body</translation>
        </message>
        <message>
            <source>outgoing draft --type ABBR --subject TEXT --unit UNIT (--file DRAFT.pdf | --template TEMPLATE_ID) [--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] [--to ORGAN_CODE]… [--reply-to INCOMING_ID] [--copies N] [--due YYYY-MM-DD] [--archive-holder TEXT] [--body ABBR]</source>
            <translation>outgoing draft --type VIẾT_TẮT --subject TRÍCH_YẾU --unit ĐƠN_VỊ (--file DỰ_THẢO.pdf | --template MÃ_MẪU) [--secrecy mat|toi-mat|tuyet-mat] [--urgency khan|thuong-khan|hoa-toc] [--to MÃ_ĐỊNH_DANH]… [--reply-to MÃ_VĂN_BẢN_ĐẾN] [--copies SỐ_BẢN] [--due NNNN-TT-NN] [--archive-holder NƠI_LƯU] [--body VIẾT_TẮT_HỘI_ĐỒNG]</translation>
        </message>
        <message>
            <source>outgoing update ID [--subject TEXT] [--type ABBR] [--unit UNIT] [--secrecy khong|mat|toi-mat|tuyet-mat] [--urgency thuong|khan|thuong-khan|hoa-toc] [--recipients TEXT] [--to ORGAN_CODE]… [--signer NAME] [--signer-position TITLE] [--authority TM.|Q.|KT.|TL.|TUQ.] [--copies N] [--due YYYY-MM-DD] [--archive-holder TEXT] [--body ABBR|khong] [--version N]</source>
            <translation>outgoing update MÃ [--subject TRÍCH_YẾU] [--type VIẾT_TẮT] [--unit ĐƠN_VỊ] [--secrecy khong|mat|toi-mat|tuyet-mat] [--urgency thuong|khan|thuong-khan|hoa-toc] [--recipients NƠI_NHẬN] [--to MÃ_ĐỊNH_DANH]… [--signer HỌ_TÊN] [--signer-position CHỨC_VỤ] [--authority TM.|Q.|KT.|TL.|TUQ.] [--copies SỐ_BẢN] [--due NNNN-TT-NN] [--archive-holder NƠI_LƯU] [--body VIẾT_TẮT_HỘI_ĐỒNG|khong] [--version PHIÊN_BẢN]</translation>
        </message>
        <message>
            <source>Sent %1, received %2, statuses %3, requests %4, duplicates %5, retrying %6, failed %7, unreadable %8</source>
            <translation>Đã gửi %1, đã nhận %2, trạng thái %3, yêu cầu %4, trùng lặp %5, đang thử lại %6, lỗi %7, không đọc được %8</translation>
        </message>
        <message>
            <source>exchange configure --transport vxp|lgsp-oauth|lgsp-key|lgsp-soap --endpoint URL --system-id ID --secret-env VAR [--from ID] [--token-url URL] [--ca-bundle PEM] [--proxy URL] [--timeout S] [--poll S] [--place TEXT] | show | send ID | revoke ID | sync [--once] [--now] | status ID | agencies [--search TEXT] [--refresh] | outbox | retry | requests [--all] | accept REQUEST [--note TEXT] | refuse REQUEST --note TEXT</source>
            <translation>exchange configure --transport vxp|lgsp-oauth|lgsp-key|lgsp-soap --endpoint URL --system-id MÃ --secret-env BIẾN [--from MÃ] [--token-url URL] [--ca-bundle PEM] [--proxy URL] [--timeout GIÂY] [--poll GIÂY] [--place ĐỊA_DANH] | show | send ID | revoke ID | sync [--once] [--now] | status ID | agencies [--search CHUỖI] [--refresh] | outbox | retry | requests [--all] | accept YÊU_CẦU [--note GHI_CHÚ] | refuse YÊU_CẦU --note LÝ_DO</translation>
        </message>
        <message>
            <source>Unknown transport %1</source>
            <translation>Không có phương thức kết nối %1</translation>
        </message>
        <message>
            <source>The environment variable %1 holds no secret</source>
            <translation>Biến môi trường %1 không chứa khóa bí mật</translation>
        </message>
        <message>
            <source>Exchange set up (%1, %2); the secret is kept in the system keychain</source>
            <translation>Đã thiết lập liên thông (%1, %2); khóa bí mật được lưu trong kho khóa của hệ điều hành</translation>
        </message>
        <message>
            <source>Exchange set up (%1, %2); no keychain here, so the secret is read from %3 each time</source>
            <translation>Đã thiết lập liên thông (%1, %2); máy này không có kho khóa nên khóa bí mật được đọc từ %3 mỗi lần dùng</translation>
        </message>
        <message>
            <source>%1 at %2, system id %3, polled every %4 s</source>
            <translation>%1 tại %2, mã hệ thống %3, kiểm tra mỗi %4 giây</translation>
        </message>
        <message>
            <source>The document exchange is not set up.</source>
            <translation>Chưa thiết lập liên thông văn bản.</translation>
        </message>
        <message>
            <source>%1 → %2 (%3): %4</source>
            <translation>%1 → %2 (%3): %4</translation>
        </message>
        <message>
            <source>Already queued for every recipient; nothing new to send.</source>
            <translation>Đã xếp hàng gửi cho mọi nơi nhận; không có gì mới để gửi.</translation>
        </message>
        <message>
            <source>Every packet has been sent.</source>
            <translation>Mọi gói tin đã được gửi.</translation>
        </message>
        <message numerus="yes">
            <source>%n packet(s) queued again</source>
            <translation>
                <numerusform>Đã xếp hàng gửi lại %n gói tin</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 %2: packet %3%4</source>
            <translation>%1 %2: gói tin %3%4</translation>
        </message>
        <message>
            <source>The document was not sent over the exchange.</source>
            <translation>Văn bản chưa được gửi qua liên thông.</translation>
        </message>
        <message>
            <source>%1 %2 from %3 about %4: %5 (%6)</source>
            <translation>%1 %2 của %3 về %4: %5 (%6)</translation>
        </message>
        <message>
            <source>No requests.</source>
            <translation>Không có yêu cầu nào.</translation>
        </message>
        <message>
            <source>Request accepted</source>
            <translation>Đã đồng ý yêu cầu</translation>
        </message>
        <message>
            <source>Request refused</source>
            <translation>Đã từ chối yêu cầu</translation>
        </message>
        <message>
            <source>No agency matches.</source>
            <translation>Không có cơ quan nào phù hợp.</translation>
        </message>
        <message numerus="yes">
            <source>%n agency(ies) added or renamed from the exchange directory</source>
            <translation>
                <numerusform>Đã thêm hoặc đổi tên %n cơ quan theo danh bạ liên thông</numerusform>
            </translation>
        </message>
        <message>
            <source>new document</source>
            <translation>văn bản mới</translation>
        </message>
        <message>
            <source>revocation of a document</source>
            <translation>thu hồi văn bản</translation>
        </message>
        <message>
            <source>update of a document</source>
            <translation>cập nhật văn bản</translation>
        </message>
        <message>
            <source>replacement of a document</source>
            <translation>thay thế văn bản</translation>
        </message>
        <message>
            <source>not urgent (Thường)</source>
            <translation>thường</translation>
        </message>
        <message>
            <source>urgent (Khẩn)</source>
            <translation>khẩn</translation>
        </message>
        <message>
            <source>very urgent (Thượng khẩn)</source>
            <translation>thượng khẩn</translation>
        </message>
        <message>
            <source>immediate (Hỏa tốc)</source>
            <translation>hỏa tốc</translation>
        </message>
        <message>
            <source>immediate, timed (Hỏa tốc hẹn giờ)</source>
            <translation>hỏa tốc hẹn giờ</translation>
        </message>
        <message>
            <source>Status packet %1: %2</source>
            <translation>Gói tin trạng thái %1: %2</translation>
        </message>
        <message>
            <source>From: %1</source>
            <translation>Nơi gửi: %1</translation>
        </message>
        <message>
            <source>About document: %1 of %2, DocumentId %3</source>
            <translation>Về văn bản: %1 của %2, mã văn bản %3</translation>
        </message>
        <message>
            <source>Description: %1</source>
            <translation>Mô tả: %1</translation>
        </message>
        <message>
            <source>Time: %1</source>
            <translation>Thời điểm: %1</translation>
        </message>
        <message>
            <source>Document packet %1</source>
            <translation>Gói tin văn bản %1</translation>
        </message>
        <message>
            <source>To: %1</source>
            <translation>Nơi nhận: %1</translation>
        </message>
        <message>
            <source>Number and notation: %1, issued %2 in %3</source>
            <translation>Số, ký hiệu: %1, ban hành ngày %2 tại %3</translation>
        </message>
        <message>
            <source>Type: %1</source>
            <translation>Loại văn bản: %1</translation>
        </message>
        <message>
            <source>Subject: %1</source>
            <translation>Trích yếu: %1</translation>
        </message>
        <message>
            <source>Signed by: %1</source>
            <translation>Người ký: %1</translation>
        </message>
        <message>
            <source>Due: %1</source>
            <translation>Hạn xử lý: %1</translation>
        </message>
        <message>
            <source>Priority: %1</source>
            <translation>Độ khẩn: %1</translation>
        </message>
        <message>
            <source>Business: %1 %2</source>
            <translation>Nghiệp vụ: %1 %2</translation>
        </message>
        <message>
            <source>Attachment: %1 (%2, %3 bytes, SHA-256 %4)</source>
            <translation>Tệp đính kèm: %1 (%2, %3 byte, SHA-256 %4)</translation>
        </message>
        <message>
            <source>Passed: %1 at %2</source>
            <translation>Đã qua: %1 lúc %2</translation>
        </message>
        <message>
            <source>The packet carries an XML signature (not verified).</source>
            <translation>Gói tin có chữ ký XML (chưa kiểm tra).</translation>
        </message>
        <message>
            <source>Problem: %1</source>
            <translation>Vấn đề: %1</translation>
        </message>
        <message>
            <source>Cannot write the file %1: %2</source>
            <translation>Không ghi được tệp %1: %2</translation>
        </message>
        <message>
            <source>edxml parse FILE | status --for FILE --code 01..16 --out FILE [--description TEXT] [--from ORGAN_ID] | build --from-document ID --out FILE</source>
            <translation>edxml parse TỆP | status --for TỆP --code 01..16 --out TỆP [--description NỘI_DUNG] [--from MÃ_ĐỊNH_DANH] | build --from-document ID --out TỆP</translation>
        </message>
        <message>
            <source>%1 is a status packet; a status answers a document packet</source>
            <translation>%1 là gói tin trạng thái; trạng thái chỉ trả lời cho gói tin văn bản</translation>
        </message>
        <message>
            <source>Status packet %1 (%2) answering %3 written to %4</source>
            <translation>Đã ghi gói tin trạng thái %1 (%2) trả lời văn bản %3 vào %4</translation>
        </message>
        <message>
            <source>Packet of %1 (%2) for %3 recipients written to %4</source>
            <translation>Đã ghi gói tin của văn bản %1 (%2) gửi %3 nơi nhận vào %4</translation>
        </message>
        <message>
            <source>scan --list | scan [--device ID|test] [--pages N] --out F.pdf [--source flatbed|adf|duplex] [--mode color|gray|lineart] [--resolution DPI] [--option NAME=VALUE]… | scan --import FILE… --out F.pdf | scan --watch DIR --out-dir DIR [--once]; for all: [--deskew] [--crop] [--copy] [--page-size a4|scanned] [--quality 1-100] [--keep-colour] [--title TEXT]</source>
            <translation>scan --list | scan [--device MÃ|test] [--pages SỐ] --out TỆP.pdf [--source flatbed|adf|duplex] [--mode color|gray|lineart] [--resolution DPI] [--option TÊN=GIÁ_TRỊ]… | scan --import TỆP… --out TỆP.pdf | scan --watch THƯ_MỤC --out-dir THƯ_MỤC [--once]; cho mọi cách: [--deskew] [--crop] [--copy] [--page-size a4|scanned] [--quality 1-100] [--keep-colour] [--title TIÊU_ĐỀ]</translation>
        </message>
        <message>
            <source>scan: unexpected argument %1</source>
            <translation>scan: tham số không hợp lệ %1</translation>
        </message>
        <message>
            <source>No scanner was found.</source>
            <translation>Không tìm thấy máy quét nào.</translation>
        </message>
        <message>
            <source>--page-size is a4 or scanned</source>
            <translation>--page-size là a4 hoặc scanned</translation>
        </message>
        <message>
            <source>--quality is a number from 1 to 100</source>
            <translation>--quality là một số từ 1 đến 100</translation>
        </message>
        <message>
            <source>scan --watch needs --out-dir</source>
            <translation>scan --watch cần --out-dir</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <source>%1 was not converted: %2</source>
            <translation>%1 không chuyển được: %2</translation>
        </message>
        <message>
            <source>No file was waiting in %1.</source>
            <translation>Không có tệp nào chờ trong %1.</translation>
        </message>
        <message>
            <source>Watching %1; PDFs go to %2. Press Ctrl+C to stop.</source>
            <translation>Đang theo dõi %1; tệp PDF được lưu vào %2. Bấm Ctrl+C để dừng.</translation>
        </message>
        <message>
            <source>scan needs --out FILE.pdf</source>
            <translation>scan cần --out TỆP.pdf</translation>
        </message>
        <message>
            <source>scan --import needs at least one file</source>
            <translation>scan --import cần ít nhất một tệp</translation>
        </message>
        <message>
            <source>--source is flatbed, adf or duplex</source>
            <translation>--source là flatbed, adf hoặc duplex</translation>
        </message>
        <message>
            <source>--mode is color, gray or lineart</source>
            <translation>--mode là color, gray hoặc lineart</translation>
        </message>
        <message>
            <source>--resolution is a number of dots per inch</source>
            <translation>--resolution là số điểm ảnh trên mỗi inch (dpi)</translation>
        </message>
        <message>
            <source>--pages is a number (0: until the feeder is empty)</source>
            <translation>--pages là một số (0: quét đến khi khay nạp giấy hết)</translation>
        </message>
        <message>
            <source>--option is NAME=VALUE</source>
            <translation>--option có dạng TÊN=GIÁ_TRỊ</translation>
        </message>
        <message>
            <source>Scanning page %1 of %2: %3%</source>
            <translation>Đang quét trang %1/%2: %3%</translation>
        </message>
        <message>
            <source>Scanning page %1: %2%</source>
            <translation>Đang quét trang %1: %2%</translation>
        </message>
        <message>
            <source>%1: %2 pages, %3 KB</source>
            <translation>%1: %2 trang, %3 KB</translation>
        </message>
        <message>
            <source>ocr: give one input file and --out</source>
            <translation>ocr: cần đúng một tệp đầu vào và --out</translation>
        </message>
        <message>
            <source>ocr: --psm is auto, 3 or 6</source>
            <translation>ocr: --psm nhận auto, 3 hoặc 6</translation>
        </message>
        <message>
            <source>ocr: --threads is a number from 1 to 64</source>
            <translation>ocr: --threads là số từ 1 đến 64</translation>
        </message>
        <message>
            <source>The PDF is digitally signed: it was copied unchanged (a text layer would break its signatures); the fields below were still read.
</source>
            <translation>Tệp PDF đã được ký số: tệp được sao nguyên trạng (thêm lớp chữ sẽ làm mất hiệu lực chữ ký); các trường dưới đây vẫn được đọc.
</translation>
        </message>
        <message>
            <source>%1: %2 of %3 pages recognised, %4 characters, mean confidence %5%
</source>
            <translation>%1: đã nhận dạng %2/%3 trang, %4 ký tự, độ tin cậy trung bình %5%
</translation>
        </message>
        <message>
            <source>Issuing organ</source>
            <translation>Cơ quan ban hành</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Số</translation>
        </message>
        <message>
            <source>Notation</source>
            <translation>Ký hiệu</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Địa danh</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày tháng</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Tên loại</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Chủ thể</translation>
        </message>
        <message>
            <source>%1: %2 (confidence %3%)
</source>
            <translation>%1: %2 (độ tin cậy %3%)
</translation>
        </message>
        <message>
            <source>%1: not found
</source>
            <translation>%1: không tìm thấy
</translation>
        </message>
        <message>
            <source>Number and notation</source>
            <translation>Số và ký hiệu</translation>
        </message>
        <message>
            <source>Proposed for the register:
</source>
            <translation>Đề xuất vào sổ:
</translation>
        </message>
        <message>
            <source>  %1: %2 (confidence %3%)
</source>
            <translation>  %1: %2 (độ tin cậy %3%)
</translation>
        </message>
        <message>
            <source>Commands: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, outgoing draft|update|submit|approve|return|revise|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers|archive-use, template add|list|remove, registry export, audit verify|log, db check, token list, sign, verify, signer set-signature|set-seal|show, edxml parse|status|build, scan, scan-folder pending|failed|registered|put-aside|retry, ocr</source>
            <translation>Các lệnh: init, user add|list, unit add|list, incoming register|list|show|metadata|update|assign|progress|complete|return|receive|register-arrived|next-number|attachments, outgoing draft|update|submit|approve|return|revise|issue-number|reserve|cancel-reservation|send|recall|link|list|show|numbers|archive-use, template add|list|remove, registry export, audit verify|log, db check, token list, sign, verify, signer set-signature|set-seal|show, edxml parse|status|build, scan, scan-folder pending|failed|registered|put-aside|retry, ocr</translation>
        </message>
        <message>
            <source>scan-folder pending --out-dir DIR | scan-folder failed --inbox DIR | scan-folder registered|put-aside PDF --out-dir DIR | scan-folder retry FILE --inbox DIR</source>
            <translation>scan-folder pending --out-dir THƯ_MỤC | scan-folder failed --inbox THƯ_MỤC | scan-folder registered|put-aside PDF --out-dir THƯ_MỤC | scan-folder retry TỆP --inbox THƯ_MỤC</translation>
        </message>
        <message>
            <source>scan-folder: unexpected argument %1</source>
            <translation>scan-folder: tham số không mong đợi %1</translation>
        </message>
        <message numerus="yes">
            <source>%1 — %n page(s), from %2, %3
</source>
            <translation>
                <numerusform>%1 — %n trang, từ %2, %3
</numerusform>
            </translation>
        </message>
        <message>
            <source>(unknown)</source>
            <translation>(không rõ)</translation>
        </message>
        <message>
            <source>Nothing waits to be registered.</source>
            <translation>Không có bản quét nào chờ vào sổ.</translation>
        </message>
        <message>
            <source>%1: %2
</source>
            <translation>%1: %2
</translation>
        </message>
        <message>
            <source>No file failed.</source>
            <translation>Không có tệp nào bị lỗi.</translation>
        </message>
        <message>
            <source>Moved to %1</source>
            <translation>Đã chuyển đến %1</translation>
        </message>
        <message>
            <source>Back in the scan folder: %1</source>
            <translation>Đã trả lại thư mục quét: %1</translation>
        </message>
        <message>
            <source>ocr IN.pdf|IMAGE --out OUT.pdf [--lang vie] [--psm auto|3|6] [--threads N] [--tessdata DIR] [--keep-orientation] [--json]</source>
            <translation>ocr VÀO.pdf|ẢNH --out RA.pdf [--lang vie] [--psm auto|3|6] [--threads N] [--tessdata THƯ_MỤC] [--keep-orientation] [--json]</translation>
        </message>
        <message>
            <source>Page %1 was scanned turned; it is shown turned %2° clockwise to read upright
</source>
            <translation>Trang %1 được quét bị xoay; trang được hiển thị xoay %2° theo chiều kim đồng hồ để đọc đúng chiều
</translation>
        </message>
        <message numerus="yes">
            <source>Directory refreshed: %n agency(ies) added or renamed</source>
            <translation>
                <numerusform>Đã cập nhật danh bạ: thêm hoặc đổi tên %n cơ quan</numerusform>
            </translation>
        </message>
        <message>
            <source>The directory could not be refreshed (tried again next cycle): %1</source>
            <translation>Chưa cập nhật được danh bạ (sẽ thử lại ở lượt sau): %1</translation>
        </message>
        <message>
            <source>edxml status needs --from ORGAN_ID (the document is addressed to %1), or a workspace (--workspace) whose organ code answers</source>
            <translation>edxml status cần --from MÃ_ĐỊNH_DANH (văn bản gửi đến %1), hoặc một vùng làm việc (--workspace) có mã định danh của cơ quan trả lời</translation>
        </message>
        <message>
            <source>no organ</source>
            <translation>không cơ quan nào</translation>
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
        <name>CredentialStore</name>
        <message>
            <source>the keychain did not answer</source>
            <translation>kho khoá không phản hồi</translation>
        </message>
        <message>
            <source>No keychain is available on this computer (%1)</source>
            <translation>Máy tính này không có kho khoá nào dùng được (%1)</translation>
        </message>
        <message>
            <source>no Secret Service, KWallet or system keychain</source>
            <translation>không có Secret Service, KWallet hay kho khoá của hệ điều hành</translation>
        </message>
        <message>
            <source>The keychain did not store the secret: %1</source>
            <translation>Kho khoá không lưu được khoá bí mật: %1</translation>
        </message>
        <message>
            <source>The keychain holds no secret for %1</source>
            <translation>Kho khoá không có khoá bí mật cho %1</translation>
        </message>
        <message>
            <source>The keychain refused to give the secret: %1</source>
            <translation>Kho khoá từ chối cung cấp khoá bí mật: %1</translation>
        </message>
        <message>
            <source>The keychain did not delete the secret: %1</source>
            <translation>Kho khoá không xoá được khoá bí mật: %1</translation>
        </message>
        <message>
            <source>No secret for the %1 exchange of %2: %3, and the environment variable %4 is not set</source>
            <translation>Không có khoá bí mật cho kênh liên thông %1 của %2: %3, và biến môi trường %4 chưa được đặt</translation>
        </message>
        <message>
            <source>No secret for the %1 exchange of %2: %3, and the configuration names no environment variable (secretEnv) to take it from</source>
            <translation>Không có khoá bí mật cho kênh liên thông %1 của %2: %3, và cấu hình không chỉ ra biến môi trường (secretEnv) nào để lấy khoá</translation>
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
        <name>DocumentPacket</name>
        <message>
            <source>The document %1 was recalled and can no longer be sent</source>
            <translation>Văn bản %1 đã bị thu hồi, không thể gửi nữa</translation>
        </message>
        <message>
            <source>The document "%1" has not been issued yet: only an issued document, with its number and date, can be sent over the exchange</source>
            <translation>Văn bản "%1" chưa được ban hành: chỉ văn bản đã ban hành, có số và ngày, mới được gửi liên thông</translation>
        </message>
        <message>
            <source>The document %1 is classified (%2); classified documents are never sent over the document exchange, send it on paper as the rules for secret documents require</source>
            <translation>Văn bản %1 có độ mật (%2); văn bản mật không bao giờ được gửi qua liên thông văn bản, hãy gửi bản giấy theo quy định về văn bản mật</translation>
        </message>
        <message>
            <source>The document %1 names no recipient organ code (mã định danh); add the recipients' codes before sending it</source>
            <translation>Văn bản %1 chưa có mã định danh của cơ quan nhận; hãy bổ sung mã định danh nơi nhận trước khi gửi</translation>
        </message>
        <message>
            <source>The document %1 has no issued file to send</source>
            <translation>Văn bản %1 không có tệp đã ban hành để gửi</translation>
        </message>
    </context>
    <context>
        <name>DocumentView</name>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>Không ghi được %1: %2</translation>
        </message>
    </context>
    <context>
        <name>DraftOutgoingDialog</name>
        <message>
            <source>Draft outgoing document</source>
            <translation>Soạn văn bản đi</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Văn bản</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>&amp;Loại văn bản:</translation>
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
            <source>Drafting &amp;unit:</source>
            <translation>Đơn vị &amp;soạn thảo:</translation>
        </message>
        <message>
            <source>&amp;Notation:</source>
            <translation>&amp;Ký hiệu:</translation>
        </message>
        <message>
            <source>Leave empty to use the notation computed from the type, the agency and the unit</source>
            <translation>Để trống để dùng ký hiệu tính từ loại văn bản, cơ quan và đơn vị</translation>
        </message>
        <message>
            <source>Ur&amp;gency:</source>
            <translation>Độ &amp;khẩn:</translation>
        </message>
        <message>
            <source>Classi&amp;fication:</source>
            <translation>Độ &amp;mật:</translation>
        </message>
        <message>
            <source>&amp;Answers:</source>
            <translation>&amp;Trả lời văn bản đến:</translation>
        </message>
        <message>
            <source>Optional: arrival no., number or summary of the incoming document</source>
            <translation>Không bắt buộc: số đến, số ký hiệu hoặc trích yếu của văn bản đến</translation>
        </message>
        <message>
            <source>Te&amp;mplate:</source>
            <translation>&amp;Mẫu văn bản:</translation>
        </message>
        <message>
            <source>Draft &amp;file:</source>
            <translation>&amp;Tệp dự thảo:</translation>
        </message>
        <message>
            <source>The draft, a PDF file (you can also drop it onto this window)</source>
            <translation>Bản dự thảo, tệp PDF (có thể kéo thả tệp vào cửa sổ này)</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>&amp;Chọn tệp…</translation>
        </message>
        <message>
            <source>Recipients and signer</source>
            <translation>Nơi nhận và người ký</translation>
        </message>
        <message>
            <source>&amp;Recipients:</source>
            <translation>Nơi &amp;nhận:</translation>
        </message>
        <message>
            <source>As printed under "Nơi nhận", e.g. Như trên; Lưu: VT, VP.</source>
            <translation>Như in ở mục "Nơi nhận", ví dụ: Như trên; Lưu: VT, VP.</translation>
        </message>
        <message>
            <source>Receiving &amp;organs:</source>
            <translation>&amp;Cơ quan nhận:</translation>
        </message>
        <message>
            <source>A&amp;dd</source>
            <translation>&amp;Thêm</translation>
        </message>
        <message>
            <source>Remo&amp;ve</source>
            <translation>&amp;Bỏ</translation>
        </message>
        <message>
            <source>Signing au&amp;thority:</source>
            <translation>Thẩm &amp;quyền ký:</translation>
        </message>
        <message>
            <source>Signer's ti&amp;tle:</source>
            <translation>Chức &amp;vụ người ký:</translation>
        </message>
        <message>
            <source>Title as printed, e.g. Phó Chủ tịch</source>
            <translation>Chức vụ như in trên văn bản, ví dụ: Phó Chủ tịch</translation>
        </message>
        <message>
            <source>Si&amp;gner:</source>
            <translation>&amp;Người ký:</translation>
        </message>
        <message>
            <source>&amp;Copies:</source>
            <translation>Số lượng &amp;bản:</translation>
        </message>
        <message>
            <source>D&amp;ue date:</source>
            <translation>&amp;Hạn xử lý:</translation>
        </message>
        <message>
            <source>Archive cop&amp;y kept by:</source>
            <translation>Nơi nhận bản &amp;lưu:</translation>
        </message>
        <message>
            <source>&amp;Issued by:</source>
            <translation>Cơ quan/tổ chức &amp;ban hành:</translation>
        </message>
        <message>
            <source>The agency itself, or one of its advisory bodies (hội đồng, ban chỉ đạo) that issues the document under its own abbreviation and number sequence</source>
            <translation>Chính cơ quan, hoặc một hội đồng, ban chỉ đạo của cơ quan ban hành văn bản với chữ viết tắt và hệ thống số riêng</translation>
        </message>
    </context>
    <context>
        <name>EdxmlReader</name>
        <message>
            <source>The packet is %1 MB; packets over %2 MB are refused</source>
            <translation>Gói tin có dung lượng %1 MB; gói tin lớn hơn %2 MB bị từ chối</translation>
        </message>
        <message>
            <source>edXML packets are encoded in UTF-8; this file is %1</source>
            <translation>Gói tin edXML phải mã hóa UTF-8; tệp này mã hóa %1</translation>
        </message>
        <message>
            <source>The file is empty or holds no XML element</source>
            <translation>Tệp rỗng hoặc không có phần tử XML nào</translation>
        </message>
        <message>
            <source>Line %1, column %2: text ("%3") stands before the XML declaration, which must open the file</source>
            <translation>Dòng %1, cột %2: có văn bản ("%3") đứng trước khai báo XML, trong khi khai báo này phải ở đầu tệp</translation>
        </message>
        <message>
            <source>Line %1, column %2: the file must start with the XML declaration or the root element, not with "%3"</source>
            <translation>Dòng %1, cột %2: tệp phải bắt đầu bằng khai báo XML hoặc phần tử gốc, không phải bằng "%3"</translation>
        </message>
        <message>
            <source>Line %1, column %2: the packet carries a document type declaration (DOCTYPE); edXML packets have none, and it is refused for safety</source>
            <translation>Dòng %1, cột %2: gói tin có khai báo kiểu tài liệu (DOCTYPE); gói tin edXML không có khai báo này nên bị từ chối để bảo đảm an toàn</translation>
        </message>
        <message>
            <source>Line %1, column %2: the elements are nested more than %3 levels deep</source>
            <translation>Dòng %1, cột %2: các phần tử lồng nhau sâu quá %3 cấp</translation>
        </message>
        <message>
            <source>Line %1, column %2: the packet has more than %3 elements</source>
            <translation>Dòng %1, cột %2: gói tin có hơn %3 phần tử</translation>
        </message>
        <message>
            <source>Line %1, column %2: the packet has more than %3 attachments</source>
            <translation>Dòng %1, cột %2: gói tin có hơn %3 tệp đính kèm</translation>
        </message>
        <message>
            <source>Line %1, column %2: the text of the element %3 is longer than %4 KB</source>
            <translation>Dòng %1, cột %2: nội dung của phần tử %3 dài quá %4 KB</translation>
        </message>
        <message>
            <source>Line %1, column %2: this is not an edXML packet: the root element is %3 in the namespace "%4" (expected edXML in %5)</source>
            <translation>Dòng %1, cột %2: đây không phải gói tin edXML: phần tử gốc là %3 trong không gian tên "%4" (cần edXML trong %5)</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" is larger than %4 MB</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" lớn hơn %4 MB</translation>
        </message>
        <message>
            <source>Line %1, column %2: the file ends before the element %3 opened on line %4 is closed; the packet is incomplete</source>
            <translation>Dòng %1, cột %2: tệp kết thúc trước khi phần tử %3 mở ở dòng %4 được đóng; gói tin không đầy đủ</translation>
        </message>
        <message>
            <source>Line %1, column %2: the element %3 opened on line %4 is closed by &lt;/%5&gt;</source>
            <translation>Dòng %1, cột %2: phần tử %3 mở ở dòng %4 lại bị đóng bằng &lt;/%5&gt;</translation>
        </message>
        <message>
            <source>Line %1, column %2: the prefix %3 is used but never declared (xmlns:%3 is missing)</source>
            <translation>Dòng %1, cột %2: tiền tố %3 được dùng nhưng chưa khai báo (thiếu xmlns:%3)</translation>
        </message>
        <message>
            <source>Line %1, column %2: the text is not valid UTF-8</source>
            <translation>Dòng %1, cột %2: văn bản không đúng mã UTF-8</translation>
        </message>
        <message>
            <source>Line %1, column %2: the XML is not well-formed: %3</source>
            <translation>Dòng %1, cột %2: XML không đúng cú pháp: %3</translation>
        </message>
        <message>
            <source>Line %1, column %2: %3 must be a whole number, not "%4"</source>
            <translation>Dòng %1, cột %2: %3 phải là số nguyên, không phải "%4"</translation>
        </message>
        <message>
            <source>Line %1, column %2: %3 must be true or false, not "%4"</source>
            <translation>Dòng %1, cột %2: %3 phải là true hoặc false, không phải "%4"</translation>
        </message>
        <message>
            <source>Line %1, column %2: %3 "%4" is not a date (yyyy/MM/dd expected)</source>
            <translation>Dòng %1, cột %2: %3 "%4" không phải là ngày (cần dạng yyyy/MM/dd)</translation>
        </message>
        <message>
            <source>Line %1, column %2: %3 "%4" is not a date and time (yyyy/MM/dd HH:mm:ss expected)</source>
            <translation>Dòng %1, cột %2: %3 "%4" không phải là ngày giờ (cần dạng yyyy/MM/dd HH:mm:ss)</translation>
        </message>
        <message>
            <source>Line %1, column %2: the element %3 has no %4: this packet carries no header</source>
            <translation>Dòng %1, cột %2: phần tử %3 không có %4: gói tin không có phần đầu</translation>
        </message>
        <message>
            <source>Line %1, column %2: the content of the attachment "%3" is not valid base64</source>
            <translation>Dòng %1, cột %2: nội dung tệp đính kèm "%3" không đúng mã base64</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachments together are larger than %3 MB</source>
            <translation>Dòng %1, cột %2: tổng dung lượng các tệp đính kèm lớn hơn %3 MB</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" is an encrypted ZIP file, which cannot be opened</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" là tệp ZIP có mật khẩu, không mở được</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" is zipped with a method other than deflate</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" được nén bằng phương pháp khác deflate</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" is a ZIP64 file, which edXML packets do not use</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" là tệp ZIP64, loại mà gói tin edXML không dùng</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" would expand more than %4 times when unzipped (a zip bomb) and is refused</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" khi giải nén sẽ phình to hơn %4 lần (bom nén) nên bị từ chối</translation>
        </message>
        <message>
            <source>Line %1, column %2: the attachment "%3" fails its ZIP checksum (CRC-32): its content was altered</source>
            <translation>Dòng %1, cột %2: tệp đính kèm "%3" sai mã kiểm tra ZIP (CRC-32): nội dung đã bị thay đổi</translation>
        </message>
        <message>
            <source>Line %1, column %2: the ZIP file of the attachment "%3" is damaged or incomplete</source>
            <translation>Dòng %1, cột %2: tệp ZIP của tệp đính kèm "%3" bị hỏng hoặc không đầy đủ</translation>
        </message>
        <message>
            <source>Cannot read the file %1: %2</source>
            <translation>Không đọc được tệp %1: %2</translation>
        </message>
    </context>
    <context>
        <name>EdxmlValidation</name>
        <message>
            <source>The status code %1 is not one of %2</source>
            <translation>Mã trạng thái %1 không thuộc các mã %2</translation>
        </message>
        <message>
            <source>The mandatory field %1 is missing</source>
            <translation>Thiếu trường bắt buộc %1</translation>
        </message>
        <message>
            <source>The field %1 holds the text "null" instead of a value</source>
            <translation>Trường %1 chứa chữ "null" thay vì giá trị</translation>
        </message>
        <message>
            <source>The field %1 is %2; it must lie between %3 and %4</source>
            <translation>Trường %1 có giá trị %2; giá trị phải từ %3 đến %4</translation>
        </message>
        <message>
            <source>The promulgation date %1 lies in the future</source>
            <translation>Ngày ban hành %1 là ngày trong tương lai</translation>
        </message>
        <message>
            <source>The attachment %1 is empty</source>
            <translation>Tệp đính kèm %1 rỗng</translation>
        </message>
        <message>
            <source>The manifest lists %1 (%2), but the packet carries no such attachment</source>
            <translation>Danh mục tệp có %1 (%2) nhưng gói tin không có tệp đính kèm này</translation>
        </message>
    </context>
    <context>
        <name>EdxmlWriter</name>
        <message>
            <source>The kept XML signature is not well-formed XML</source>
            <translation>Chữ ký XML được lưu giữ không đúng cú pháp XML</translation>
        </message>
    </context>
    <context>
        <name>ExchangeService</name>
        <message>
            <source>Only the clerk (văn thư) or an administrator works with the document exchange</source>
            <translation>Chỉ văn thư hoặc quản trị viên làm việc với liên thông văn bản</translation>
        </message>
        <message numerus="yes">
            <source>%n recipient(s) over the document exchange</source>
            <translation>
                <numerusform>%n nơi nhận qua liên thông văn bản</numerusform>
            </translation>
        </message>
        <message>
            <source>Recall the document first; its revocation is then sent to every agency it went to</source>
            <translation>Hãy thu hồi văn bản trước; thông báo thu hồi sẽ được gửi tới mọi cơ quan đã nhận văn bản</translation>
        </message>
        <message>
            <source>The document was never sent over the document exchange: there is no agency to send its revocation to</source>
            <translation>Văn bản chưa từng được gửi qua liên thông văn bản: không có cơ quan nào để gửi thông báo thu hồi</translation>
        </message>
        <message>
            <source>(no summary in the packet)</source>
            <translation>(gói tin không có trích yếu)</translation>
        </message>
        <message>
            <source>There is no such request (%1)</source>
            <translation>Không có yêu cầu này (%1)</translation>
        </message>
        <message>
            <source>This request was already decided</source>
            <translation>Yêu cầu này đã được xử lý</translation>
        </message>
        <message>
            <source>Give the reason for refusing the request</source>
            <translation>Hãy nêu lý do từ chối yêu cầu</translation>
        </message>
        <message>
            <source>Replaced by the sender: %1</source>
            <translation>Bị bên gửi thay thế: %1</translation>
        </message>
        <message>
            <source>Recalled by the sender: %1</source>
            <translation>Bị bên gửi thu hồi: %1</translation>
        </message>
    </context>
    <context>
        <name>ExchangeSettings</name>
        <message>
            <source>Unknown exchange transport "%1"</source>
            <translation>Không có phương thức liên thông "%1"</translation>
        </message>
        <message>
            <source>Only an administrator can set up the document exchange</source>
            <translation>Chỉ quản trị viên được thiết lập liên thông văn bản</translation>
        </message>
        <message>
            <source>The document exchange is set up in this computer's system configuration (%1); ask IT to change it there</source>
            <translation>Liên thông văn bản được thiết lập trong cấu hình hệ thống của máy này (%1); hãy đề nghị bộ phận CNTT thay đổi tại đó</translation>
        </message>
        <message>
            <source>Poll the exchange at most every 10 seconds (%1 given)</source>
            <translation>Chỉ kiểm tra liên thông nhiều nhất mỗi 10 giây một lần (đã nhập %1)</translation>
        </message>
        <message>
            <source>The document exchange is not set up for this workspace yet (an administrator sets it up: exchange configure)</source>
            <translation>Không gian làm việc này chưa thiết lập liên thông văn bản (quản trị viên thiết lập bằng: exchange configure)</translation>
        </message>
    </context>
    <context>
        <name>ExchangeSettingsDialog</name>
        <message>
            <source>GovDesk sends issued documents to other agencies and receives theirs over the national document exchange axis or the province's LGSP. The operator of the exchange gives the address, the system id and the secret.</source>
            <translation>GovDesk gửi văn bản đã ban hành đến cơ quan khác và nhận văn bản của họ qua Trục liên thông văn bản quốc gia hoặc nền tảng LGSP của tỉnh. Đơn vị vận hành trục cung cấp địa chỉ, mã hệ thống và khóa bí mật.</translation>
        </message>
        <message>
            <source>Exchange server</source>
            <translation>Máy chủ liên thông</translation>
        </message>
        <message>
            <source>&amp;Exchange:</source>
            <translation>&amp;Trục liên thông:</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>Đị&amp;a chỉ:</translation>
        </message>
        <message>
            <source>https://lienthong.example.vn/vxp</source>
            <translation>https://lienthong.example.vn/vxp</translation>
        </message>
        <message>
            <source>&amp;System id:</source>
            <translation>&amp;Mã hệ thống:</translation>
        </message>
        <message>
            <source>Given by the operator of the exchange</source>
            <translation>Do đơn vị vận hành trục liên thông cấp</translation>
        </message>
        <message>
            <source>Sender i&amp;d:</source>
            <translation>Mã bên &amp;gửi:</translation>
        </message>
        <message>
            <source>Optional; empty: the system id</source>
            <translation>Không bắt buộc; để trống: dùng mã hệ thống</translation>
        </message>
        <message>
            <source>&amp;Token address:</source>
            <translation>Địa chỉ lấy t&amp;oken:</translation>
        </message>
        <message>
            <source>Optional; empty: the address followed by /token</source>
            <translation>Không bắt buộc; để trống: địa chỉ trục kèm /token</translation>
        </message>
        <message>
            <source>&amp;Place name:</source>
            <translation>Địa &amp;danh:</translation>
        </message>
        <message>
            <source>Written on sent documents, e.g. Đắk Nông</source>
            <translation>Ghi trên văn bản gửi đi, ví dụ: Đắk Nông</translation>
        </message>
        <message>
            <source>Credentials</source>
            <translation>Thông tin xác thực</translation>
        </message>
        <message>
            <source>Se&amp;cret:</source>
            <translation>Khóa &amp;bí mật:</translation>
        </message>
        <message>
            <source>En&amp;vironment variable:</source>
            <translation>Biến môi t&amp;rường:</translation>
        </message>
        <message>
            <source>e.g. GOVDESK_EXCHANGE_SECRET</source>
            <translation>ví dụ: GOVDESK_EXCHANGE_SECRET</translation>
        </message>
        <message>
            <source>&amp;CA certificates:</source>
            <translation>&amp;Chứng thư CA:</translation>
        </message>
        <message>
            <source>Optional; the system certificates are always trusted</source>
            <translation>Không bắt buộc; chứng thư của hệ thống luôn được tin cậy</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>C&amp;họn tệp…</translation>
        </message>
        <message>
            <source>Network and synchronisation</source>
            <translation>Mạng và đồng bộ</translation>
        </message>
        <message>
            <source>&amp;Proxy:</source>
            <translation>&amp;Proxy:</translation>
        </message>
        <message>
            <source>Empty: the system proxy; none: direct; http://host:port</source>
            <translation>Để trống: proxy của hệ thống; none: kết nối trực tiếp; http://máy:cổng</translation>
        </message>
        <message>
            <source>&amp;Time-out:</source>
            <translation>Thời g&amp;ian chờ:</translation>
        </message>
        <message>
            <source> s</source>
            <translation> giây</translation>
        </message>
        <message>
            <source>Check for new documents e&amp;very:</source>
            <translation>Kiểm tra văn bản mới &amp;sau mỗi:</translation>
        </message>
        <message>
            <source>Chec&amp;k connection</source>
            <translation>Kiểm tra kết &amp;nối</translation>
        </message>
        <message>
            <source>Document exchange settings</source>
            <translation>Thiết lập liên thông văn bản</translation>
        </message>
    </context>
    <context>
        <name>ExchangeText</name>
        <message>
            <source>waiting to be sent</source>
            <translation>chờ gửi</translation>
        </message>
        <message>
            <source>being sent</source>
            <translation>đang gửi</translation>
        </message>
        <message>
            <source>sent to the exchange</source>
            <translation>đã gửi</translation>
        </message>
        <message>
            <source>failed, not retried</source>
            <translation>lỗi, không gửi lại</translation>
        </message>
        <message>
            <source>Status %1</source>
            <translation>Trạng thái %1</translation>
        </message>
        <message>
            <source>Revocation notice</source>
            <translation>Thông báo thu hồi</translation>
        </message>
        <message>
            <source>Replacing document</source>
            <translation>Văn bản thay thế</translation>
        </message>
        <message>
            <source>Updating document</source>
            <translation>Văn bản cập nhật</translation>
        </message>
        <message>
            <source>Outgoing document</source>
            <translation>Văn bản đi</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>Đã đến</translation>
        </message>
        <message>
            <source>Refused by the recipient</source>
            <translation>Từ chối tiếp nhận</translation>
        </message>
        <message>
            <source>Registered by the recipient</source>
            <translation>Đã vào sổ</translation>
        </message>
        <message>
            <source>Assigned for handling</source>
            <translation>Phân công xử lý</translation>
        </message>
        <message>
            <source>Being handled by the recipient</source>
            <translation>Đang xử lý</translation>
        </message>
        <message>
            <source>Handling completed by the recipient</source>
            <translation>Hoàn thành</translation>
        </message>
        <message>
            <source>Recall requested</source>
            <translation>Đề nghị lấy lại</translation>
        </message>
        <message>
            <source>Request accepted by the recipient</source>
            <translation>Đồng ý yêu cầu</translation>
        </message>
        <message>
            <source>Request refused by the recipient</source>
            <translation>Từ chối yêu cầu</translation>
        </message>
        <message>
            <source>take back</source>
            <translation>lấy lại</translation>
        </message>
        <message>
            <source>revoke</source>
            <translation>thu hồi</translation>
        </message>
        <message>
            <source>update</source>
            <translation>cập nhật</translation>
        </message>
        <message>
            <source>replace</source>
            <translation>thay thế</translation>
        </message>
        <message>
            <source>%1 asks to take this document back</source>
            <translation>%1 đề nghị lấy lại văn bản này</translation>
        </message>
        <message>
            <source>%1 asks to revoke this document</source>
            <translation>%1 đề nghị thu hồi văn bản này</translation>
        </message>
        <message>
            <source>%1 asks to update the information of this document</source>
            <translation>%1 đề nghị cập nhật thông tin của văn bản này</translation>
        </message>
        <message>
            <source>%1 asks to replace this document with a new one</source>
            <translation>%1 đề nghị thay thế văn bản này bằng văn bản mới</translation>
        </message>
        <message>
            <source>%1 sent a request about this document</source>
            <translation>%1 gửi một yêu cầu về văn bản này</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>ExchangeTransport</name>
        <message>
            <source>Cannot reach the exchange server %1: %2</source>
            <translation>Không kết nối được tới máy chủ liên thông %1: %2</translation>
        </message>
        <message>
            <source>The exchange server %1 did not answer within %2 seconds</source>
            <translation>Máy chủ liên thông %1 không trả lời trong vòng %2 giây</translation>
        </message>
        <message>
            <source>The exchange server %1 closed the connection without answering</source>
            <translation>Máy chủ liên thông %1 đã đóng kết nối mà không trả lời</translation>
        </message>
        <message>
            <source>The exchange server %1 failed (HTTP %2); the request will be tried again later</source>
            <translation>Máy chủ liên thông %1 gặp lỗi (HTTP %2); yêu cầu sẽ được thử lại sau</translation>
        </message>
        <message>
            <source>The certificate of the exchange server %1 has expired or is not yet valid: %2</source>
            <translation>Chứng thư của máy chủ liên thông %1 đã hết hạn hoặc chưa có hiệu lực: %2</translation>
        </message>
        <message>
            <source>The certificate presented by %1 was issued for another host name: %2</source>
            <translation>Chứng thư do %1 đưa ra được cấp cho một tên máy khác: %2</translation>
        </message>
        <message>
            <source>The certificate of the exchange server %1 is not trusted: %2. Ask IT to add its CA to the exchange CA bundle</source>
            <translation>Chứng thư của máy chủ liên thông %1 không được tin cậy: %2. Hãy đề nghị bộ phận CNTT thêm CA của máy chủ vào tệp chứng thư CA của trục liên thông</translation>
        </message>
        <message>
            <source>The exchange refused the credentials of system %1: %2</source>
            <translation>Trục liên thông từ chối thông tin xác thực của hệ thống %1: %2</translation>
        </message>
        <message>
            <source>The exchange refused the request: %1</source>
            <translation>Trục liên thông từ chối yêu cầu: %1</translation>
        </message>
        <message>
            <source>The reply of the exchange server %1 was cut off after %2 bytes</source>
            <translation>Trả lời của máy chủ liên thông %1 bị cắt ngang sau %2 byte</translation>
        </message>
        <message>
            <source>The reply of the exchange server %1 was cut off (%2 of %3 bytes)</source>
            <translation>Trả lời của máy chủ liên thông %1 bị cắt ngang (%2 trên %3 byte)</translation>
        </message>
        <message>
            <source>The reply of the exchange server %1 cannot be read: %2</source>
            <translation>Không đọc được trả lời của máy chủ liên thông %1: %2</translation>
        </message>
        <message>
            <source>The exchange server %1 answered HTTP %2 for %3; check the exchange address</source>
            <translation>Máy chủ liên thông %1 trả về HTTP %2 cho %3; hãy kiểm tra địa chỉ trục liên thông</translation>
        </message>
        <message>
            <source>The %1 exchange does not offer the list of sent packets</source>
            <translation>Kênh liên thông %1 không cung cấp danh sách gói tin đã gửi</translation>
        </message>
        <message>
            <source>the reply has no %1</source>
            <translation>trả lời không có %1</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(trống)</translation>
        </message>
        <message>
            <source>not a JSON object</source>
            <translation>không phải là một đối tượng JSON</translation>
        </message>
        <message>
            <source>The call to the exchange server %1 was stopped; it is tried again at the next synchronisation</source>
            <translation>Lệnh gọi tới máy chủ liên thông %1 đã dừng; sẽ thử lại ở lần đồng bộ sau</translation>
        </message>
        <message>
            <source>The exchange server %1 sent a reply larger than %2; it was not read</source>
            <translation>Máy chủ liên thông %1 gửi phản hồi lớn hơn %2; phản hồi không được đọc</translation>
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
        <name>IncomingScanPanel</name>
        <message>
            <source>Scan and text recognition</source>
            <translation>Quét và nhận dạng chữ</translation>
        </message>
        <message>
            <source>S&amp;can document…</source>
            <translation>&amp;Quét văn bản…</translation>
        </message>
        <message>
            <source>&amp;Import image/PDF files…</source>
            <translation>Nhậ&amp;p tệp ảnh/PDF…</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Dừng</translation>
        </message>
        <message>
            <source>◀</source>
            <translation>◀</translation>
        </message>
        <message>
            <source>▶</source>
            <translation>▶</translation>
        </message>
        <message>
            <source>Use &amp;all</source>
            <translation>&amp;Dùng tất cả</translation>
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
        <message>
            <source>Only the clerk (văn thư) can accept a recall by the sender</source>
            <translation>Chỉ văn thư được đồng ý yêu cầu thu hồi của bên gửi</translation>
        </message>
    </context>
    <context>
        <name>IssuingBodiesDialog</name>
        <message>
            <source>Advisory bodies</source>
            <translation>Hội đồng, ban chỉ đạo</translation>
        </message>
        <message>
            <source>Councils and steering committees of the agency that issue documents in their own name. Each has its own outgoing register and number sequence, and its abbreviation in the notation (01/QĐ-HĐTĐKT).</source>
            <translation>Các hội đồng, ban chỉ đạo của cơ quan được ban hành văn bản nhân danh mình. Mỗi hội đồng, ban có sổ đăng ký văn bản đi và hệ thống số riêng, và chữ viết tắt của mình trong ký hiệu văn bản (01/QĐ-HĐTĐKT).</translation>
        </message>
        <message>
            <source>Also bodies that no longer &amp;issue documents</source>
            <translation>Cả các hội đồng, ban đã thôi &amp;ban hành văn bản</translation>
        </message>
        <message>
            <source>&amp;Stop issuing…</source>
            <translation>&amp;Thôi ban hành…</translation>
        </message>
        <message>
            <source>The body issues no new documents; its register and the documents it issued are kept</source>
            <translation>Hội đồng, ban không ban hành văn bản mới nữa; sổ đăng ký và các văn bản đã ban hành được giữ nguyên</translation>
        </message>
        <message>
            <source>Abbreviation</source>
            <translation>Chữ viết tắt</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Sổ đăng ký</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Add an advisory body</source>
            <translation>Thêm hội đồng, ban chỉ đạo</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Tên:</translation>
        </message>
        <message>
            <source>e.g. Hội đồng Thi đua - Khen thưởng tỉnh</source>
            <translation>ví dụ: Hội đồng Thi đua - Khen thưởng tỉnh</translation>
        </message>
        <message>
            <source>A&amp;bbreviation:</source>
            <translation>Chữ &amp;viết tắt:</translation>
        </message>
        <message>
            <source>Capital letters, digits and '-', e.g. HĐTĐKT or BCĐ-389</source>
            <translation>Chữ in hoa, chữ số và dấu '-', ví dụ: HĐTĐKT hoặc BCĐ-389</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Thêm</translation>
        </message>
    </context>
    <context>
        <name>LgspSoapTransport</name>
        <message>
            <source>The exchange server %1 failed: %2; the request will be tried again later</source>
            <translation>Máy chủ liên thông %1 gặp lỗi: %2; yêu cầu sẽ được thử lại sau</translation>
        </message>
        <message>
            <source>The exchange server %1 refused the HTTP request: %2; check the exchange address</source>
            <translation>Máy chủ liên thông %1 từ chối yêu cầu HTTP: %2; hãy kiểm tra địa chỉ trục liên thông</translation>
        </message>
        <message>
            <source>The exchange server %1 reported a server fault: %2; the request will be tried again later</source>
            <translation>Máy chủ liên thông %1 báo lỗi phía máy chủ: %2; yêu cầu sẽ được thử lại sau</translation>
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
        <name>OcrEngine</name>
        <message>
            <source>The Vietnamese OCR model (vie.traineddata) is not installed (looked in %1). Install the package tesseract-ocr-vie or set TESSDATA_PREFIX to the folder that holds it</source>
            <translation>Chưa cài mô hình nhận dạng chữ tiếng Việt (vie.traineddata) (đã tìm trong %1). Hãy cài gói tesseract-ocr-vie hoặc đặt TESSDATA_PREFIX trỏ tới thư mục chứa mô hình</translation>
        </message>
        <message>
            <source>The OCR model %1.traineddata is not installed (looked in %2). Install the package tesseract-ocr-%1 or set TESSDATA_PREFIX to the folder that holds it</source>
            <translation>Chưa cài mô hình nhận dạng chữ %1.traineddata (đã tìm trong %2). Hãy cài gói tesseract-ocr-%1 hoặc đặt TESSDATA_PREFIX trỏ tới thư mục chứa mô hình</translation>
        </message>
        <message>
            <source>"%1" is not an OCR language (expected for example vie or vie+eng)</source>
            <translation>"%1" không phải là ngôn ngữ nhận dạng chữ (ví dụ đúng: vie hoặc vie+eng)</translation>
        </message>
        <message>
            <source>The OCR engine could not load the model %1 from %2</source>
            <translation>Bộ nhận dạng chữ không nạp được mô hình %1 từ %2</translation>
        </message>
        <message>
            <source>Text recognition was cancelled</source>
            <translation>Đã hủy nhận dạng chữ</translation>
        </message>
        <message>
            <source>Text recognition failed</source>
            <translation>Nhận dạng chữ không thành công</translation>
        </message>
        <message>
            <source>The page image is empty</source>
            <translation>Ảnh trang trống</translation>
        </message>
    </context>
    <context>
        <name>OcrPipeline</name>
        <message>
            <source>%1 is empty</source>
            <translation>Tệp %1 rỗng</translation>
        </message>
        <message>
            <source>%1 is not a readable PDF (damaged or not a PDF)</source>
            <translation>Không đọc được %1 (tệp PDF hỏng hoặc không phải PDF)</translation>
        </message>
        <message>
            <source>%1 is protected by a password</source>
            <translation>Tệp %1 được bảo vệ bằng mật khẩu</translation>
        </message>
        <message>
            <source>%1 is neither a PDF nor an image</source>
            <translation>Tệp %1 không phải PDF cũng không phải ảnh</translation>
        </message>
        <message>
            <source>The image %1 cannot be read: %2</source>
            <translation>Không đọc được ảnh %1: %2</translation>
        </message>
        <message>
            <source>Page %1 of %2 cannot be rendered</source>
            <translation>Không dựng được trang %1 của %2</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>Không đọc được %1: %2</translation>
        </message>
        <message>
            <source>%1 is too large to recognise</source>
            <translation>Tệp %1 quá lớn để nhận dạng chữ</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>Không ghi được %1: %2</translation>
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
        <name>OutgoingActionDialog</name>
        <message>
            <source>New &amp;file:</source>
            <translation>&amp;Tệp mới:</translation>
        </message>
        <message>
            <source>The revised draft, a PDF file</source>
            <translation>Bản dự thảo đã sửa, tệp PDF</translation>
        </message>
        <message>
            <source>&amp;Choose…</source>
            <translation>&amp;Chọn tệp…</translation>
        </message>
        <message>
            <source>Sent &amp;by:</source>
            <translation>&amp;Hình thức gửi:</translation>
        </message>
        <message>
            <source>&amp;Envelopes:</source>
            <translation>Số lượng &amp;bì:</translation>
        </message>
        <message>
            <source>Addressed &amp;to:</source>
            <translation>Nơi &amp;nhận trên bì:</translation>
        </message>
        <message>
            <source>&amp;Used by:</source>
            <translation>&amp;Người sử dụng:</translation>
        </message>
        <message>
            <source>Required: full name of the person using the archive copy</source>
            <translation>Bắt buộc: họ và tên người sử dụng bản lưu</translation>
        </message>
        <message>
            <source>&amp;Allowed by:</source>
            <translation>Người &amp;cho phép:</translation>
        </message>
        <message>
            <source>&amp;File (hồ sơ) no.:</source>
            <translation>Số, ký hiệu &amp;hồ sơ:</translation>
        </message>
        <message>
            <source>Optional: number and notation of the file the copy is kept in</source>
            <translation>Không bắt buộc: số và ký hiệu hồ sơ lưu văn bản</translation>
        </message>
        <message>
            <source>&amp;Returned on:</source>
            <translation>Ngày &amp;trả:</translation>
        </message>
        <message>
            <source>This document:</source>
            <translation>Văn bản này:</translation>
        </message>
        <message>
            <source>&amp;Issued document:</source>
            <translation>&amp;Văn bản đã ban hành:</translation>
        </message>
        <message>
            <source>Co&amp;mment:</source>
            <translation>Ý &amp;kiến:</translation>
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
        <message>
            <source>From %1 to %2</source>
            <translation>Từ ngày %1 đến ngày %2</translation>
        </message>
        <message>
            <source>REGISTER OF OUTGOING DOCUMENTS SENT BY POST</source>
            <translation>SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN</translation>
        </message>
        <message>
            <source>No document was sent by post in this period.</source>
            <translation>Không có văn bản nào gửi qua bưu điện trong thời gian này.</translation>
        </message>
        <message>
            <source>Envelopes</source>
            <translation>Số lượng bì</translation>
        </message>
        <message>
            <source>Signature and postmark</source>
            <translation>Ký nhận và dấu bưu điện</translation>
        </message>
        <message>
            <source>REGISTER OF USE OF ARCHIVE COPIES</source>
            <translation>SỔ SỬ DỤNG BẢN LƯU</translation>
        </message>
        <message>
            <source>No archive copy was used in this period.</source>
            <translation>Không có bản lưu nào được sử dụng trong thời gian này.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày tháng</translation>
        </message>
        <message>
            <source>Full name of the user</source>
            <translation>Họ tên người sử dụng</translation>
        </message>
        <message>
            <source>Number, notation and date of the document</source>
            <translation>Số, ký hiệu, ngày tháng văn bản</translation>
        </message>
        <message>
            <source>File number and notation</source>
            <translation>Số và ký hiệu hồ sơ</translation>
        </message>
        <message>
            <source>Date returned</source>
            <translation>Ngày trả</translation>
        </message>
        <message>
            <source>Permitted by</source>
            <translation>Người cho phép sử dụng</translation>
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
        <message>
            <source>The number of copies must be between 1 and 999, not %1</source>
            <translation>Số lượng bản phải từ 1 đến 999, không phải %1</translation>
        </message>
        <message>
            <source>The due date %1 is already past</source>
            <translation>Hạn xử lý %1 đã qua</translation>
        </message>
        <message>
            <source>The holder of the archive copy is longer than %1 characters</source>
            <translation>Đơn vị, người nhận bản lưu dài quá %1 ký tự</translation>
        </message>
        <message>
            <source>The template "%1" is for documents of type %2, not %3</source>
            <translation>Mẫu "%1" dành cho văn bản loại %2, không phải %3</translation>
        </message>
        <message>
            <source>Only an approved or signed document can be issued (it is "%1")</source>
            <translation>Chỉ văn bản đã duyệt hoặc đã ký mới được phát hành (văn bản đang ở trạng thái "%1")</translation>
        </message>
        <message>
            <source>The document has no file to issue</source>
            <translation>Văn bản chưa có tệp để phát hành</translation>
        </message>
        <message>
            <source>The document does not carry the competent person's signature yet; the organisation signs after the person</source>
            <translation>Văn bản chưa có chữ ký số của người có thẩm quyền; cơ quan chỉ ký số sau người có thẩm quyền</translation>
        </message>
        <message>
            <source>The document already carries the organisation's signature</source>
            <translation>Văn bản đã có chữ ký số của cơ quan</translation>
        </message>
        <message>
            <source>Another clerk took number %1 meanwhile</source>
            <translation>Một văn thư khác vừa lấy số %1</translation>
        </message>
        <message>
            <source>Other clerks kept taking the next number while this document was being issued; try again</source>
            <translation>Các văn thư khác liên tục lấy số tiếp theo trong lúc văn bản này đang được phát hành; hãy thử lại</translation>
        </message>
        <message>
            <source>Nothing to change: give at least one field</source>
            <translation>Không có gì để sửa: hãy nêu ít nhất một thông tin</translation>
        </message>
        <message>
            <source>Nothing to change: the document already says so</source>
            <translation>Không có gì để sửa: văn bản đã ghi đúng như vậy</translation>
        </message>
        <message>
            <source>Give a year, or a first and a last date of the period</source>
            <translation>Hãy nêu năm, hoặc ngày đầu và ngày cuối của khoảng thời gian</translation>
        </message>
        <message>
            <source>The sending date %1 is in the future</source>
            <translation>Ngày chuyển %1 là ngày trong tương lai</translation>
        </message>
        <message>
            <source>The number of envelopes must be between 1 and 999, not %1</source>
            <translation>Số lượng bì phải từ 1 đến 999, không phải %1</translation>
        </message>
        <message>
            <source>The document was issued on %1; it cannot have been sent on %2</source>
            <translation>Văn bản ban hành ngày %1; không thể đã gửi đi ngày %2</translation>
        </message>
        <message>
            <source>There is no use of an archive copy %1</source>
            <translation>Không có lần sử dụng bản lưu %1</translation>
        </message>
        <message>
            <source>Only the clerk (văn thư) or an administrator can record the use of archive copies</source>
            <translation>Chỉ văn thư hoặc quản trị viên mới được ghi sổ sử dụng bản lưu</translation>
        </message>
        <message>
            <source>Give the full name of the person using the archive copy</source>
            <translation>Hãy nêu họ tên người sử dụng bản lưu</translation>
        </message>
        <message>
            <source>Give the name of the person who allowed the use of the archive copy</source>
            <translation>Hãy nêu tên người cho phép sử dụng bản lưu</translation>
        </message>
        <message>
            <source>Only an issued document has an archive copy to use (it is "%1")</source>
            <translation>Chỉ văn bản đã ban hành mới có bản lưu để sử dụng (văn bản đang ở trạng thái "%1")</translation>
        </message>
        <message>
            <source>The archive copy of %1 is with %2 since %3; record its return first</source>
            <translation>Bản lưu của văn bản %1 đang do %2 sử dụng từ ngày %3; hãy ghi trả bản lưu trước</translation>
        </message>
        <message>
            <source>The return date %1 is in the future</source>
            <translation>Ngày trả %1 là ngày trong tương lai</translation>
        </message>
        <message>
            <source>The archive copy lent to %1 was already returned on %2</source>
            <translation>Bản lưu cho %1 sử dụng đã được trả ngày %2</translation>
        </message>
        <message>
            <source>The archive copy was lent on %1; it cannot be returned on %2</source>
            <translation>Bản lưu được cho sử dụng ngày %1; không thể trả ngày %2</translation>
        </message>
        <message>
            <source>There is no advisory body %1 issuing documents</source>
            <translation>Không có hội đồng, ban chỉ đạo %1 được ban hành văn bản</translation>
        </message>
        <message>
            <source>The advisory body %1 no longer issues documents</source>
            <translation>%1 không còn ban hành văn bản</translation>
        </message>
        <message>
            <source>Only an administrator can configure the advisory bodies issuing documents</source>
            <translation>Chỉ quản trị viên mới được cấu hình các tổ chức tư vấn (hội đồng, ban chỉ đạo) ban hành văn bản</translation>
        </message>
        <message>
            <source>Give the advisory body a name of at most %1 characters</source>
            <translation>Nhập tên hội đồng, ban chỉ đạo, tối đa %1 ký tự</translation>
        </message>
        <message>
            <source>Invalid abbreviation "%1": capital letters, Đ, digits and "-", at most 20 characters, such as HĐTĐKT</source>
            <translation>Chữ viết tắt "%1" không hợp lệ: chỉ gồm chữ in hoa, Đ, chữ số và "-", tối đa 20 ký tự, ví dụ HĐTĐKT</translation>
        </message>
        <message>
            <source>The abbreviation %1 is already used by %2</source>
            <translation>Chữ viết tắt %1 đã được dùng cho %2</translation>
        </message>
        <message>
            <source>Number %1 is reserved for this document in its book; cancel the reservation before changing its type, classification or issuing body</source>
            <translation>Số %1 đã được giữ cho văn bản này trong sổ của nó; hãy hủy giữ số trước khi đổi loại văn bản, độ mật hoặc cơ quan ban hành</translation>
        </message>
    </context>
    <context>
        <name>OutgoingTemplates</name>
        <message>
            <source>The template "%1" was removed and cannot be used</source>
            <translation>Mẫu "%1" đã bị gỡ bỏ, không dùng được nữa</translation>
        </message>
        <message>
            <source>Only the clerk (văn thư) or an administrator can manage the templates</source>
            <translation>Chỉ văn thư hoặc quản trị viên mới được quản lý mẫu văn bản</translation>
        </message>
        <message>
            <source>There is no template %1</source>
            <translation>Không có mẫu văn bản %1</translation>
        </message>
        <message>
            <source>Give the template a name</source>
            <translation>Hãy đặt tên cho mẫu văn bản</translation>
        </message>
        <message>
            <source>The template name is longer than %1 characters</source>
            <translation>Tên mẫu văn bản dài quá %1 ký tự</translation>
        </message>
        <message>
            <source>Cannot read the template file %1: %2</source>
            <translation>Không đọc được tệp mẫu %1: %2</translation>
        </message>
        <message>
            <source>The file %1 is too large</source>
            <translation>Tệp %1 quá lớn</translation>
        </message>
        <message>
            <source>The template %1 must be a .pdf, .docx or .odt file</source>
            <translation>Mẫu %1 phải là tệp .pdf, .docx hoặc .odt</translation>
        </message>
        <message>
            <source>The file %1 is not a complete .%2 document</source>
            <translation>Tệp %1 không phải là văn bản .%2 hoàn chỉnh</translation>
        </message>
        <message>
            <source>LibreOffice is not installed at %1 (set in %2): office templates cannot be turned into PDF here; ask IT to install it or correct the path, or use a PDF template</source>
            <translation>LibreOffice chưa được cài đặt tại %1 (khai báo trong %2): không thể chuyển mẫu văn bản Word/OpenDocument sang PDF trên máy này; hãy đề nghị bộ phận CNTT cài đặt hoặc sửa lại đường dẫn, hoặc dùng mẫu PDF</translation>
        </message>
        <message>
            <source>LibreOffice is not installed: office templates cannot be turned into PDF here; ask IT to install it, or use a PDF template</source>
            <translation>LibreOffice chưa được cài đặt: không thể chuyển mẫu văn bản Word/OpenDocument sang PDF trên máy này; hãy đề nghị bộ phận CNTT cài đặt, hoặc dùng mẫu PDF</translation>
        </message>
        <message>
            <source>Cannot create a temporary folder: %1</source>
            <translation>Không tạo được thư mục tạm: %1</translation>
        </message>
        <message>
            <source>Cannot write the template to %1: %2</source>
            <translation>Không ghi được mẫu văn bản vào %1: %2</translation>
        </message>
        <message>
            <source>LibreOffice (%1) could not be started: %2</source>
            <translation>Không khởi động được LibreOffice (%1): %2</translation>
        </message>
        <message>
            <source>LibreOffice did not finish turning the template into PDF within %1 seconds and was stopped; try again, or use a PDF template</source>
            <translation>LibreOffice không chuyển xong mẫu văn bản sang PDF trong %1 giây nên đã bị dừng; hãy thử lại, hoặc dùng mẫu PDF</translation>
        </message>
        <message>
            <source>LibreOffice could not turn the template into PDF (exit code %1): %2</source>
            <translation>LibreOffice không chuyển được mẫu văn bản sang PDF (mã thoát %1): %2</translation>
        </message>
        <message>
            <source>LibreOffice gave no complete PDF for the template: %1</source>
            <translation>LibreOffice không tạo ra tệp PDF hoàn chỉnh từ mẫu văn bản: %1</translation>
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
        <name>RegistryCounter</name>
        <message>
            <source>The registry counter could not be advanced</source>
            <translation>Không tăng được bộ đếm số của sổ đăng ký</translation>
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
        <name>Sandbox</name>
        <message>
            <source>Port on 127.0.0.1 (0: any free port).</source>
            <translation>Cổng trên 127.0.0.1 (0: một cổng trống bất kỳ).</translation>
        </message>
        <message>
            <source>Agencies file (JSON).</source>
            <translation>Tệp danh sách cơ quan (JSON).</translation>
        </message>
        <message>
            <source>Faults armed at start (SPEC).</source>
            <translation>Các lỗi giả lập bật sẵn khi khởi động (SPEC).</translation>
        </message>
        <message>
            <source>Serve HTTPS with this certificate (PEM, the server's first, then its chain).</source>
            <translation>Phục vụ HTTPS bằng chứng thư này (PEM, chứng thư của máy chủ trước, sau đó là chuỗi chứng thư).</translation>
        </message>
        <message>
            <source>Private key of the certificate (PEM).</source>
            <translation>Khoá riêng của chứng thư (PEM).</translation>
        </message>
        <message>
            <source>Keep packets and inboxes in this folder, so a restart keeps them.</source>
            <translation>Lưu gói tin và hộp thư đến trong thư mục này để khởi động lại vẫn còn.</translation>
        </message>
        <message>
            <source>Lifetime of OAuth tokens in seconds.</source>
            <translation>Thời hạn của mã truy cập OAuth, tính bằng giây.</translation>
        </message>
        <message>
            <source>Log every request on stderr.</source>
            <translation>Ghi mọi yêu cầu ra stderr.</translation>
        </message>
        <message>
            <source>--token-lifetime needs a positive number of seconds</source>
            <translation>--token-lifetime cần một số giây dương</translation>
        </message>
        <message>
            <source>Invalid --faults: %1</source>
            <translation>--faults không hợp lệ: %1</translation>
        </message>
        <message>
            <source>--tls-cert and --tls-key go together</source>
            <translation>--tls-cert và --tls-key phải dùng cùng nhau</translation>
        </message>
        <message>
            <source>--port needs a number</source>
            <translation>--port cần một số</translation>
        </message>
        <message>
            <source>A local stand-in for the national document exchange axis (VXP) and the provincial LGSP, on 127.0.0.1.
Once listening it prints one line: govdesk-sandbox listening on &lt;url&gt;.

Protocols (the transport's endpoint includes the prefix):
  &lt;url&gt;/vxp        national axis: POST sendEdoc, getReceivedEdocList, getEdoc, updateStatus,
                   getSentEdocList, getAgenciesList; XroadVnpt HMAC-SHA256 headers are checked
  &lt;url&gt;/lgsp       WSO2-style LGSP: POST /lgsp/token (client credentials), then Bearer calls on
                   /vanbans, /vanbans/{docId} (GET, PUT), /donvilienthongs
  &lt;url&gt;/lgsp-key   key-header LGSP: X-SystemId and X-SecretKey on /v1/sendEdoc (multipart),
                   /v1/syncReceivedEdocList, /v1/getEdoc, /v1/updateStatus, /v1/getAgencies
  &lt;url&gt;/lgsp-soap  LGSP over SOAP 1.1 (namespace http://www.e-doc.vn/Schema/): POST envelopes to
                   &lt;url&gt;/lgsp-soap for SendDocument, GetPendingDocumentIds, GetDocument,
                   UpdateTraces, GetOrganizations; a WS-Security UsernameToken (Username = system
                   id, Password = secret) is checked; faults are soap:Client.Authentication,
                   soap:Client, soap:Server; the WSDL is at GET &lt;url&gt;/lgsp-soap?wsdl
A sender's `from` must equal the system id of its credentials, otherwise the send fails with
"Don vi gui &lt;from&gt; khong dung voi ma da dang ky: &lt;systemId&gt;". Packets go to the `to` organs, or, when
none are given, to MessageHeader/To/OrganId of the edXML (ResponseFor/OrganId for a status packet).

Agencies file: a JSON array of {"code", "name", "systemId", "secret", "parent", "mail"}
(systemId defaults to the code; parent and mail are optional). Without a file: a demo set -
000.00.00.G22 Văn phòng Chính phủ, 000.00.00.H16 UBND tỉnh Đắk Nông and four departments
000.00.01.H16 to 000.00.04.H16 (illustrative codes), each with systemId = code and secret
sandbox-&lt;code&gt;.

Faults: SPEC = rule[,rule...], rule = operation=kind [x&lt;count&gt;|x*] (count 1 by default).
  operations: sendEdoc getReceivedEdocList getEdoc updateStatus getSentEdocList getAgenciesList
              token, deliver (routing of the next sent packet), * (any request)
  (on /lgsp-soap: SendDocument = sendEdoc, GetPendingDocumentIds = getReceivedEdocList,
  GetDocument = getEdoc, UpdateTraces = updateStatus, GetOrganizations = getAgenciesList)
  kinds: 500 (any HTTP 4xx/5xx, not carried out), timeout (never answered), delay:&lt;N&gt;ms
         (answered late), drop (closed after reading, not carried out), drop-mid (carried out,
         closed inside the reply head), truncate (carried out, half the body sent),
         duplicate (deliver: the packet reaches each recipient twice under two docIds),
         base64 (getEdoc on /lgsp-key: edxml sent as base64)
  e.g. sendEdoc=500x2,getEdoc=truncate x1,getReceivedEdocList=drop x1,deliver=duplicate x1,
       *=delay:3000ms x1

Control: GET /_sandbox/state (per agency: sent, delivered, pending, acknowledged), GET|POST
/_sandbox/faults ({"spec": SPEC} or {"clear": true}), POST /_sandbox/reset, POST
/_sandbox/expire-tokens.</source>
            <translation>Máy chủ giả lập trục liên thông văn bản quốc gia (VXP) và LGSP cấp tỉnh, chạy trên 127.0.0.1.
Khi đã sẵn sàng, chương trình in đúng một dòng: govdesk-sandbox listening on &lt;url&gt;.

Giao thức (địa chỉ đầu cuối của kênh truyền gồm cả tiền tố):
  &lt;url&gt;/vxp        trục quốc gia: POST sendEdoc, getReceivedEdocList, getEdoc, updateStatus,
                   getSentEdocList, getAgenciesList; kiểm tra các tiêu đề XroadVnpt HMAC-SHA256
  &lt;url&gt;/lgsp       LGSP kiểu WSO2: POST /lgsp/token (client credentials), sau đó gọi bằng Bearer tới
                   /vanbans, /vanbans/{docId} (GET, PUT), /donvilienthongs
  &lt;url&gt;/lgsp-key   LGSP dùng khoá trong tiêu đề: X-SystemId và X-SecretKey trên /v1/sendEdoc (multipart),
                   /v1/syncReceivedEdocList, /v1/getEdoc, /v1/updateStatus, /v1/getAgencies
  &lt;url&gt;/lgsp-soap  LGSP qua SOAP 1.1 (không gian tên http://www.e-doc.vn/Schema/): POST thông điệp tới
                   &lt;url&gt;/lgsp-soap cho SendDocument, GetPendingDocumentIds, GetDocument,
                   UpdateTraces, GetOrganizations; kiểm tra WS-Security UsernameToken (Username = mã
                   hệ thống, Password = secret); lỗi trả về là soap:Client.Authentication,
                   soap:Client, soap:Server; tệp WSDL có tại GET &lt;url&gt;/lgsp-soap?wsdl
Trường `from` của bên gửi phải trùng mã hệ thống của thông tin xác thực, nếu không việc gửi thất bại với
"Don vi gui &lt;from&gt; khong dung voi ma da dang ky: &lt;systemId&gt;". Gói tin được chuyển tới các cơ quan trong `to`, hoặc,
khi không có, tới MessageHeader/To/OrganId của edXML (ResponseFor/OrganId đối với gói tin trạng thái).

Tệp danh sách cơ quan: một mảng JSON gồm {"code", "name", "systemId", "secret", "parent", "mail"}
(systemId mặc định là mã cơ quan; parent và mail không bắt buộc). Khi không có tệp: bộ dữ liệu mẫu -
000.00.00.G22 Văn phòng Chính phủ, 000.00.00.H16 UBND tỉnh Đắk Nông và bốn sở
000.00.01.H16 đến 000.00.04.H16 (mã minh hoạ), mỗi cơ quan có systemId = mã và secret
sandbox-&lt;mã&gt;.

Lỗi giả lập: SPEC = quy_tắc[,quy_tắc...], quy_tắc = thao_tác=loại [x&lt;số lần&gt;|x*] (mặc định 1 lần).
  thao tác: sendEdoc getReceivedEdocList getEdoc updateStatus getSentEdocList getAgenciesList
            token, deliver (việc chuyển gói tin gửi tiếp theo), * (mọi yêu cầu)
  (trên /lgsp-soap: SendDocument = sendEdoc, GetPendingDocumentIds = getReceivedEdocList,
  GetDocument = getEdoc, UpdateTraces = updateStatus, GetOrganizations = getAgenciesList)
  loại: 500 (mọi mã HTTP 4xx/5xx, không thực hiện), timeout (không bao giờ trả lời), delay:&lt;N&gt;ms
        (trả lời muộn), drop (đóng kết nối sau khi đọc yêu cầu, không thực hiện), drop-mid (có thực hiện,
        đóng kết nối giữa phần đầu của trả lời), truncate (có thực hiện, chỉ gửi một nửa nội dung),
        duplicate (deliver: gói tin đến mỗi nơi nhận hai lần với hai docId),
        base64 (getEdoc trên /lgsp-key: edxml gửi dưới dạng base64)
  ví dụ: sendEdoc=500x2,getEdoc=truncate x1,getReceivedEdocList=drop x1,deliver=duplicate x1,
         *=delay:3000ms x1

Điều khiển: GET /_sandbox/state (theo từng cơ quan: đã gửi, đã chuyển đến, đang chờ, đã xác nhận), GET|POST
/_sandbox/faults ({"spec": SPEC} hoặc {"clear": true}), POST /_sandbox/reset, POST
/_sandbox/expire-tokens.</translation>
        </message>
    </context>
    <context>
        <name>SandboxState</name>
        <message>
            <source>Cannot read the agencies file %1: %2</source>
            <translation>Không đọc được tệp danh sách cơ quan %1: %2</translation>
        </message>
        <message>
            <source>The agencies file %1 is not a JSON array: %2</source>
            <translation>Tệp danh sách cơ quan %1 không phải là một mảng JSON: %2</translation>
        </message>
        <message>
            <source>Every agency in %1 needs a code and a secret</source>
            <translation>Mỗi cơ quan trong %1 phải có mã và khoá bí mật</translation>
        </message>
        <message>
            <source>Cannot create the data folder %1</source>
            <translation>Không tạo được thư mục dữ liệu %1</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>Không đọc được %1: %2</translation>
        </message>
    </context>
    <context>
        <name>ScanDialog</name>
        <message>
            <source>Scan document</source>
            <translation>Quét văn bản</translation>
        </message>
        <message>
            <source>Sc&amp;anner:</source>
            <translation>&amp;Máy quét:</translation>
        </message>
        <message>
            <source>Look a&amp;gain</source>
            <translation>Tìm &amp;lại</translation>
        </message>
        <message>
            <source>Paper &amp;source:</source>
            <translation>&amp;Nguồn giấy:</translation>
        </message>
        <message>
            <source>&amp;Colour:</source>
            <translation>Chế độ &amp;màu:</translation>
        </message>
        <message>
            <source>&amp;Resolution:</source>
            <translation>Độ &amp;phân giải:</translation>
        </message>
        <message>
            <source>&amp;Pages:</source>
            <translation>Số t&amp;rang:</translation>
        </message>
        <message>
            <source>&amp;Electronic copy (Decree 30/2020: colour, at least 200 dpi)</source>
            <translation>&amp;Bản sao điện tử (Nghị định 30/2020: ảnh màu, từ 200 dpi)</translation>
        </message>
        <message>
            <source>S&amp;traighten pages</source>
            <translation>Làm &amp;thẳng trang</translation>
        </message>
        <message>
            <source>Cut dark &amp;borders</source>
            <translation>Cắt &amp;viền tối</translation>
        </message>
    </context>
    <context>
        <name>ScanFolderDialog</name>
        <message>
            <source>Scan folder</source>
            <translation>Thư mục quét</translation>
        </message>
        <message>
            <source>Scanners that save to a shared folder put their files there. While GovDesk runs, each new file becomes a PDF that waits here until it is registered as an incoming document.</source>
            <translation>Máy quét lưu vào thư mục dùng chung sẽ đặt tệp ở đó. Khi GovDesk đang chạy, mỗi tệp mới được chuyển thành PDF và chờ ở đây cho đến khi được vào sổ văn bản đến.</translation>
        </message>
        <message>
            <source>Folders</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Scanners &amp;save to:</source>
            <translation>Máy quét &amp;lưu vào:</translation>
        </message>
        <message>
            <source>The shared folder the scanners write their files to</source>
            <translation>Thư mục dùng chung mà máy quét ghi tệp vào</translation>
        </message>
        <message>
            <source>&amp;PDFs go to:</source>
            <translation>Tệp &amp;PDF đặt tại:</translation>
        </message>
        <message>
            <source>Where the PDFs made from them wait to be registered</source>
            <translation>Nơi các tệp PDF tạo từ bản quét chờ vào sổ</translation>
        </message>
        <message>
            <source>&amp;Watch these folders</source>
            <translation>&amp;Theo dõi các thư mục này</translation>
        </message>
        <message>
            <source>S&amp;top watching</source>
            <translation>Ngừn&amp;g theo dõi</translation>
        </message>
        <message>
            <source>Waiting to be registered</source>
            <translation>Chờ vào sổ</translation>
        </message>
        <message>
            <source>Scanned file</source>
            <translation>Tệp quét</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>Số trang</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Dung lượng</translation>
        </message>
        <message>
            <source>Scanned at</source>
            <translation>Thời điểm quét</translation>
        </message>
        <message>
            <source>&amp;Register…</source>
            <translation>&amp;Vào sổ…</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Mở</translation>
        </message>
        <message>
            <source>Put &amp;aside…</source>
            <translation>&amp;Để riêng…</translation>
        </message>
        <message>
            <source>Could not be read</source>
            <translation>Không đọc được</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>Tr&amp;y again</source>
            <translation>Thử lạ&amp;i</translation>
        </message>
        <message>
            <source>Open the &amp;folder</source>
            <translation>Mở t&amp;hư mục</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>&amp;Chọn…</translation>
        </message>
        <message>
            <source>Choos&amp;e…</source>
            <translation>Chọ&amp;n…</translation>
        </message>
    </context>
    <context>
        <name>Scanning</name>
        <message>
            <source>The page has no image</source>
            <translation>Trang không có hình ảnh</translation>
        </message>
        <message>
            <source>The image %1 is damaged or incomplete: %2</source>
            <translation>Ảnh %1 bị hỏng hoặc không đầy đủ: %2</translation>
        </message>
        <message>
            <source>Cannot read the file %1: %2</source>
            <translation>Không đọc được tệp %1: %2</translation>
        </message>
        <message>
            <source>The file %1 is too large (more than %2 MB)</source>
            <translation>Tệp %1 quá lớn (hơn %2 MB)</translation>
        </message>
        <message>
            <source>The file %1 is empty</source>
            <translation>Tệp %1 rỗng</translation>
        </message>
        <message>
            <source>The file %1 is neither an image (PNG, JPEG, TIFF) nor a PDF</source>
            <translation>Tệp %1 không phải ảnh (PNG, JPEG, TIFF) cũng không phải PDF</translation>
        </message>
        <message>
            <source>The PDF could not be made: %1</source>
            <translation>Không tạo được tệp PDF: %1</translation>
        </message>
        <message>
            <source>The page could not be compressed as JPEG: %1</source>
            <translation>Không nén được trang thành JPEG: %1</translation>
        </message>
        <message>
            <source>An electronic copy must be scanned in colour (Decree 30/2020), not in: %1</source>
            <translation>Bản sao điện tử phải được quét ở chế độ màu (Nghị định 30/2020), không được quét ở chế độ: %1</translation>
        </message>
        <message>
            <source>An electronic copy must be scanned at %1 dpi or more (Decree 30/2020); %2 dpi is too low</source>
            <translation>Bản sao điện tử phải được quét với độ phân giải từ %1 dpi trở lên (Nghị định 30/2020); %2 dpi là quá thấp</translation>
        </message>
        <message>
            <source>An electronic copy must be made from a scan or from image files, not from the PDF %1, whose resolution cannot be checked</source>
            <translation>Bản sao điện tử phải được tạo từ bản quét hoặc tệp ảnh, không từ tệp PDF %1 vì không kiểm tra được độ phân giải của nó</translation>
        </message>
        <message>
            <source>The PDF %1 has no pages</source>
            <translation>Tệp PDF %1 không có trang nào</translation>
        </message>
        <message>
            <source>The PDF %1 cannot be read: %2</source>
            <translation>Không đọc được tệp PDF %1: %2</translation>
        </message>
        <message>
            <source>There is nothing to save: the document has no page</source>
            <translation>Không có gì để lưu: văn bản không có trang nào</translation>
        </message>
        <message>
            <source>Cannot write the file %1: %2</source>
            <translation>Không ghi được tệp %1: %2</translation>
        </message>
        <message>
            <source>The scanner system (SANE) could not start: %1</source>
            <translation>Không khởi động được hệ thống máy quét (SANE): %1</translation>
        </message>
        <message>
            <source>The scanner %1 stopped responding or was disconnected; the scan was stopped and nothing was saved</source>
            <translation>Máy quét %1 không còn phản hồi hoặc đã bị ngắt kết nối; việc quét đã dừng và không có gì được lưu</translation>
        </message>
        <message>
            <source>The document feeder is empty: put the pages in the feeder and scan again</source>
            <translation>Khay nạp giấy trống: hãy đặt các trang vào khay nạp rồi quét lại</translation>
        </message>
        <message>
            <source>Paper is jammed in the scanner %1: clear it and scan again</source>
            <translation>Giấy bị kẹt trong máy quét %1: hãy gỡ giấy kẹt rồi quét lại</translation>
        </message>
        <message>
            <source>The cover of the scanner %1 is open</source>
            <translation>Nắp máy quét %1 đang mở</translation>
        </message>
        <message>
            <source>The scanner %1 is busy (another program or job is using it); try again in a moment</source>
            <translation>Máy quét %1 đang bận (chương trình hoặc lượt quét khác đang dùng); hãy thử lại sau giây lát</translation>
        </message>
        <message>
            <source>Access to the scanner %1 was denied</source>
            <translation>Không được phép dùng máy quét %1</translation>
        </message>
        <message>
            <source>Not enough memory to scan with %1</source>
            <translation>Không đủ bộ nhớ để quét bằng %1</translation>
        </message>
        <message>
            <source>The scanner %1 reported an error: %2</source>
            <translation>Máy quét %1 báo lỗi: %2</translation>
        </message>
        <message>
            <source>No scanner was found: check that it is switched on, connected and its driver installed</source>
            <translation>Không tìm thấy máy quét: hãy kiểm tra máy đã bật, đã kết nối và đã cài trình điều khiển</translation>
        </message>
        <message>
            <source>The scanner "%1" was not found: check that it is switched on and connected</source>
            <translation>Không tìm thấy máy quét "%1": hãy kiểm tra máy đã bật và đã kết nối</translation>
        </message>
        <message>
            <source>The scanner %1 refused the setting "%2": %3</source>
            <translation>Máy quét %1 không nhận thiết lập "%2": %3</translation>
        </message>
        <message>
            <source>The scanner %1 cannot scan from: %2</source>
            <translation>Máy quét %1 không quét được từ: %2</translation>
        </message>
        <message>
            <source>The scanner %1 cannot scan in this mode: %2</source>
            <translation>Máy quét %1 không quét được ở chế độ này: %2</translation>
        </message>
        <message>
            <source>The setting "%2" of the scanner %1 is not available with the other settings chosen</source>
            <translation>Thiết lập "%2" của máy quét %1 không dùng được cùng các thiết lập đã chọn</translation>
        </message>
        <message>
            <source>The scanner %1 has no setting "%2"</source>
            <translation>Máy quét %1 không có thiết lập "%2"</translation>
        </message>
        <message>
            <source>The document feeder ran out of paper after %1 of %2 pages; nothing was saved</source>
            <translation>Khay nạp giấy hết giấy sau %1/%2 trang; không có gì được lưu</translation>
        </message>
        <message>
            <source>The scanner %1 sent no image for page %2</source>
            <translation>Máy quét %1 không gửi hình ảnh của trang %2</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Màu</translation>
        </message>
        <message>
            <source>Grey</source>
            <translation>Xám</translation>
        </message>
        <message>
            <source>Black and white</source>
            <translation>Đen trắng</translation>
        </message>
        <message>
            <source>Flatbed (glass)</source>
            <translation>Mặt kính</translation>
        </message>
        <message>
            <source>Document feeder</source>
            <translation>Khay nạp giấy</translation>
        </message>
        <message>
            <source>Document feeder, both sides</source>
            <translation>Khay nạp giấy, quét hai mặt</translation>
        </message>
        <message>
            <source>The scan was cancelled</source>
            <translation>Đã hủy việc quét</translation>
        </message>
        <message>
            <source>The TIFF image could not be processed: %1</source>
            <translation>Không xử lý được ảnh TIFF: %1</translation>
        </message>
        <message>
            <source>Cannot create the folder %1</source>
            <translation>Không tạo được thư mục %1</translation>
        </message>
        <message>
            <source>Choose both the scan folder and the folder for the PDFs</source>
            <translation>Hãy chọn cả thư mục quét và thư mục đặt các tệp PDF</translation>
        </message>
        <message>
            <source>The PDFs cannot go into the scan folder %1 itself or its done/ and failed/ folders; choose another folder, e.g. a subfolder "pdf"</source>
            <translation>Không thể đặt các tệp PDF ngay trong thư mục quét %1 hoặc các thư mục done/ và failed/ của nó; hãy chọn thư mục khác, ví dụ thư mục con "pdf"</translation>
        </message>
        <message>
            <source>%1 is no longer waiting in the scan folder</source>
            <translation>%1 không còn chờ trong thư mục quét</translation>
        </message>
        <message>
            <source>Cannot move %1 to %2</source>
            <translation>Không thể chuyển %1 đến %2</translation>
        </message>
        <message>
            <source>%1 is not among the files the scan folder could not read</source>
            <translation>%1 không nằm trong số các tệp mà thư mục quét không đọc được</translation>
        </message>
    </context>
    <context>
        <name>SearchablePdf</name>
        <message>
            <source>The PDF cannot be read (damaged or not a PDF): %1</source>
            <translation>Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF): %1</translation>
        </message>
        <message>
            <source>The page image cannot be encoded: %1</source>
            <translation>Không mã hóa được ảnh trang: %1</translation>
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
        <message>
            <source>The blank for "%1" is narrower than the text; check the stamped document</source>
            <translation>Chỗ trống cho "%1" hẹp hơn chữ cần điền; hãy kiểm tra lại văn bản sau khi điền</translation>
        </message>
        <message>
            <source>The document already shows "%1" where "%2" should be written; the draft must leave the number and the date blank</source>
            <translation>Văn bản đã ghi "%1" ở chỗ cần ghi "%2"; dự thảo phải để trống số và ngày tháng</translation>
        </message>
        <message>
            <source>The first page has no blank for the number ("Số:   /QĐ-UBND"): the number cannot be written into the document. Use the agency's template or issue without writing the number into the file.</source>
            <translation>Trang đầu không có chỗ trống để ghi số ("Số:   /QĐ-UBND"): không thể điền số vào văn bản. Hãy dùng mẫu của cơ quan hoặc phát hành mà không điền số vào tệp.</translation>
        </message>
        <message>
            <source>The first page has no blank for the date ("ngày … tháng … năm …"): the issue date cannot be written into the document. Use the agency's template or issue without writing the date into the file.</source>
            <translation>Trang đầu không có chỗ trống để ghi ngày ("ngày … tháng … năm …"): không thể điền ngày ban hành vào văn bản. Hãy dùng mẫu của cơ quan hoặc phát hành mà không điền ngày vào tệp.</translation>
        </message>
        <message>
            <source>number and issue date written on page %1</source>
            <translation>số và ngày ban hành được điền trên trang %1</translation>
        </message>
    </context>
    <context>
        <name>StatusCodes</name>
        <message>
            <source>Arrived: received by the document software, not yet handled by the clerk</source>
            <translation>Đã đến: phần mềm quản lý văn bản đã nhận nhưng văn thư chưa xử lý</translation>
        </message>
        <message>
            <source>Refused: the electronic document is not accepted</source>
            <translation>Từ chối tiếp nhận văn bản điện tử</translation>
        </message>
        <message>
            <source>Accepted and registered in the incoming document book</source>
            <translation>Tiếp nhận văn bản điện tử, vào sổ văn bản đến</translation>
        </message>
        <message>
            <source>Assigned for handling</source>
            <translation>Phân công xử lý</translation>
        </message>
        <message>
            <source>Being handled</source>
            <translation>Đang xử lý</translation>
        </message>
        <message>
            <source>Handling completed</source>
            <translation>Hoàn thành xử lý</translation>
        </message>
        <message>
            <source>Recall of the electronic document requested, with the reason</source>
            <translation>Yêu cầu lấy lại văn bản điện tử kèm lý do</translation>
        </message>
        <message>
            <source>Request to update or recall accepted</source>
            <translation>Đồng ý yêu cầu cập nhật, lấy lại</translation>
        </message>
        <message>
            <source>Request to update or recall refused</source>
            <translation>Từ chối yêu cầu cập nhật, lấy lại</translation>
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
        <name>TemplatesDialog</name>
        <message>
            <source>Document templates</source>
            <translation>Mẫu văn bản</translation>
        </message>
        <message>
            <source>The templates drafts start from, per document type. A PDF template is used as it is; a Word (.docx) or OpenDocument (.odt) template is turned into PDF by LibreOffice when a draft starts from it.</source>
            <translation>Các mẫu dùng để khởi tạo dự thảo, theo từng loại văn bản. Mẫu PDF được dùng nguyên trạng; mẫu Word (.docx) hoặc OpenDocument (.odt) được LibreOffice chuyển sang PDF khi soạn dự thảo từ mẫu.</translation>
        </message>
        <message>
            <source>Sho&amp;w:</source>
            <translation>&amp;Hiển thị:</translation>
        </message>
        <message>
            <source>Also removed &amp;templates</source>
            <translation>Gồm cả &amp;mẫu đã gỡ</translation>
        </message>
        <message>
            <source>&amp;Remove…</source>
            <translation>&amp;Gỡ mẫu…</translation>
        </message>
        <message>
            <source>No longer offer this template; drafts made from it are kept</source>
            <translation>Không đưa mẫu này vào danh sách chọn nữa; các dự thảo đã tạo từ mẫu vẫn được giữ</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>Mẫu</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Added by</source>
            <translation>Người thêm</translation>
        </message>
        <message>
            <source>Added on</source>
            <translation>Ngày thêm</translation>
        </message>
        <message>
            <source>Add a template</source>
            <translation>Thêm mẫu mới</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>&amp;Loại văn bản:</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Tên mẫu:</translation>
        </message>
        <message>
            <source>As the drafters will see it, e.g. Quyết định cá biệt (Mẫu 1.2)</source>
            <translation>Tên người soạn thảo sẽ thấy, ví dụ: Quyết định cá biệt (Mẫu 1.2)</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Tệp:</translation>
        </message>
        <message>
            <source>A .pdf, .docx or .odt file</source>
            <translation>Tệp .pdf, .docx hoặc .odt</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>&amp;Chọn tệp…</translation>
        </message>
        <message>
            <source>&amp;Add template</source>
            <translation>&amp;Thêm mẫu</translation>
        </message>
    </context>
    <context>
        <name>TransportConfig</name>
        <message>
            <source>The exchange address "%1" is not a valid http(s) address</source>
            <translation>Địa chỉ trục liên thông "%1" không phải là địa chỉ http(s) hợp lệ</translation>
        </message>
        <message>
            <source>The system id of the exchange is not set</source>
            <translation>Chưa đặt mã hệ thống của trục liên thông</translation>
        </message>
        <message>
            <source>The CA bundle %1 cannot be read or holds no PEM certificate</source>
            <translation>Không đọc được tệp chứng thư CA %1 hoặc tệp không chứa chứng thư PEM nào</translation>
        </message>
        <message>
            <source>The proxy "%1" is not of the form http://host:port (or "none")</source>
            <translation>Proxy "%1" không có dạng http://máy:cổng (hoặc "none")</translation>
        </message>
        <message>
            <source>The exchange time-out must be a positive number of seconds</source>
            <translation>Thời gian chờ của trục liên thông phải là một số giây dương</translation>
        </message>
        <message>
            <source>Unknown exchange kind "%1" (vxp, lgsp-oauth, lgsp-key, lgsp-soap)</source>
            <translation>Loại kênh liên thông "%1" không xác định (vxp, lgsp-oauth, lgsp-key, lgsp-soap)</translation>
        </message>
    </context>
    <context>
        <name>TransportFactory</name>
        <message>
            <source>The %1 exchange is not available in this version</source>
            <translation>Kênh liên thông %1 chưa có trong phiên bản này</translation>
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
        <message>
            <source>Withdrawn by the sender</source>
            <translation>Bên gửi đã thu hồi</translation>
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
        <name>govdesk::gui::DocumentFormDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Abbreviation: %1</source>
            <translation>Viết tắt: %1</translation>
        </message>
        <message>
            <source>Identifier code: %1</source>
            <translation>Mã định danh: %1</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::DocumentListView</name>
        <message>
            <source>All years</source>
            <translation>Mọi năm</translation>
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
        <name>govdesk::gui::DocumentView</name>
        <message>
            <source>Select a document in the list to see it here.</source>
            <translation>Chọn một văn bản trong danh sách để xem tại đây.</translation>
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
            <source>Digital signatures</source>
            <translation>Chữ ký số</translation>
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
            <source>No document</source>
            <translation>Chưa chọn văn bản</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Đang tải…</translation>
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
            <source>Opening %1…</source>
            <translation>Đang mở %1…</translation>
        </message>
        <message>
            <source>GovDesk</source>
            <translation>GovDesk</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::DraftOutgoingDialog</name>
        <message>
            <source>&amp;Save changes</source>
            <translation>&amp;Lưu thay đổi</translation>
        </message>
        <message>
            <source>&amp;Create draft</source>
            <translation>&amp;Tạo dự thảo</translation>
        </message>
        <message>
            <source>Name, abbreviation or identifier code</source>
            <translation>Tên, tên viết tắt hoặc mã định danh</translation>
        </message>
        <message>
            <source>— none —</source>
            <translation>— không —</translation>
        </message>
        <message>
            <source>On behalf of the collective (thay mặt)</source>
            <translation>Thay mặt tập thể (TM.)</translation>
        </message>
        <message>
            <source>Signs for the head (ký thay)</source>
            <translation>Ký thay người đứng đầu (KT.)</translation>
        </message>
        <message>
            <source>By order of the head (thừa lệnh)</source>
            <translation>Thừa lệnh người đứng đầu (TL.)</translation>
        </message>
        <message>
            <source>By authorisation of the head (thừa ủy quyền)</source>
            <translation>Thừa ủy quyền người đứng đầu (TUQ.)</translation>
        </message>
        <message>
            <source>Acting head (quyền)</source>
            <translation>Quyền người đứng đầu (Q.)</translation>
        </message>
        <message>
            <source>Full name; empty: the leader who approves signs</source>
            <translation>Họ và tên; để trống: lãnh đạo duyệt sẽ ký</translation>
        </message>
        <message>
            <source>Empty: the leader who approves the draft signs it.</source>
            <translation>Để trống: lãnh đạo duyệt dự thảo sẽ là người ký.</translation>
        </message>
        <message>
            <source>An incoming document is chosen</source>
            <translation>Đã chọn văn bản đến</translation>
        </message>
        <message>
            <source>Choose the draft</source>
            <translation>Chọn tệp dự thảo</translation>
        </message>
        <message>
            <source>PDF files (*.pdf);;All files (*)</source>
            <translation>Tệp PDF (*.pdf);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>chưa xác định</translation>
        </message>
        <message>
            <source>How many copies are made and sent (số lượng bản in the register)</source>
            <translation>Số bản được nhân bản và phát hành (số lượng bản ghi trong sổ)</translation>
        </message>
        <message>
            <source>The date by which the recipients are to act on the document</source>
            <translation>Thời hạn nơi nhận phải xử lý văn bản</translation>
        </message>
        <message>
            <source>The unit or person keeping the archive copies (đơn vị, người nhận bản lưu)</source>
            <translation>Đơn vị, người nhận bản lưu</translation>
        </message>
        <message>
            <source>Edit draft information</source>
            <translation>Sửa thông tin dự thảo</translation>
        </message>
        <message>
            <source>Default: %1</source>
            <translation>Mặc định: %1</translation>
        </message>
        <message>
            <source>Version %1: %2
A new file is uploaded with "Revise draft…".</source>
            <translation>Phiên bản %1: %2
Muốn thay tệp, dùng nút “Sửa dự thảo…”.</translation>
        </message>
        <message>
            <source>Draft file:</source>
            <translation>Tệp dự thảo:</translation>
        </message>
        <message>
            <source>Loading the templates…</source>
            <translation>Đang tải danh sách mẫu…</translation>
        </message>
        <message>
            <source>No template for this type: choose a PDF file below</source>
            <translation>Loại văn bản này chưa có mẫu: chọn tệp PDF bên dưới</translation>
        </message>
        <message>
            <source>— none: choose a PDF file below —</source>
            <translation>— Không dùng mẫu: chọn tệp PDF bên dưới —</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>The draft, a PDF file (you can also drop it onto this window)</source>
            <translation>Bản dự thảo, tệp PDF (có thể kéo thả tệp vào cửa sổ này)</translation>
        </message>
        <message>
            <source>From the template "%1"</source>
            <translation>Từ mẫu “%1”</translation>
        </message>
        <message>
            <source>Reading the template…</source>
            <translation>Đang đọc mẫu…</translation>
        </message>
        <message>
            <source>Turning the template into PDF with LibreOffice…</source>
            <translation>Đang chuyển mẫu sang PDF bằng LibreOffice…</translation>
        </message>
        <message numerus="yes">
            <source>The draft starts from this template (%n page(s)).</source>
            <translation>
                <numerusform>Dự thảo được tạo từ mẫu này (%n trang).</numerusform>
            </translation>
        </message>
        <message>
            <source>The draft starts from this template.</source>
            <translation>Dự thảo được tạo từ mẫu này.</translation>
        </message>
        <message>
            <source>Arrival no. %1 — %2 from %3: %4</source>
            <translation>Số đến %1 — %2 của %3: %4</translation>
        </message>
        <message>
            <source>No incoming document matches "%1"</source>
            <translation>Không có văn bản đến nào khớp với "%1"</translation>
        </message>
        <message>
            <source>Automatic: %1</source>
            <translation>Tự động: %1</translation>
        </message>
        <message>
            <source>Choose the incoming document from the suggestions, or leave the field empty</source>
            <translation>Hãy chọn văn bản đến trong danh sách gợi ý, hoặc để trống ô này</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeOutboxDialog</name>
        <message>
            <source>&amp;Retry failed packets</source>
            <translation>&amp;Gửi lại các gói lỗi</translation>
        </message>
        <message>
            <source>&amp;Synchronise now</source>
            <translation>Đồng bộ &amp;ngay</translation>
        </message>
        <message>
            <source>Exchange outbox</source>
            <translation>Hàng đợi liên thông</translation>
        </message>
        <message>
            <source>Reading the queue…</source>
            <translation>Đang đọc hàng đợi…</translation>
        </message>
        <message>
            <source>Packet</source>
            <translation>Gói tin</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Văn bản</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Gửi đến</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Số lần gửi</translation>
        </message>
        <message>
            <source>Next attempt</source>
            <translation>Lần gửi tiếp theo</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Lỗi gần nhất</translation>
        </message>
        <message>
            <source>Put the packets the exchange refused back in the queue, once the cause (credentials, settings) is fixed</source>
            <translation>Đưa các gói bị trục liên thông từ chối trở lại hàng đợi, sau khi đã khắc phục nguyên nhân (thông tin xác thực, thiết lập)</translation>
        </message>
        <message>
            <source>Send every waiting packet now and fetch what arrived</source>
            <translation>Gửi ngay mọi gói đang chờ và nhận những gì đã đến</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Incoming %1 — %2</source>
            <translation>Văn bản đến %1 — %2</translation>
        </message>
        <message>
            <source>Every packet was sent: nothing waits in the outbox.</source>
            <translation>Mọi gói đã được gửi: hàng đợi trống.</translation>
        </message>
        <message>
            <source>%1 packet(s) not yet sent, %2 of them failed for good (they wait for "Retry failed packets"). The others are sent by the next synchronisation.</source>
            <translation>%1 gói chưa gửi được, trong đó %2 gói bị lỗi không tự gửi lại (chờ "Gửi lại các gói lỗi"). Các gói còn lại sẽ được gửi ở lần đồng bộ tiếp theo.</translation>
        </message>
        <message>
            <source>Synchronising…</source>
            <translation>Đang đồng bộ…</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeRequestBanner</name>
        <message>
            <source>A&amp;gree</source>
            <translation>Đồn&amp;g ý</translation>
        </message>
        <message>
            <source>Re&amp;fuse…</source>
            <translation>Từ &amp;chối…</translation>
        </message>
        <message>
            <source>(%1 more request(s) about this document)</source>
            <translation>(còn %1 yêu cầu khác về văn bản này)</translation>
        </message>
        <message>
            <source>Received over the document exchange on %1. Agreeing answers the sender with status 15; refusing, with status 16 and your reason.</source>
            <translation>Nhận qua trục liên thông lúc %1. Đồng ý sẽ trả lời bên gửi bằng trạng thái 15; từ chối, bằng trạng thái 16 kèm lý do.</translation>
        </message>
        <message>
            <source>Apply the new information to the register entry</source>
            <translation>Cập nhật thông tin mới vào sổ văn bản đến</translation>
        </message>
        <message>
            <source>Close this document as withdrawn; the replacing document is handled instead</source>
            <translation>Đóng văn bản này ở trạng thái bị thu hồi; xử lý văn bản thay thế</translation>
        </message>
        <message>
            <source>Close this document as withdrawn by the sender; it stays on record</source>
            <translation>Đóng văn bản này ở trạng thái bên gửi đã thu hồi; văn bản vẫn được lưu trong sổ</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeRequestsDialog</name>
        <message>
            <source>&amp;Open document</source>
            <translation>&amp;Mở văn bản</translation>
        </message>
        <message>
            <source>A&amp;gree</source>
            <translation>Đồn&amp;g ý</translation>
        </message>
        <message>
            <source>Re&amp;fuse…</source>
            <translation>Từ &amp;chối…</translation>
        </message>
        <message>
            <source>Requests to recall or replace</source>
            <translation>Yêu cầu thu hồi/thay thế</translation>
        </message>
        <message>
            <source>Reading the requests…</source>
            <translation>Đang đọc các yêu cầu…</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Bên gửi</translation>
        </message>
        <message>
            <source>Asks to</source>
            <translation>Đề nghị</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Văn bản</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
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
            <source>No request waits for a decision.</source>
            <translation>Không có yêu cầu nào chờ quyết định.</translation>
        </message>
        <message>
            <source>%1 request(s) wait for your decision. Agreeing closes the document as withdrawn by the sender (an update changes its entry instead); the sender is told either way.</source>
            <translation>%1 yêu cầu đang chờ quyết định. Đồng ý sẽ đóng văn bản ở trạng thái bên gửi đã thu hồi (yêu cầu cập nhật thì sửa thông tin trong sổ); bên gửi đều được thông báo.</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeSettingsDialog</name>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>National document exchange axis (VXP)</source>
            <translation>Trục liên thông văn bản quốc gia (VXP)</translation>
        </message>
        <message>
            <source>Provincial LGSP with OAuth2 tokens</source>
            <translation>LGSP của tỉnh, xác thực bằng token OAuth2</translation>
        </message>
        <message>
            <source>Provincial LGSP with key headers (X-SystemId, X-SecretKey)</source>
            <translation>LGSP của tỉnh, xác thực bằng khóa (X-SystemId, X-SecretKey)</translation>
        </message>
        <message>
            <source>Provincial LGSP over SOAP</source>
            <translation>LGSP của tỉnh qua SOAP</translation>
        </message>
        <message>
            <source>Provincial LGSP over SOAP (not supported yet)</source>
            <translation>LGSP của tỉnh qua SOAP (chưa hỗ trợ)</translation>
        </message>
        <message>
            <source>Checking this computer's keychain…</source>
            <translation>Đang kiểm tra kho khóa bí mật của máy tính này…</translation>
        </message>
        <message>
            <source>How often GovDesk asks the exchange for new documents and statuses while it is open; sending waits for nothing</source>
            <translation>Tần suất GovDesk hỏi trục liên thông về văn bản và trạng thái mới khi đang mở; việc gửi đi không phải chờ</translation>
        </message>
        <message>
            <source>A call fails when nothing moves on the connection for this long</source>
            <translation>Một lần gọi bị coi là lỗi khi kết nối không có dữ liệu trong khoảng thời gian này</translation>
        </message>
        <message>
            <source>A PEM file of extra certificate authorities the exchange's certificate is issued by, added to the system's</source>
            <translation>Tệp PEM chứa chứng thư của các tổ chức cấp chứng thư (CA) đã cấp chứng thư cho trục liên thông, bổ sung vào chứng thư của hệ thống</translation>
        </message>
        <message>
            <source>Choose the CA certificates</source>
            <translation>Chọn tệp chứng thư CA</translation>
        </message>
        <message>
            <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
            <translation>Chứng thư (*.pem *.crt *.cer);;Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>The secret is kept in this computer's keychain, never in a file. The environment variable is only used when the keychain has no entry.</source>
            <translation>Khóa bí mật được lưu trong kho khóa bí mật của máy tính này, không bao giờ lưu vào tệp. Biến môi trường chỉ được dùng khi kho khóa không có mục tương ứng.</translation>
        </message>
        <message>
            <source>Kept in the keychain; type a new one to replace it</source>
            <translation>Đã lưu trong kho khóa; nhập khóa mới để thay thế</translation>
        </message>
        <message>
            <source>Saved to the keychain</source>
            <translation>Được lưu vào kho khóa bí mật</translation>
        </message>
        <message>
            <source>Optional, e.g. GOVDESK_EXCHANGE_SECRET</source>
            <translation>Không bắt buộc, ví dụ: GOVDESK_EXCHANGE_SECRET</translation>
        </message>
        <message>
            <source>No keychain is available on this computer (%1). GovDesk reads the secret from the environment variable named below, which IT sets for the account that runs GovDesk; a secret typed here is only used to check the connection and is not saved.</source>
            <translation>Máy tính này không có kho khóa bí mật (%1). GovDesk đọc khóa bí mật từ biến môi trường ghi dưới đây, do bộ phận CNTT đặt cho tài khoản chạy GovDesk; khóa nhập tại đây chỉ dùng để kiểm tra kết nối và không được lưu.</translation>
        </message>
        <message>
            <source>Only to check the connection; not saved</source>
            <translation>Chỉ dùng để kiểm tra kết nối; không được lưu</translation>
        </message>
        <message>
            <source>IT set up the document exchange in this computer's system configuration (%1): it is shown here and cannot be changed. The connection can still be checked.</source>
            <translation>Bộ phận CNTT đã thiết lập liên thông văn bản trong cấu hình hệ thống của máy tính này (%1): thông tin chỉ được hiển thị, không thể thay đổi. Vẫn có thể kiểm tra kết nối.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>&amp;System id:</source>
            <translation>&amp;Mã hệ thống:</translation>
        </message>
        <message>
            <source>Consumer &amp;key:</source>
            <translation>Consumer &amp;key:</translation>
        </message>
        <message>
            <source>Connecting to the exchange…</source>
            <translation>Đang kết nối tới trục liên thông…</translation>
        </message>
        <message>
            <source>Connected: the exchange's directory lists %1 agencies.</source>
            <translation>Kết nối thành công: danh bạ của trục liên thông có %1 cơ quan.</translation>
        </message>
        <message>
            <source>The connection failed: %1</source>
            <translation>Kết nối không thành công: %1</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeStatusButton</name>
        <message>
            <source>Click to see the packets waiting to be sent.</source>
            <translation>Bấm để xem các gói đang chờ gửi.</translation>
        </message>
        <message>
            <source>Exchange: synchronising…</source>
            <translation>Liên thông: đang đồng bộ…</translation>
        </message>
        <message>
            <source>Exchange: failed at %1 — %2</source>
            <translation>Liên thông: lỗi lúc %1 — %2</translation>
        </message>
        <message>
            <source>The last synchronisation (%1) did not go through:</source>
            <translation>Lần đồng bộ gần nhất (%1) không thành công:</translation>
        </message>
        <message>
            <source>… and %1 more</source>
            <translation>… và %1 lỗi khác</translation>
        </message>
        <message>
            <source>Documents and statuses wait in the outbox and are sent once the exchange answers again.</source>
            <translation>Văn bản và trạng thái được giữ trong hàng đợi và sẽ được gửi khi trục liên thông hoạt động trở lại.</translation>
        </message>
        <message>
            <source>Exchange: synced at %1 — received %2, sent %3</source>
            <translation>Liên thông: đồng bộ lúc %1 — nhận %2, gửi %3</translation>
        </message>
        <message>
            <source>Last synchronisation at %1: %2 document(s) received, %3 status(es) about our documents, %4 request(s) to recall or replace; %5 packet(s) sent.</source>
            <translation>Lần đồng bộ gần nhất lúc %1: nhận %2 văn bản, %3 trạng thái về văn bản của cơ quan, %4 yêu cầu thu hồi hoặc thay thế; đã gửi %5 gói.</translation>
        </message>
        <message>
            <source>Exchange: synced at %1 — received %2 and %3 status(es), sent %4</source>
            <translation>Liên thông: đồng bộ lúc %1 — nhận %2 văn bản và %3 trạng thái, gửi %4</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ExchangeStatusPanel</name>
        <message>
            <source>Receiving organ</source>
            <translation>Cơ quan nhận</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã định danh</translation>
        </message>
        <message>
            <source>Packet</source>
            <translation>Gói tin</translation>
        </message>
        <message>
            <source>Sent at</source>
            <translation>Thời gian gửi</translation>
        </message>
        <message>
            <source>Last status</source>
            <translation>Trạng thái mới nhất</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>Organ</source>
            <translation>Cơ quan</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>What the recipient wrote</source>
            <translation>Nội dung bên nhận ghi</translation>
        </message>
        <message>
            <source>Send the &amp;revocation notice</source>
            <translation>Gửi thông báo &amp;thu hồi</translation>
        </message>
        <message>
            <source>Tell every agency that received the document over the exchange that it was recalled</source>
            <translation>Báo cho mọi cơ quan đã nhận văn bản qua trục liên thông rằng văn bản đã bị thu hồi</translation>
        </message>
        <message>
            <source>Recipients</source>
            <translation>Nơi nhận văn bản</translation>
        </message>
        <message>
            <source>Statuses reported by the recipients (newest last)</source>
            <translation>Trạng thái do bên nhận báo về (mới nhất ở cuối)</translation>
        </message>
        <message>
            <source>Revocation: %1</source>
            <translation>Thu hồi: %1</translation>
        </message>
        <message>
            <source>%1 (attempt %2)</source>
            <translation>%1 (lần %2)</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>No status reported yet</source>
            <translation>Chưa có trạng thái nào được báo về</translation>
        </message>
        <message>
            <source>The document was recalled. The agencies that received it over the exchange learn it only from the revocation notice.</source>
            <translation>Văn bản đã bị thu hồi. Các cơ quan đã nhận văn bản qua trục liên thông chỉ biết điều này khi nhận được thông báo thu hồi.</translation>
        </message>
        <message>
            <source>The revocation notice was queued for every agency that received the document; their answers (15 accepted, 16 refused) appear above.</source>
            <translation>Thông báo thu hồi đã được đưa vào hàng đợi gửi đến mọi cơ quan đã nhận văn bản; trả lời của họ (15 đồng ý, 16 từ chối) hiển thị ở trên.</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::FieldProposalRow</name>
        <message>
            <source>Use</source>
            <translation>Dùng</translation>
        </message>
        <message>
            <source>How sure the text recognition is of this value</source>
            <translation>Mức độ tin cậy của việc nhận dạng chữ đối với giá trị này</translation>
        </message>
        <message>
            <source>Issuing organisation</source>
            <translation>Cơ quan ban hành</translation>
        </message>
        <message>
            <source>Number and notation</source>
            <translation>Số và ký hiệu</translation>
        </message>
        <message>
            <source>Document date</source>
            <translation>Ngày tháng văn bản</translation>
        </message>
        <message>
            <source>Document type</source>
            <translation>Loại văn bản</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Trích yếu</translation>
        </message>
        <message>
            <source>Read:</source>
            <translation>Đọc được:</translation>
        </message>
        <message>
            <source>As read on the page: %1</source>
            <translation>Nguyên văn trên trang: %1</translation>
        </message>
        <message>
            <source>Page %1 — click to see where</source>
            <translation>Trang %1 — bấm để xem vị trí</translation>
        </message>
        <message>
            <source>Put this value into the field</source>
            <translation>Điền giá trị này vào ô</translation>
        </message>
        <message>
            <source>✓ Used</source>
            <translation>✓ Đã dùng</translation>
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
            <source>Save attachment</source>
            <translation>Lưu tệp đính kèm</translation>
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
        <message>
            <source>Withdrawn by the sender</source>
            <translation>Bên gửi đã thu hồi</translation>
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
            <source>Only documents past their handling deadline and not yet completed</source>
            <translation>Chỉ văn bản đã quá hạn xử lý mà chưa hoàn thành</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::IncomingScanPanel</name>
        <message>
            <source>Scan the paper or import its images or PDF: the text is recognised and the register fields are proposed beside the form.</source>
            <translation>Quét văn bản giấy hoặc nhập ảnh/PDF của nó: chữ được nhận dạng và các trường vào sổ được đề xuất ngay cạnh ô nhập.</translation>
        </message>
        <message>
            <source>Scan the paper document with a scanner attached to this computer</source>
            <translation>Quét văn bản giấy bằng máy quét nối với máy tính này</translation>
        </message>
        <message>
            <source>Images (PNG, JPEG, TIFF) or PDF files of pages already scanned</source>
            <translation>Tệp ảnh (PNG, JPEG, TIFF) hoặc PDF của các trang đã quét sẵn</translation>
        </message>
        <message>
            <source>Put every proposal into its field</source>
            <translation>Điền mọi đề xuất vào ô tương ứng</translation>
        </message>
        <message>
            <source>Previous page</source>
            <translation>Trang trước</translation>
        </message>
        <message>
            <source>Next page</source>
            <translation>Trang sau</translation>
        </message>
        <message>
            <source>Scanned document</source>
            <translation>Văn bản quét</translation>
        </message>
        <message>
            <source>Import scanned pages</source>
            <translation>Nhập các trang đã quét</translation>
        </message>
        <message>
            <source>Scanned pages (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
            <translation>Trang đã quét (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Mọi tệp (*)</translation>
        </message>
        <message numerus="yes">
            <source>Importing %n file(s)…</source>
            <translation>
                <numerusform>Đang nhập %n tệp…</numerusform>
            </translation>
        </message>
        <message>
            <source>The scanned pages cannot be shown.</source>
            <translation>Không hiển thị được các trang đã quét.</translation>
        </message>
        <message>
            <source>Recognising the text…</source>
            <translation>Đang nhận dạng chữ…</translation>
        </message>
        <message>
            <source>Recognising the text; you can already fill in the form.</source>
            <translation>Đang nhận dạng chữ; bạn vẫn có thể nhập thông tin vào biểu mẫu.</translation>
        </message>
        <message>
            <source>Recognising the text: page %1 of %2</source>
            <translation>Đang nhận dạng chữ: trang %1/%2</translation>
        </message>
        <message>
            <source>Text recognition stopped. The document keeps the scanned pages, without searchable text.</source>
            <translation>Đã dừng nhận dạng chữ. Văn bản giữ các trang đã quét, không có lớp chữ để tìm kiếm.</translation>
        </message>
        <message>
            <source>The text could not be recognised: %1. The document keeps the scanned pages.</source>
            <translation>Không nhận dạng được chữ: %1. Văn bản giữ các trang đã quét.</translation>
        </message>
        <message>
            <source>The document will be registered as soon as its text is recognised, with the searchable PDF.</source>
            <translation>Văn bản sẽ được vào sổ ngay khi nhận dạng chữ xong, kèm tệp PDF tìm kiếm được.</translation>
        </message>
        <message numerus="yes">
            <source>The text of %n page(s) was recognised (mean confidence %1 %), but no register field was found on them: fill in the form from the paper. The document is registered with the searchable PDF.</source>
            <translation>
                <numerusform>Đã nhận dạng chữ của %n trang (độ tin cậy trung bình %1 %) nhưng không tìm thấy trường vào sổ nào: hãy nhập theo văn bản giấy. Văn bản được vào sổ kèm tệp PDF tìm kiếm được.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The text of %n page(s) was recognised (mean confidence %1 %). What it read is proposed under the fields: click a proposal to see where it is on the page.</source>
            <translation>
                <numerusform>Đã nhận dạng chữ của %n trang (độ tin cậy trung bình %1 %). Nội dung đọc được đề xuất ngay dưới các ô: bấm vào một đề xuất để xem vị trí trên trang.</numerusform>
            </translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>Trang %1/%2</translation>
        </message>
        <message>
            <source>Where the selected value was read, closer</source>
            <translation>Phóng to vị trí đọc được giá trị đang chọn</translation>
        </message>
        <message>
            <source>Replace what you typed?</source>
            <translation>Thay nội dung bạn đã nhập?</translation>
        </message>
        <message>
            <source>%1 already holds what you typed. Replace it with what was read on the page, "%2"?</source>
            <translation>Ô %1 đang có nội dung bạn đã nhập. Thay bằng nội dung đọc được trên trang, "%2"?</translation>
        </message>
        <message>
            <source>&amp;Replace</source>
            <translation>&amp;Thay</translation>
        </message>
        <message>
            <source>&amp;Keep mine</source>
            <translation>&amp;Giữ nội dung của tôi</translation>
        </message>
        <message>
            <source>The other fields were filled in. These hold what you typed; replace them with what was read on the page?

%1</source>
            <translation>Các ô khác đã được điền. Những ô dưới đây đang có nội dung bạn đã nhập; thay bằng nội dung đọc được trên trang?

%1</translation>
        </message>
        <message>
            <source>&amp;Replace them too</source>
            <translation>&amp;Thay cả những ô này</translation>
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
        <name>govdesk::gui::IssueDialog</name>
        <message>
            <source>&amp;Number and issue</source>
            <translation>&amp;Cấp số và phát hành</translation>
        </message>
        <message>
            <source>Fill in the number and the date in the document</source>
            <translation>Điền số và ngày vào văn bản</translation>
        </message>
        <message>
            <source>Organisation's digital signature (seal)</source>
            <translation>Ký số của cơ quan (đóng dấu)</translation>
        </message>
        <message>
            <source>Issue the outgoing document</source>
            <translation>Phát hành văn bản đi</translation>
        </message>
        <message>
            <source>Signed by: %1 %2</source>
            <translation>Người ký: %1 %2</translation>
        </message>
        <message>
            <source>Writes "Số: …" and "ngày … tháng … năm …" into the blanks the template leaves on the first page, keeping the leader's signature valid</source>
            <translation>Ghi "Số: …" và "ngày … tháng … năm …" vào chỗ trống mẫu văn bản để lại ở trang đầu; chữ ký số của lãnh đạo vẫn hợp lệ</translation>
        </message>
        <message>
            <source>Number and date</source>
            <translation>Số và ngày ban hành</translation>
        </message>
        <message>
            <source>Issue &amp;date:</source>
            <translation>&amp;Ngày ban hành:</translation>
        </message>
        <message>
            <source> mm</source>
            <translation> mm</translation>
        </message>
        <message>
            <source>Real size of the seal</source>
            <translation>Kích thước thật của con dấu</translation>
        </message>
        <message>
            <source>Keep as the organisation's seal</source>
            <translation>Lưu làm ảnh con dấu của cơ quan</translation>
        </message>
        <message>
            <source>Real size:</source>
            <translation>Kích thước thật:</translation>
        </message>
        <message>
            <source>PIN of the organisation's token; never stored</source>
            <translation>Mã PIN token của cơ quan; không bao giờ được lưu</translation>
        </message>
        <message>
            <source>Over the left third of the signature</source>
            <translation>Trùm lên 1/3 bên trái chữ ký</translation>
        </message>
        <message>
            <source>No seal image</source>
            <translation>Chưa có ảnh con dấu</translation>
        </message>
        <message>
            <source>No. %1</source>
            <translation>Số: %1</translation>
        </message>
        <message>
            <source>Numbered on %1: the document keeps its number and gets only what it lacks.</source>
            <translation>Đã cấp số ngày %1: văn bản giữ nguyên số, chỉ bổ sung phần còn thiếu.</translation>
        </message>
        <message>
            <source>The number reserved for this document belongs to %1, not to the issue year %2; cancel the reservation first</source>
            <translation>Số đã giữ cho văn bản này thuộc năm %1, không thuộc năm ban hành %2; hãy hủy giữ số trước</translation>
        </message>
        <message>
            <source>The number reserved for this document.</source>
            <translation>Số đã giữ cho văn bản này.</translation>
        </message>
        <message>
            <source>Looking up the next number…</source>
            <translation>Đang lấy số tiếp theo…</translation>
        </message>
        <message>
            <source>The next number in %1 for %2.</source>
            <translation>Số tiếp theo trong %1 năm %2.</translation>
        </message>
        <message>
            <source>Choose the seal image (PNG) of the organisation.</source>
            <translation>Hãy chọn ảnh con dấu (PNG) của cơ quan.</translation>
        </message>
        <message>
            <source>Issuing… keep the token plugged in.</source>
            <translation>Đang phát hành… hãy giữ token cắm trên máy.</translation>
        </message>
        <message>
            <source>Issuing…</source>
            <translation>Đang phát hành…</translation>
        </message>
        <message>
            <source>Issued on %1.</source>
            <translation>Ban hành ngày %1.</translation>
        </message>
        <message>
            <source>Issued: %1, dated %2.</source>
            <translation>Đã phát hành: số %1, ngày %2.</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::IssuingBodiesDialog</name>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
        </message>
        <message>
            <source>Outgoing register of %1</source>
            <translation>Sổ đăng ký văn bản đi của %1</translation>
        </message>
        <message>
            <source>Issues documents</source>
            <translation>Đang ban hành văn bản</translation>
        </message>
        <message>
            <source>No longer issues documents</source>
            <translation>Đã thôi ban hành văn bản</translation>
        </message>
        <message numerus="yes">
            <source>%n advisory body(ies) listed.</source>
            <translation>
                <numerusform>Có %n hội đồng, ban chỉ đạo.</numerusform>
            </translation>
        </message>
        <message>
            <source>Adding the advisory body…</source>
            <translation>Đang thêm hội đồng, ban chỉ đạo…</translation>
        </message>
        <message>
            <source>Advisory body added: %1 (%2)</source>
            <translation>Đã thêm hội đồng, ban chỉ đạo: %1 (%2)</translation>
        </message>
        <message>
            <source>Stop issuing</source>
            <translation>Thôi ban hành văn bản</translation>
        </message>
        <message>
            <source>Stop "%1" from issuing documents? No new document can be drafted in its name; its register and the documents it issued are kept.</source>
            <translation>Cho "%1" thôi ban hành văn bản? Sẽ không soạn được văn bản mới nhân danh hội đồng, ban này; sổ đăng ký và các văn bản đã ban hành được giữ nguyên.</translation>
        </message>
        <message>
            <source>&amp;Stop issuing</source>
            <translation>&amp;Thôi ban hành</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Đang lưu…</translation>
        </message>
        <message>
            <source>%1 no longer issues documents</source>
            <translation>%1 đã thôi ban hành văn bản</translation>
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
        <message>
            <source>drafts waiting for your approval and approved documents waiting for your signature</source>
            <translation>dự thảo chờ bạn duyệt và văn bản đã duyệt chờ bạn ký</translation>
        </message>
        <message>
            <source>signed documents waiting for a number and numbered documents waiting to be sent</source>
            <translation>văn bản đã ký chờ cấp số và văn bản đã cấp số chờ gửi đi</translation>
        </message>
        <message>
            <source>your drafts still being written or returned for revision</source>
            <translation>dự thảo của bạn đang soạn hoặc bị trả lại để sửa</translation>
        </message>
        <message>
            <source>Outgoing documents whose next step is yours: %1</source>
            <translation>Văn bản đi mà bước tiếp theo thuộc về bạn: %1</translation>
        </message>
        <message>
            <source>&amp;Draft outgoing document…</source>
            <translation>&amp;Soạn văn bản đi…</translation>
        </message>
        <message>
            <source>Draft outgoing</source>
            <translation>Soạn văn bản đi</translation>
        </message>
        <message>
            <source>Draft an outgoing document and attach its PDF (Ctrl+Shift+N)</source>
            <translation>Soạn văn bản đi và đính kèm tệp PDF dự thảo (Ctrl+Shift+N)</translation>
        </message>
        <message>
            <source>Document &amp;templates…</source>
            <translation>&amp;Mẫu văn bản…</translation>
        </message>
        <message>
            <source>The templates outgoing documents are drafted from, per document type</source>
            <translation>Các mẫu dùng để soạn văn bản đi, theo từng loại văn bản</translation>
        </message>
        <message>
            <source>All o&amp;utgoing documents</source>
            <translation>Tất cả văn bản đ&amp;i</translation>
        </message>
        <message>
            <source>Outgoing awaiting m&amp;e</source>
            <translation>Văn bản đi chờ tôi &amp;xử lý</translation>
        </message>
        <message>
            <source>My &amp;drafts</source>
            <translation>&amp;Dự thảo của tôi</translation>
        </message>
        <message>
            <source>Draft created: %1</source>
            <translation>Đã tạo dự thảo: %1</translation>
        </message>
        <message>
            <source>&lt;h3&gt;GovDesk %1&lt;/h3&gt;&lt;p&gt;Desktop client for the clerical work of Vietnamese agencies: registering, routing and handling incoming documents, drafting, approving, numbering and sending outgoing documents under Decree 30/2020/NĐ-CP.&lt;/p&gt;&lt;p&gt;Signed in as %2 (%3).&lt;br&gt;Data: %4&lt;/p&gt;</source>
            <translation>&lt;h3&gt;GovDesk %1&lt;/h3&gt;&lt;p&gt;Phần mềm công tác văn thư cho cơ quan nhà nước Việt Nam: vào sổ, phân công và xử lý văn bản đến; soạn thảo, duyệt, cấp số và gửi văn bản đi theo Nghị định 30/2020/NĐ-CP.&lt;/p&gt;&lt;p&gt;Đăng nhập: %2 (%3).&lt;br&gt;Dữ liệu: %4&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&amp;Advisory bodies…</source>
            <translation>&amp;Hội đồng, ban chỉ đạo…</translation>
        </message>
        <message>
            <source>Councils and steering committees that issue documents with their own register and numbers</source>
            <translation>Các hội đồng, ban chỉ đạo ban hành văn bản với sổ đăng ký và số riêng</translation>
        </message>
        <message>
            <source>Document e&amp;xchange…</source>
            <translation>&amp;Liên thông văn bản…</translation>
        </message>
        <message>
            <source>How this workspace reaches the national document exchange or the province's LGSP</source>
            <translation>Cách kết nối tới Trục liên thông văn bản quốc gia hoặc LGSP của tỉnh</translation>
        </message>
        <message>
            <source>Exchange &amp;outbox…</source>
            <translation>&amp;Hàng đợi liên thông…</translation>
        </message>
        <message>
            <source>Packets not yet sent over the document exchange, with their errors</source>
            <translation>Các gói chưa gửi được qua trục liên thông, kèm lỗi</translation>
        </message>
        <message>
            <source>S&amp;ynchronise exchange</source>
            <translation>Đồng &amp;bộ liên thông</translation>
        </message>
        <message>
            <source>Exchange</source>
            <translation>Liên thông</translation>
        </message>
        <message>
            <source>Send what waits in the outbox and fetch new documents and statuses now (%1)</source>
            <translation>Gửi ngay những gì đang chờ trong hàng đợi và nhận văn bản, trạng thái mới (%1)</translation>
        </message>
        <message>
            <source>%1 document(s) arrived over the document exchange</source>
            <translation>Đã nhận %1 văn bản qua trục liên thông</translation>
        </message>
        <message>
            <source>S&amp;can incoming document…</source>
            <translation>Q&amp;uét văn bản đến…</translation>
        </message>
        <message>
            <source>Scan a paper document, recognise its text and register it with the fields it proposes</source>
            <translation>Quét văn bản giấy, nhận dạng chữ và vào sổ với các trường được đề xuất</translation>
        </message>
        <message>
            <source>Scan &amp;folder…</source>
            <translation>&amp;Thư mục quét…</translation>
        </message>
        <message>
            <source>The folder the office's scanners save to: the PDFs made from its files wait there to be registered</source>
            <translation>Thư mục mà máy quét của cơ quan lưu vào: các tệp PDF tạo từ tệp trong đó chờ ở đây để vào sổ</translation>
        </message>
        <message>
            <source>The scanned file %1 could not be read: %2</source>
            <translation>Không đọc được tệp quét %1: %2</translation>
        </message>
        <message>
            <source>Scan folder: not available</source>
            <translation>Thư mục quét: không truy cập được</translation>
        </message>
        <message>
            <source>Scan folder: nothing waiting</source>
            <translation>Thư mục quét: không có bản chờ</translation>
        </message>
        <message numerus="yes">
            <source>Scan folder: %n waiting to be registered</source>
            <translation>
                <numerusform>Thư mục quét: %n bản chờ vào sổ</numerusform>
            </translation>
        </message>
        <message>
            <source>Watching %1 — click to see the scans</source>
            <translation>Đang theo dõi %1 — bấm để xem các bản quét</translation>
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
        <message>
            <source>Outgoing documents</source>
            <translation>Văn bản đi</translation>
        </message>
        <message>
            <source>Every outgoing document you may see, newest number first</source>
            <translation>Mọi văn bản đi bạn được xem, số mới nhất trước</translation>
        </message>
        <message>
            <source>Outgoing documents you drafted, at every step</source>
            <translation>Văn bản đi do bạn soạn thảo, ở mọi bước</translation>
        </message>
        <message>
            <source>All outgoing documents</source>
            <translation>Tất cả văn bản đi</translation>
        </message>
        <message>
            <source>My drafts</source>
            <translation>Dự thảo của tôi</translation>
        </message>
        <message>
            <source>Requests of senders to recall, revoke, update or replace a document they sent over the document exchange, waiting for your decision</source>
            <translation>Yêu cầu của bên gửi về việc lấy lại, thu hồi, cập nhật hoặc thay thế văn bản đã gửi qua trục liên thông, đang chờ quyết định</translation>
        </message>
        <message>
            <source>Recall/replace requests</source>
            <translation>Yêu cầu thu hồi/thay thế</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingActionDialog</name>
        <message>
            <source>%1 — %2: %3</source>
            <translation>%1 — %2: %3</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Submit for approval</source>
            <translation>Trình duyệt</translation>
        </message>
        <message>
            <source>Optional: what the leader should know about this draft</source>
            <translation>Không bắt buộc: điều lãnh đạo cần biết về dự thảo này</translation>
        </message>
        <message>
            <source>&amp;Submit</source>
            <translation>&amp;Trình duyệt</translation>
        </message>
        <message>
            <source>Approve the draft</source>
            <translation>Duyệt dự thảo</translation>
        </message>
        <message>
            <source>Optional: your opinion on the draft</source>
            <translation>Không bắt buộc: ý kiến của bạn về dự thảo</translation>
        </message>
        <message>
            <source>&amp;Approve</source>
            <translation>&amp;Duyệt</translation>
        </message>
        <message>
            <source>Return for revision</source>
            <translation>Trả lại để sửa</translation>
        </message>
        <message>
            <source>&amp;What to revise:</source>
            <translation>&amp;Nội dung cần sửa:</translation>
        </message>
        <message>
            <source>Required: what the drafter must change</source>
            <translation>Bắt buộc: người soạn cần sửa những gì</translation>
        </message>
        <message>
            <source>&amp;Return</source>
            <translation>&amp;Trả lại</translation>
        </message>
        <message>
            <source>Revise the draft</source>
            <translation>Sửa dự thảo</translation>
        </message>
        <message>
            <source>What &amp;changed:</source>
            <translation>Nội dung &amp;đã sửa:</translation>
        </message>
        <message>
            <source>Optional: what this version changes</source>
            <translation>Không bắt buộc: phiên bản này sửa những gì</translation>
        </message>
        <message>
            <source>&amp;Save new version</source>
            <translation>&amp;Lưu phiên bản mới</translation>
        </message>
        <message>
            <source>Reserve a number</source>
            <translation>Giữ số</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Lý do:</translation>
        </message>
        <message>
            <source>Required, e.g. the decision is signed on paper tomorrow</source>
            <translation>Bắt buộc, ví dụ: quyết định sẽ ký bản giấy vào ngày mai</translation>
        </message>
        <message>
            <source>&amp;Reserve</source>
            <translation>&amp;Giữ số</translation>
        </message>
        <message>
            <source>Cancel the number reservation</source>
            <translation>Hủy giữ số</translation>
        </message>
        <message>
            <source>Required: why the reserved number is not used</source>
            <translation>Bắt buộc: vì sao không dùng số đã giữ</translation>
        </message>
        <message>
            <source>Cancel the &amp;reservation</source>
            <translation>&amp;Hủy giữ số</translation>
        </message>
        <message>
            <source>Send the document</source>
            <translation>Gửi văn bản đi</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Ghi chú:</translation>
        </message>
        <message>
            <source>Optional, e.g. the postal receipt number</source>
            <translation>Không bắt buộc, ví dụ: số biên nhận bưu điện</translation>
        </message>
        <message>
            <source>&amp;Send</source>
            <translation>&amp;Gửi đi</translation>
        </message>
        <message>
            <source>Recall the document</source>
            <translation>Thu hồi văn bản</translation>
        </message>
        <message>
            <source>Required: why the document is recalled</source>
            <translation>Bắt buộc: lý do thu hồi văn bản</translation>
        </message>
        <message>
            <source>Re&amp;call</source>
            <translation>Th&amp;u hồi</translation>
        </message>
        <message>
            <source>Relate to an issued document</source>
            <translation>Liên kết với văn bản đã ban hành</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Không bắt buộc</translation>
        </message>
        <message>
            <source>&amp;Relate</source>
            <translation>&amp;Liên kết</translation>
        </message>
        <message>
            <source>Lend the archive copy</source>
            <translation>Cho mượn bản lưu</translation>
        </message>
        <message>
            <source>Optional, e.g. the purpose</source>
            <translation>Không bắt buộc, ví dụ: mục đích sử dụng</translation>
        </message>
        <message>
            <source>&amp;Lend</source>
            <translation>&amp;Cho mượn</translation>
        </message>
        <message>
            <source>Archive copy returned</source>
            <translation>Nhận lại bản lưu</translation>
        </message>
        <message>
            <source>&amp;Record the return</source>
            <translation>&amp;Ghi nhận đã trả</translation>
        </message>
        <message>
            <source>The current file is version %1 (%2); the new file becomes version %3.</source>
            <translation>Tệp hiện tại là phiên bản %1 (%2); tệp mới sẽ là phiên bản %3.</translation>
        </message>
        <message>
            <source>Choose the revised draft</source>
            <translation>Chọn tệp dự thảo đã sửa</translation>
        </message>
        <message>
            <source>PDF files (*.pdf);;All files (*)</source>
            <translation>Tệp PDF (*.pdf);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Number %1 is recorded as cancelled in the book and is never given again.</source>
            <translation>Số %1 được ghi là đã hủy trong sổ và không bao giờ được cấp lại.</translation>
        </message>
        <message>
            <source>A classified document is never sent over the document exchange.</source>
            <translation>Văn bản mật không bao giờ được gửi qua trục liên thông văn bản.</translation>
        </message>
        <message>
            <source>The recipients written on the envelopes</source>
            <translation>Nơi nhận ghi trên bì thư</translation>
        </message>
        <message>
            <source>How many envelopes are handed to the post (số lượng bì)</source>
            <translation>Số bì thư giao cho bưu điện (số lượng bì)</translation>
        </message>
        <message>
            <source>The document keeps its number in the register and is marked as recalled.</source>
            <translation>Văn bản vẫn giữ số trong sổ và được đánh dấu là đã thu hồi.</translation>
        </message>
        <message>
            <source>Replace a document with errors of content; correct (đính chính) errors of format or procedure</source>
            <translation>Thay thế văn bản sai về nội dung; đính chính văn bản sai về thể thức hoặc thủ tục</translation>
        </message>
        <message>
            <source>Number, notation or summary</source>
            <translation>Số, ký hiệu hoặc trích yếu</translation>
        </message>
        <message>
            <source>Required: the leader or head of the clerk's office who allowed it</source>
            <translation>Bắt buộc: lãnh đạo hoặc chánh văn phòng đã cho phép</translation>
        </message>
        <message>
            <source>Recorded in the register of the use of archive copies (Sổ sử dụng bản lưu) with today's date.</source>
            <translation>Được ghi vào Sổ sử dụng bản lưu với ngày hôm nay.</translation>
        </message>
        <message>
            <source>Lent to %1 on %2, allowed by %3.</source>
            <translation>%1 mượn ngày %2, do %3 cho phép.</translation>
        </message>
        <message>
            <source>File (hồ sơ): %1.</source>
            <translation>Hồ sơ: %1.</translation>
        </message>
        <message>
            <source>The document gets number %1 of %2 in the book "%3" and keeps it until it is issued.</source>
            <translation>Văn bản được giữ số %1 năm %2 trong sổ "%3" cho đến khi phát hành.</translation>
        </message>
        <message>
            <source>No issued document to relate to</source>
            <translation>Chưa có văn bản đã ban hành để liên kết</translation>
        </message>
        <message>
            <source>Choose the issued document from the list</source>
            <translation>Hãy chọn văn bản đã ban hành trong danh sách</translation>
        </message>
        <message>
            <source>The document was already sent; this records a further sending by post.</source>
            <translation>Văn bản đã được gửi; lần này ghi nhận việc gửi thêm qua bưu điện.</translation>
        </message>
        <message>
            <source>The document names no receiving organ by its code (mã định danh), so the exchange cannot deliver it.</source>
            <translation>Văn bản không ghi mã định danh của cơ quan nhận nào, nên trục liên thông không thể chuyển đi.</translation>
        </message>
        <message>
            <source>Sent over the document exchange to:
%1</source>
            <translation>Gửi qua trục liên thông đến:
%1</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingDocumentView</name>
        <message>
            <source>Drafted</source>
            <translation>Soạn dự thảo</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Trình duyệt</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>Đã duyệt</translation>
        </message>
        <message>
            <source>Returned for revision</source>
            <translation>Trả lại</translation>
        </message>
        <message>
            <source>New version</source>
            <translation>Sửa dự thảo (phiên bản mới)</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Đã ký</translation>
        </message>
        <message>
            <source>Number reserved</source>
            <translation>Giữ số</translation>
        </message>
        <message>
            <source>Reservation cancelled</source>
            <translation>Hủy giữ số</translation>
        </message>
        <message>
            <source>Numbered</source>
            <translation>Đã cấp số</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>Phát hành</translation>
        </message>
        <message>
            <source>Signed for the organisation</source>
            <translation>Ký số của cơ quan</translation>
        </message>
        <message>
            <source>Sent out</source>
            <translation>Gửi đi</translation>
        </message>
        <message>
            <source>Recalled</source>
            <translation>Đã thu hồi</translation>
        </message>
        <message>
            <source>Related</source>
            <translation>Liên kết văn bản</translation>
        </message>
        <message>
            <source>Named by a later document</source>
            <translation>Được văn bản sau liên kết tới</translation>
        </message>
        <message>
            <source>Information changed</source>
            <translation>Sửa thông tin</translation>
        </message>
        <message>
            <source>Archive copy lent</source>
            <translation>Cho mượn bản lưu</translation>
        </message>
        <message>
            <source>Archive copy returned</source>
            <translation>Nhận lại bản lưu</translation>
        </message>
        <message>
            <source>TM. (on behalf of the collective)</source>
            <translation>TM. (thay mặt tập thể)</translation>
        </message>
        <message>
            <source>KT. (signs for the head)</source>
            <translation>KT. (ký thay người đứng đầu)</translation>
        </message>
        <message>
            <source>TL. (by order of the head)</source>
            <translation>TL. (thừa lệnh người đứng đầu)</translation>
        </message>
        <message>
            <source>TUQ. (by authorisation of the head)</source>
            <translation>TUQ. (thừa ủy quyền người đứng đầu)</translation>
        </message>
        <message>
            <source>Q. (acting head)</source>
            <translation>Q. (quyền người đứng đầu)</translation>
        </message>
        <message>
            <source>(no number yet)</source>
            <translation>(chưa có số)</translation>
        </message>
        <message>
            <source>Replaced by %1</source>
            <translation>Bị thay thế bởi %1</translation>
        </message>
        <message>
            <source>Updated by %1</source>
            <translation>Được cập nhật bởi %1</translation>
        </message>
        <message>
            <source>Corrected by %1</source>
            <translation>Được đính chính bởi %1</translation>
        </message>
        <message>
            <source>&amp;Edit information…</source>
            <translation>Sửa thông t&amp;in…</translation>
        </message>
        <message>
            <source>Change the type, summary, recipients, signer, copies or due date</source>
            <translation>Sửa loại, trích yếu, nơi nhận, người ký, số lượng bản hoặc hạn xử lý</translation>
        </message>
        <message>
            <source>&amp;Submit…</source>
            <translation>&amp;Trình duyệt…</translation>
        </message>
        <message>
            <source>Send the current version to the leader for approval</source>
            <translation>Trình phiên bản hiện tại để lãnh đạo duyệt</translation>
        </message>
        <message>
            <source>Re&amp;vise draft…</source>
            <translation>&amp;Sửa dự thảo…</translation>
        </message>
        <message>
            <source>Upload a new version of the draft</source>
            <translation>Tải lên phiên bản mới của dự thảo</translation>
        </message>
        <message>
            <source>&amp;Approve…</source>
            <translation>&amp;Duyệt…</translation>
        </message>
        <message>
            <source>Approve the text of the draft</source>
            <translation>Duyệt nội dung dự thảo</translation>
        </message>
        <message>
            <source>Re&amp;turn…</source>
            <translation>Trả &amp;lại…</translation>
        </message>
        <message>
            <source>Send the draft back to the drafter with what to change</source>
            <translation>Trả dự thảo cho người soạn kèm nội dung cần sửa</translation>
        </message>
        <message>
            <source>Si&amp;gn…</source>
            <translation>&amp;Ký số…</translation>
        </message>
        <message>
            <source>Sign the approved document with your digital signature</source>
            <translation>Ký số văn bản đã duyệt bằng chữ ký số của bạn</translation>
        </message>
        <message>
            <source>&amp;Number and issue…</source>
            <translation>Cấp số và &amp;phát hành…</translation>
        </message>
        <message>
            <source>Give the document its number and issue date and sign it for the organisation</source>
            <translation>Cấp số, ngày ban hành và ký số của cơ quan cho văn bản</translation>
        </message>
        <message>
            <source>Reserve n&amp;umber…</source>
            <translation>&amp;Giữ số…</translation>
        </message>
        <message>
            <source>Keep the next number of the book for this document</source>
            <translation>Giữ số tiếp theo của sổ cho văn bản này</translation>
        </message>
        <message>
            <source>Cancel reser&amp;vation…</source>
            <translation>&amp;Hủy giữ số…</translation>
        </message>
        <message>
            <source>Give up the reserved number; it is recorded as cancelled</source>
            <translation>Bỏ số đã giữ; số này được ghi là đã hủy</translation>
        </message>
        <message>
            <source>Sen&amp;d…</source>
            <translation>Gửi đ&amp;i…</translation>
        </message>
        <message>
            <source>Record that the document was sent to its recipients</source>
            <translation>Ghi nhận văn bản đã được gửi tới nơi nhận</translation>
        </message>
        <message>
            <source>Re&amp;call…</source>
            <translation>Th&amp;u hồi…</translation>
        </message>
        <message>
            <source>Recall the issued document</source>
            <translation>Thu hồi văn bản đã ban hành</translation>
        </message>
        <message>
            <source>Re&amp;late…</source>
            <translation>Liên kế&amp;t…</translation>
        </message>
        <message>
            <source>Record that this document replaces, updates or corrects an issued one</source>
            <translation>Ghi nhận văn bản này thay thế, cập nhật hoặc đính chính một văn bản đã ban hành</translation>
        </message>
        <message>
            <source>Lend archive c&amp;opy…</source>
            <translation>Cho &amp;mượn bản lưu…</translation>
        </message>
        <message>
            <source>Record who uses the archive copy, with whose permission</source>
            <translation>Ghi người sử dụng bản lưu và người cho phép</translation>
        </message>
        <message>
            <source>Archive copy &amp;back</source>
            <translation>&amp;Nhận lại bản lưu</translation>
        </message>
        <message>
            <source>Record that the archive copy was returned</source>
            <translation>Ghi nhận bản lưu đã được trả lại</translation>
        </message>
        <message>
            <source>Information</source>
            <translation>Thông tin</translation>
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
            <source>Step</source>
            <translation>Bước</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Phiên bản</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Ý kiến</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Trình duyệt</translation>
        </message>
        <message>
            <source>Double-click a version to show it</source>
            <translation>Bấm đúp vào một phiên bản để xem</translation>
        </message>
        <message>
            <source>&amp;Save file…</source>
            <translation>&amp;Lưu tệp…</translation>
        </message>
        <message>
            <source>Double-click a version to show it.</source>
            <translation>Bấm đúp vào một phiên bản để xem.</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Lịch sử</translation>
        </message>
        <message>
            <source>Lent on</source>
            <translation>Ngày mượn</translation>
        </message>
        <message>
            <source>Used by</source>
            <translation>Người sử dụng</translation>
        </message>
        <message>
            <source>Allowed by</source>
            <translation>Người cho phép</translation>
        </message>
        <message>
            <source>File (hồ sơ)</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>Returned on</source>
            <translation>Ngày trả</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>Archive copy</source>
            <translation>Bản lưu</translation>
        </message>
        <message>
            <source>Arrival no. %1 — %2 from %3: %4</source>
            <translation>Số đến %1 — %2 của %3: %4</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>This document has no file.</source>
            <translation>Văn bản này chưa có tệp.</translation>
        </message>
        <message>
            <source>Book:</source>
            <translation>Sổ:</translation>
        </message>
        <message>
            <source>Number, notation:</source>
            <translation>Số, ký hiệu:</translation>
        </message>
        <message>
            <source>Issued on:</source>
            <translation>Ngày ban hành:</translation>
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
            <source>Drafting unit:</source>
            <translation>Đơn vị soạn thảo:</translation>
        </message>
        <message>
            <source>Drafted by:</source>
            <translation>Người soạn:</translation>
        </message>
        <message>
            <source>Pages:</source>
            <translation>Số trang:</translation>
        </message>
        <message>
            <source>Copies:</source>
            <translation>Số lượng bản:</translation>
        </message>
        <message>
            <source>Due date for recipients:</source>
            <translation>Hạn xử lý của nơi nhận:</translation>
        </message>
        <message>
            <source>Recipients:</source>
            <translation>Nơi nhận:</translation>
        </message>
        <message>
            <source>Receiving organs:</source>
            <translation>Cơ quan nhận:</translation>
        </message>
        <message>
            <source>Signer:</source>
            <translation>Người ký:</translation>
        </message>
        <message>
            <source>Signing authority:</source>
            <translation>Thẩm quyền ký:</translation>
        </message>
        <message>
            <source>Archive copies:</source>
            <translation>Bản lưu:</translation>
        </message>
        <message>
            <source>Answers:</source>
            <translation>Trả lời văn bản đến:</translation>
        </message>
        <message>
            <source>Reserved number:</source>
            <translation>Số đã giữ:</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Sent:</source>
            <translation>Đã gửi:</translation>
        </message>
        <message>
            <source>Recalled:</source>
            <translation>Thu hồi:</translation>
        </message>
        <message>
            <source>Related documents:</source>
            <translation>Văn bản liên quan:</translation>
        </message>
        <message>
            <source>not yet returned</source>
            <translation>chưa trả</translation>
        </message>
        <message>
            <source>Archive copy (lent)</source>
            <translation>Bản lưu (đang mượn)</translation>
        </message>
        <message>
            <source>Archive copy (%1)</source>
            <translation>Bản lưu (%1)</translation>
        </message>
        <message>
            <source>Review (%1)</source>
            <translation>Trình duyệt (%1)</translation>
        </message>
        <message>
            <source>Version %1: %2 (%3) — %4, %5</source>
            <translation>Phiên bản %1: %2 (%3) — %4, %5</translation>
        </message>
        <message>
            <source>SHA-256: %1</source>
            <translation>SHA-256: %1</translation>
        </message>
        <message>
            <source>Files (%1)</source>
            <translation>Tệp (%1)</translation>
        </message>
        <message>
            <source>Version %1: %2</source>
            <translation>Phiên bản %1: %2</translation>
        </message>
        <message>
            <source>Save file</source>
            <translation>Lưu tệp</translation>
        </message>
        <message>
            <source>PDF files (*.pdf);;All files (*)</source>
            <translation>Tệp PDF (*.pdf);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Sen&amp;d by post…</source>
            <translation>&amp;Gửi thêm qua bưu điện…</translation>
        </message>
        <message>
            <source>Document exchange</source>
            <translation>Liên thông</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingListView</name>
        <message>
            <source>Search number, notation, summary, unit, signer… (accents optional)</source>
            <translation>Tìm số, ký hiệu, trích yếu, đơn vị, người ký… (gõ có dấu hoặc không dấu)</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Mọi trạng thái</translation>
        </message>
        <message>
            <source>All drafting units</source>
            <translation>Mọi đơn vị soạn thảo</translation>
        </message>
        <message>
            <source>The year of the number; a document without a number counts in the year it was drafted</source>
            <translation>Năm của số văn bản; văn bản chưa có số tính theo năm soạn thảo</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingSignDialog</name>
        <message>
            <source>&amp;Sign</source>
            <translation>&amp;Ký số</translation>
        </message>
        <message>
            <source>Sign the outgoing document</source>
            <translation>Ký số văn bản đi</translation>
        </message>
        <message>
            <source>Signer on the document: %1 %2</source>
            <translation>Người ký trên văn bản: %1 %2</translation>
        </message>
        <message>
            <source>By the template (between the title and the name)</source>
            <translation>Theo mẫu (giữa chức vụ và họ tên)</translation>
        </message>
        <message>
            <source>Keep as my signature image</source>
            <translation>Lưu làm ảnh chữ ký của tôi</translation>
        </message>
        <message>
            <source>Signature image</source>
            <translation>Ảnh chữ ký</translation>
        </message>
        <message>
            <source>Certificate on the token</source>
            <translation>Chứng thư số trên token</translation>
        </message>
        <message>
            <source>Optional, kept in the review thread</source>
            <translation>Không bắt buộc; lưu cùng ý kiến trình duyệt</translation>
        </message>
        <message>
            <source>Co&amp;mment:</source>
            <translation>Ý &amp;kiến:</translation>
        </message>
        <message>
            <source>No saved signature image: the signature shows the signer's name and the time. Choose a PNG image to show the handwritten signature.</source>
            <translation>Chưa có ảnh chữ ký đã lưu: chữ ký số sẽ hiện họ tên người ký và thời gian ký. Chọn ảnh PNG để hiện chữ ký tay.</translation>
        </message>
        <message>
            <source>Signing… keep the token plugged in.</source>
            <translation>Đang ký số… hãy giữ token cắm trên máy.</translation>
        </message>
        <message>
            <source>The document is signed.</source>
            <translation>Văn bản đã được ký số.</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingTableModel</name>
        <message>
            <source>(reserved %1)</source>
            <translation>(đã giữ số %1)</translation>
        </message>
        <message>
            <source>(no number yet)</source>
            <translation>(chưa có số)</translation>
        </message>
        <message>
            <source>The number is given when the clerk issues the document</source>
            <translation>Số được cấp khi văn thư phát hành văn bản</translation>
        </message>
        <message>
            <source>Number, notation</source>
            <translation>Số, ký hiệu văn bản</translation>
        </message>
        <message>
            <source>Issued on</source>
            <translation>Ngày ban hành</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Trích yếu</translation>
        </message>
        <message>
            <source>Drafting unit</source>
            <translation>Đơn vị soạn</translation>
        </message>
        <message>
            <source>Drafted by</source>
            <translation>Người soạn</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Urgency/classification</source>
            <translation>Độ khẩn/độ mật</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::OutgoingTokenDialog</name>
        <message>
            <source>Choose another &amp;image…</source>
            <translation>Chọn ả&amp;nh khác…</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
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
            <source>Cannot read the image %1 (a PNG file is expected)</source>
            <translation>Không đọc được ảnh %1 (cần tệp PNG)</translation>
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
        <name>govdesk::gui::PlacementDialog</name>
        <message>
            <source>Position of the signature — %1</source>
            <translation>Vị trí chữ ký — %1</translation>
        </message>
        <message>
            <source>&amp;Use this position</source>
            <translation>&amp;Dùng vị trí này</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Cannot read %1.</source>
            <translation>Không đọc được %1.</translation>
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
        <name>govdesk::gui::RefuseRequestDialog</name>
        <message>
            <source>Refuse the request</source>
            <translation>Từ chối yêu cầu</translation>
        </message>
        <message>
            <source>&amp;Reason for refusing (sent to the requesting agency):</source>
            <translation>&amp;Lý do từ chối (gửi cho cơ quan đề nghị):</translation>
        </message>
        <message>
            <source>Required, e.g. the document is already being handled</source>
            <translation>Bắt buộc, ví dụ: văn bản đã được xử lý</translation>
        </message>
        <message>
            <source>&amp;Refuse</source>
            <translation>Từ &amp;chối</translation>
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
            <source>Issuing organisation (name, abbreviation or code)</source>
            <translation>Cơ quan ban hành (tên, tên viết tắt hoặc mã định danh)</translation>
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
        <message>
            <source>Register of outgoing documents</source>
            <translation>Sổ đăng ký văn bản đi</translation>
        </message>
        <message>
            <source>Register of outgoing classified documents</source>
            <translation>Sổ đăng ký văn bản đi mật</translation>
        </message>
        <message>
            <source>Register of copies of documents</source>
            <translation>Sổ đăng ký bản sao văn bản</translation>
        </message>
        <message>
            <source>Register of outgoing documents sent by post</source>
            <translation>Sổ gửi văn bản đi bưu điện</translation>
        </message>
        <message>
            <source>Register of the use of archive copies</source>
            <translation>Sổ sử dụng bản lưu</translation>
        </message>
        <message>
            <source>A register of outgoing documents covers a whole year, as their numbers restart on 1 January</source>
            <translation>Sổ đăng ký văn bản đi lập theo năm, vì số văn bản bắt đầu lại từ 01 vào ngày 01 tháng 01</translation>
        </message>
        <message>
            <source>outgoing-register</source>
            <translation>so-dang-ky-van-ban-di</translation>
        </message>
        <message>
            <source>post-register</source>
            <translation>so-gui-van-ban-di-buu-dien</translation>
        </message>
        <message>
            <source>archive-use-register</source>
            <translation>so-su-dung-ban-luu</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ScanDialog</name>
        <message>
            <source>&amp;Scan</source>
            <translation>&amp;Quét</translation>
        </message>
        <message>
            <source>S&amp;top scanning</source>
            <translation>&amp;Dừng quét</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
        </message>
        <message>
            <source>The scan is kept as the electronic copy of the paper document: Decree 30/2020 asks for colour at 200 dpi or more, at 100 % scale</source>
            <translation>Bản quét được lưu làm bản sao điện tử của văn bản giấy: Nghị định 30/2020 yêu cầu ảnh màu, độ phân giải từ 200 dpi, tỷ lệ 100 %</translation>
        </message>
        <message>
            <source>The scanned page appears here.</source>
            <translation>Trang đã quét hiện ở đây.</translation>
        </message>
        <message>
            <source>Looking for scanners…</source>
            <translation>Đang tìm máy quét…</translation>
        </message>
        <message>
            <source>No scanner was found: check that it is switched on, connected and its driver installed, then look again. Existing scans can be imported as files.</source>
            <translation>Không tìm thấy máy quét: hãy kiểm tra máy đã bật, đã kết nối và đã cài trình điều khiển rồi tìm lại. Bản quét có sẵn có thể nhập dưới dạng tệp.</translation>
        </message>
        <message>
            <source>Asking the scanner what it can do…</source>
            <translation>Đang đọc các khả năng của máy quét…</translation>
        </message>
        <message>
            <source>%1 dpi</source>
            <translation>%1 dpi</translation>
        </message>
        <message>
            <source>Until the feeder is empty</source>
            <translation>Đến khi hết giấy</translation>
        </message>
        <message>
            <source>0: every sheet in the feeder</source>
            <translation>0: quét mọi tờ trong khay nạp giấy</translation>
        </message>
        <message>
            <source>More than one: the pages are laid on the glass one after the other</source>
            <translation>Nhiều hơn một: lần lượt đặt từng trang lên mặt kính</translation>
        </message>
        <message>
            <source>Scanned document</source>
            <translation>Văn bản quét</translation>
        </message>
        <message>
            <source>Scanning page %1 of %2 — %3 %</source>
            <translation>Đang quét trang %1/%2 — %3 %</translation>
        </message>
        <message>
            <source>Scanning page %1 — %2 %</source>
            <translation>Đang quét trang %1 — %2 %</translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation>Trang %1</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) scanned.</source>
            <translation>
                <numerusform>Đã quét %n trang.</numerusform>
            </translation>
        </message>
        <message>
            <source>Page %1 of %2 is scanned. Put page %3 on the glass and press "Scan next page".</source>
            <translation>Đã quét trang %1/%2. Hãy đặt trang %3 lên mặt kính rồi bấm "Quét trang tiếp".</translation>
        </message>
        <message>
            <source>&amp;Scan next page</source>
            <translation>&amp;Quét trang tiếp</translation>
        </message>
        <message>
            <source>Scanning stopped; nothing was kept.</source>
            <translation>Đã dừng quét; không lưu gì.</translation>
        </message>
        <message>
            <source>Scanning…</source>
            <translation>Đang quét…</translation>
        </message>
        <message numerus="yes">
            <source>Putting the %n page(s) together…</source>
            <translation>
                <numerusform>Đang ghép %n trang…</numerusform>
            </translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>Đang dừng…</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::ScanFolderDialog</name>
        <message>
            <source>The folders cannot be watched: %1</source>
            <translation>Không thể theo dõi các thư mục: %1</translation>
        </message>
        <message>
            <source>Watching %1: each new file there becomes a PDF in %2.</source>
            <translation>Đang theo dõi %1: mỗi tệp mới ở đó được chuyển thành PDF trong %2.</translation>
        </message>
        <message>
            <source>No folder is watched on this computer.</source>
            <translation>Máy tính này chưa theo dõi thư mục nào.</translation>
        </message>
        <message>
            <source>Press "Watch these folders" to use the folders above.</source>
            <translation>Bấm "Theo dõi các thư mục này" để dùng các thư mục ở trên.</translation>
        </message>
        <message>
            <source>The folder the scanners save to</source>
            <translation>Thư mục máy quét lưu vào</translation>
        </message>
        <message>
            <source>The folder for the PDFs</source>
            <translation>Thư mục đặt các tệp PDF</translation>
        </message>
        <message>
            <source>%1 (from %2)</source>
            <translation>%1 (từ %2)</translation>
        </message>
        <message>
            <source>%1 — being registered</source>
            <translation>%1 — đang vào sổ</translation>
        </message>
        <message>
            <source>(no reason was written)</source>
            <translation>(không ghi lý do)</translation>
        </message>
        <message>
            <source>Waiting to be registered (%1)</source>
            <translation>Chờ vào sổ (%1)</translation>
        </message>
        <message>
            <source>Could not be read (%1)</source>
            <translation>Không đọc được (%1)</translation>
        </message>
        <message>
            <source>Put the scan aside</source>
            <translation>Để riêng bản quét</translation>
        </message>
        <message>
            <source>Put %1 aside? It leaves this list and is kept in the folder "discarded".</source>
            <translation>Để riêng %1? Bản quét rời khỏi danh sách này và được giữ trong thư mục "discarded".</translation>
        </message>
        <message>
            <source>Put aside</source>
            <translation>Để riêng</translation>
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
        <message>
            <source>by the template</source>
            <translation>theo mẫu</translation>
        </message>
        <message>
            <source>chosen on the page…</source>
            <translation>chọn trên trang…</translation>
        </message>
        <message>
            <source>Signature &amp;position:</source>
            <translation>&amp;Vị trí chữ ký:</translation>
        </message>
        <message>
            <source>The position can be chosen on the page for a single file</source>
            <translation>Chỉ chọn được vị trí trên trang khi ký một tệp</translation>
        </message>
        <message>
            <source>Page %1: %2 × %3 pt, %4 pt from the left and %5 pt from the bottom</source>
            <translation>Trang %1: ô %2 × %3 pt, cách mép trái %4 pt, cách mép dưới %5 pt</translation>
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
        <name>govdesk::gui::SignaturePlacementView</name>
        <message>
            <source>Position of the signature on the page</source>
            <translation>Vị trí chữ ký trên trang</translation>
        </message>
        <message>
            <source>Chosen on the page</source>
            <translation>Chọn trên trang</translation>
        </message>
        <message>
            <source>By the template</source>
            <translation>Theo mẫu</translation>
        </message>
        <message>
            <source>Pa&amp;ge:</source>
            <translation>&amp;Trang:</translation>
        </message>
        <message>
            <source>Position:</source>
            <translation>Vị trí:</translation>
        </message>
        <message>
            <source>Page %1 cannot be shown.</source>
            <translation>Không hiển thị được trang %1.</translation>
        </message>
        <message>
            <source>Loading the document…</source>
            <translation>Đang mở văn bản…</translation>
        </message>
        <message>
            <source>The document is protected by a password and cannot be shown here.</source>
            <translation>Văn bản được bảo vệ bằng mật khẩu, không hiển thị được ở đây.</translation>
        </message>
        <message>
            <source>The document has no pages to show.</source>
            <translation>Văn bản không có trang nào để hiển thị.</translation>
        </message>
        <message>
            <source>Digital signature</source>
            <translation>Chữ ký số</translation>
        </message>
        <message>
            <source>Drag on the page to draw the signature box; drag the box to move it or a corner to resize it; the arrow keys nudge it (Shift: faster).</source>
            <translation>Kéo chuột trên trang để vẽ ô chữ ký; kéo ô để di chuyển, kéo góc để đổi kích thước; phím mũi tên dịch ô từng chút (giữ Shift: nhanh hơn).</translation>
        </message>
        <message>
            <source>Drag the seal or click where it goes; the arrow keys nudge it (Shift: faster).</source>
            <translation>Kéo con dấu hoặc bấm vào chỗ cần đóng dấu; phím mũi tên dịch từng chút (giữ Shift: nhanh hơn).</translation>
        </message>
        <message>
            <source>The signature is on page %1.</source>
            <translation>Chữ ký đang ở trang %1.</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::TemplatesDialog</name>
        <message>
            <source>Word (.docx)</source>
            <translation>Word (.docx)</translation>
        </message>
        <message>
            <source>OpenDocument (.odt)</source>
            <translation>OpenDocument (.odt)</translation>
        </message>
        <message>
            <source>PDF</source>
            <translation>PDF</translation>
        </message>
        <message>
            <source>LibreOffice is not installed on this computer, so Word and OpenDocument templates (.docx, .odt) cannot be turned into PDF here. Ask IT to install it, or use a PDF template.</source>
            <translation>Máy tính này chưa cài LibreOffice nên không thể chuyển mẫu Word, OpenDocument (.docx, .odt) sang PDF tại đây. Đề nghị bộ phận công nghệ thông tin cài đặt, hoặc dùng mẫu PDF.</translation>
        </message>
        <message>
            <source>All document types</source>
            <translation>Tất cả loại văn bản</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>Đó&amp;ng</translation>
        </message>
        <message>
            <source>Choose the template</source>
            <translation>Chọn tệp mẫu</translation>
        </message>
        <message>
            <source>Templates (*.pdf *.docx *.odt);;All files (*)</source>
            <translation>Mẫu văn bản (*.pdf *.docx *.odt);;Tất cả các tệp (*)</translation>
        </message>
        <message>
            <source>%1 — needs LibreOffice</source>
            <translation>%1 — cần LibreOffice</translation>
        </message>
        <message>
            <source>%1 (removed)</source>
            <translation>%1 (đã gỡ)</translation>
        </message>
        <message numerus="yes">
            <source>%n template(s) listed.</source>
            <translation>
                <numerusform>Danh sách có %n mẫu.</numerusform>
            </translation>
        </message>
        <message>
            <source>Adding the template…</source>
            <translation>Đang thêm mẫu…</translation>
        </message>
        <message>
            <source>Template added: %1</source>
            <translation>Đã thêm mẫu văn bản: %1</translation>
        </message>
        <message>
            <source>Remove template</source>
            <translation>Gỡ mẫu văn bản</translation>
        </message>
        <message>
            <source>Remove the template "%1"? Drafters will no longer be offered it; the drafts already made from it are kept.</source>
            <translation>Gỡ mẫu “%1”? Người soạn thảo sẽ không còn được chọn mẫu này; các dự thảo đã tạo từ mẫu vẫn được giữ.</translation>
        </message>
        <message>
            <source>&amp;Remove the template</source>
            <translation>&amp;Gỡ mẫu</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Removing the template…</source>
            <translation>Đang gỡ mẫu…</translation>
        </message>
        <message>
            <source>Template removed: %1</source>
            <translation>Đã gỡ bỏ mẫu văn bản: %1</translation>
        </message>
    </context>
    <context>
        <name>govdesk::gui::TokenChooser</name>
        <message>
            <source>Never stored</source>
            <translation>Không bao giờ được lưu</translation>
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
            <source>No token driver (PKCS#11 module) is installed. Install the software that came with the token, or ask IT to add it to the configuration.</source>
            <translation>Chưa cài trình điều khiển token (mô-đun PKCS#11). Hãy cài phần mềm đi kèm token hoặc đề nghị bộ phận công nghệ thông tin bổ sung vào cấu hình.</translation>
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
            <source>Timestamp (no server configured)</source>
            <translation>Dấu thời gian (chưa cấu hình máy chủ)</translation>
        </message>
        <message>
            <source>Add a trusted timestamp from %1</source>
            <translation>Gắn dấu thời gian tin cậy từ %1</translation>
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
        <name>govdesk::sandbox::SandboxServer</name>
        <message>
            <source>Cannot read the certificate %1 or the key %2</source>
            <translation>Không đọc được chứng thư %1 hoặc khoá %2</translation>
        </message>
        <message>
            <source>The key %1 is not an unencrypted RSA or EC PEM key</source>
            <translation>Khoá %1 không phải là khoá RSA hoặc EC dạng PEM không mã hoá</translation>
        </message>
        <message>
            <source>Cannot listen on 127.0.0.1:%1: %2</source>
            <translation>Không lắng nghe được trên 127.0.0.1:%1: %2</translation>
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
