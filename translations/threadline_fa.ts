<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>ApiGet</name>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>دسترسی به سرور ممکن نیست: %1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>سرور درخواست را رد کرد (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>سرور درخواست را رد کرد: %1</translation>
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
        <translation>تماس ورودی</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>تماس خروجی</translation>
    </message>
    <message>
        <source>Incoming call, %1</source>
        <extracomment>%1 is the call&apos;s duration, such as 4:12</extracomment>
        <translation>تماس ورودی، %1</translation>
    </message>
    <message>
        <source>Outgoing call, %1</source>
        <translation>تماس خروجی، %1</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>تماس بی‌پاسخ</translation>
    </message>
    <message>
        <source>Incoming call ringing</source>
        <translation>تماس ورودی در حال زنگ خوردن</translation>
    </message>
    <message>
        <source>Calling the customer</source>
        <translation>در حال تماس با مشتری</translation>
    </message>
    <message>
        <source>Call answered by %1</source>
        <translation>تماس را %1 پاسخ داد</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>تماس پاسخ داده شد</translation>
    </message>
    <message>
        <source>%1 set the case to %2</source>
        <extracomment>%1 is an agent, %2 a case state such as Resolved</extracomment>
        <translation>وضعیت درخواست توسط %1 به «%2» تغییر کرد</translation>
    </message>
    <message>
        <source>Case set to %1</source>
        <translation>وضعیت درخواست به «%1» تغییر کرد</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>درخواست واگذار شد</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>به %1 واگذار شد</translation>
    </message>
    <message>
        <source>Another customer record was merged into this one</source>
        <translation>سابقهٔ مشتری دیگری با این مشتری ادغام شد</translation>
    </message>
    <message>
        <source>Merged with customer %1</source>
        <translation>با مشتری %1 ادغام شد</translation>
    </message>
    <message>
        <source>Linked %1 to this customer</source>
        <translation>شناسهٔ ⁨%1⁩ به این مشتری پیوند داده شد</translation>
    </message>
    <message>
        <source>Delivery updated</source>
        <extracomment>%1 is a delivery status reported by the channel, such as &quot;delivered&quot;</extracomment>
        <translation>وضعیت تحویل به‌روز شد</translation>
    </message>
    <message>
        <source>Delivery: %1</source>
        <translation>وضعیت تحویل: %1</translation>
    </message>
    <message>
        <source>Chat started</source>
        <translation>چت آغاز شد</translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation>چت پایان یافت</translation>
    </message>
    <message>
        <source>Chat transferred</source>
        <translation>چت منتقل شد</translation>
    </message>
    <message>
        <source>Chat transferred to %1</source>
        <translation>چت به %1 منتقل شد</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>دیروز</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Chat</source>
        <extracomment>A web chat visitor id</extracomment>
        <translation>چت</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>تماس تلفنی</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>یادداشت داخلی</translation>
    </message>
    <message>
        <source>System</source>
        <translation>سیستم</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>A case state</extracomment>
        <translation>باز</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>A case state</extracomment>
        <translation>در انتظار</translation>
    </message>
    <message>
        <source>Resolved</source>
        <extracomment>A case state</extracomment>
        <translation>حل‌شده</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>تلفن</translation>
    </message>
    <message>
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <source>Customer details updated</source>
        <extracomment>%1 is the customer&apos;s name as a channel or an import gave it</extracomment>
        <translation>مشخصات مشتری به‌روز شد</translation>
    </message>
    <message>
        <source>Customer&apos;s name recorded as %1</source>
        <translation>نام مشتری ثبت شد: %1</translation>
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
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Threadline agent workstation</source>
        <translation>میز کار کارشناس Threadline</translation>
    </message>
    <message>
        <source>The local cache (default: %1).</source>
        <translation>حافظهٔ نهان محلی (پیش‌فرض: ⁨%1⁩).</translation>
    </message>
    <message>
        <source>The language: en, pl, ru, fa or zh_CN (default: the system&apos;s).</source>
        <translation>زبان: en، pl، ru، fa یا zh_CN (پیش‌فرض: زبان سیستم).</translation>
    </message>
    <message>
        <source>The agent login written on replies (default: the user name).</source>
        <translation>نام کاربری کارشناس که روی پاسخ‌ها ثبت می‌شود (پیش‌فرض: نام کاربری سیستم).</translation>
    </message>
    <message>
        <source>The region of phone numbers written without a country code, such as PL.</source>
        <translation>منطقهٔ شماره‌تلفن‌هایی که بدون کد کشور نوشته شده‌اند، مانند IR.</translation>
    </message>
    <message>
        <source>The Threadline server to sign in to, such as http://127.0.0.1:8080.</source>
        <translation>سرور Threadline برای ورود، مانند http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation>نام کاربری برای ورود.</translation>
    </message>
    <message>
        <source>Work on the local cache without a server.</source>
        <translation>کار با حافظهٔ نهان محلی بدون سرور.</translation>
    </message>
</context>
<context>
    <name>tl::store::EventStore</name>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>پایگاه داده ⁨%1⁩ باز نشد: %2</translation>
    </message>
    <message>
        <source>Could not set up the database %1: %2</source>
        <translation>راه‌اندازی پایگاه داده ⁨%1⁩ ممکن نشد: %2</translation>
    </message>
    <message>
        <source>Only a reply on a customer channel or a note can be written here.</source>
        <translation>در اینجا فقط می‌توانید پاسخی در یکی از کانال‌های مشتری یا یک یادداشت بنویسید.</translation>
    </message>
    <message>
        <source>There is no customer with the id %1.</source>
        <translation>مشتری‌ای با شناسهٔ %1 وجود ندارد.</translation>
    </message>
    <message>
        <source>These are already the same customer.</source>
        <translation>این دو از قبل یک مشتری هستند.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>جست‌وجو ناموفق بود: %1</translation>
    </message>
    <message>
        <source>Could not prepare the database statements.</source>
        <translation>آماده‌سازی دستورهای پایگاه داده ممکن نشد.</translation>
    </message>
    <message>
        <source>An event without an id cannot be stored.</source>
        <translation>رویداد بدون شناسه را نمی‌توان ذخیره کرد.</translation>
    </message>
    <message>
        <source>Event %1 names no customer identity, so it belongs to no customer.</source>
        <translation>رویداد %1 هیچ شناسهٔ مشتری‌ای ندارد، بنابراین به هیچ مشتری‌ای تعلق ندارد.</translation>
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation>این مشتری نشانی ایمیل ندارد.</translation>
    </message>
    <message>
        <source>This customer has no phone number for SMS.</source>
        <translation>این مشتری شماره تلفنی برای پیامک ندارد.</translation>
    </message>
    <message>
        <source>This customer has no phone number or SIP address to call.</source>
        <translation>این مشتری شماره تلفن یا نشانی SIP برای تماس ندارد.</translation>
    </message>
    <message>
        <source>This customer has no chat session to answer in.</source>
        <translation>این مشتری جلسهٔ چت بازی برای پاسخ دادن ندارد.</translation>
    </message>
</context>
<context>
    <name>tl::store::JsonLinesImporter</name>
    <message>
        <source>line %1: %2</source>
        <translation>خط %1: ⁨%2⁩</translation>
    </message>
</context>
<context>
    <name>tl::store::Migrations</name>
    <message>
        <source>The database was written by a newer version of Threadline (schema %1; this version knows up to %2).</source>
        <translation>پایگاه داده با نسخهٔ جدیدتری از Threadline نوشته شده است (طرح‌وارهٔ %1؛ این نسخه تا طرح‌وارهٔ %2 را می‌شناسد).</translation>
    </message>
    <message>
        <source>Could not migrate the database to schema %1: %2</source>
        <translation>انتقال پایگاه داده به طرح‌وارهٔ %1 ممکن نشد: %2</translation>
    </message>
</context>
<context>
    <name>tl::store::StoreClient</name>
    <message>
        <source>Could not open %1 for reading: %2</source>
        <translation>پروندهٔ ⁨%1⁩ برای خواندن باز نشد: %2</translation>
    </message>
</context>
<context>
    <name>tl::sync::AttachmentClient</name>
    <message>
        <source>The attachment cannot be saved to %1: %2</source>
        <translation>پیوست در %1 ذخیره نمی‌شود: %2</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>دسترسی به سرور ممکن نیست: %1</translation>
    </message>
    <message>
        <source>The server does not have this attachment.</source>
        <translation>این پیوست روی سرور نیست.</translation>
    </message>
    <message>
        <source>Sign in again to open attachments from the server.</source>
        <translation>برای باز کردن پیوست‌ها از سرور دوباره وارد شوید.</translation>
    </message>
    <message>
        <source>The server refused the attachment (HTTP %1).</source>
        <translation>سرور پیوست را نداد (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused the attachment: %1</source>
        <translation>سرور پیوست را نداد: %1</translation>
    </message>
    <message>
        <source>The download broke off: %1</source>
        <translation>دریافت قطع شد: %1</translation>
    </message>
    <message>
        <source>The attachment arrived damaged; try again.</source>
        <translation>پیوست خراب رسید؛ دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The attachment cannot be saved: %1</source>
        <translation>پیوست ذخیره نمی‌شود: %1</translation>
    </message>
</context>
<context>
    <name>tl::sync::ColleagueClient</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>وارد هیچ سروری نشده‌اید.</translation>
    </message>
</context>
<context>
    <name>tl::sync::LoginClient</name>
    <message>
        <source>Wrong login or password.</source>
        <translation>نام کاربری یا رمز عبور نادرست است.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>دسترسی به سرور ممکن نیست: %1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>سرور اجازهٔ ورود نداد (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>سرور اجازهٔ ورود نداد: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::AttachmentOpener</name>
    <message>
        <source>“%1” is not in the local cache; sign in to the server to fetch it.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>«%1» در حافظهٔ محلی نیست؛ برای دریافتش به سرور وارد شوید.</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>در حال دریافت «%1»…</translation>
    </message>
    <message>
        <source>Downloading “%1”… %2%</source>
        <translation>در حال دریافت «%1»… %2٪</translation>
    </message>
    <message>
        <source>“%1” could not be fetched: %2</source>
        <extracomment>%1 is an attachment&apos;s file name, %2 the reason</extracomment>
        <translation>«%1» دریافت نشد: %2</translation>
    </message>
    <message>
        <source>There is no temporary folder to open attachments from.</source>
        <translation>پوشهٔ موقتی برای باز کردن پیوست‌ها وجود ندارد.</translation>
    </message>
    <message>
        <source>“%1” could not be copied for opening.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>«%1» برای باز شدن کپی نشد.</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>هیچ برنامه‌ای نتوانست «%1» را باز کند.</translation>
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
        <translation>ارسال نشد: %1</translation>
    </message>
    <message>
        <source>Write an internal note — the customer will not see it</source>
        <translation>یادداشت داخلی بنویسید — مشتری آن را نمی‌بیند</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>پاسخ خود را بنویسید…</translation>
    </message>
    <message>
        <source>The channel the reply goes out on</source>
        <translation>کانالی که پاسخ از طریق آن ارسال می‌شود</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>ارسال</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>ارسال (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>End chat</source>
        <extracomment>Button under the composer while the chat channel is picked: ends the visitor&apos;s web chat</extracomment>
        <translation>پایان گفت‌وگو</translation>
    </message>
    <message>
        <source>End the web chat; the visitor sees that it ended</source>
        <translation>پایان گفت‌وگوی وب؛ بازدیدکننده پایان آن را می‌بیند</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <extracomment>Button under the composer while the chat channel is picked: hands the web chat to a colleague</extracomment>
        <translation>انتقال…</translation>
    </message>
    <message>
        <source>Hand this web chat to a colleague</source>
        <translation>سپردن این گفت‌وگوی وب به یک همکار</translation>
    </message>
    <message>
        <source>Not signed in to a server.</source>
        <translation>وارد هیچ سروری نشده‌اید.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>برخط</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>در حال همگام‌سازی…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>در حال اتصال…</translation>
    </message>
    <message>
        <source>Offline, reconnecting</source>
        <extracomment>The link to the server dropped; Threadline retries by itself</extracomment>
        <translation>قطع، در حال اتصال دوباره</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>آفلاین</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln waiting to be sent</source>
        <extracomment>%1 is the connection state, followed by the number of the agent&apos;s actions not yet delivered</extracomment>
        <translation>
            <numerusform>%1 · %Ln در انتظار ارسال</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to sign in to a server.</source>
        <translation>برای ورود به سرور کلیک کنید.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConversationPane</name>
    <message>
        <source>The timeline could not be loaded: %1</source>
        <translation>خط زمانی بارگیری نشد: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>در حال بارگیری…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A tab title: %1 is the customer&apos;s name, %2 the number of unread messages</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The customer could not be loaded: %1</source>
        <translation>اطلاعات مشتری بارگیری نشد: %1</translation>
    </message>
    <message>
        <source>The customer is typing…</source>
        <extracomment>Over the composer while a chat visitor types; %1 is the customer&apos;s name</extracomment>
        <translation>مشتری در حال نوشتن است…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 در حال نوشتن است…</translation>
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
        <translation>ادغام مشتریان</translation>
    </message>
    <message>
        <source>Merge %1 into %2?

Every identity and the whole history of %1 move to %2. This cannot be undone.</source>
        <extracomment>%1 is the customer merged away, %2 the one that stays</extracomment>
        <translation>مشتری «%1» در «%2» ادغام شود؟

همهٔ شناسه‌ها و کل سابقهٔ «%1» به «%2» منتقل می‌شود. این کار برگشت‌پذیر نیست.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>ادغام</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;وضعیت</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>شناسه‌ها</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>ادغام با…</translation>
    </message>
    <message>
        <source>Merge another customer into this one</source>
        <translation>ادغام مشتری دیگری در این مشتری</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerListPanel</name>
    <message>
        <source>Search customers and messages</source>
        <translation>جست‌وجوی مشتریان و پیام‌ها</translation>
    </message>
    <message>
        <source>Matches names, addresses and the text of every message</source>
        <translation>در نام‌ها، نشانی‌ها و متن همهٔ پیام‌ها جست‌وجو می‌کند</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>همهٔ کانال‌ها</translation>
    </message>
    <message>
        <source>All states</source>
        <extracomment>The state filter&apos;s &quot;no filter&quot; entry: customers in every case state</extracomment>
        <translation>همهٔ وضعیت‌ها</translation>
    </message>
</context>
<context>
    <name>tl::ui::LoginDialog</name>
    <message>
        <source>Sign In to Threadline</source>
        <translation>ورود به Threadline</translation>
    </message>
    <message>
        <source>e.g. https://threadline.example.com:8443</source>
        <translation>مانند https://threadline.example.com:8443</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;سرور:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>نام &amp;کاربری:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;رمز عبور:</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>کار آفلاین</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://threadline.example.com:8443.</source>
        <translation>نشانی سرور را وارد کنید، مانند https://threadline.example.com:8443.</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>نام کاربری خود را وارد کنید.</translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation>در حال ورود…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailHtmlDialog</name>
    <message>
        <source>Original Message</source>
        <extracomment>Title of the dialog showing an e-mail&apos;s HTML; %1 is the subject</extracomment>
        <translation>پیام اصلی</translation>
    </message>
    <message>
        <source>Original Message: %1</source>
        <translation>پیام اصلی: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxDialog</name>
    <message>
        <source>Connected</source>
        <translation>متصل</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>نامتصل</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>هرگز</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>The last error of a mailbox: %1 is when, %2 the error</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>صندوق‌های پستی</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>صندوق پستی</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>آخرین همگام‌سازی</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>آخرین خطا</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxStatus</name>
    <message>
        <source>%1: connected</source>
        <translation>%1: متصل</translation>
    </message>
    <message>
        <source>%1: not connected</source>
        <translation>%1: نامتصل</translation>
    </message>
    <message>
        <source>%1: not connected (%2)</source>
        <translation>%1: نامتصل (%2)</translation>
    </message>
    <message>
        <source>Mailboxes: unknown</source>
        <translation>صندوق‌های پستی: نامعلوم</translation>
    </message>
    <message>
        <source>Mailboxes…</source>
        <translation>صندوق‌های پستی…</translation>
    </message>
    <message>
        <source>No mailboxes</source>
        <translation>صندوق پستی‌ای نیست</translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln connected</source>
        <translation>
            <numerusform>صندوق‌های پستی: %Ln متصل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln not connected</source>
        <translation>
            <numerusform>صندوق‌های پستی: %Ln نامتصل</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>The customer list could not be loaded: %1</source>
        <translation>فهرست مشتریان بارگیری نشد: %1</translation>
    </message>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>The local cache %1 could not be opened:
%2</source>
        <translation>حافظهٔ نهان محلی ⁨%1⁩ باز نشد:
%2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>پر&amp;ونده</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines History…</source>
        <translation>و&amp;ارد کردن تاریخچه از JSON Lines…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خر&amp;وج</translation>
    </message>
    <message>
        <source>&amp;Search Customers</source>
        <translation>جست‌وجوی مشتریا&amp;ن</translation>
    </message>
    <message>
        <source>&amp;Close Conversation</source>
        <translation>بستن گفت‌وگوی جا&amp;ری</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>گفت‌وگوی بعد&amp;ی</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>گفت‌&amp;وگوی قبلی</translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation>&amp;درباره Threadline</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>درباره &amp;Qt</translation>
    </message>
    <message>
        <source>Choose a customer on the list to see their whole conversation: e-mail, chat, SMS and calls in one timeline.</source>
        <translation>برای دیدن کل گفت‌وگو با یک مشتری، او را از فهرست انتخاب کنید: ایمیل، چت، پیامک و تماس‌ها در یک خط زمانی.</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <extracomment>The status bar&apos;s note of where the local cache lives; %1 is a file path</extracomment>
        <translation>حافظهٔ نهان: ⁨%1⁩</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The status bar; %1 is the number of events in the cache, %2 the number of customers listed</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln رویداد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) listed</source>
        <translation>
            <numerusform>%Ln مشتری در فهرست</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Threadline</source>
        <translation>به Threadline خوش آمدید</translation>
    </message>
    <message>
        <source>The local cache is empty. Import the bundled sample history so there is something to look at?</source>
        <translation>حافظهٔ نهان محلی خالی است. آیا تاریخچهٔ نمونهٔ همراه برنامه وارد شود تا چیزی برای دیدن داشته باشید؟</translation>
    </message>
    <message>
        <source>The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your own history later with File › Import JSON Lines History…</source>
        <translation>این نمونه چند مشتری دارد که با ایمیل، چت و پیامک پیام فرستاده‌اند و تماس گرفته‌اند. بعداً می‌توانید تاریخچهٔ خودتان را با گزینهٔ «وارد کردن تاریخچه از JSON Lines» در منوی «پرونده» وارد کنید.</translation>
    </message>
    <message>
        <source>Import JSON Lines History</source>
        <translation>وارد کردن تاریخچه از JSON Lines</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.json);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>یک عملیات وارد کردن از قبل در حال اجراست.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>وارد کردن</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>در حال وارد کردن ⁨%1⁩…</translation>
    </message>
    <message>
        <source>Importing %1 failed:
%2</source>
        <translation>وارد کردن ⁨%1⁩ ناموفق بود:
%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln event(s).</source>
        <translation>
            <numerusform>%Ln رویداد وارد شد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already known.</source>
        <translation>
            <numerusform>%Ln رویداد از قبل وجود داشت.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%Ln خط خوانده نشد و نادیده گرفته شد.</numerusform>
        </translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation>درباره Threadline</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Threadline %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;‏Threadline %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>One thread through every channel: e-mail, web chat, SMS and voice of a customer in a single timeline.&lt;br&gt;&lt;br&gt;Signed in as %1.</source>
        <translation>یک رشته در همهٔ کانال‌ها: ایمیل، چت وب، پیامک و تماس‌های تلفنی هر مشتری در یک خط زمانی.&lt;br&gt;&lt;br&gt;شما با نام %1 وارد شده‌اید.</translation>
    </message>
    <message>
        <source>Every other line was imported. The lines that were skipped, and why:</source>
        <translation>بقیهٔ خطوط وارد شدند. خطوط نادیده‌گرفته‌شده و دلیل آن‌ها:</translation>
    </message>
    <message>
        <source>New chat from %1</source>
        <extracomment>Desktop notification title when a visitor opens a chat; %1 is the customer&apos;s name</extracomment>
        <translation>گفت‌وگوی تازه از %1</translation>
    </message>
    <message>
        <source>Chat message from %1</source>
        <extracomment>Desktop notification title for a chat message; %1 is the customer&apos;s name</extracomment>
        <translation>پیام گفت‌وگو از %1</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>&amp;صندوق‌های پستی…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MergeDialog</name>
    <message>
        <source>Merge Customers</source>
        <translation>ادغام مشتریان</translation>
    </message>
    <message>
        <source>Choose the customer to merge into %1. Their identities and history move to %1.</source>
        <extracomment>%1 is a customer&apos;s name</extracomment>
        <translation>مشتری‌ای را که باید در «%1» ادغام شود انتخاب کنید. شناسه‌ها و سابقهٔ او به «%1» منتقل می‌شود.</translation>
    </message>
    <message>
        <source>Search by name, address or message…</source>
        <translation>جست‌وجو بر اساس نام، نشانی یا پیام…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>ادغام…</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Under an agent&apos;s reply or note that waits in the outbox (offline, or on its way).</extracomment>
        <translation>هنوز ارسال نشده</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <extracomment>Under an agent&apos;s action the server refused; %1 is the server&apos;s reason.</extracomment>
        <translation>تحویل نشد: %1</translation>
    </message>
    <message>
        <source>Bounced: %1</source>
        <extracomment>Under an agent&apos;s e-mail that came back as undeliverable; %1 is the mail server&apos;s reason</extracomment>
        <translation>برگشت خورد: %1</translation>
    </message>
    <message>
        <source>Refused by the mail server: %1</source>
        <extracomment>Under an agent&apos;s e-mail the recipient&apos;s mail server refused; %1 is its reason</extracomment>
        <translation>سرور ایمیل نپذیرفت: %1</translation>
    </message>
    <message>
        <source>Could not be sent: %1</source>
        <extracomment>Under an agent&apos;s message the server gave up sending; %1 is the last error</extracomment>
        <translation>ارسال نشد: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineView</name>
    <message>
        <source>Show Original (&amp;HTML)</source>
        <translation>نمایش اصل (&amp;HTML)</translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <extracomment>Context menu of an e-mail in the timeline; %1 is an attachment&apos;s file name</extracomment>
        <translation>باز کردن «%1»</translation>
    </message>
</context>
<context>
    <name>tl::ui::TransferDialog</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>وارد هیچ سروری نشده‌اید.</translation>
    </message>
    <message>
        <source>%1 — online</source>
        <extracomment>A colleague without a display name in the transfer list, online: %1 is the login</extracomment>
        <translation>%1 — آنلاین</translation>
    </message>
    <message>
        <source>%1 (%2) — online</source>
        <extracomment>A colleague in the transfer list who is signed in now: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2) — آنلاین</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A colleague in the transfer list: %1 is the name, %2 the login</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>سرپرست</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدیر سیستم</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>کارشناس</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>در حال بارگذاری همکاران…</translation>
    </message>
    <message>
        <source>The list of colleagues cannot be loaded: %1
Type the login of the colleague who takes over this chat instead.</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded; %1 is the reason</extracomment>
        <translation>فهرست همکاران بارگذاری نمی‌شود: %1
به جای آن، نام کاربری همکاری را که این گفت‌وگو را به عهده می‌گیرد وارد کنید.</translation>
    </message>
    <message>
        <source>No colleague can take this chat over.</source>
        <translation>هیچ همکاری نمی‌تواند این گفت‌وگو را به عهده بگیرد.</translation>
    </message>
    <message>
        <source>No colleague matches “%1”.</source>
        <translation>هیچ همکاری با «%1» مطابقت ندارد.</translation>
    </message>
    <message>
        <source>Transfer chat</source>
        <translation>انتقال گفت‌وگو</translation>
    </message>
    <message>
        <source>&amp;Colleague who takes over this chat:</source>
        <translation>&amp;همکاری که این گفت‌وگو را به عهده می‌گیرد:</translation>
    </message>
    <message>
        <source>Filter by name or login</source>
        <translation>پالایش بر اساس نام یا نام کاربری</translation>
    </message>
    <message>
        <source>&amp;Login of the colleague:</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded</extracomment>
        <translation>نام کاربری &amp;همکار:</translation>
    </message>
    <message>
        <source>Transfer</source>
        <extracomment>The button that hands the web chat to the chosen colleague</extracomment>
        <translation>انتقال</translation>
    </message>
</context>
</TS>
