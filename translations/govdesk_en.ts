<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>govdesk::gui::IncomingListView</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::RegistersDialog</name>
    <message numerus="yes">
        <source>%n entry(ies) in the register.</source>
        <translation>
            <numerusform>%n entry(ies) in the register.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>govdesk::gui::SignaturePanel</name>
    <message numerus="yes">
        <source>%n digital signature(s), all valid.</source>
        <translation>
            <numerusform>%n digital signature, all valid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital signature(s): at least one is INVALID — do not rely on this document.</source>
        <translation>
            <numerusform>%n digital signature: at least one is INVALID — do not rely on this document.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital signature(s): validity could not be fully established.</source>
        <translation>
            <numerusform>%n digital signature: validity could not be fully established.</numerusform>
        </translation>
    </message>
</context>
</TS>
