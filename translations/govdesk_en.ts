<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>%n packet(s) queued again</source>
        <translation>
            <numerusform>%n packet queued again</numerusform>
            <numerusform>%n packets queued again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agency(ies) added or renamed from the exchange directory</source>
        <translation>
            <numerusform>%n agency added or renamed from the exchange directory</numerusform>
            <numerusform>%n agencies added or renamed from the exchange directory</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n page(s), from %2, %3
</source>
        <translation>
            <numerusform>%1 — %n page, from %2, %3
</numerusform>
            <numerusform>%1 — %n pages, from %2, %3
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Directory refreshed: %n agency(ies) added or renamed</source>
        <translation>
            <numerusform>Directory refreshed: %n agency added or renamed</numerusform>
            <numerusform>Directory refreshed: %n agencies added or renamed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeService</name>
    <message numerus="yes">
        <source>%n recipient(s) over the document exchange</source>
        <translation>
            <numerusform>%n recipient over the document exchange</numerusform>
            <numerusform>%n recipients over the document exchange</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::DocumentListView</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::DraftOutgoingDialog</name>
    <message numerus="yes">
        <source>The draft starts from this template (%n page(s)).</source>
        <translation>
            <numerusform>The draft starts from this template (%n page).</numerusform>
            <numerusform>The draft starts from this template (%n pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::IncomingScanPanel</name>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The text of %n page(s) was recognised (mean confidence %1 %), but no register field was found on them: fill in the form from the paper. The document is registered with the searchable PDF.</source>
        <translation>
            <numerusform>The text of %n page was recognised (mean confidence %1 %), but no register field was found on them: fill in the form from the paper. The document is registered with the searchable PDF.</numerusform>
            <numerusform>The text of %n pages was recognised (mean confidence %1 %), but no register field was found on them: fill in the form from the paper. The document is registered with the searchable PDF.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The text of %n page(s) was recognised (mean confidence %1 %). What it read is proposed under the fields: click a proposal to see where it is on the page.</source>
        <translation>
            <numerusform>The text of %n page was recognised (mean confidence %1 %). What it read is proposed under the fields: click a proposal to see where it is on the page.</numerusform>
            <numerusform>The text of %n pages was recognised (mean confidence %1 %). What it read is proposed under the fields: click a proposal to see where it is on the page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::IssuingBodiesDialog</name>
    <message numerus="yes">
        <source>%n advisory body(ies) listed.</source>
        <translation>
            <numerusform>%n advisory body listed.</numerusform>
            <numerusform>%n advisory bodies listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::MainWindow</name>
    <message numerus="yes">
        <source>Scan folder: %n waiting to be registered</source>
        <translation>
            <numerusform>Scan folder: %n waiting to be registered</numerusform>
            <numerusform>Scan folder: %n waiting to be registered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::RegistersDialog</name>
    <message numerus="yes">
        <source>%n entry(ies) in the register.</source>
        <translation>
            <numerusform>%n entry in the register.</numerusform>
            <numerusform>%n entries in the register.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::ScanDialog</name>
    <message numerus="yes">
        <source>%n page(s) scanned.</source>
        <translation>
            <numerusform>%n page scanned.</numerusform>
            <numerusform>%n pages scanned.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Putting the %n page(s) together…</source>
        <translation>
            <numerusform>Putting the %n page together…</numerusform>
            <numerusform>Putting the %n pages together…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::SignaturePanel</name>
    <message numerus="yes">
        <source>%n digital signature(s), all valid.</source>
        <translation>
            <numerusform>%n digital signature, valid.</numerusform>
            <numerusform>%n digital signatures, all valid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital signature(s): at least one is INVALID — do not rely on this document.</source>
        <translation>
            <numerusform>%n digital signature: it is INVALID — do not rely on this document.</numerusform>
            <numerusform>%n digital signatures: at least one is INVALID — do not rely on this document.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital signature(s): validity could not be fully established.</source>
        <translation>
            <numerusform>%n digital signature: validity could not be fully established.</numerusform>
            <numerusform>%n digital signatures: validity could not be fully established.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::TemplatesDialog</name>
    <message numerus="yes">
        <source>%n template(s) listed.</source>
        <translation>
            <numerusform>%n template listed.</numerusform>
            <numerusform>%n templates listed.</numerusform>
        </translation>
    </message>
</context>
</TS>
