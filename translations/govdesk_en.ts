<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
