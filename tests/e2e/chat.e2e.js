#!/usr/bin/env node
// The web chat end to end (docs/chat.md): a real threadline-server, Debian's chromium driven by playwright-core as
// the customer, and an agent speaking the sync protocol (docs/protocol.md) over ws. Between the browser and the
// server sits a TCP proxy of this test, so that the network can really be cut: connections dropped, answers lost.
//
//   node chat.e2e.js --server PATH [--screenshots DIR]
//
// Exits 0 when every check passed; prints "N passed, N failed" at the end.
'use strict';

const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
let WebSocket;
let chromium;
try {
    WebSocket = require('ws');
    ({ chromium } = require('playwright-core'));
} catch (error) {
    console.error(`chat.e2e.js: ${error.message}\nInstall the test's node modules first: (cd tests/e2e && npm ci)`);
    console.log('0 passed, 1 failed');
    process.exit(1);
}

const args = process.argv.slice(2);
function option(name, fallback) {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : fallback;
}
const serverBinary = option('--server', process.env.THREADLINE_SERVER);
const screenshotDir = option('--screenshots', process.env.THREADLINE_SCREENSHOTS || '');
const chromiumPath = process.env.THREADLINE_CHROMIUM || '/usr/bin/chromium';
if (!serverBinary) {
    console.error('usage: chat.e2e.js --server PATH/threadline-server [--screenshots DIR]');
    process.exit(2);
}

const cleanups = [];
const results = { passed: 0, failed: 0 };

async function check(name, body) {
    const started = Date.now();
    try {
        await body();
        results.passed += 1;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
        results.failed += 1;
        console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
        throw error;
    }
}

/// Polls \a probe until it returns a truthy value or the deadline passes.
async function waitFor(what, probe, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        last = await probe();
        if (last) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// ---- the server -------------------------------------------------------------------------------------------

async function startServer() {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-e2e-'));
    cleanups.push(() => fs.rmSync(directory, { recursive: true, force: true }));
    const child = childProcess.spawn(
        serverBinary,
        ['--db', path.join(directory, 'server.sqlite'), '--listen', '127.0.0.1:0'],
        { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let output = '';
    let errors = '';
    child.stdout.on('data', (data) => (output += data));
    child.stderr.on('data', (data) => (errors += data));
    cleanups.push(
        () =>
            new Promise((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once('exit', resolve);
                child.kill('SIGTERM');
                setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            })
    );
    const port = await waitFor('the server to listen', () => {
        if (child.exitCode !== null) throw new Error(`threadline-server exited: ${errors}`);
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        return match && Number(match[1]);
    });
    const password = /One-time password: (\S+)/.exec(output)[1];
    return { port, password, logs: () => errors };
}

async function api(server, method, urlPath, body, token) {
    const response = await fetch(`http://127.0.0.1:${server.port}${urlPath}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    let json = null;
    try {
        json = JSON.parse(text);
    } catch (e) {
        json = null;
    }
    return { status: response.status, json, text, headers: response.headers };
}

// ---- a TCP proxy between the browser and the server: up, down (connections cut, new ones refused) ---------

function startProxy(targetPort) {
    const sockets = new Set();
    let mode = 'up';
    const server = net.createServer((client) => {
        if (mode === 'down') {
            client.destroy();
            return;
        }
        const upstream = net.connect(targetPort, '127.0.0.1');
        const pair = { client, upstream };
        sockets.add(pair);
        client.on('data', (data) => {
            if (mode === 'up' || mode === 'deaf') upstream.write(data);
        });
        upstream.on('data', (data) => {
            // "deaf": what the server answers is lost on the way (the acks of messages it already stored).
            if (mode === 'up') client.write(data);
        });
        const close = () => {
            sockets.delete(pair);
            client.destroy();
            upstream.destroy();
        };
        client.on('error', close);
        upstream.on('error', close);
        client.on('close', close);
        upstream.on('close', close);
    });
    return new Promise((resolve) => {
        server.listen(0, '127.0.0.1', () => {
            cleanups.push(
                () =>
                    new Promise((done) => {
                        for (const pair of sockets) {
                            pair.client.destroy();
                            pair.upstream.destroy();
                        }
                        server.close(() => done());
                    })
            );
            resolve({
                port: server.address().port,
                set(newMode) {
                    mode = newMode;
                    if (newMode === 'down') {
                        for (const pair of sockets) {
                            pair.client.destroy();
                            pair.upstream.destroy();
                        }
                        sockets.clear();
                    }
                }
            });
        });
    });
}

// ---- the agent: the sync protocol over ws -------------------------------------------------------------------

async function connectAgent(server, token) {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/sync`);
    const events = new Map(); // id -> event, as the workstation's cache would hold them
    const acks = new Map();
    await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
    });
    let welcomed;
    const welcome = new Promise((resolve) => (welcomed = resolve));
    socket.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'welcome') welcomed(frame);
        else if (frame.type === 'events') {
            for (const event of frame.events) {
                if (events.has(event.id)) throw new Error(`event ${event.id} delivered twice`);
                events.set(event.id, event);
            }
        } else if (frame.type === 'ack') {
            for (const result of frame.results) acks.set(result.id, result);
        } else if (frame.type === 'error') {
            console.log('agent got an error frame:', frame);
        }
    });
    socket.send(JSON.stringify({ type: 'hello', protocol: 1, token, client: 'e2e-agent/1', after: 0 }));
    const agent = await welcome;
    cleanups.push(() => socket.terminate());
    return {
        name: agent.agent.name,
        events,
        acks,
        socket,
        find(predicate) {
            return [...events.values()].filter(predicate);
        },
        reply(customer, identity, textBody) {
            const id = crypto.randomUUID();
            socket.send(
                JSON.stringify({
                    type: 'submit',
                    events: [
                        {
                            id,
                            seq: 0,
                            customer,
                            channel: 'chat',
                            kind: 'message.out',
                            occurred_at: new Date().toISOString(),
                            identity,
                            author: agent.agent.login,
                            payload: { text: textBody }
                        }
                    ]
                })
            );
            return id;
        },
        close() {
            socket.close(1000);
        }
    };
}

// ---- the page -----------------------------------------------------------------------------------------------

/// The texts of the conversation as the page shows them, with their state.
async function conversation(page) {
    return page.locator('.tl-log .tl-message-item').evaluateAll((items) =>
        items.map((item) => ({
            from: item.classList.contains('tl-from-agent') ? 'agent' : 'visitor',
            who: item.querySelector('.tl-who').textContent,
            text: item.querySelector('.tl-text').textContent,
            pending: item.classList.contains('tl-pending'),
            event: item.getAttribute('data-event')
        }))
    );
}

async function typeAndSend(page, message) {
    const box = page.locator('textarea.tl-message');
    await box.fill(message);
    await box.press('Enter');
}

async function screenshot(page, name) {
    if (!screenshotDir) return;
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, name) });
}

async function main() {
    if (!fs.existsSync(chromiumPath))
        throw new Error(`${chromiumPath} is missing: install Debian's chromium (scripts/setup does)`);
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const base = `http://127.0.0.1:${proxy.port}`;

    // Accounts: the admin signs in, creates the queue and an agent of it.
    const admin = (await api(server, 'POST', '/api/v1/login', { login: 'admin', password: server.password })).json
        .token;
    await api(server, 'POST', '/api/v1/queues', { name: 'general' }, admin);
    const created = await api(
        server,
        'POST',
        '/api/v1/agents',
        { login: 'anna', name: 'Anna Nowak', role: 'agent', queues: ['general'], password: 'anna-secret-1' },
        admin
    );
    assert.equal(created.status, 201, created.text);
    const agentToken = (await api(server, 'POST', '/api/v1/login', { login: 'anna', password: 'anna-secret-1' })).json
        .token;
    const agent = await connectAgent(server, agentToken);

    const browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        // playwright-core gives every launch a fresh temporary profile (--user-data-dir) of its own.
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
        ]
    });
    cleanups.push(() => browser.close());

    await check('the demo page and the widget are served with their headers', async () => {
        const page = await api(server, 'GET', '/chat');
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type'), /^text\/html; charset=utf-8/);
        assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
        assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
        const widget = await api(server, 'GET', '/chat/widget.js');
        assert.match(widget.headers.get('content-type'), /^text\/javascript; charset=utf-8/);
        assert.match(widget.headers.get('cache-control'), /max-age/);
        assert.equal((await api(server, 'GET', '/chat/missing.js')).status, 404);
    });

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 720 } });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    let identity;
    let customer;

    await check('a customer opens /chat, fills in the form and writes; the agent sees it', async () => {
        await page.goto(`${base}/chat`);
        const launcher = page.locator('button.tl-launcher');
        await launcher.waitFor();
        assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
        await launcher.click();
        assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
        await page.locator('form.tl-prechat input[name=name]').fill('Jan Kowalski');
        await page.locator('form.tl-prechat input[name=email]').fill('Jan.Kowalski@Example.PL');
        await page.locator('form.tl-prechat input[name=phone]').fill('+48 601 234 567');
        await page.locator('form.tl-prechat button[type=submit]').click();
        await page.locator('textarea.tl-message').waitFor({ state: 'visible' });
        // The focus moved to the composer: the keyboard user can write at once.
        await waitFor('the composer to have the focus', () =>
            page.evaluate(() => {
                const host = document.querySelector('[data-threadline-chat]');
                const active = host && host.shadowRoot.activeElement;
                return active && active.classList.contains('tl-message');
            })
        );
        await typeAndSend(page, 'Hello, <b>my order</b> 4471 has not arrived.');
        const message = await waitFor('the agent to receive the message', () =>
            agent.find((event) => event.kind === 'message.in' && /order<\/b> 4471/.test(event.payload.text))[0]
        );
        assert.equal(message.channel, 'chat');
        assert.match(message.identity, /^chat:[0-9a-f]{32}$/);
        identity = message.identity;
        customer = message.customer;
        const started = agent.find((event) => event.kind === 'chat.started' && event.identity === identity);
        assert.equal(started.length, 1);
        assert.equal(started[0].payload.name, 'Jan Kowalski');
        const linked = agent
            .find((event) => event.kind === 'identity.linked' && event.customer === customer)
            .map((event) => event.payload.identity)
            .sort();
        assert.deepEqual(linked, ['email:jan.kowalski@example.pl', 'phone:+48601234567']);
        // The text is shown as text, never as markup.
        const shown = await conversation(page);
        assert.equal(shown[0].text, 'Hello, <b>my order</b> 4471 has not arrived.');
        assert.equal(await page.locator('.tl-log b').count(), 0);
    });

    await check('the agent answers and the page shows the answer with the agent name', async () => {
        agent.reply(customer, identity, 'Dzień dobry! I am checking order 4471 now.');
        await waitFor('the answer on the page', async () =>
            (await conversation(page)).some((item) => item.from === 'agent' && /checking order 4471/.test(item.text))
        );
        const answer = (await conversation(page)).find((item) => item.from === 'agent');
        assert.equal(answer.who, 'Anna Nowak');
        await screenshot(page, 'chat-en.png');
    });

    await check('the network is cut and restored while the customer writes: nothing lost, nothing twice', async () => {
        // 1: the server stores the message but its answer is lost, then the connection drops.
        proxy.set('deaf');
        await typeAndSend(page, 'First message, its ack is lost');
        await waitFor('the server to store the first message', () =>
            agent.find((event) => event.kind === 'message.in' && event.payload.text === 'First message, its ack is lost')
                .length === 1
        );
        proxy.set('down');
        // 2: written while the network is down.
        await waitFor('the page to notice the cut', () =>
            page.evaluate(() => !window.threadlineChat.connected())
        );
        await typeAndSend(page, 'Second message, written offline');
        await typeAndSend(page, 'Third message, written offline');
        const pendingWhileDown = (await conversation(page)).filter((item) => item.pending).map((item) => item.text);
        assert.deepEqual(pendingWhileDown, [
            'First message, its ack is lost',
            'Second message, written offline',
            'Third message, written offline'
        ]);
        assert.match(await page.locator('.tl-status').textContent(), /Reconnecting/);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        proxy.set('up');
        await waitFor(
            'every message to be acknowledged',
            async () => (await page.evaluate(() => window.threadlineChat.pending())) === 0,
            30000
        );
        const texts = (await conversation(page)).map((item) => item.text);
        for (const sent of [
            'First message, its ack is lost',
            'Second message, written offline',
            'Third message, written offline'
        ]) {
            assert.equal(texts.filter((shownText) => shownText === sent).length, 1, `"${sent}" on the page once`);
        }
        assert.equal((await conversation(page)).filter((item) => item.pending).length, 0);
        // The server's log holds each message once.
        const timeline = await api(server, 'GET', `/api/v1/timeline?identity=${encodeURIComponent(identity)}`, undefined,
            admin);
        assert.equal(timeline.status, 200, timeline.text);
        const inbound = timeline.json.events.filter((event) => event.kind === 'message.in').map((e) => e.payload.text);
        assert.deepEqual(inbound, [
            'Hello, <b>my order</b> 4471 has not arrived.',
            'First message, its ack is lost',
            'Second message, written offline',
            'Third message, written offline'
        ]);
        await waitFor('the agent to have all three', () =>
            agent.find((event) => event.kind === 'message.in' && event.identity === identity).length === 4
        );
    });

    await check('a reload shows the whole conversation from the server', async () => {
        const before = (await conversation(page)).map((item) => `${item.from}:${item.text}`);
        await page.reload();
        await waitFor('the history', async () => (await conversation(page)).length === before.length);
        const after = (await conversation(page)).map((item) => `${item.from}:${item.text}`);
        assert.deepEqual(after, before);
        // The window stayed open and the chat is still going.
        await page.locator('textarea.tl-message').waitFor({ state: 'visible' });
    });

    await check('Esc closes the window and gives the focus back to the button', async () => {
        await page.locator('textarea.tl-message').focus();
        await page.keyboard.press('Escape');
        await page.locator('section.tl-window').waitFor({ state: 'hidden' });
        const focused = await page.evaluate(() => {
            const host = document.querySelector('[data-threadline-chat]');
            return host.shadowRoot.activeElement && host.shadowRoot.activeElement.className;
        });
        assert.match(focused, /tl-launcher/);
        await page.keyboard.press('Enter');
        await page.locator('textarea.tl-message').waitFor({ state: 'visible' });
    });

    await check('the customer ends the chat; the agent sees chat.ended by the visitor', async () => {
        await page.locator('button.tl-end').click();
        const ended = await waitFor('chat.ended', () =>
            agent.find((event) => event.kind === 'chat.ended' && event.identity === identity)[0]
        );
        assert.equal(ended.payload.by, 'visitor');
        await page.locator('.tl-log .tl-system', { hasText: 'You ended the chat.' }).waitFor();
        await page.locator('form.tl-prechat').waitFor({ state: 'visible' });
    });

    await check('the Farsi page lays out right to left', async () => {
        const farsi = await browser.newContext({ locale: 'fa-IR', viewport: { width: 1000, height: 720 } });
        const fa = await farsi.newPage();
        await fa.goto(`${base}/chat`);
        await fa.locator('button.tl-launcher').click();
        const root = fa.locator('.tl-root');
        assert.equal(await root.getAttribute('dir'), 'rtl');
        assert.equal(await root.getAttribute('lang'), 'fa');
        assert.equal(await root.evaluate((node) => getComputedStyle(node).direction), 'rtl');
        assert.equal(await fa.locator('.tl-launcher-label').textContent(), 'با ما گفتگو کنید');
        // Right to left: the button sits in the bottom left corner.
        const box = await fa.locator('button.tl-launcher').boundingBox();
        assert.ok(box.x < 100, `the launcher is on the left (x = ${box.x})`);
        await fa.locator('form.tl-prechat input[name=name]').fill('مریم رضایی');
        await screenshot(fa, 'chat-fa.png');
        await farsi.close();
    });

    await check('the widget fits a 360 pixel wide phone', async () => {
        const phone = await browser.newContext({ locale: 'pl-PL', viewport: { width: 360, height: 640 } });
        const small = await phone.newPage();
        await small.goto(`${base}/chat`);
        await small.locator('button.tl-launcher').click();
        const box = await small.locator('section.tl-window').boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= 360, `the window fits (${box.x} + ${box.width})`);
        assert.equal(await small.locator('form.tl-prechat button[type=submit]').textContent(), 'Rozpocznij czat');
        await screenshot(small, 'chat-pl-360.png');
        await phone.close();
    });

    await check('with no agent available a new visitor gets the offline form', async () => {
        agent.close();
        const later = await browser.newContext({ locale: 'en-US' });
        const visitor = await later.newPage();
        await visitor.goto(`${base}/chat`);
        await visitor.locator('button.tl-launcher').click();
        await visitor.locator('form.tl-offline').waitFor({ state: 'visible', timeout: 15000 });
        await visitor.locator('form.tl-offline textarea[name=text]').fill('Please call me back about a refund.');
        await visitor.locator('form.tl-offline button[type=submit]').click();
        // Neither an e-mail nor a phone: the form says what is missing.
        await visitor.locator('form.tl-offline .tl-error', { hasText: 'e-mail address or a phone number' }).waitFor();
        await visitor.locator('form.tl-offline input[name=email]').fill('refund@example.com');
        await visitor.locator('form.tl-offline button[type=submit]').click();
        await visitor.locator('.tl-offline-done').waitFor({ state: 'visible' });
        const timeline = await api(server, 'GET', '/api/v1/timeline?identity=email:refund@example.com', undefined,
            admin);
        assert.equal(timeline.status, 200, timeline.text);
        const offline = timeline.json.events.filter((event) => event.kind === 'message.in');
        assert.equal(offline.length, 1);
        assert.equal(offline[0].payload.offline, true);
        assert.equal(offline[0].payload.text, 'Please call me back about a refund.');
        await later.close();
    });

    await check('the page logged no errors', async () => {
        assert.deepEqual(
            consoleErrors.filter((message) => !/WebSocket connection to .* failed/.test(message)),
            []
        );
    });
}

async function cleanup() {
    while (cleanups.length) {
        const step = cleanups.pop();
        try {
            await step();
        } catch (e) {
            /* keep cleaning */
        }
    }
}

const watchdog = setTimeout(() => {
    console.log('FAIL the test took longer than 170 s');
    cleanup().finally(() => process.exit(1));
}, 170000);

main()
    .catch((error) => {
        if (!results.failed) {
            results.failed += 1;
            console.log(`FAIL ${error && error.stack ? error.stack : error}`);
        }
    })
    .finally(async () => {
        clearTimeout(watchdog);
        await cleanup();
        console.log(`${results.passed} passed, ${results.failed} failed`);
        process.exit(results.failed ? 1 : 0);
    });
