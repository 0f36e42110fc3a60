<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>Accounts</name>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace has not been set up yet; run &quot;govdesk-cli init&quot; first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A unit needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A unit with the code %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid user name &quot;%1&quot;: use 2–64 lower-case letters, digits, dot, dash or underscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must have at least %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agency&apos;s name is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid abbreviation &quot;%1&quot;: letters and digits only, starting with a capital, as used in notations (e.g. UBND)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace is already set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can add users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can change the organisation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no unit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit trail is not initialised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 is missing (next present is %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 (%2, %3) does not follow entry %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entry %1 (%2 by %3 at %4) was altered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail was tampered with: entries after %1 were removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <source>cannot create the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is larger than %2 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store the attachment in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment %1 is missing from the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment %1 is damaged: its content no longer matches its fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: govdesk-cli [--workspace DIR | --database URL] [--as USER] [--json] COMMAND …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands: init, user add|list, unit add|list, incoming register|list|show|assign|progress|complete|return|receive|next-number|attachments, registry export, audit verify|log, db check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--workspace needs a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--database needs a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--as needs a user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init needs --demo, or --org-code, --org-name and --org-abbr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for the new admin account: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace ready: %1 (%2), database %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add NAME --role van-thu|chuyen-vien|lanh-dao|quan-tri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role must be one of van-thu, chuyen-vien, lanh-dao, quan-tri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 added as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add|list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit add|list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1 (%2): %3 %4 of %5 — %6 [%7]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown or incomplete option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--date must be YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--deadline must be YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--arrival-date must be YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--urgency must be khan, thuong-khan or hoa-toc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--secrecy must be mat, toi-mat or tuyet-mat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pages must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--year must be a year such as 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--status must be one of moi-den, da-vao-so, da-phan-cong, dang-xu-ly, hoan-thanh, tra-lai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --until must be YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No documents match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming %1 ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming attachments ID --out FOLDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>incoming assign ID --to USER [--unit UNIT] [--coop UNIT]… [--deadline D] [--opinion TEXT]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown incoming command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registry export --book incoming|incoming-secret|incoming-tracking --year Y --out FILE.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--book must be incoming, incoming-secret or incoming-tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --year, or --from and --until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.pdf is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 written (%2 entries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail intact: %1 entries, head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit verify|log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database %1 passed its integrity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password: set GOVDESK_PASSWORD or run in a terminal to be asked for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator or a leader can read the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The database is busy with another user&apos;s change; please try again (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved. Free some space and try again (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record already exists (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid database address &quot;%1&quot;: expected postgresql://user:password@host:port/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database address &quot;%1&quot; names no database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the workspace folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt database driver for this engine is not installed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema change %1 #%2 (%3) failed: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database failed its integrity check: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoWorkspace</name>
    <message>
        <source>The demo data is missing from this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo users could not be created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncomingRegisters</name>
    <message>
        <source>Year %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From number %1 to number %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No documents were registered in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REGISTER OF INCOMING CLASSIFIED DOCUMENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REGISTER OF INCOMING DOCUMENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number, notation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type and summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit or person receiving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REGISTER FOR FOLLOWING UP THE HANDLING OF INCOMING DOCUMENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type, number, notation, date, issuing organ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number, notation of the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the clerk, a leader or an administrator can print the registers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncomingService</name>
    <message>
        <source>Unknown incoming registry book &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document is classified; only the clerk, the leaders and its handler may open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no incoming document %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document has not been assigned to you or your unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot handle documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the person or unit assigned to lead this document can record its handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuing organisation (author) is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuing organisation&apos;s name is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary (trích yếu) is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document number is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid document number &quot;%1&quot;: digits (and letters) only, without the notation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notation is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arrival date %1 is in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document is dated %1, after its arrival date %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The handling deadline %1 is before the arrival date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page count must be between 0 and 9999</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The way of receipt must be &quot;paper&quot; or &quot;electronic&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown document type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A classified document must be registered in a book for classified documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry counter could not be advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) or an administrator can register documents into the book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate: %1 of %2 was already registered as arrival number %3 on %4. Register it again only if it really is a second document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this document meanwhile; reopen it and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) or an administrator can change a registered entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arrival date cannot move the entry to another year&apos;s book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document is already registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a leader can assign documents for handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the document into the book before assigning it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document is already closed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot handle documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the person or unit who leads the handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress can only be recorded on an assigned document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the progress made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an assigned document can be completed (it is %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the clerk (văn thư) can return a wrongly sent document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason for returning the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document has no attachment %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganCode</name>
    <message>
        <source>Invalid organisation code &quot;%1&quot;: expected the form 000.00.00.H16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid organisation code &quot;%1&quot;: a lower level is set while a higher one is 0</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPrinter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SystemConfig</name>
    <message>
        <source>The database is set by your IT department in %1 and cannot be changed here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newly arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
