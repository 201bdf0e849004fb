<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>EventPresenter</name>
    <message>
        <source>%1:%2:%3</source>
        <extracomment>A call duration: hours, minutes, seconds</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2</source>
        <extracomment>A call duration: minutes, seconds</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call, %1</source>
        <extracomment>%1 is the call&apos;s duration, such as 4:12</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing call, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call answered by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 set the case to %2</source>
        <extracomment>%1 is an agent, %2 a case state such as Resolved</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case set to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another customer record was merged into this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked %1 to this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery updated</source>
        <extracomment>%1 is a delivery status reported by the channel, such as &quot;delivered&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat transferred to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <extracomment>A web chat visitor id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>A case state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>A case state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <extracomment>A case state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <extracomment>Translate as &quot;RTL&quot; in right-to-left languages (Farsi) and &quot;LTR&quot; in all others: it mirrors the window.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Threadline agent workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cache (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language: en, pl, ru, fa or zh_CN (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent login written on replies (default: the user name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region of phone numbers written without a country code, such as PL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::store::EventStore</name>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set up the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a reply on a customer channel or a note can be written here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer with the id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are already the same customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the database statements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An event without an id cannot be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 names no customer identity, so it belongs to no customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer has no phone number for SMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer has no phone number or SIP address to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer has no chat session to answer in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::store::JsonLinesImporter</name>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::store::Migrations</name>
    <message>
        <source>The database was written by a newer version of Threadline (schema %1; this version knows up to %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not migrate the database to schema %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::store::StoreClient</name>
    <message>
        <source>Could not open %1 for reading: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::Composer</name>
    <message>
        <source>Re: %1</source>
        <extracomment>The prefix of a reply&apos;s subject line; e-mail programs everywhere expect &quot;Re:&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <extracomment>Shown under the composer when a reply could not be saved; %1 is the reason</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an internal note — the customer will not see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel the reply goes out on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::ConversationPane</name>
    <message>
        <source>The timeline could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A tab title: %1 is the customer&apos;s name, %2 the number of unread messages</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerCard</name>
    <message>
        <source>%1: %2</source>
        <extracomment>An identity in the customer card: %1 is its kind (E-mail, Phone, ...), %2 the address</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge %1 into %2?

Every identity and the whole history of %1 move to %2. This cannot be undone.</source>
        <extracomment>%1 is the customer merged away, %2 the one that stays</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge another customer into this one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerListPanel</name>
    <message>
        <source>Search customers and messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches names, addresses and the text of every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <extracomment>The state filter&apos;s &quot;no filter&quot; entry: customers in every case state</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>The customer list could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cache %1 could not be opened:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer on the list to see their whole conversation: e-mail, chat, SMS and calls in one timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <extracomment>The status bar&apos;s note of where the local cache lives; %1 is a file path</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The status bar; %1 is the number of events in the cache, %2 the number of customers listed</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Threadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cache is empty. Import the bundled sample history so there is something to look at?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your own history later with File › Import JSON Lines History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import JSON Lines History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1 failed:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n event(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already known.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read and were skipped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Threadline %1&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One thread through every channel: e-mail, web chat, SMS and voice of a customer in a single timeline.&lt;br&gt;&lt;br&gt;Signed in as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every other line was imported. The lines that were skipped, and why:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tl::ui::MergeDialog</name>
    <message>
        <source>Merge Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer to merge into %1. Their identities and history move to %1.</source>
        <extracomment>%1 is a customer&apos;s name</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, address or message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
