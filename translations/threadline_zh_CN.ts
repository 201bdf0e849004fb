<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApiGet</name>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>服务器拒绝了请求（HTTP %1）。</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>服务器拒绝了请求：%1</translation>
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
        <translation>呼入通话</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>呼出通话</translation>
    </message>
    <message>
        <source>Incoming call, %1</source>
        <extracomment>%1 is the call&apos;s duration, such as 4:12</extracomment>
        <translation>呼入通话，时长 %1</translation>
    </message>
    <message>
        <source>Outgoing call, %1</source>
        <translation>呼出通话，时长 %1</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>未接来电</translation>
    </message>
    <message>
        <source>Incoming call ringing</source>
        <translation>来电振铃中</translation>
    </message>
    <message>
        <source>Calling the customer</source>
        <translation>正在呼叫客户</translation>
    </message>
    <message>
        <source>Call answered by %1</source>
        <translation>%1 已接听</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>已接听</translation>
    </message>
    <message>
        <source>%1 set the case to %2</source>
        <extracomment>%1 is an agent, %2 a case state such as Resolved</extracomment>
        <translation>%1 将工单状态改为“%2”</translation>
    </message>
    <message>
        <source>Case set to %1</source>
        <translation>工单状态已改为“%1”</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>工单已分配</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>已分配给 %1</translation>
    </message>
    <message>
        <source>Another customer record was merged into this one</source>
        <translation>另一条客户记录已合并到此客户</translation>
    </message>
    <message>
        <source>Merged with customer %1</source>
        <translation>已与客户 %1 合并</translation>
    </message>
    <message>
        <source>Linked %1 to this customer</source>
        <translation>已将 %1 关联到此客户</translation>
    </message>
    <message>
        <source>Delivery updated</source>
        <extracomment>%1 is a delivery status reported by the channel, such as &quot;delivered&quot;</extracomment>
        <translation>送达状态已更新</translation>
    </message>
    <message>
        <source>Delivery: %1</source>
        <translation>送达状态：%1</translation>
    </message>
    <message>
        <source>Chat started</source>
        <translation>聊天已开始</translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation>聊天已结束</translation>
    </message>
    <message>
        <source>Chat transferred</source>
        <translation>聊天已转接</translation>
    </message>
    <message>
        <source>Chat transferred to %1</source>
        <translation>聊天已转接给 %1</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Chat</source>
        <extracomment>A web chat visitor id</extracomment>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>A case state</extracomment>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>A case state</extracomment>
        <translation>等待回复</translation>
    </message>
    <message>
        <source>Resolved</source>
        <extracomment>A case state</extracomment>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <source>Customer details updated</source>
        <extracomment>%1 is the customer&apos;s name as a channel or an import gave it</extracomment>
        <translation>客户资料已更新</translation>
    </message>
    <message>
        <source>Customer&apos;s name recorded as %1</source>
        <translation>已记录客户姓名：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An e-mail attachment in the timeline; %1 is the file name, %2 its size (&quot;1.2 MB&quot;)</extracomment>
        <translation>%1（%2）</translation>
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
        <translation>Threadline 坐席工作台</translation>
    </message>
    <message>
        <source>The local cache (default: %1).</source>
        <translation>本地缓存（默认：%1）。</translation>
    </message>
    <message>
        <source>The language: en, pl, ru, fa or zh_CN (default: the system&apos;s).</source>
        <translation>界面语言：en、pl、ru、fa 或 zh_CN（默认：系统语言）。</translation>
    </message>
    <message>
        <source>The agent login written on replies (default: the user name).</source>
        <translation>回复中记录的坐席登录名（默认：用户名）。</translation>
    </message>
    <message>
        <source>The region of phone numbers written without a country code, such as PL.</source>
        <translation>未带国家代码的电话号码所属的地区，例如 CN。</translation>
    </message>
    <message>
        <source>The Threadline server to sign in to, such as http://127.0.0.1:8080.</source>
        <translation>要登录的 Threadline 服务器，例如 http://127.0.0.1:8080。</translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation>用于登录的用户名。</translation>
    </message>
    <message>
        <source>Work on the local cache without a server.</source>
        <translation>不连接服务器，使用本地缓存工作。</translation>
    </message>
</context>
<context>
    <name>tl::store::EventStore</name>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>Could not set up the database %1: %2</source>
        <translation>无法初始化数据库 %1：%2</translation>
    </message>
    <message>
        <source>Only a reply on a customer channel or a note can be written here.</source>
        <translation>此处只能通过客户渠道回复，或撰写备注。</translation>
    </message>
    <message>
        <source>There is no customer with the id %1.</source>
        <translation>不存在 ID 为 %1 的客户。</translation>
    </message>
    <message>
        <source>These are already the same customer.</source>
        <translation>这已经是同一个客户。</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Could not prepare the database statements.</source>
        <translation>无法准备数据库语句。</translation>
    </message>
    <message>
        <source>An event without an id cannot be stored.</source>
        <translation>无法保存没有 ID 的事件。</translation>
    </message>
    <message>
        <source>Event %1 names no customer identity, so it belongs to no customer.</source>
        <translation>事件 %1 未指明任何客户身份标识，因此不属于任何客户。</translation>
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation>该客户没有电子邮件地址。</translation>
    </message>
    <message>
        <source>This customer has no phone number for SMS.</source>
        <translation>该客户没有可接收短信的电话号码。</translation>
    </message>
    <message>
        <source>This customer has no phone number or SIP address to call.</source>
        <translation>该客户没有可拨打的电话号码或 SIP 地址。</translation>
    </message>
    <message>
        <source>This customer has no chat session to answer in.</source>
        <translation>该客户没有可回复的聊天会话。</translation>
    </message>
</context>
<context>
    <name>tl::store::JsonLinesImporter</name>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>tl::store::Migrations</name>
    <message>
        <source>The database was written by a newer version of Threadline (schema %1; this version knows up to %2).</source>
        <translation>该数据库由更新版本的 Threadline 写入（架构版本 %1；当前版本最高支持 %2）。</translation>
    </message>
    <message>
        <source>Could not migrate the database to schema %1: %2</source>
        <translation>无法将数据库迁移到架构版本 %1：%2</translation>
    </message>
</context>
<context>
    <name>tl::store::StoreClient</name>
    <message>
        <source>Could not open %1 for reading: %2</source>
        <translation>无法打开 %1 进行读取：%2</translation>
    </message>
</context>
<context>
    <name>tl::sync::AttachmentClient</name>
    <message>
        <source>The attachment cannot be saved to %1: %2</source>
        <translation>无法将附件保存到 %1：%2</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>The server does not have this attachment.</source>
        <translation>服务器上没有此附件。</translation>
    </message>
    <message>
        <source>Sign in again to open attachments from the server.</source>
        <translation>请重新登录以从服务器打开附件。</translation>
    </message>
    <message>
        <source>The server refused the attachment (HTTP %1).</source>
        <translation>服务器拒绝提供附件（HTTP %1）。</translation>
    </message>
    <message>
        <source>The server refused the attachment: %1</source>
        <translation>服务器拒绝提供附件：%1</translation>
    </message>
    <message>
        <source>The download broke off: %1</source>
        <translation>下载中断：%1</translation>
    </message>
    <message>
        <source>The attachment arrived damaged; try again.</source>
        <translation>附件传输损坏，请重试。</translation>
    </message>
    <message>
        <source>The attachment cannot be saved: %1</source>
        <translation>无法保存附件：%1</translation>
    </message>
</context>
<context>
    <name>tl::sync::ColleagueClient</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>尚未登录服务器。</translation>
    </message>
</context>
<context>
    <name>tl::sync::LoginClient</name>
    <message>
        <source>Wrong login or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>服务器拒绝登录（HTTP %1）。</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>服务器拒绝登录：%1</translation>
    </message>
</context>
<context>
    <name>tl::ui::AttachmentOpener</name>
    <message>
        <source>“%1” is not in the local cache; sign in to the server to fetch it.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>“%1”不在本地缓存中；请登录服务器以获取。</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>正在下载“%1”…</translation>
    </message>
    <message>
        <source>Downloading “%1”… %2%</source>
        <translation>正在下载“%1”… %2%</translation>
    </message>
    <message>
        <source>“%1” could not be fetched: %2</source>
        <extracomment>%1 is an attachment&apos;s file name, %2 the reason</extracomment>
        <translation>无法获取“%1”：%2</translation>
    </message>
    <message>
        <source>There is no temporary folder to open attachments from.</source>
        <translation>没有可用于打开附件的临时文件夹。</translation>
    </message>
    <message>
        <source>“%1” could not be copied for opening.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>无法复制“%1”以打开。</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <extracomment>%1 is an attachment&apos;s file name</extracomment>
        <translation>没有应用程序能打开“%1”。</translation>
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
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Write an internal note — the customer will not see it</source>
        <translation>撰写内部备注——客户看不到</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>撰写回复…</translation>
    </message>
    <message>
        <source>The channel the reply goes out on</source>
        <translation>发送回复所用的渠道</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>End chat</source>
        <extracomment>Button under the composer while the chat channel is picked: ends the visitor&apos;s web chat</extracomment>
        <translation>结束聊天</translation>
    </message>
    <message>
        <source>End the web chat; the visitor sees that it ended</source>
        <translation>结束网页聊天；访客会看到聊天已结束</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <extracomment>Button under the composer while the chat channel is picked: hands the web chat to a colleague</extracomment>
        <translation>转接…</translation>
    </message>
    <message>
        <source>Hand this web chat to a colleague</source>
        <translation>将此网页聊天转给同事</translation>
    </message>
    <message>
        <source>Not signed in to a server.</source>
        <translation>尚未登录服务器。</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Offline, reconnecting</source>
        <extracomment>The link to the server dropped; Threadline retries by itself</extracomment>
        <translation>已断开，正在重连</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln waiting to be sent</source>
        <extracomment>%1 is the connection state, followed by the number of the agent&apos;s actions not yet delivered</extracomment>
        <translation>
            <numerusform>%1 · %Ln 项待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to sign in to a server.</source>
        <translation>点击以登录服务器。</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConversationPane</name>
    <message>
        <source>The timeline could not be loaded: %1</source>
        <translation>无法加载时间线：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A tab title: %1 is the customer&apos;s name, %2 the number of unread messages</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The customer could not be loaded: %1</source>
        <translation>无法加载客户：%1</translation>
    </message>
    <message>
        <source>The customer is typing…</source>
        <extracomment>Over the composer while a chat visitor types; %1 is the customer&apos;s name</extracomment>
        <translation>客户正在输入…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerCard</name>
    <message>
        <source>%1: %2</source>
        <extracomment>An identity in the customer card: %1 is its kind (E-mail, Phone, ...), %2 the address</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Merge Customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Merge %1 into %2?

Every identity and the whole history of %1 move to %2. This cannot be undone.</source>
        <extracomment>%1 is the customer merged away, %2 the one that stays</extracomment>
        <translation>将 %1 合并到 %2？

%1 的所有身份标识和全部历史记录都将移至 %2。此操作无法撤消。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>身份标识</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>合并其他客户…</translation>
    </message>
    <message>
        <source>Merge another customer into this one</source>
        <translation>将其他客户合并到此客户</translation>
    </message>
</context>
<context>
    <name>tl::ui::CustomerListPanel</name>
    <message>
        <source>Search customers and messages</source>
        <translation>搜索客户和消息</translation>
    </message>
    <message>
        <source>Matches names, addresses and the text of every message</source>
        <translation>匹配姓名、地址及所有消息的正文</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>所有渠道</translation>
    </message>
    <message>
        <source>All states</source>
        <extracomment>The state filter&apos;s &quot;no filter&quot; entry: customers in every case state</extracomment>
        <translation>所有状态</translation>
    </message>
</context>
<context>
    <name>tl::ui::LoginDialog</name>
    <message>
        <source>Sign In to Threadline</source>
        <translation>登录 Threadline</translation>
    </message>
    <message>
        <source>e.g. https://threadline.example.com:8443</source>
        <translation>例如 https://threadline.example.com:8443</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>用户名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://threadline.example.com:8443.</source>
        <translation>请输入服务器地址，例如 https://threadline.example.com:8443。</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailHtmlDialog</name>
    <message>
        <source>Original Message</source>
        <extracomment>Title of the dialog showing an e-mail&apos;s HTML; %1 is the subject</extracomment>
        <translation>原始邮件</translation>
    </message>
    <message>
        <source>Original Message: %1</source>
        <translation>原始邮件：%1</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxDialog</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>The last error of a mailbox: %1 is when, %2 the error</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
</context>
<context>
    <name>tl::ui::MailboxStatus</name>
    <message>
        <source>%1: connected</source>
        <translation>%1：已连接</translation>
    </message>
    <message>
        <source>%1: not connected</source>
        <translation>%1：未连接</translation>
    </message>
    <message>
        <source>%1: not connected (%2)</source>
        <translation>%1：未连接（%2）</translation>
    </message>
    <message>
        <source>Mailboxes: unknown</source>
        <translation>邮箱：状态未知</translation>
    </message>
    <message>
        <source>Mailboxes…</source>
        <translation>邮箱…</translation>
    </message>
    <message>
        <source>No mailboxes</source>
        <translation>没有邮箱</translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln connected</source>
        <translation>
            <numerusform>邮箱：%Ln 个已连接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailboxes: %Ln not connected</source>
        <translation>
            <numerusform>邮箱：%Ln 个未连接</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>The customer list could not be loaded: %1</source>
        <translation>无法加载客户列表：%1</translation>
    </message>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>The local cache %1 could not be opened:
%2</source>
        <translation>无法打开本地缓存 %1：
%2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines History…</source>
        <translation>导入 JSON Lines 历史记录(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search Customers</source>
        <translation>搜索客户(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close Conversation</source>
        <translation>关闭会话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>下一个会话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>上一个会话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation>关于 Threadline(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Choose a customer on the list to see their whole conversation: e-mail, chat, SMS and calls in one timeline.</source>
        <translation>从列表中选择一位客户，即可在同一条时间线上查看与其的全部沟通：邮件、聊天、短信和通话。</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <extracomment>The status bar&apos;s note of where the local cache lives; %1 is a file path</extracomment>
        <translation>缓存：%1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The status bar; %1 is the number of events in the cache, %2 the number of customers listed</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) listed</source>
        <translation>
            <numerusform>已列出 %Ln 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Threadline</source>
        <translation>欢迎使用 Threadline</translation>
    </message>
    <message>
        <source>The local cache is empty. Import the bundled sample history so there is something to look at?</source>
        <translation>本地缓存为空。是否导入附带的示例历史记录，以便有内容可供查看？</translation>
    </message>
    <message>
        <source>The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your own history later with File › Import JSON Lines History…</source>
        <translation>示例中包含几位通过邮件、聊天和短信联系过并打过电话的客户。之后您可以通过“文件 › 导入 JSON Lines 历史记录…”导入自己的历史记录。</translation>
    </message>
    <message>
        <source>Import JSON Lines History</source>
        <translation>导入 JSON Lines 历史记录</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>已有导入正在进行。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Importing %1 failed:
%2</source>
        <translation>导入 %1 失败：
%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln event(s).</source>
        <translation>
            <numerusform>已导入 %Ln 个事件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already known.</source>
        <translation>
            <numerusform>%Ln 个事件已存在。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%Ln 行无法读取，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation>关于 Threadline</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Threadline %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Threadline %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>One thread through every channel: e-mail, web chat, SMS and voice of a customer in a single timeline.&lt;br&gt;&lt;br&gt;Signed in as %1.</source>
        <translation>一条线索贯穿所有渠道：客户的邮件、网页聊天、短信和语音通话尽在同一条时间线。&lt;br&gt;&lt;br&gt;当前登录身份：%1。</translation>
    </message>
    <message>
        <source>Every other line was imported. The lines that were skipped, and why:</source>
        <translation>其余各行均已导入。跳过的行及原因：</translation>
    </message>
    <message>
        <source>New chat from %1</source>
        <extracomment>Desktop notification title when a visitor opens a chat; %1 is the customer&apos;s name</extracomment>
        <translation>来自 %1 的新聊天</translation>
    </message>
    <message>
        <source>Chat message from %1</source>
        <extracomment>Desktop notification title for a chat message; %1 is the customer&apos;s name</extracomment>
        <translation>来自 %1 的聊天消息</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>邮箱(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>tl::ui::MergeDialog</name>
    <message>
        <source>Merge Customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Choose the customer to merge into %1. Their identities and history move to %1.</source>
        <extracomment>%1 is a customer&apos;s name</extracomment>
        <translation>请选择要合并到 %1 的客户。其身份标识和历史记录将移至 %1。</translation>
    </message>
    <message>
        <source>Search by name, address or message…</source>
        <translation>按姓名、地址或消息搜索…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Under an agent&apos;s reply or note that waits in the outbox (offline, or on its way).</extracomment>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <extracomment>Under an agent&apos;s action the server refused; %1 is the server&apos;s reason.</extracomment>
        <translation>未送达：%1</translation>
    </message>
    <message>
        <source>Bounced: %1</source>
        <extracomment>Under an agent&apos;s e-mail that came back as undeliverable; %1 is the mail server&apos;s reason</extracomment>
        <translation>已退信：%1</translation>
    </message>
    <message>
        <source>Refused by the mail server: %1</source>
        <extracomment>Under an agent&apos;s e-mail the recipient&apos;s mail server refused; %1 is its reason</extracomment>
        <translation>邮件服务器拒收：%1</translation>
    </message>
    <message>
        <source>Could not be sent: %1</source>
        <extracomment>Under an agent&apos;s message the server gave up sending; %1 is the last error</extracomment>
        <translation>无法发送：%1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TimelineView</name>
    <message>
        <source>Show Original (&amp;HTML)</source>
        <translation>显示原始邮件 (&amp;HTML)</translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <extracomment>Context menu of an e-mail in the timeline; %1 is an attachment&apos;s file name</extracomment>
        <translation>打开“%1”</translation>
    </message>
</context>
<context>
    <name>tl::ui::TransferDialog</name>
    <message>
        <source>Not signed in to a server.</source>
        <translation>尚未登录服务器。</translation>
    </message>
    <message>
        <source>%1 — online</source>
        <extracomment>A colleague without a display name in the transfer list, online: %1 is the login</extracomment>
        <translation>%1 — 在线</translation>
    </message>
    <message>
        <source>%1 (%2) — online</source>
        <extracomment>A colleague in the transfer list who is signed in now: %1 is the name, %2 the login</extracomment>
        <translation>%1（%2）— 在线</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A colleague in the transfer list: %1 is the name, %2 the login</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>正在加载同事列表…</translation>
    </message>
    <message>
        <source>The list of colleagues cannot be loaded: %1
Type the login of the colleague who takes over this chat instead.</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded; %1 is the reason</extracomment>
        <translation>无法加载同事列表：%1
请改为输入接手此聊天的同事的登录名。</translation>
    </message>
    <message>
        <source>No colleague can take this chat over.</source>
        <translation>没有同事可以接手此聊天。</translation>
    </message>
    <message>
        <source>No colleague matches “%1”.</source>
        <translation>没有与“%1”匹配的同事。</translation>
    </message>
    <message>
        <source>Transfer chat</source>
        <translation>转接聊天</translation>
    </message>
    <message>
        <source>&amp;Colleague who takes over this chat:</source>
        <translation>接手此聊天的同事(&amp;C)：</translation>
    </message>
    <message>
        <source>Filter by name or login</source>
        <translation>按姓名或登录名筛选</translation>
    </message>
    <message>
        <source>&amp;Login of the colleague:</source>
        <extracomment>In the transfer dialog when the list of colleagues cannot be loaded</extracomment>
        <translation>同事的登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>Transfer</source>
        <extracomment>The button that hands the web chat to the chosen colleague</extracomment>
        <translation>转接</translation>
    </message>
</context>
</TS>
