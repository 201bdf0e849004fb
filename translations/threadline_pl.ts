<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>ApiGet</name>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Nie można połączyć się z serwerem: %1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Serwer odrzucił żądanie (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>Serwer odrzucił żądanie: %1</translation>
    </message>
</context>
<context>
    <name>EventPresenter</name>
    <message>
        <source>%1:%2:%3</source>
        <extracomment>A call duration: hours, minutes, seconds</extracomment>
        <translation>%1:%2:%3</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <extracomment>A call duration: minutes, seconds</extracomment>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Połączenie przychodzące</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Połączenie wychodzące</translation>
    </message>
    <message>
        <source>Incoming call, %1</source>
        <extracomment>%1 is the call&apos;s duration, such as 4:12</extracomment>
        <translation>Połączenie przychodzące, %1</translation>
    </message>
    <message>
        <source>Outgoing call, %1</source>
        <translation>Połączenie wychodzące, %1</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Połączenie nieodebrane</translation>
    </message>
    <message>
        <source>Incoming call ringing</source>
        <translation>Połączenie przychodzące – dzwoni</translation>
    </message>
    <message>
        <source>Calling the customer</source>
        <translation>Dzwonienie do klienta</translation>
    </message>
    <message>
        <source>Call answered by %1</source>
        <translation>Połączenie odebrane przez %1</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>Połączenie odebrane</translation>
    </message>
    <message>
        <source>%1 set the case to %2</source>
        <extracomment>%1 is an agent, %2 a case state such as Resolved</extracomment>
        <translation>Status zgłoszenia zmieniony przez %1 na „%2”</translation>
    </message>
    <message>
        <source>Case set to %1</source>
        <translation>Status zgłoszenia zmieniony na „%1”</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>Zgłoszenie przypisane</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Przypisano do %1</translation>
    </message>
    <message>
        <source>Another customer record was merged into this one</source>
        <translation>Scalono z tym klientem rekord innego klienta</translation>
    </message>
    <message>
        <source>Merged with customer %1</source>
        <translation>Scalono z klientem %1</translation>
    </message>
    <message>
        <source>Linked %1 to this customer</source>
        <translation>Powiązano %1 z tym klientem</translation>
    </message>
    <message>
        <source>Delivery updated</source>
        <extracomment>%1 is a delivery status reported by the channel, such as &quot;delivered&quot;</extracomment>
        <translation>Zaktualizowano status doręczenia</translation>
    </message>
    <message>
        <source>Delivery: %1</source>
        <translation>Status doręczenia: %1</translation>
    </message>
    <message>
        <source>Chat started</source>
        <translation>Rozpoczęto czat</translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation>Zakończono czat</translation>
    </message>
    <message>
        <source>Chat transferred</source>
        <translation>Przekazano czat</translation>
    </message>
    <message>
        <source>Chat transferred to %1</source>
        <translation>Przekazano czat do %1</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Wczoraj</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Chat</source>
        <extracomment>A web chat visitor id</extracomment>
        <translation>Czat</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Notatka wewnętrzna</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>A case state</extracomment>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>A case state</extracomment>
        <translation>Oczekujące</translation>
    </message>
    <message>
        <source>Resolved</source>
        <extracomment>A case state</extracomment>
        <translation>Rozwiązane</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <source>Customer details updated</source>
        <extracomment>%1 is the customer&apos;s name as a channel or an import gave it</extracomment>
        <translation>Zaktualizowano dane klienta</translation>
    </message>
    <message>
        <source>Customer&apos;s name recorded as %1</source>
        <translation>Zapisano imię i nazwisko klienta: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An e-mail attachment in the timeline; %1 is the file name, %2 its size (&quot;1.2 MB&quot;)</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <extracomment>Translate as &quot;RTL&quot; in right-to-left languages (Farsi) and &quot;LTR&quot; in all others: it mirrors the window.</extracomment>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Threadline agent workstation</source>
        <translation>Threadline – stanowisko konsultanta</translation>
    </message>
    <message>
        <source>The local cache (default: %1).</source>
        <translation>Lokalna pamięć podręczna (domyślnie: %1).</translation>
    </message>
    <message>
        <source>The language: en, pl, ru, fa or zh_CN (default: the system&apos;s).</source>
        <translation>Język: en, pl, ru, fa lub zh_CN (domyślnie: język systemu).</translation>
    </message>
    <message>
        <source>The agent login written on replies (default: the user name).</source>
        <translation>Login konsultanta zapisywany w odpowiedziach (domyślnie: nazwa użytkownika).</translation>
    </message>
    <message>
        <source>The region of phone numbers written without a country code, such as PL.</source>
        <translation>Region numerów telefonów zapisanych bez kodu kraju, np. PL.</translation>
    </message>
    <message>
        <source>The Threadline server to sign in to, such as http://127.0.0.1:8080.</source>
        <translation>Serwer Threadline, do którego się logujesz, np. http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation>Login, którym się logujesz.</translation>
    </message>
    <message>
        <source>Work on the local cache without a server.</source>
        <translation>Pracuj na lokalnej pamięci podręcznej bez serwera.</translation>
    </message>
</context>
<context>
    <name>tl::store::EventStore</name>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>Nie można otworzyć bazy danych %1: %2</translation>
    </message>
    <message>
        <source>Could not set up the database %1: %2</source>
        <translation>Nie można przygotować bazy danych %1: %2</translation>
    </message>
    <message>
        <source>Only a reply on a customer channel or a note can be written here.</source>
        <translation>Tutaj można napisać tylko odpowiedź w kanale klienta albo notatkę.</translation>
    </message>
    <message>
        <source>There is no customer with the id %1.</source>
        <translation>Nie ma klienta o identyfikatorze %1.</translation>
    </message>
    <message>
        <source>These are already the same customer.</source>
        <translation>To jest już ten sam klient.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Wyszukiwanie nie powiodło się: %1</translation>
    </message>
    <message>
        <source>Could not prepare the database statements.</source>
        <translation>Nie można przygotować zapytań do bazy danych.</translation>
    </message>
    <message>
        <source>An event without an id cannot be stored.</source>
        <translation>Nie można zapisać zdarzenia bez identyfikatora.</translation>
    </message>
    <message>
        <source>Event %1 names no customer identity, so it belongs to no customer.</source>
        <translation>Zdarzenie %1 nie wskazuje żadnego identyfikatora klienta, więc nie należy do żadnego klienta.</translation>
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation>Ten klient nie ma adresu e-mail.</translation>
    </message>
    <message>
        <source>This customer has no phone number for SMS.</source>
        <translation>Ten klient nie ma numeru telefonu do wysyłania SMS-ów.</translation>
    </message>
    <message>
        <source>This customer has no phone number or SIP address to call.</source>
        <translation>Ten klient nie ma numeru telefonu ani adresu SIP, pod który można zadzwonić.</translation>
    </message>
    <message>
        <source>This customer has no chat session to answer in.</source>
        <translation>Ten klient nie ma sesji czatu, w której można odpowiedzieć.</translation>
    </message>
</context>
<context>
    <name>tl::store::JsonLinesImporter</name>
    <message>
        <source>line %1: %2</source>
        <translation>wiersz %1: %2</translation>
    </message>
</context>
<context>
    <name>tl::store::Migrations</name>
    <message>
        <source>The database was written by a newer version of Threadline (schema %1; this version knows up to %2).</source>
        <translation>Baza danych została zapisana przez nowszą wersję programu Threadline (schemat %1; ta wersja obsługuje schematy do %2).</translation>
    </message>
    <message>
        <source>Could not migrate the database to schema %1: %2</source>
        <translation>Nie można przenieść bazy danych na schemat %1: %2</translation>
    </message>
</context>
<context>
    <name>tl::store::StoreClient</name>
    <message>
        <source>Could not open %1 for reading: %2</source>
        <translation>Nie można otworzyć pliku %1 do odczytu: %2</translation>
    </message>
</context>
<context>
    <name>tl::sync::AttachmentClient</name>
    <message>
        <source>The attachment cannot be saved to %1: %2</source>
        <translation>Nie można zapisać załącznika w %1: %2</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Nie można połączyć się z serwerem: %1</translation>
    </message>
    <message>
        <source>The server does not have this attachment.</source>
        <translation>Serwer nie ma tego załącznika.</translation>
    </message>
    <message>
        <source>Sign in again to open attachments from the server.</source>
        <translation>Zaloguj się ponownie, aby otwierać załączniki z serwera.</translation>
    </message>
    <message>
        <source>The server refused the attachment (HTTP %1).</source>
        <translation>Serwer odmówił wydania załącznika (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the attachment: %1</source>
        <translation>Serwer odmówił wydania załącznika: %1</translation>
    </message>
    <message>
        <source>The download broke off: %1</source>
        <translation>Pobieranie zostało przerwane: %1</translation>
    </message>
    <message>
        <source>The attachment arrived damaged; try again.</source>
        <translation>Załącznik dotarł uszkodzony; spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The attachment cannot be saved: %1</source>
        <translation>Nie można zapisać załącznika: %1</translation>
    </message>
</context>
<context>
    <name>tl::sync::ColleagueClient</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Nie zalogowano się do serwera.</translation>
    </message>
</context>
<context>
    <name>tl::sync::LoginClient</name>
    <message>
        <source>Wrong login or password.</source>
        <translation>Nieprawidłowy login lub hasło.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Nie można połączyć się z serwerem: %1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>Serwer odmówił zalogowania (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>Serwer odmówił zalogowania: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::AttachmentOpener</name>
    <message>
        <source>“%1” is not in the local cache; sign in to the server to fetch it.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>„%1” nie ma w lokalnej pamięci podręcznej; zaloguj się do serwera, aby go pobrać.</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Pobieranie „%1”…</translation>
    </message>
    <message>
        <source>Downloading “%1”… %2%</source>
        <translation>Pobieranie „%1”… %2%</translation>
    </message>
    <message>
        <source>“%1” could not be fetched: %2</source>
        <extracomment>%1 is an attachment&apos;s file name, %2 the reason</extracomment>
        <translation>Nie udało się pobrać „%1”: %2</translation>
    </message>
    <message>
        <source>There is no temporary folder to open attachments from.</source>
        <translation>Brak folderu tymczasowego, z którego można otwierać załączniki.</translation>
    </message>
    <message>
        <source>“%1” could not be copied for opening.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Nie udało się skopiować „%1” do otwarcia.</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Żaden program nie mógł otworzyć „%1”.</translation>
    </message>
</context>
<context>
    <name>tl::ui::Composer</name>
    <message>
        <source>Re: %1</source>
        <extracomment>The prefix of a reply&apos;s subject line; e-mail programs everywhere expect &quot;Re:&quot;</extracomment>
        <translation>Re: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <extracomment>Shown under the composer when a reply could not be saved; %1 is the reason</extracomment>
        <translation>Nie wysłano: %1</translation>
    </message>
    <message>
        <source>Write an internal note — the customer will not see it</source>
        <translation>Napisz notatkę wewnętrzną – klient jej nie zobaczy</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>Napisz odpowiedź…</translation>
    </message>
    <message>
        <source>The channel the reply goes out on</source>
        <translation>Kanał, którym zostanie wysłana odpowiedź</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Wyślij</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Wyślij (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>End chat</source>
        <extracomment>Button under the composer while the chat channel is picked: ends the visitor&apos;s web chat</extracomment>
        <translation>Zakończ czat</translation>
    </message>
    <message>
        <source>End the web chat; the visitor sees that it ended</source>
        <translation>Zakończ czat na stronie; odwiedzający zobaczy, że się zakończył</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <extracomment>Button under the composer while the chat channel is picked: hands the web chat to a colleague</extracomment>
        <translation>Przekaż…</translation>
    </message>
    <message>
        <source>Hand this web chat to a colleague</source>
        <translation>Przekaż ten czat innej osobie z zespołu</translation>
    </message>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Nie zalogowano się do serwera.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronizacja…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Łączenie…</translation>
    </message>
    <message>
        <source>Offline, reconnecting</source>
        <extracomment>The link to the server dropped; Threadline retries by itself</extracomment>
        <translation>Brak połączenia, ponawianie</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln waiting to be sent</source>
        <extracomment>%1 is the connection state, followed by the number of the agent&apos;s actions not yet delivered</extracomment>
        <translation>
            <numerusform>%1 · %Ln czeka na wysłanie</numerusform>
            <numerusform>%1 · %Ln czekają na wysłanie</numerusform>
            <numerusform>%1 · %Ln czeka na wysłanie</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to sign in to a server.</source>
        <translation>Kliknij, aby zalogować się do serwera.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConversationPane</name>
    <message>
        <source>The timeline could not be loaded: %1</source>
        <translation>Nie można wczytać osi czasu: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A tab title: %1 is the customer&apos;s name, %2 the number of unread messages</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The customer could not be loaded: %1</source>
        <translation>Nie można wczytać danych klienta: %1</translation>
    </message>
    <message>
        <source>The customer is typing…</source>
        <extracomment>Over the composer while a chat visitor types; %1 is the customer&apos;s name</extracomment>
        <translation>Klient pisze…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 pisze…</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerCard</name>
    <message>
        <source>%1: %2</source>
        <extracomment>An identity in the customer card: %1 is its kind (E-mail, Phone, ...), %2 the address</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Merge Customers</source>
        <translation>Scalanie klientów</translation>
    </message>
    <message>
        <source>Merge %1 into %2?

Every identity and the whole history of %1 move to %2. This cannot be undone.</source>
        <extracomment>%1 is the customer merged away, %2 the one that stays</extracomment>
        <translation>Scalić klienta %1 z klientem %2?

Wszystkie identyfikatory i cała historia klienta %1 zostaną przeniesione do klienta %2. Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Scal</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>Identyfikatory</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>Scal z…</translation>
    </message>
    <message>
        <source>Merge another customer into this one</source>
        <translation>Scal innego klienta z tym klientem</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerListPanel</name>
    <message>
        <source>Search customers and messages</source>
        <translation>Szukaj klientów i wiadomości</translation>
    </message>
    <message>
        <source>Matches names, addresses and the text of every message</source>
        <translation>Przeszukuje nazwy, adresy i treść wszystkich wiadomości</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Wszystkie kanały</translation>
    </message>
    <message>
        <source>All states</source>
        <extracomment>The state filter&apos;s &quot;no filter&quot; entry: customers in every case state</extracomment>
        <translation>Wszystkie statusy</translation>
    </message>
</context>
<context>
    <name>tl::ui::LoginDialog</name>
    <message>
        <source>Sign In to Threadline</source>
        <translation>Logowanie do Threadline</translation>
    </message>
    <message>
        <source>e.g. https://threadline.example.com:8443</source>
        <translation>np. https://threadline.example.com:8443</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serwer:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Hasło:</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>Pracuj offline</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://threadline.example.com:8443.</source>
        <translation>Podaj adres serwera, np. https://threadline.example.com:8443.</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>Podaj swój login.</translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation>Logowanie…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailHtmlDialog</name>
    <message>
        <source>Original Message</source>
        <extracomment>Title of the dialog showing an e-mail&apos;s HTML; %1 is the subject</extracomment>
        <translation>Oryginalna wiadomość</translation>
    </message>
    <message>
        <source>Original Message: %1</source>
        <translation>Oryginalna wiadomość: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxDialog</name>
    <message>
        <source>Connected</source>
        <translation>Połączona</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Niepołączona</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nigdy</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>The last error of a mailbox: %1 is when, %2 the error</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Skrzynki pocztowe</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Skrzynka</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Ostatnia synchronizacja</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Ostatni błąd</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxStatus</name>
    <message>
        <source>%1: connected</source>
        <translation>%1: połączona</translation>
    </message>
    <message>
        <source>%1: not connected</source>
        <translation>%1: niepołączona</translation>
    </message>
    <message>
        <source>%1: not connected (%2)</source>
        <translation>%1: niepołączona (%2)</translation>
    </message>
    <message>
        <source>Mailboxes: unknown</source>
        <translation>Skrzynki: stan nieznany</translation>
    </message>
    <message>
        <source>Mailboxes…</source>
        <translation>Skrzynki…</translation>
    </message>
    <message>
        <source>No mailboxes</source>
        <translation>Brak skrzynek</translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln connected</source>
        <translation>
            <numerusform>Skrzynki: %Ln połączona</numerusform>
            <numerusform>Skrzynki: %Ln połączone</numerusform>
            <numerusform>Skrzynki: %Ln połączonych</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln not connected</source>
        <translation>
            <numerusform>Skrzynki: %Ln niepołączona</numerusform>
            <numerusform>Skrzynki: %Ln niepołączone</numerusform>
            <numerusform>Skrzynki: %Ln niepołączonych</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>The customer list could not be loaded: %1</source>
        <translation>Nie można wczytać listy klientów: %1</translation>
    </message>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>The local cache %1 could not be opened:
%2</source>
        <translation>Nie można otworzyć lokalnej pamięci podręcznej %1:
%2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Plik</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Widok</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines History…</source>
        <translation>&amp;Importuj historię JSON Lines…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Za&amp;kończ</translation>
    </message>
    <message>
        <source>&amp;Search Customers</source>
        <translation>&amp;Szukaj klientów</translation>
    </message>
    <message>
        <source>&amp;Close Conversation</source>
        <translation>&amp;Zamknij rozmowę</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>&amp;Następna rozmowa</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>&amp;Poprzednia rozmowa</translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation>&amp;O programie Threadline</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>O &amp;Qt</translation>
    </message>
    <message>
        <source>Choose a customer on the list to see their whole conversation: e-mail, chat, SMS and calls in one timeline.</source>
        <translation>Wybierz klienta z listy, aby zobaczyć całą rozmowę z nim: e-maile, czaty, SMS-y i połączenia na jednej osi czasu.</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <extracomment>The status bar&apos;s note of where the local cache lives; %1 is a file path</extracomment>
        <translation>Pamięć podręczna: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The status bar; %1 is the number of events in the cache, %2 the number of customers listed</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln zdarzenie</numerusform>
            <numerusform>%Ln zdarzenia</numerusform>
            <numerusform>%Ln zdarzeń</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) listed</source>
        <translation>
            <numerusform>%Ln klient na liście</numerusform>
            <numerusform>%Ln klientów na liście</numerusform>
            <numerusform>%Ln klientów na liście</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Threadline</source>
        <translation>Witamy w programie Threadline</translation>
    </message>
    <message>
        <source>The local cache is empty. Import the bundled sample history so there is something to look at?</source>
        <translation>Lokalna pamięć podręczna jest pusta. Zaimportować dołączoną przykładową historię, aby było co przeglądać?</translation>
    </message>
    <message>
        <source>The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your own history later with File › Import JSON Lines History…</source>
        <translation>Przykład zawiera kilku klientów, którzy pisali e-mailem, na czacie i SMS-em oraz dzwonili. Własną historię możesz zaimportować później poleceniem Plik › Importuj historię JSON Lines…</translation>
    </message>
    <message>
        <source>Import JSON Lines History</source>
        <translation>Importuj historię JSON Lines</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.json);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Import już trwa.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>Importowanie pliku %1…</translation>
    </message>
    <message>
        <source>Importing %1 failed:
%2</source>
        <translation>Import pliku %1 nie powiódł się:
%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln event(s).</source>
        <translation>
            <numerusform>Zaimportowano %Ln zdarzenie.</numerusform>
            <numerusform>Zaimportowano %Ln zdarzenia.</numerusform>
            <numerusform>Zaimportowano %Ln zdarzeń.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already known.</source>
        <translation>
            <numerusform>%Ln zdarzenie już istniało.</numerusform>
            <numerusform>%Ln zdarzenia już istniały.</numerusform>
            <numerusform>%Ln zdarzeń już istniało.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>Pominięto %Ln nieczytelny wiersz.</numerusform>
            <numerusform>Pominięto %Ln nieczytelne wiersze.</numerusform>
            <numerusform>Pominięto %Ln nieczytelnych wierszy.</numerusform>
        </translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation>O programie Threadline</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Threadline %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Threadline %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>One thread through every channel: e-mail, web chat, SMS and voice of a customer in a single timeline.&lt;br&gt;&lt;br&gt;Signed in as %1.</source>
        <translation>Jeden wątek przez wszystkie kanały: e-maile, czat na stronie, SMS-y i rozmowy telefoniczne klienta na jednej osi czasu.&lt;br&gt;&lt;br&gt;Zalogowano jako %1.</translation>
    </message>
    <message>
        <source>Every other line was imported. The lines that were skipped, and why:</source>
        <translation>Pozostałe wiersze zostały zaimportowane. Pominięte wiersze i przyczyny:</translation>
    </message>
    <message>
        <source>New chat from %1</source>
        <extracomment>Desktop notification title when a visitor opens a chat; %1 is the customer&apos;s name</extracomment>
        <translation>Nowy czat: %1</translation>
    </message>
    <message>
        <source>Chat message from %1</source>
        <extracomment>Desktop notification title for a chat message; %1 is the customer&apos;s name</extracomment>
        <translation>Wiadomość na czacie: %1</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>&amp;Skrzynki pocztowe…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MergeDialog</name>
    <message>
        <source>Merge Customers</source>
        <translation>Scalanie klientów</translation>
    </message>
    <message>
        <source>Choose the customer to merge into %1. Their identities and history move to %1.</source>
        <extracomment>%1 is a customer&apos;s name</extracomment>
        <translation>Wybierz klienta, którego chcesz scalić z klientem %1. Jego identyfikatory i historia zostaną przeniesione do klienta %1.</translation>
    </message>
    <message>
        <source>Search by name, address or message…</source>
        <translation>Szukaj według nazwy, adresu lub wiadomości…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Scal…</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Under an agent&apos;s reply or note that waits in the outbox (offline, or on its way).</extracomment>
        <translation>Jeszcze niewysłane</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <extracomment>Under an agent&apos;s action the server refused; %1 is the server&apos;s reason.</extracomment>
        <translation>Nie dostarczono: %1</translation>
    </message>
    <message>
        <source>Bounced: %1</source>
        <extracomment>Under an agent&apos;s e-mail that came back as undeliverable; %1 is the mail server&apos;s reason</extracomment>
        <translation>Zwrócono: %1</translation>
    </message>
    <message>
        <source>Refused by the mail server: %1</source>
        <extracomment>Under an agent&apos;s e-mail the recipient&apos;s mail server refused; %1 is its reason</extracomment>
        <translation>Odrzucone przez serwer poczty: %1</translation>
    </message>
    <message>
        <source>Could not be sent: %1</source>
        <extracomment>Under an agent&apos;s message the server gave up sending; %1 is the last error</extracomment>
        <translation>Nie udało się wysłać: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineView</name>
    <message>
        <source>Show Original (&amp;HTML)</source>
        <translation>Pokaż oryginał (&amp;HTML)</translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <extracomment>Context menu of an e-mail in the timeline; %1 is an attachment&apos;s file name</extracomment>
        <translation>Otwórz „%1”</translation>
    </message>
</context>
<context>
    <name>tl::ui::TransferDialog</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Nie zalogowano się do serwera.</translation>
    </message>
    <message>
        <source>%1 — online</source>
        <extracomment>A colleague without a display name in the transfer list, online: %1 is the login</extracomment>
        <translation>%1 — dostępny</translation>
    </message>
    <message>
        <source>%1 (%2) — online</source>
        <extracomment>A colleague in the transfer list who is signed in now: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2) — dostępny</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A colleague in the transfer list: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Superwizor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>Wczytywanie listy współpracowników…</translation>
    </message>
    <message>
        <source>The list of colleagues cannot be loaded: %1
Type the login of the colleague who takes over this chat instead.</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded; %1 is the reason</extracomment>
        <translation>Nie można wczytać listy współpracowników: %1
Wpisz zamiast tego login osoby, która przejmie ten czat.</translation>
    </message>
    <message>
        <source>No colleague can take this chat over.</source>
        <translation>Nikt ze współpracowników nie może przejąć tego czatu.</translation>
    </message>
    <message>
        <source>No colleague matches “%1”.</source>
        <translation>Żaden współpracownik nie pasuje do „%1”.</translation>
    </message>
    <message>
        <source>Transfer chat</source>
        <translation>Przekaż czat</translation>
    </message>
    <message>
        <source>&amp;Colleague who takes over this chat:</source>
        <translation>&amp;Osoba, która przejmie ten czat:</translation>
    </message>
    <message>
        <source>Filter by name or login</source>
        <translation>Filtruj po imieniu lub loginie</translation>
    </message>
    <message>
        <source>&amp;Login of the colleague:</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded</extracomment>
        <translation>&amp;Login współpracownika:</translation>
    </message>
    <message>
        <source>Transfer</source>
        <extracomment>The button that hands the web chat to the chosen colleague</extracomment>
        <translation>Przekaż</translation>
    </message>
</context>
</TS>
