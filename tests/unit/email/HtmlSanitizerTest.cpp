// HtmlSanitizer and HtmlToText: what survives of a mail's HTML, and the text made from it.
#include "channels/email/HtmlSanitizer.h"
#include "channels/email/HtmlToText.h"

#include <gtest/gtest.h>

using tl::email::HtmlSanitizer;
using tl::email::HtmlToText;

TEST(HtmlSanitizer, KeepsHarmlessFormatting) {
    const QString html = HtmlSanitizer::sanitize(
        QStringLiteral("<html><body><p align=\"center\">Dzień <b>dobry</b>,<br>zamówienie &amp; faktura</p>"
                       "<table border=1><tr><td colspan=2>x</td></tr></table></body></html>"));
    EXPECT_EQ(html, QStringLiteral("<p align=\"center\">Dzień <b>dobry</b>,<br>zamówienie &amp; faktura</p>"
                                   "<table border=\"1\"><tr><td colspan=\"2\">x</td></tr></table>"));
}

TEST(HtmlSanitizer, RemovesScriptsHandlersAndActiveContent) {
    const QString html = HtmlSanitizer::sanitize(QStringLiteral(
        "<script>alert(1)</script><p onclick=\"x()\" onmouseover=y()>text</p><img src=x onerror=alert(1)>"
        "<iframe src=\"https://evil.example\"></iframe><object data=x></object><embed src=x>"
        "<form action=\"https://evil.example\"><input name=p><button>Go</button>after</form>"
        "<svg onload=alert(1)><script>alert(2)</script></svg><a href=\"javascript:alert(1)\">link</a>"
        "<a href=\" JaVaScRiPt:alert(1)\">link2</a><a href=\"data:text/html,<script>\">link3</a>"
        "<scr<script>ipt>alert(3)</script><math><mtext><script>alert(4)</script></mtext></math>"));
    for (const char* forbidden :
         {"script", "onclick", "onmouseover", "onerror", "onload", "iframe", "object", "embed", "form", "input",
          "button", "svg", "javascript", "data:", "alert(1)", "alert(2)", "alert(4)", "math", "<scr"})
        EXPECT_FALSE(html.contains(QLatin1String(forbidden), Qt::CaseInsensitive))
            << forbidden << " in " << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("<p>text</p>")));
    EXPECT_TRUE(html.contains(QStringLiteral("after")));
    EXPECT_TRUE(html.contains(QStringLiteral(">link</a>")));
    // "<scr<script>ipt>" is a tag named "scr<script" to a browser too: dropped, and what follows is plain text.
    EXPECT_TRUE(html.contains(QStringLiteral("ipt&gt;alert(3)")));
}

TEST(HtmlSanitizer, LoadsNoRemoteContent) {
    const QString html = HtmlSanitizer::sanitize(QStringLiteral(
        "<img src=\"https://tracker.example/p.gif\" alt=\"pixel\"><img src=\"cid:logo@x\" alt=\"logo\">"
        "<img src=\"//tracker.example/x.gif\"><img srcset=\"https://t.example/a.png 2x\">"
        "<p style=\"background:url(https://t.example/bg.png);color:red\">x</p>"
        "<p style=\"background:u\\72l(https://t.example/escaped.png)\">y</p>"
        "<td background=\"https://t.example/cell.png\">z</td>"
        "<style>@import url(https://t.example/a.css); body{background-image:url('http://t.example/b.png')}"
        "</style><link rel=stylesheet href=\"https://t.example/c.css\"><a href=\"https://shop.example/\">ok</a>"));
    EXPECT_FALSE(html.contains(QStringLiteral("t.example")) || html.contains(QStringLiteral("tracker.example")))
        << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("src=\"cid:logo@x\"")));
    EXPECT_TRUE(html.contains(QStringLiteral("alt=\"pixel\"")));
    EXPECT_TRUE(html.contains(QStringLiteral("color:red")));
    EXPECT_TRUE(html.contains(QStringLiteral("href=\"https://shop.example/\"")));
    EXPECT_TRUE(html.contains(QStringLiteral("rel=\"noopener noreferrer\"")));
}

TEST(HtmlSanitizer, CssKeepsCidImagesOnly) {
    EXPECT_EQ(HtmlSanitizer::sanitizeCss(u"background:url(cid:bg@x)"), QStringLiteral("background:url(\"cid:bg@x\")"));
    EXPECT_EQ(HtmlSanitizer::sanitizeCss(u"background:url( \"https://x\" )"), QStringLiteral("background:none"));
    EXPECT_FALSE(HtmlSanitizer::sanitizeCss(u"width:expression(alert(1))").contains(QStringLiteral("expression")));
    EXPECT_FALSE(HtmlSanitizer::sanitizeCss(u"@import 'https://x/a.css'; p{}").contains(QStringLiteral("import")));
    EXPECT_FALSE(HtmlSanitizer::sanitizeCss(u"b/**/ack: u/**/rl(https://x)").contains(QStringLiteral("https")));
}

TEST(HtmlSanitizer, OutputIsBalancedAndEscaped) {
    EXPECT_EQ(HtmlSanitizer::sanitize(u"<div><p>a<b>b</div>c</i>"), QStringLiteral("<div><p>a<b>b</b></p></div>c"));
    EXPECT_EQ(HtmlSanitizer::sanitize(u"<p title='\"><script>'>x"),
              QStringLiteral("<p title=\"&quot;&gt;&lt;script&gt;\">x</p>"));
    EXPECT_EQ(HtmlSanitizer::sanitize(u"a < b > c"), QStringLiteral("a &lt; b &gt; c"));
    EXPECT_EQ(HtmlSanitizer::sanitize(u"<style>p{}</style><p>x"), QStringLiteral("<style>p{}</style><p>x</p>"));
    EXPECT_FALSE(HtmlSanitizer::sanitize(u"<style>p{content:'</style><script>alert(1)</script>'}</style>")
                     .contains(QStringLiteral("<script")));
    // Unterminated markup at the end is dropped, never echoed raw.
    EXPECT_EQ(HtmlSanitizer::sanitize(u"text<img src=x onerror=alert(1)"), QStringLiteral("text"));
}

TEST(HtmlToText, BlocksListsAndEntities) {
    const QString text = HtmlToText::convert(QStringLiteral(
        "<html><head><title>T</title><style>p{}</style></head><body><div>Dzień dobry,</div>"
        "<p>czy dostawa&nbsp;w sobotę?   Płacę &amp; czekam &#8212; &#x4E2D;</p><ul><li>ekspres</li><li>młynek</li>"
        "</ul>Line<br>break<script>ignored()</script><img alt=\"logo\" src=cid:x></body></html>"));
    EXPECT_EQ(text,
              QStringLiteral("Dzień dobry,\n\nczy dostawa w sobotę? Płacę & czekam — 中\n\n- ekspres\n- młynek\n\n"
                             "Line\nbreak [logo]"));
}

TEST(HtmlToText, BlockquotesBecomeQuotedLines) {
    const QString text = HtmlToText::convert(
        QStringLiteral("<div>Yes.</div><div>On Mon, Anna wrote:<blockquote>Does it work?<br>Anna</blockquote></div>"));
    EXPECT_EQ(text, QStringLiteral("Yes.\nOn Mon, Anna wrote:\n> Does it work?\n> Anna"));
}
