/*
 * Threadline web chat widget. Embed it on any page with one tag:
 *
 *     <script src="https://threadline.example.com/chat/widget.js" defer></script>
 *
 * It finds its server from its own src, adds a chat button and window (in a shadow root, so the page's styles and
 * the widget's do not mix) and speaks the visitor protocol of docs/chat.md over /chat/ws. Plain JavaScript, no
 * build step. Text written by customers and agents is only ever set with textContent, never as HTML.
 */
(function () {
    'use strict';
    if (window.threadlineChat) return;

    var script = document.currentScript;
    var scriptUrl = new URL(script && script.src ? script.src : '/chat/widget.js', window.location.href);
    var serverOrigin = scriptUrl.origin;
    var socketUrl = (scriptUrl.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + scriptUrl.host + '/chat/ws';
    var storagePrefix = 'threadline-chat:';

    // ---- strings ------------------------------------------------------------------------------------------

    var STRINGS = {
        en: {
            launcher: 'Chat with us',
            title: 'Chat',
            close: 'Close the chat window',
            conversation: 'Conversation',
            preChatIntro: 'Tell us who you are (every field is optional), then start the chat.',
            name: 'Name',
            email: 'E-mail',
            phone: 'Phone',
            startChat: 'Start chat',
            message: 'Message',
            messagePlaceholder: 'Write a message…',
            send: 'Send',
            endChat: 'End chat',
            you: 'You',
            agent: 'Agent',
            agentTyping: '{name} is typing…',
            agentTypingAnonymous: 'The agent is typing…',
            sending: 'Sending…',
            notDelivered: 'This message could not be delivered.',
            connecting: 'Connecting…',
            reconnecting: 'Connection lost. Reconnecting…',
            unavailable: 'The chat is not available on this page.',
            slowDown: 'You are sending messages too quickly. Please wait a moment.',
            waiting: 'Thank you! An agent will be with you shortly.',
            endedByVisitor: 'You ended the chat.',
            endedByAgent: 'The agent ended the chat.',
            endedIdle: 'The chat ended after a period of inactivity.',
            transferred: '{name} has taken over the chat.',
            transferredAnonymous: 'Another agent has taken over the chat.',
            offlineIntro: 'No one is available right now. Leave a message and we will answer by e-mail or phone.',
            offlineText: 'Your message',
            offlineSend: 'Send message',
            offlineSent: 'Thank you. We have your message and will get back to you.',
            contactRequired: 'Please give an e-mail address or a phone number so that we can answer.',
            badEmail: 'Please check the e-mail address.',
            badPhone: 'Please check the phone number (with the country code, such as +48).',
            newMessages: 'New messages'
        },
        pl: {
            launcher: 'Porozmawiaj z nami',
            title: 'Czat',
            close: 'Zamknij okno czatu',
            conversation: 'Rozmowa',
            preChatIntro: 'Przedstaw się (wszystkie pola są opcjonalne) i rozpocznij czat.',
            name: 'Imię i nazwisko',
            email: 'E-mail',
            phone: 'Telefon',
            startChat: 'Rozpocznij czat',
            message: 'Wiadomość',
            messagePlaceholder: 'Napisz wiadomość…',
            send: 'Wyślij',
            endChat: 'Zakończ czat',
            you: 'Ty',
            agent: 'Konsultant',
            agentTyping: '{name} pisze…',
            agentTypingAnonymous: 'Konsultant pisze…',
            sending: 'Wysyłanie…',
            notDelivered: 'Nie udało się dostarczyć tej wiadomości.',
            connecting: 'Łączenie…',
            reconnecting: 'Utracono połączenie. Łączę ponownie…',
            unavailable: 'Czat nie jest dostępny na tej stronie.',
            slowDown: 'Wysyłasz wiadomości zbyt szybko. Odczekaj chwilę.',
            waiting: 'Dziękujemy! Konsultant zaraz się odezwie.',
            endedByVisitor: 'Zakończyłeś czat.',
            endedByAgent: 'Konsultant zakończył czat.',
            endedIdle: 'Czat zakończył się z powodu braku aktywności.',
            transferred: '{name} przejmuje rozmowę.',
            transferredAnonymous: 'Rozmowę przejął inny konsultant.',
            offlineIntro: 'W tej chwili nikt nie jest dostępny. Zostaw wiadomość, a odpowiemy e-mailem lub telefonicznie.',
            offlineText: 'Twoja wiadomość',
            offlineSend: 'Wyślij wiadomość',
            offlineSent: 'Dziękujemy. Otrzymaliśmy Twoją wiadomość i odezwiemy się.',
            contactRequired: 'Podaj adres e-mail lub numer telefonu, abyśmy mogli odpowiedzieć.',
            badEmail: 'Sprawdź adres e-mail.',
            badPhone: 'Sprawdź numer telefonu (z kodem kraju, np. +48).',
            newMessages: 'Nowe wiadomości'
        },
        ru: {
            launcher: 'Напишите нам',
            title: 'Чат',
            close: 'Закрыть окно чата',
            conversation: 'Переписка',
            preChatIntro: 'Представьтесь (все поля необязательны) и начните чат.',
            name: 'Имя',
            email: 'Эл. почта',
            phone: 'Телефон',
            startChat: 'Начать чат',
            message: 'Сообщение',
            messagePlaceholder: 'Напишите сообщение…',
            send: 'Отправить',
            endChat: 'Завершить чат',
            you: 'Вы',
            agent: 'Оператор',
            agentTyping: '{name} печатает…',
            agentTypingAnonymous: 'Оператор печатает…',
            sending: 'Отправка…',
            notDelivered: 'Не удалось доставить это сообщение.',
            connecting: 'Подключение…',
            reconnecting: 'Соединение потеряно. Переподключаемся…',
            unavailable: 'Чат недоступен на этой странице.',
            slowDown: 'Вы отправляете сообщения слишком часто. Подождите немного.',
            waiting: 'Спасибо! Оператор скоро ответит.',
            endedByVisitor: 'Вы завершили чат.',
            endedByAgent: 'Оператор завершил чат.',
            endedIdle: 'Чат завершён из-за отсутствия активности.',
            transferred: 'Разговор продолжит {name}.',
            transferredAnonymous: 'Разговор передан другому оператору.',
            offlineIntro: 'Сейчас никого нет на связи. Оставьте сообщение, и мы ответим по почте или по телефону.',
            offlineText: 'Ваше сообщение',
            offlineSend: 'Отправить сообщение',
            offlineSent: 'Спасибо. Мы получили ваше сообщение и свяжемся с вами.',
            contactRequired: 'Укажите адрес эл. почты или номер телефона, чтобы мы могли ответить.',
            badEmail: 'Проверьте адрес эл. почты.',
            badPhone: 'Проверьте номер телефона (с кодом страны, например +7).',
            newMessages: 'Новые сообщения'
        },
        fa: {
            launcher: 'با ما گفتگو کنید',
            title: 'گفتگو',
            close: 'بستن پنجره گفتگو',
            conversation: 'گفتگو',
            preChatIntro: 'خودتان را معرفی کنید (همه موارد اختیاری است) و گفتگو را شروع کنید.',
            name: 'نام',
            email: 'ایمیل',
            phone: 'تلفن',
            startChat: 'شروع گفتگو',
            message: 'پیام',
            messagePlaceholder: 'پیامی بنویسید…',
            send: 'ارسال',
            endChat: 'پایان گفتگو',
            you: 'شما',
            agent: 'پشتیبان',
            agentTyping: '{name} در حال نوشتن است…',
            agentTypingAnonymous: 'پشتیبان در حال نوشتن است…',
            sending: 'در حال ارسال…',
            notDelivered: 'این پیام تحویل داده نشد.',
            connecting: 'در حال اتصال…',
            reconnecting: 'اتصال قطع شد. در حال اتصال دوباره…',
            unavailable: 'گفتگو در این صفحه در دسترس نیست.',
            slowDown: 'پیام‌ها را خیلی سریع می‌فرستید. لطفاً کمی صبر کنید.',
            waiting: 'سپاس! به‌زودی یکی از پشتیبان‌ها پاسخ می‌دهد.',
            endedByVisitor: 'شما گفتگو را به پایان رساندید.',
            endedByAgent: 'پشتیبان گفتگو را به پایان رساند.',
            endedIdle: 'گفتگو به دلیل عدم فعالیت به پایان رسید.',
            transferred: 'از این پس {name} پاسخگوی شماست.',
            transferredAnonymous: 'گفتگو به پشتیبان دیگری سپرده شد.',
            offlineIntro: 'در حال حاضر کسی در دسترس نیست. پیام بگذارید تا از راه ایمیل یا تلفن پاسخ دهیم.',
            offlineText: 'پیام شما',
            offlineSend: 'ارسال پیام',
            offlineSent: 'سپاس. پیام شما را دریافت کردیم و با شما تماس می‌گیریم.',
            contactRequired: 'لطفاً ایمیل یا شماره تلفن بدهید تا بتوانیم پاسخ دهیم.',
            badEmail: 'لطفاً نشانی ایمیل را بررسی کنید.',
            badPhone: 'لطفاً شماره تلفن را بررسی کنید (با کد کشور، مانند ‎+98).',
            newMessages: 'پیام‌های تازه'
        },
        zh: {
            launcher: '在线咨询',
            title: '在线聊天',
            close: '关闭聊天窗口',
            conversation: '对话',
            preChatIntro: '请介绍一下自己（各项均为选填），然后开始聊天。',
            name: '姓名',
            email: '电子邮箱',
            phone: '电话',
            startChat: '开始聊天',
            message: '消息',
            messagePlaceholder: '输入消息…',
            send: '发送',
            endChat: '结束聊天',
            you: '您',
            agent: '客服',
            agentTyping: '{name}正在输入…',
            agentTypingAnonymous: '客服正在输入…',
            sending: '正在发送…',
            notDelivered: '此消息未能送达。',
            connecting: '正在连接…',
            reconnecting: '连接已断开，正在重新连接…',
            unavailable: '此页面无法使用聊天。',
            slowDown: '您发送消息过快，请稍候。',
            waiting: '谢谢！客服马上为您服务。',
            endedByVisitor: '您已结束聊天。',
            endedByAgent: '客服已结束聊天。',
            endedIdle: '由于长时间无操作，聊天已结束。',
            transferred: '{name}已接手此对话。',
            transferredAnonymous: '对话已转给另一位客服。',
            offlineIntro: '目前没有客服在线。请留言，我们会通过电子邮件或电话回复您。',
            offlineText: '您的留言',
            offlineSend: '发送留言',
            offlineSent: '谢谢。我们已收到您的留言，会尽快与您联系。',
            contactRequired: '请填写电子邮箱或电话号码，以便我们回复您。',
            badEmail: '请检查电子邮箱地址。',
            badPhone: '请检查电话号码（请带国家代码，例如 +86）。',
            newMessages: '新消息'
        }
    };

    function pickLanguage() {
        var wanted = [];
        if (script && script.dataset && script.dataset.lang) wanted.push(script.dataset.lang);
        if (navigator.languages) wanted = wanted.concat(Array.prototype.slice.call(navigator.languages));
        if (navigator.language) wanted.push(navigator.language);
        for (var i = 0; i < wanted.length; i++) {
            var primary = String(wanted[i]).toLowerCase().split(/[-_]/)[0];
            if (STRINGS[primary]) return primary;
        }
        return 'en';
    }

    var lang = pickLanguage();
    var S = STRINGS[lang];
    var rtl = lang === 'fa';

    function format(text, name) {
        return text.replace('{name}', name);
    }

    // ---- storage (localStorage when the browser allows it, else this page's memory) -------------------------

    var memory = {};
    function load(key) {
        try {
            var value = window.localStorage.getItem(storagePrefix + key);
            return value === null ? memory[key] || null : value;
        } catch (e) {
            return memory[key] || null;
        }
    }
    function save(key, value) {
        memory[key] = value;
        try {
            window.localStorage.setItem(storagePrefix + key, value);
        } catch (e) {
            /* private mode: this page's memory only */
        }
    }

    function randomHex(bytes) {
        var values = new Uint8Array(bytes);
        window.crypto.getRandomValues(values);
        var out = '';
        for (var i = 0; i < values.length; i++) out += (values[i] < 16 ? '0' : '') + values[i].toString(16);
        return out;
    }

    // The visitor token: whoever holds it is this visitor. 256 random bits, kept by this browser for this site.
    var token = load('token');
    if (!/^[0-9a-f]{64}$/.test(token || '')) {
        token = randomHex(32);
        save('token', token);
    }

    // Frames sent but not yet acknowledged (message, start, end, offline), resent after every reconnect.
    var outbox = [];
    try {
        outbox = JSON.parse(load('outbox') || '[]');
        if (!Array.isArray(outbox)) outbox = [];
    } catch (e) {
        outbox = [];
    }
    function saveOutbox() {
        save('outbox', JSON.stringify(outbox));
    }

    // ---- the DOM ------------------------------------------------------------------------------------------

    function el(tag, className, attributes) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (attributes) {
            for (var name in attributes) {
                if (Object.prototype.hasOwnProperty.call(attributes, name)) node.setAttribute(name, attributes[name]);
            }
        }
        return node;
    }
    function text(node, value) {
        node.textContent = value;
        return node;
    }

    var host = el('div', null, { 'data-threadline-chat': '' });
    var shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var stylesheet = el('link', null, { rel: 'stylesheet', href: serverOrigin + '/chat/widget.css' });
    var root = el('div', 'tl-root', { lang: lang, dir: rtl ? 'rtl' : 'ltr' });
    root.hidden = true; // until the stylesheet is there
    stylesheet.addEventListener('load', function () {
        root.hidden = false;
    });
    stylesheet.addEventListener('error', function () {
        root.hidden = false;
    });
    shadow.appendChild(stylesheet);
    shadow.appendChild(root);

    var launcher = el('button', 'tl-launcher', {
        type: 'button',
        'aria-expanded': 'false',
        'aria-controls': 'tl-window'
    });
    var launcherIcon = el('span', 'tl-launcher-icon', { 'aria-hidden': 'true' });
    var launcherLabel = text(el('span', 'tl-launcher-label'), S.launcher);
    var badge = el('span', 'tl-badge');
    badge.hidden = true;
    var badgeLabel = text(el('span', 'tl-visually-hidden'), S.newMessages);
    badge.appendChild(badgeLabel);
    launcher.appendChild(launcherIcon);
    launcher.appendChild(launcherLabel);
    launcher.appendChild(badge);

    var panel = el('section', 'tl-window', { id: 'tl-window', role: 'dialog', 'aria-label': S.title });
    panel.hidden = true;

    var header = el('header', 'tl-header');
    var title = text(el('h2', 'tl-title'), S.title);
    var endButton = text(el('button', 'tl-end', { type: 'button' }), S.endChat);
    endButton.hidden = true;
    var closeButton = el('button', 'tl-close', { type: 'button', 'aria-label': S.close, title: S.close });
    closeButton.appendChild(text(el('span', null, { 'aria-hidden': 'true' }), '×'));
    header.appendChild(title);
    header.appendChild(endButton);
    header.appendChild(closeButton);

    var status = el('p', 'tl-status', { role: 'status' });
    var log = el('ol', 'tl-log', { role: 'log', 'aria-live': 'polite', 'aria-label': S.conversation, tabindex: '0' });
    var typing = el('p', 'tl-typing', { 'aria-live': 'polite' });
    typing.hidden = true;

    function field(labelText, type, name, autocomplete, maxLength) {
        var wrapper = el('label', 'tl-field');
        wrapper.appendChild(text(el('span', 'tl-label'), labelText));
        var input = el(type === 'textarea' ? 'textarea' : 'input', 'tl-input', { name: name });
        if (type !== 'textarea') input.setAttribute('type', type);
        if (autocomplete) input.setAttribute('autocomplete', autocomplete);
        input.maxLength = maxLength;
        var error = el('span', 'tl-error', { role: 'alert' });
        error.hidden = true;
        error.id = 'tl-error-' + name + '-' + randomHex(4);
        input.setAttribute('aria-describedby', error.id);
        wrapper.appendChild(input);
        wrapper.appendChild(error);
        return { wrapper: wrapper, input: input, error: error };
    }

    // Pre-chat form.
    var preChat = el('form', 'tl-form tl-prechat', { novalidate: '' });
    preChat.appendChild(text(el('p', 'tl-intro'), S.preChatIntro));
    var preName = field(S.name, 'text', 'name', 'name', 200);
    var preEmail = field(S.email, 'email', 'email', 'email', 320);
    var prePhone = field(S.phone, 'tel', 'phone', 'tel', 50);
    preChat.appendChild(preName.wrapper);
    preChat.appendChild(preEmail.wrapper);
    preChat.appendChild(prePhone.wrapper);
    var startButton = text(el('button', 'tl-primary', { type: 'submit' }), S.startChat);
    preChat.appendChild(startButton);

    // Offline form.
    var offline = el('form', 'tl-form tl-offline', { novalidate: '' });
    offline.appendChild(text(el('p', 'tl-intro'), S.offlineIntro));
    var offName = field(S.name, 'text', 'name', 'name', 200);
    var offEmail = field(S.email, 'email', 'email', 'email', 320);
    var offPhone = field(S.phone, 'tel', 'phone', 'tel', 50);
    var offText = field(S.offlineText, 'textarea', 'text', null, 4000);
    offline.appendChild(offName.wrapper);
    offline.appendChild(offEmail.wrapper);
    offline.appendChild(offPhone.wrapper);
    offline.appendChild(offText.wrapper);
    var offlineButton = text(el('button', 'tl-primary', { type: 'submit' }), S.offlineSend);
    offline.appendChild(offlineButton);
    var offlineDone = text(el('p', 'tl-intro tl-offline-done', { tabindex: '-1' }), S.offlineSent);

    // Composer.
    var composer = el('form', 'tl-composer');
    var textarea = el('textarea', 'tl-input tl-message', {
        rows: '2',
        'aria-label': S.message,
        placeholder: S.messagePlaceholder
    });
    textarea.maxLength = 4000;
    var sendButton = el('button', 'tl-send', { type: 'submit', 'aria-label': S.send, title: S.send });
    sendButton.appendChild(text(el('span', null, { 'aria-hidden': 'true' }), rtl ? '◀' : '▶'));
    composer.appendChild(textarea);
    composer.appendChild(sendButton);

    panel.appendChild(header);
    panel.appendChild(status);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(preChat);
    panel.appendChild(offline);
    panel.appendChild(offlineDone);
    panel.appendChild(composer);
    root.appendChild(panel);
    root.appendChild(launcher);

    function mount() {
        document.body.appendChild(host);
    }
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount);

    // ---- state --------------------------------------------------------------------------------------------

    var state = {
        ready: false, // welcomed on the current socket
        open: false, // a chat has started and not ended
        agentsAvailable: true,
        offlineSent: false,
        blocked: false, // the server refused this page for good (origin)
        windowOpen: load('window') === 'open',
        heartbeatMs: 25000
    };
    var seenEvents = {}; // event ids already shown
    var byClientId = {}; // client id -> the <li> of a visitor message
    var timeFormat;
    try {
        timeFormat = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : lang, { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
        timeFormat = null;
    }
    function timeOf(ms) {
        var date = new Date(ms);
        return timeFormat ? timeFormat.format(date) : date.toLocaleTimeString();
    }

    function hasPending(type) {
        for (var i = 0; i < outbox.length; i++) if (outbox[i].type === type) return true;
        return false;
    }

    function render() {
        var view;
        if (state.blocked) view = 'blocked';
        else if (state.open) view = 'chat';
        else if (hasPending('start')) view = 'prechat';
        else if (state.offlineSent) view = 'offlineDone';
        else if (state.agentsAvailable) view = 'prechat';
        else view = 'offline';
        preChat.hidden = view !== 'prechat';
        offline.hidden = view !== 'offline';
        offlineDone.hidden = view !== 'offlineDone';
        composer.hidden = view !== 'chat';
        endButton.hidden = view !== 'chat';
        var waitingForStart = hasPending('start');
        startButton.disabled = waitingForStart;
        preName.input.disabled = preEmail.input.disabled = prePhone.input.disabled = waitingForStart;
        offlineButton.disabled = hasPending('offline');
        // Before the first message the form has the window to itself.
        panel.classList.toggle('tl-window--form-only', log.children.length === 0 && view !== 'chat');
        return view;
    }

    function setStatus(message) {
        status.textContent = message || '';
        status.hidden = !message;
    }

    function setWindowOpen(open, focus) {
        state.windowOpen = open;
        save('window', open ? 'open' : 'closed');
        panel.hidden = !open;
        launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
        launcher.classList.toggle('tl-launcher--open', open);
        if (open) {
            badge.hidden = true;
            if (focus) focusFirst();
            log.scrollTop = log.scrollHeight;
        } else if (focus) {
            launcher.focus();
        }
    }

    function focusFirst() {
        var view = render();
        if (view === 'chat') textarea.focus();
        else if (view === 'prechat') (preName.input.disabled ? closeButton : preName.input).focus();
        else if (view === 'offline') offName.input.focus();
        else if (view === 'offlineDone') offlineDone.focus();
        else closeButton.focus();
    }

    // ---- the conversation ---------------------------------------------------------------------------------

    function messageElement(from, agentName) {
        var item = el('li', 'tl-item tl-message-item tl-from-' + from);
        var who = text(el('span', 'tl-who'), from === 'visitor' ? S.you : agentName || S.agent);
        var body = el('p', 'tl-text');
        var meta = el('span', 'tl-meta');
        item.appendChild(who);
        item.appendChild(body);
        item.appendChild(meta);
        return item;
    }

    function appendItem(node) {
        var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
        log.appendChild(node);
        panel.classList.remove('tl-window--form-only');
        if (atBottom || node.classList.contains('tl-from-visitor')) log.scrollTop = log.scrollHeight;
    }

    function systemLine(message, eventId) {
        var item = text(el('li', 'tl-item tl-system'), message);
        if (eventId) item.setAttribute('data-event', eventId);
        appendItem(item);
    }

    function showPendingMessage(frame) {
        if (byClientId[frame.id]) return;
        var item = messageElement('visitor');
        item.setAttribute('data-client-id', frame.id);
        item.classList.add('tl-pending');
        item.querySelector('.tl-text').textContent = frame.text;
        item.querySelector('.tl-meta').textContent = S.sending;
        byClientId[frame.id] = item;
        appendItem(item);
    }

    function markDelivered(item, eventId, at) {
        item.classList.remove('tl-pending');
        item.setAttribute('data-event', eventId);
        item.querySelector('.tl-meta').textContent = timeOf(at);
        seenEvents[eventId] = true;
    }

    /// One item of the conversation (from the history or pushed live); each event id is shown once.
    function addItem(item, live) {
        if (!item || !item.id || seenEvents[item.id]) return;
        if (item.kind === 'message') {
            if (item.from === 'visitor' && item.client_id && byClientId[item.client_id]) {
                markDelivered(byClientId[item.client_id], item.id, item.at);
                return;
            }
            seenEvents[item.id] = true;
            var node = messageElement(item.from === 'agent' ? 'agent' : 'visitor', item.agent);
            node.setAttribute('data-event', item.id);
            node.querySelector('.tl-text').textContent = item.text;
            node.querySelector('.tl-meta').textContent = timeOf(item.at);
            if (item.client_id) byClientId[item.client_id] = node;
            appendItem(node);
            if (item.from === 'agent') {
                typing.hidden = true;
                if (live && (!state.windowOpen || document.hidden)) badge.hidden = state.windowOpen;
            }
            return;
        }
        seenEvents[item.id] = true;
        if (item.kind === 'started') {
            if (live) state.open = true;
        } else if (item.kind === 'ended') {
            if (live) state.open = false;
            typing.hidden = true;
            systemLine(
                item.by === 'visitor' ? S.endedByVisitor : item.by === 'idle' ? S.endedIdle : S.endedByAgent,
                item.id
            );
        } else if (item.kind === 'transferred') {
            systemLine(item.agent ? format(S.transferred, item.agent) : S.transferredAnonymous, item.id);
        }
        render();
    }

    // ---- the connection -----------------------------------------------------------------------------------

    var socket = null;
    var reconnectDelay = 0;
    var reconnectTimer = null;
    var pingTimer = null;
    var silenceTimer = null;
    var typingSentAt = 0;
    var typingActive = false;
    var typingStopTimer = null;
    var agentTypingTimer = null;

    function send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN && state.ready) {
            socket.send(JSON.stringify(frame));
            return true;
        }
        return false;
    }

    function queue(frame) {
        outbox.push(frame);
        saveOutbox();
        send(frame);
    }

    function unqueue(id) {
        for (var i = 0; i < outbox.length; i++) {
            if (outbox[i].id === id) {
                var frame = outbox[i];
                outbox.splice(i, 1);
                saveOutbox();
                return frame;
            }
        }
        return null;
    }

    function heard() {
        clearTimeout(silenceTimer);
        // A connection that stays silent through more than two pings is dead (a half-open TCP connection).
        silenceTimer = setTimeout(function () {
            if (socket) socket.close();
        }, state.heartbeatMs * 2.5);
    }

    function connect() {
        if (state.blocked) return;
        clearTimeout(reconnectTimer);
        reconnectTimer = null;
        state.ready = false;
        var ws;
        try {
            ws = new WebSocket(socketUrl);
        } catch (e) {
            scheduleReconnect();
            return;
        }
        socket = ws;
        ws.onopen = function () {
            ws.send(
                JSON.stringify({
                    type: 'hello',
                    protocol: 1,
                    token: token,
                    page: String(window.location.href).slice(0, 2000),
                    language: lang
                })
            );
            heard();
        };
        ws.onmessage = function (message) {
            if (ws !== socket) return;
            heard();
            var frame;
            try {
                frame = JSON.parse(message.data);
            } catch (e) {
                return;
            }
            onFrame(frame);
        };
        ws.onclose = function (event) {
            if (ws !== socket) return;
            socket = null;
            state.ready = false;
            clearInterval(pingTimer);
            clearTimeout(silenceTimer);
            var code = event.code;
            if (code === 4010) {
                state.blocked = true;
                setStatus(S.unavailable);
                render();
                return;
            }
            if (code === 4008) reconnectDelay = Math.max(reconnectDelay, 30000);
            if (code === 4002 || code === 4003 || code === 4011) reconnectDelay = Math.max(reconnectDelay, 15000);
            setStatus(code === 4008 ? S.slowDown : S.reconnecting);
            scheduleReconnect();
        };
    }

    function scheduleReconnect() {
        if (reconnectTimer) return;
        // Exponential back-off from half a second to 15 s, with jitter so that a restarted server is not stormed.
        reconnectDelay = Math.min(Math.max(reconnectDelay * 2, 500), 15000);
        var delay = reconnectDelay * (0.75 + Math.random() * 0.5);
        reconnectTimer = setTimeout(connect, delay);
    }

    function onFrame(frame) {
        switch (frame.type) {
            case 'welcome':
                state.ready = true;
                state.open = !!frame.open;
                state.agentsAvailable = !!frame.agents_available;
                state.heartbeatMs = frame.heartbeat_ms > 0 ? frame.heartbeat_ms : 25000;
                reconnectDelay = 0;
                setStatus('');
                (frame.history || []).forEach(function (item) {
                    addItem(item, false);
                });
                // What this page sent and the server has not acknowledged goes again, in order, with the same ids:
                // the server stores each id once.
                outbox.forEach(function (pending) {
                    if (pending.type === 'message') showPendingMessage(pending);
                });
                outbox.forEach(function (pending) {
                    send(pending);
                });
                clearInterval(pingTimer);
                pingTimer = setInterval(function () {
                    send({ type: 'ping' });
                }, state.heartbeatMs);
                render();
                break;
            case 'ack':
                var frameAcked = unqueue(frame.id);
                if (!frameAcked) break;
                if (frameAcked.type === 'message' && byClientId[frame.id]) {
                    markDelivered(byClientId[frame.id], frame.event, frame.at);
                } else if (frameAcked.type === 'start') {
                    state.open = true;
                    systemLine(S.waiting);
                    render();
                    if (state.windowOpen) textarea.focus();
                } else if (frameAcked.type === 'offline') {
                    state.offlineSent = true;
                    offText.input.value = '';
                    render();
                    if (state.windowOpen) offlineDone.focus();
                } else {
                    render();
                }
                break;
            case 'invalid':
                var refused = unqueue(frame.id);
                if (!refused) break;
                if (refused.type === 'start' || refused.type === 'offline') {
                    var fields = refused.type === 'start' ? { email: preEmail, phone: prePhone } : {
                        email: offEmail,
                        phone: offPhone,
                        text: offText
                    };
                    var target = fields[frame.field] || fields.email;
                    var message = frame.field === 'phone' ? S.badPhone : refused.type === 'offline' &&
                        !refused.email && !refused.phone ? S.contactRequired : S.badEmail;
                    showError(target, message);
                    render();
                    target.input.focus();
                } else if (refused.type === 'message' && byClientId[frame.id]) {
                    var item = byClientId[frame.id];
                    item.classList.remove('tl-pending');
                    item.classList.add('tl-failed');
                    item.querySelector('.tl-meta').textContent = S.notDelivered;
                }
                break;
            case 'item':
                addItem(frame.item, true);
                break;
            case 'typing':
                clearTimeout(agentTypingTimer);
                if (frame.active) {
                    typing.textContent = frame.agent ? format(S.agentTyping, frame.agent) : S.agentTypingAnonymous;
                    typing.hidden = false;
                    // A lost "stopped typing" must not leave the indicator on.
                    agentTypingTimer = setTimeout(function () {
                        typing.hidden = true;
                    }, 8000);
                } else {
                    typing.hidden = true;
                }
                break;
            case 'availability':
                state.agentsAvailable = !!frame.agents_available;
                render();
                break;
            case 'error':
                // The close that follows says what to do; the message is for developers.
                if (window.console) console.warn('Threadline chat:', frame.code, frame.message);
                break;
            default:
                break;
        }
    }

    function showError(target, message) {
        target.error.textContent = message;
        target.error.hidden = false;
        target.input.setAttribute('aria-invalid', 'true');
    }
    function clearErrors(form) {
        [preEmail, prePhone, offEmail, offPhone, offText].forEach(function (target) {
            if (!form.contains(target.input)) return;
            target.error.hidden = true;
            target.error.textContent = '';
            target.input.removeAttribute('aria-invalid');
        });
    }

    function sendTyping(active) {
        if (active === typingActive && (!active || Date.now() - typingSentAt < 3000)) return;
        typingActive = active;
        typingSentAt = Date.now();
        send({ type: 'typing', active: active });
    }

    // ---- the visitor's actions ----------------------------------------------------------------------------

    launcher.addEventListener('click', function () {
        setWindowOpen(panel.hidden, true);
    });
    closeButton.addEventListener('click', function () {
        setWindowOpen(false, true);
    });
    root.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && !panel.hidden) {
            event.preventDefault();
            setWindowOpen(false, true);
        }
    });

    preChat.addEventListener('submit', function (event) {
        event.preventDefault();
        clearErrors(preChat);
        var frame = { type: 'start', id: randomHex(16) };
        var name = preName.input.value.trim();
        var email = preEmail.input.value.trim();
        var phone = prePhone.input.value.trim();
        if (name) frame.name = name;
        if (email) frame.email = email;
        if (phone) frame.phone = phone;
        queue(frame);
        render();
    });

    offline.addEventListener('submit', function (event) {
        event.preventDefault();
        clearErrors(offline);
        var body = offText.input.value.trim();
        var email = offEmail.input.value.trim();
        var phone = offPhone.input.value.trim();
        if (!body) {
            offText.input.focus();
            return;
        }
        if (!email && !phone) {
            showError(offEmail, S.contactRequired);
            offEmail.input.focus();
            return;
        }
        var frame = { type: 'offline', id: randomHex(16), text: offText.input.value };
        var name = offName.input.value.trim();
        if (name) frame.name = name;
        if (email) frame.email = email;
        if (phone) frame.phone = phone;
        queue(frame);
        render();
    });

    function sendMessage() {
        var value = textarea.value;
        if (!value.trim()) return;
        var frame = { type: 'message', id: randomHex(16), text: value.slice(0, 4000) };
        textarea.value = '';
        clearTimeout(typingStopTimer);
        sendTyping(false);
        showPendingMessage(frame);
        queue(frame);
    }

    composer.addEventListener('submit', function (event) {
        event.preventDefault();
        sendMessage();
        textarea.focus();
    });
    textarea.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            sendMessage();
        }
    });
    textarea.addEventListener('input', function () {
        clearTimeout(typingStopTimer);
        if (!textarea.value) {
            sendTyping(false);
            return;
        }
        sendTyping(true);
        typingStopTimer = setTimeout(function () {
            sendTyping(false);
        }, 4000);
    });

    endButton.addEventListener('click', function () {
        queue({ type: 'end', id: randomHex(16) });
        textarea.focus();
    });

    window.addEventListener('online', function () {
        if (!socket) {
            reconnectDelay = 0;
            connect();
        }
    });

    // For the page (and tests): open or close the window, and look at the state.
    window.threadlineChat = {
        open: function () {
            setWindowOpen(true, true);
        },
        close: function () {
            setWindowOpen(false, false);
        },
        language: lang,
        pending: function () {
            return outbox.length;
        },
        connected: function () {
            return state.ready;
        }
    };

    setStatus(S.connecting);
    render();
    setWindowOpen(state.windowOpen, false);
    connect();
})();
