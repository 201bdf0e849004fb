<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>ApiGet</name>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Не удаётся связаться с сервером: %1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Сервер отклонил запрос (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>Сервер отклонил запрос: %1</translation>
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
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Исходящий звонок</translation>
    </message>
    <message>
        <source>Incoming call, %1</source>
        <extracomment>%1 is the call&apos;s duration, such as 4:12</extracomment>
        <translation>Входящий звонок, %1</translation>
    </message>
    <message>
        <source>Outgoing call, %1</source>
        <translation>Исходящий звонок, %1</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Пропущенный звонок</translation>
    </message>
    <message>
        <source>Incoming call ringing</source>
        <translation>Входящий вызов</translation>
    </message>
    <message>
        <source>Calling the customer</source>
        <translation>Вызов клиента</translation>
    </message>
    <message>
        <source>Call answered by %1</source>
        <translation>Звонок принят оператором %1</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>Звонок принят</translation>
    </message>
    <message>
        <source>%1 set the case to %2</source>
        <extracomment>%1 is an agent, %2 a case state such as Resolved</extracomment>
        <translation>Оператор %1 изменил статус обращения на «%2»</translation>
    </message>
    <message>
        <source>Case set to %1</source>
        <translation>Статус обращения изменён на «%1»</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>Обращение назначено</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Назначено оператору %1</translation>
    </message>
    <message>
        <source>Another customer record was merged into this one</source>
        <translation>С этим клиентом объединена запись другого клиента</translation>
    </message>
    <message>
        <source>Merged with customer %1</source>
        <translation>Объединено с клиентом %1</translation>
    </message>
    <message>
        <source>Linked %1 to this customer</source>
        <translation>К этому клиенту привязан идентификатор %1</translation>
    </message>
    <message>
        <source>Delivery updated</source>
        <extracomment>%1 is a delivery status reported by the channel, such as &quot;delivered&quot;</extracomment>
        <translation>Статус доставки обновлён</translation>
    </message>
    <message>
        <source>Delivery: %1</source>
        <translation>Статус доставки: %1</translation>
    </message>
    <message>
        <source>Chat started</source>
        <translation>Чат начат</translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation>Чат завершён</translation>
    </message>
    <message>
        <source>Chat transferred</source>
        <translation>Чат передан</translation>
    </message>
    <message>
        <source>Chat transferred to %1</source>
        <translation>Чат передан оператору %1</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Chat</source>
        <extracomment>A web chat visitor id</extracomment>
        <translation>Чат</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Внутренняя заметка</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Система</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>A case state</extracomment>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>A case state</extracomment>
        <translation>В ожидании</translation>
    </message>
    <message>
        <source>Resolved</source>
        <extracomment>A case state</extracomment>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <source>Customer details updated</source>
        <extracomment>%1 is the customer&apos;s name as a channel or an import gave it</extracomment>
        <translation>Данные клиента обновлены</translation>
    </message>
    <message>
        <source>Customer&apos;s name recorded as %1</source>
        <translation>Имя клиента записано: %1</translation>
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
        <translation>Threadline — рабочее место оператора</translation>
    </message>
    <message>
        <source>The local cache (default: %1).</source>
        <translation>Локальный кэш (по умолчанию: %1).</translation>
    </message>
    <message>
        <source>The language: en, pl, ru, fa or zh_CN (default: the system&apos;s).</source>
        <translation>Язык: en, pl, ru, fa или zh_CN (по умолчанию — язык системы).</translation>
    </message>
    <message>
        <source>The agent login written on replies (default: the user name).</source>
        <translation>Логин оператора, указываемый в ответах (по умолчанию — имя пользователя).</translation>
    </message>
    <message>
        <source>The region of phone numbers written without a country code, such as PL.</source>
        <translation>Регион для телефонных номеров, записанных без кода страны, например RU.</translation>
    </message>
    <message>
        <source>The Threadline server to sign in to, such as http://127.0.0.1:8080.</source>
        <translation>Сервер Threadline для входа, например http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation>Логин для входа.</translation>
    </message>
    <message>
        <source>Work on the local cache without a server.</source>
        <translation>Работать с локальным кэшем без сервера.</translation>
    </message>
</context>
<context>
    <name>tl::store::EventStore</name>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>Не удалось открыть базу данных %1: %2</translation>
    </message>
    <message>
        <source>Could not set up the database %1: %2</source>
        <translation>Не удалось подготовить базу данных %1: %2</translation>
    </message>
    <message>
        <source>Only a reply on a customer channel or a note can be written here.</source>
        <translation>Здесь можно написать только ответ по каналу клиента или заметку.</translation>
    </message>
    <message>
        <source>There is no customer with the id %1.</source>
        <translation>Клиент с идентификатором %1 не найден.</translation>
    </message>
    <message>
        <source>These are already the same customer.</source>
        <translation>Это уже один и тот же клиент.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Ошибка поиска: %1</translation>
    </message>
    <message>
        <source>Could not prepare the database statements.</source>
        <translation>Не удалось подготовить запросы к базе данных.</translation>
    </message>
    <message>
        <source>An event without an id cannot be stored.</source>
        <translation>Событие без идентификатора нельзя сохранить.</translation>
    </message>
    <message>
        <source>Event %1 names no customer identity, so it belongs to no customer.</source>
        <translation>В событии %1 не указан идентификатор клиента, поэтому оно не относится ни к одному клиенту.</translation>
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation>У этого клиента нет адреса электронной почты.</translation>
    </message>
    <message>
        <source>This customer has no phone number for SMS.</source>
        <translation>У этого клиента нет номера телефона для SMS.</translation>
    </message>
    <message>
        <source>This customer has no phone number or SIP address to call.</source>
        <translation>У этого клиента нет номера телефона или SIP-адреса для звонка.</translation>
    </message>
    <message>
        <source>This customer has no chat session to answer in.</source>
        <translation>У этого клиента нет сеанса чата, в котором можно ответить.</translation>
    </message>
</context>
<context>
    <name>tl::store::JsonLinesImporter</name>
    <message>
        <source>line %1: %2</source>
        <translation>строка %1: %2</translation>
    </message>
</context>
<context>
    <name>tl::store::Migrations</name>
    <message>
        <source>The database was written by a newer version of Threadline (schema %1; this version knows up to %2).</source>
        <translation>База данных создана более новой версией Threadline (схема %1; эта версия поддерживает схемы до %2).</translation>
    </message>
    <message>
        <source>Could not migrate the database to schema %1: %2</source>
        <translation>Не удалось обновить базу данных до схемы %1: %2</translation>
    </message>
</context>
<context>
    <name>tl::store::StoreClient</name>
    <message>
        <source>Could not open %1 for reading: %2</source>
        <translation>Не удалось открыть %1 для чтения: %2</translation>
    </message>
</context>
<context>
    <name>tl::sync::AttachmentClient</name>
    <message>
        <source>The attachment cannot be saved to %1: %2</source>
        <translation>Не удаётся сохранить вложение в %1: %2</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Не удаётся связаться с сервером: %1</translation>
    </message>
    <message>
        <source>The server does not have this attachment.</source>
        <translation>На сервере нет этого вложения.</translation>
    </message>
    <message>
        <source>Sign in again to open attachments from the server.</source>
        <translation>Войдите снова, чтобы открывать вложения с сервера.</translation>
    </message>
    <message>
        <source>The server refused the attachment (HTTP %1).</source>
        <translation>Сервер отказал в выдаче вложения (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the attachment: %1</source>
        <translation>Сервер отказал в выдаче вложения: %1</translation>
    </message>
    <message>
        <source>The download broke off: %1</source>
        <translation>Загрузка прервалась: %1</translation>
    </message>
    <message>
        <source>The attachment arrived damaged; try again.</source>
        <translation>Вложение пришло повреждённым; попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The attachment cannot be saved: %1</source>
        <translation>Не удаётся сохранить вложение: %1</translation>
    </message>
</context>
<context>
    <name>tl::sync::ColleagueClient</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Вход на сервер не выполнен.</translation>
    </message>
</context>
<context>
    <name>tl::sync::LoginClient</name>
    <message>
        <source>Wrong login or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Сервер недоступен: %1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>Сервер отказал во входе (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>Сервер отказал во входе: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::AttachmentOpener</name>
    <message>
        <source>“%1” is not in the local cache; sign in to the server to fetch it.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>«%1» нет в локальном кэше; войдите на сервер, чтобы загрузить его.</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Загрузка «%1»…</translation>
    </message>
    <message>
        <source>Downloading “%1”… %2%</source>
        <translation>Загрузка «%1»… %2%</translation>
    </message>
    <message>
        <source>“%1” could not be fetched: %2</source>
        <extracomment>%1 is an attachment&apos;s file name, %2 the reason</extracomment>
        <translation>Не удалось загрузить «%1»: %2</translation>
    </message>
    <message>
        <source>There is no temporary folder to open attachments from.</source>
        <translation>Нет временной папки, из которой можно открывать вложения.</translation>
    </message>
    <message>
        <source>“%1” could not be copied for opening.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Не удалось скопировать «%1» для открытия.</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>Ни одно приложение не смогло открыть «%1».</translation>
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
        <translation>Не отправлено: %1</translation>
    </message>
    <message>
        <source>Write an internal note — the customer will not see it</source>
        <translation>Внутренняя заметка — клиент её не увидит</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>Напишите ответ…</translation>
    </message>
    <message>
        <source>The channel the reply goes out on</source>
        <translation>Канал, по которому будет отправлен ответ</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Отправить (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>End chat</source>
        <extracomment>Button under the composer while the chat channel is picked: ends the visitor&apos;s web chat</extracomment>
        <translation>Завершить чат</translation>
    </message>
    <message>
        <source>End the web chat; the visitor sees that it ended</source>
        <translation>Завершить веб-чат; посетитель увидит, что он завершён</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <extracomment>Button under the composer while the chat channel is picked: hands the web chat to a colleague</extracomment>
        <translation>Передать…</translation>
    </message>
    <message>
        <source>Hand this web chat to a colleague</source>
        <translation>Передать этот веб-чат коллеге</translation>
    </message>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Вход на сервер не выполнен.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Offline, reconnecting</source>
        <extracomment>The link to the server dropped; Threadline retries by itself</extracomment>
        <translation>Нет связи, переподключение</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln waiting to be sent</source>
        <extracomment>%1 is the connection state, followed by the number of the agent&apos;s actions not yet delivered</extracomment>
        <translation>
            <numerusform>%1 · %Ln ожидает отправки</numerusform>
            <numerusform>%1 · %Ln ожидают отправки</numerusform>
            <numerusform>%1 · %Ln ожидают отправки</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to sign in to a server.</source>
        <translation>Нажмите, чтобы войти на сервер.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConversationPane</name>
    <message>
        <source>The timeline could not be loaded: %1</source>
        <translation>Не удалось загрузить ленту событий: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A tab title: %1 is the customer&apos;s name, %2 the number of unread messages</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The customer could not be loaded: %1</source>
        <translation>Не удалось загрузить данные клиента: %1</translation>
    </message>
    <message>
        <source>The customer is typing…</source>
        <extracomment>Over the composer while a chat visitor types; %1 is the customer&apos;s name</extracomment>
        <translation>Клиент печатает…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 печатает…</translation>
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
        <translation>Объединение клиентов</translation>
    </message>
    <message>
        <source>Merge %1 into %2?

Every identity and the whole history of %1 move to %2. This cannot be undone.</source>
        <extracomment>%1 is the customer merged away, %2 the one that stays</extracomment>
        <translation>Объединить клиента %1 с клиентом %2?

Все идентификаторы и вся история клиента %1 будут перенесены к клиенту %2. Это действие нельзя отменить.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;Статус</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>Идентификаторы</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>Объединить с…</translation>
    </message>
    <message>
        <source>Merge another customer into this one</source>
        <translation>Присоединить к этому клиенту другого клиента</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerListPanel</name>
    <message>
        <source>Search customers and messages</source>
        <translation>Поиск клиентов и сообщений</translation>
    </message>
    <message>
        <source>Matches names, addresses and the text of every message</source>
        <translation>Ищет по именам, адресам и тексту всех сообщений</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Все каналы</translation>
    </message>
    <message>
        <source>All states</source>
        <extracomment>The state filter&apos;s &quot;no filter&quot; entry: customers in every case state</extracomment>
        <translation>Все статусы</translation>
    </message>
</context>
<context>
    <name>tl::ui::LoginDialog</name>
    <message>
        <source>Sign In to Threadline</source>
        <translation>Вход в Threadline</translation>
    </message>
    <message>
        <source>e.g. https://threadline.example.com:8443</source>
        <translation>например, https://threadline.example.com:8443</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>Работать офлайн</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://threadline.example.com:8443.</source>
        <translation>Введите адрес сервера, например https://threadline.example.com:8443.</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation>Вход…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailHtmlDialog</name>
    <message>
        <source>Original Message</source>
        <extracomment>Title of the dialog showing an e-mail&apos;s HTML; %1 is the subject</extracomment>
        <translation>Исходное сообщение</translation>
    </message>
    <message>
        <source>Original Message: %1</source>
        <translation>Исходное сообщение: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxDialog</name>
    <message>
        <source>Connected</source>
        <translation>Подключён</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключён</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Никогда</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>The last error of a mailbox: %1 is when, %2 the error</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Почтовые ящики</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Ящик</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Последняя синхронизация</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Последняя ошибка</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxStatus</name>
    <message>
        <source>%1: connected</source>
        <translation>%1: подключён</translation>
    </message>
    <message>
        <source>%1: not connected</source>
        <translation>%1: не подключён</translation>
    </message>
    <message>
        <source>%1: not connected (%2)</source>
        <translation>%1: не подключён (%2)</translation>
    </message>
    <message>
        <source>Mailboxes: unknown</source>
        <translation>Почтовые ящики: состояние неизвестно</translation>
    </message>
    <message>
        <source>Mailboxes…</source>
        <translation>Почтовые ящики…</translation>
    </message>
    <message>
        <source>No mailboxes</source>
        <translation>Нет почтовых ящиков</translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln connected</source>
        <translation>
            <numerusform>Почтовые ящики: %Ln подключён</numerusform>
            <numerusform>Почтовые ящики: %Ln подключены</numerusform>
            <numerusform>Почтовые ящики: %Ln подключены</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln not connected</source>
        <translation>
            <numerusform>Почтовые ящики: %Ln не подключён</numerusform>
            <numerusform>Почтовые ящики: %Ln не подключены</numerusform>
            <numerusform>Почтовые ящики: %Ln не подключены</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>The customer list could not be loaded: %1</source>
        <translation>Не удалось загрузить список клиентов: %1</translation>
    </message>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>The local cache %1 could not be opened:
%2</source>
        <translation>Не удалось открыть локальный кэш %1:
%2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines History…</source>
        <translation>&amp;Импорт истории из JSON Lines…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Search Customers</source>
        <translation>&amp;Поиск клиентов</translation>
    </message>
    <message>
        <source>&amp;Close Conversation</source>
        <translation>&amp;Закрыть диалог</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>&amp;Следующий диалог</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>П&amp;редыдущий диалог</translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation>&amp;О программе Threadline</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>Choose a customer on the list to see their whole conversation: e-mail, chat, SMS and calls in one timeline.</source>
        <translation>Выберите клиента в списке, чтобы увидеть всю историю общения с ним: письма, чаты, SMS и звонки в одной ленте.</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <extracomment>The status bar&apos;s note of where the local cache lives; %1 is a file path</extracomment>
        <translation>Кэш: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The status bar; %1 is the number of events in the cache, %2 the number of customers listed</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln событие</numerusform>
            <numerusform>%Ln события</numerusform>
            <numerusform>%Ln событий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) listed</source>
        <translation>
            <numerusform>%Ln клиент в списке</numerusform>
            <numerusform>%Ln клиента в списке</numerusform>
            <numerusform>%Ln клиентов в списке</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Threadline</source>
        <translation>Добро пожаловать в Threadline</translation>
    </message>
    <message>
        <source>The local cache is empty. Import the bundled sample history so there is something to look at?</source>
        <translation>Локальный кэш пуст. Импортировать прилагаемую демонстрационную историю, чтобы было что посмотреть?</translation>
    </message>
    <message>
        <source>The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your own history later with File › Import JSON Lines History…</source>
        <translation>В примере — несколько клиентов, которые писали по электронной почте, в чат и по SMS, а также звонили. Свою историю можно импортировать позже командой Файл › Импорт истории из JSON Lines…</translation>
    </message>
    <message>
        <source>Import JSON Lines History</source>
        <translation>Импорт истории из JSON Lines</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Импорт уже выполняется.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>Импорт файла %1…</translation>
    </message>
    <message>
        <source>Importing %1 failed:
%2</source>
        <translation>Не удалось импортировать %1:
%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln event(s).</source>
        <translation>
            <numerusform>Импортировано %Ln событие.</numerusform>
            <numerusform>Импортировано %Ln события.</numerusform>
            <numerusform>Импортировано %Ln событий.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already known.</source>
        <translation>
            <numerusform>%Ln событие уже было в кэше.</numerusform>
            <numerusform>%Ln события уже были в кэше.</numerusform>
            <numerusform>%Ln событий уже было в кэше.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%Ln строку не удалось прочитать, она пропущена.</numerusform>
            <numerusform>%Ln строки не удалось прочитать, они пропущены.</numerusform>
            <numerusform>%Ln строк не удалось прочитать, они пропущены.</numerusform>
        </translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation>О программе Threadline</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Threadline %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Threadline %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>One thread through every channel: e-mail, web chat, SMS and voice of a customer in a single timeline.&lt;br&gt;&lt;br&gt;Signed in as %1.</source>
        <translation>Одна нить через все каналы: электронная почта, веб-чат, SMS и звонки клиента в одной ленте.&lt;br&gt;&lt;br&gt;Вы вошли как %1.</translation>
    </message>
    <message>
        <source>Every other line was imported. The lines that were skipped, and why:</source>
        <translation>Все остальные строки импортированы. Пропущенные строки и причины:</translation>
    </message>
    <message>
        <source>New chat from %1</source>
        <extracomment>Desktop notification title when a visitor opens a chat; %1 is the customer&apos;s name</extracomment>
        <translation>Новый чат: %1</translation>
    </message>
    <message>
        <source>Chat message from %1</source>
        <extracomment>Desktop notification title for a chat message; %1 is the customer&apos;s name</extracomment>
        <translation>Сообщение в чате: %1</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>&amp;Почтовые ящики…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MergeDialog</name>
    <message>
        <source>Merge Customers</source>
        <translation>Объединение клиентов</translation>
    </message>
    <message>
        <source>Choose the customer to merge into %1. Their identities and history move to %1.</source>
        <extracomment>%1 is a customer&apos;s name</extracomment>
        <translation>Выберите клиента, которого нужно объединить с клиентом %1. Его идентификаторы и история будут перенесены к клиенту %1.</translation>
    </message>
    <message>
        <source>Search by name, address or message…</source>
        <translation>Поиск по имени, адресу или сообщению…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Объединить…</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Under an agent&apos;s reply or note that waits in the outbox (offline, or on its way).</extracomment>
        <translation>Ещё не отправлено</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <extracomment>Under an agent&apos;s action the server refused; %1 is the server&apos;s reason.</extracomment>
        <translation>Не доставлено: %1</translation>
    </message>
    <message>
        <source>Bounced: %1</source>
        <extracomment>Under an agent&apos;s e-mail that came back as undeliverable; %1 is the mail server&apos;s reason</extracomment>
        <translation>Возвращено: %1</translation>
    </message>
    <message>
        <source>Refused by the mail server: %1</source>
        <extracomment>Under an agent&apos;s e-mail the recipient&apos;s mail server refused; %1 is its reason</extracomment>
        <translation>Отклонено почтовым сервером: %1</translation>
    </message>
    <message>
        <source>Could not be sent: %1</source>
        <extracomment>Under an agent&apos;s message the server gave up sending; %1 is the last error</extracomment>
        <translation>Не удалось отправить: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineView</name>
    <message>
        <source>Show Original (&amp;HTML)</source>
        <translation>Показать оригинал (&amp;HTML)</translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <extracomment>Context menu of an e-mail in the timeline; %1 is an attachment&apos;s file name</extracomment>
        <translation>Открыть «%1»</translation>
    </message>
</context>
<context>
    <name>tl::ui::TransferDialog</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>Вход на сервер не выполнен.</translation>
    </message>
    <message>
        <source>%1 — online</source>
        <extracomment>A colleague without a display name in the transfer list, online: %1 is the login</extracomment>
        <translation>%1 — в сети</translation>
    </message>
    <message>
        <source>%1 (%2) — online</source>
        <extracomment>A colleague in the transfer list who is signed in now: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2) — в сети</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A colleague in the transfer list: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Супервайзер</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>Загрузка списка коллег…</translation>
    </message>
    <message>
        <source>The list of colleagues cannot be loaded: %1
Type the login of the colleague who takes over this chat instead.</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded; %1 is the reason</extracomment>
        <translation>Не удаётся загрузить список коллег: %1
Вместо этого введите логин коллеги, который примет этот чат.</translation>
    </message>
    <message>
        <source>No colleague can take this chat over.</source>
        <translation>Ни один коллега не может принять этот чат.</translation>
    </message>
    <message>
        <source>No colleague matches “%1”.</source>
        <translation>Нет коллег, подходящих под «%1».</translation>
    </message>
    <message>
        <source>Transfer chat</source>
        <translation>Передать чат</translation>
    </message>
    <message>
        <source>&amp;Colleague who takes over this chat:</source>
        <translation>&amp;Коллега, который примет этот чат:</translation>
    </message>
    <message>
        <source>Filter by name or login</source>
        <translation>Фильтр по имени или логину</translation>
    </message>
    <message>
        <source>&amp;Login of the colleague:</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded</extracomment>
        <translation>&amp;Логин коллеги:</translation>
    </message>
    <message>
        <source>Transfer</source>
        <extracomment>The button that hands the web chat to the chosen colleague</extracomment>
        <translation>Передать</translation>
    </message>
</context>
</TS>
