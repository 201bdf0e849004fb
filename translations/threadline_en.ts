<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>tl::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) listed</source>
        <translation>
            <numerusform>%n customer listed</numerusform>
            <numerusform>%n customers listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n event(s).</source>
        <translation>
            <numerusform>Imported %n event.</numerusform>
            <numerusform>Imported %n events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already known.</source>
        <translation>
            <numerusform>%n already known.</numerusform>
            <numerusform>%n already known.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n line could not be read and was skipped.</numerusform>
            <numerusform>%n lines could not be read and were skipped.</numerusform>
        </translation>
    </message>
</context>
</TS>
