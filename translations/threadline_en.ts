<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>tl::ui::ConnectionIndicator</name>
    <message numerus="yes">
        <source>%1 · %Ln waiting to be sent</source>
        <extracomment>%1 is the connection state, followed by the number of the agent&apos;s actions not yet delivered</extracomment>
        <translation>
            <numerusform>%1 · %Ln waiting to be sent</numerusform>
            <numerusform>%1 · %Ln waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxStatus</name>
    <message numerus="yes">
        <source>Mailboxes: %Ln connected</source>
        <translation>
            <numerusform>Mailboxes: %Ln connected</numerusform>
            <numerusform>Mailboxes: %Ln connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln not connected</source>
        <translation>
            <numerusform>Mailboxes: %Ln not connected</numerusform>
            <numerusform>Mailboxes: %Ln not connected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) listed</source>
        <translation>
            <numerusform>%Ln customer listed</numerusform>
            <numerusform>%Ln customers listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln event(s).</source>
        <translation>
            <numerusform>Imported %Ln event.</numerusform>
            <numerusform>Imported %Ln events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already known.</source>
        <translation>
            <numerusform>%Ln already known.</numerusform>
            <numerusform>%Ln already known.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%Ln line could not be read and was skipped.</numerusform>
            <numerusform>%Ln lines could not be read and were skipped.</numerusform>
        </translation>
    </message>
</context>
</TS>
