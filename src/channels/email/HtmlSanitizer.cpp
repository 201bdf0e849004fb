#include "HtmlSanitizer.h"

#include "HtmlTokenizer.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace tl::email {

namespace {

const QSet<QString>& allowedElements() {
    static const QSet<QString> elements{
        QStringLiteral("a"),      QStringLiteral("abbr"),    QStringLiteral("address"),  QStringLiteral("b"),
        QStringLiteral("bdi"),    QStringLiteral("bdo"),     QStringLiteral("big"),      QStringLiteral("blockquote"),
        QStringLiteral("br"),     QStringLiteral("caption"), QStringLiteral("center"),   QStringLiteral("cite"),
        QStringLiteral("code"),   QStringLiteral("col"),     QStringLiteral("colgroup"), QStringLiteral("dd"),
        QStringLiteral("del"),    QStringLiteral("div"),     QStringLiteral("dl"),       QStringLiteral("dt"),
        QStringLiteral("em"),     QStringLiteral("font"),    QStringLiteral("h1"),       QStringLiteral("h2"),
        QStringLiteral("h3"),     QStringLiteral("h4"),      QStringLiteral("h5"),       QStringLiteral("h6"),
        QStringLiteral("hr"),     QStringLiteral("i"),       QStringLiteral("img"),      QStringLiteral("ins"),
        QStringLiteral("kbd"),    QStringLiteral("li"),      QStringLiteral("mark"),     QStringLiteral("ol"),
        QStringLiteral("p"),      QStringLiteral("pre"),     QStringLiteral("q"),        QStringLiteral("s"),
        QStringLiteral("samp"),   QStringLiteral("small"),   QStringLiteral("span"),     QStringLiteral("strike"),
        QStringLiteral("strong"), QStringLiteral("style"),   QStringLiteral("sub"),      QStringLiteral("sup"),
        QStringLiteral("table"),  QStringLiteral("tbody"),   QStringLiteral("td"),       QStringLiteral("tfoot"),
        QStringLiteral("th"),     QStringLiteral("thead"),   QStringLiteral("tr"),       QStringLiteral("tt"),
        QStringLiteral("u"),      QStringLiteral("ul"),      QStringLiteral("wbr"),
    };
    return elements;
}

/// Elements dropped together with everything inside them.
const QSet<QString>& droppedWithContent() {
    static const QSet<QString> elements{
        QStringLiteral("script"),   QStringLiteral("iframe"),    QStringLiteral("frame"),   QStringLiteral("frameset"),
        QStringLiteral("object"),   QStringLiteral("embed"),     QStringLiteral("applet"),  QStringLiteral("svg"),
        QStringLiteral("math"),     QStringLiteral("template"),  QStringLiteral("title"),   QStringLiteral("textarea"),
        QStringLiteral("select"),   QStringLiteral("button"),    QStringLiteral("noembed"), QStringLiteral("noframes"),
        QStringLiteral("xmp"),      QStringLiteral("audio"),     QStringLiteral("video"),   QStringLiteral("canvas"),
        QStringLiteral("datalist"), QStringLiteral("plaintext"),
    };
    return elements;
}

bool isVoidElement(QStringView name) {
    return name == u"br" || name == u"hr" || name == u"img" || name == u"col" || name == u"wbr";
}

/// Elements that never have content or an end tag in HTML: dropping one must not swallow what follows.
bool isVoidHtmlElement(QStringView name) {
    static const QSet<QString> elements{
        QStringLiteral("area"),  QStringLiteral("base"), QStringLiteral("br"),     QStringLiteral("col"),
        QStringLiteral("embed"), QStringLiteral("hr"),   QStringLiteral("img"),    QStringLiteral("input"),
        QStringLiteral("link"),  QStringLiteral("meta"), QStringLiteral("param"),  QStringLiteral("source"),
        QStringLiteral("track"), QStringLiteral("wbr"),  QStringLiteral("keygen"),
    };
    return elements.contains(name.toString());
}

const QSet<QString>& allowedAttributes() {
    static const QSet<QString> attributes{
        QStringLiteral("align"),       QStringLiteral("valign"),  QStringLiteral("width"),
        QStringLiteral("height"),      QStringLiteral("border"),  QStringLiteral("cellpadding"),
        QStringLiteral("cellspacing"), QStringLiteral("colspan"), QStringLiteral("rowspan"),
        QStringLiteral("bgcolor"),     QStringLiteral("color"),   QStringLiteral("face"),
        QStringLiteral("size"),        QStringLiteral("dir"),     QStringLiteral("lang"),
        QStringLiteral("title"),       QStringLiteral("alt"),     QStringLiteral("start"),
        QStringLiteral("type"),        QStringLiteral("span"),    QStringLiteral("nowrap"),
        QStringLiteral("class"),       QStringLiteral("hspace"),  QStringLiteral("vspace"),
        QStringLiteral("abbr"),        QStringLiteral("scope"),   QStringLiteral("headers"),
        QStringLiteral("summary"),
    };
    return attributes;
}

bool isSafeLink(QStringView url) {
    const QString trimmed =
        url.trimmed().toString().toLower().remove(QRegularExpression(QStringLiteral("[\\s\\x00-\\x1f]")));
    return trimmed.startsWith(QLatin1String("http://")) || trimmed.startsWith(QLatin1String("https://")) ||
           trimmed.startsWith(QLatin1String("mailto:")) || trimmed.startsWith(u'#');
}

/// Resolves CSS escapes (\75 or \u) so that "u\72l(" cannot hide a url(.
QString unescapeCss(QStringView css) {
    QString result;
    result.reserve(css.size());
    qsizetype i = 0;
    while (i < css.size()) {
        const QChar c = css.at(i);
        if (c != u'\\' || i + 1 >= css.size()) {
            result += c;
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        const auto isHex = [](QChar h) {
            return (h >= u'0' && h <= u'9') || (h >= u'a' && h <= u'f') || (h >= u'A' && h <= u'F');
        };
        while (end < css.size() && end - i <= 6 && isHex(css.at(end)))
            ++end;
        if (end > i + 1) {
            bool ok = false;
            uint code = css.sliced(i + 1, end - i - 1).toUInt(&ok, 16);
            if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                code = 0xFFFD;
            const char32_t character = code;
            result += QString::fromUcs4(&character, 1);
            if (end < css.size() && css.at(end).isSpace())
                ++end;
            i = end;
        } else {
            result += css.at(i + 1);
            i += 2;
        }
    }
    return result;
}

} // namespace

bool HtmlSanitizer::isLocalImageSource(QStringView url) {
    const QString trimmed = url.trimmed().toString().toLower();
    if (trimmed.startsWith(QLatin1String("cid:")))
        return true;
    static const QRegularExpression dataImage(
        QStringLiteral("^data:image/(png|jpeg|jpg|gif|webp);base64,[a-z0-9+/=\\s]*$"));
    return dataImage.match(trimmed).hasMatch();
}

QString HtmlSanitizer::sanitizeCss(QStringView css) {
    static const QRegularExpression comments(QStringLiteral("/\\*.*?(\\*/|$)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression url(QStringLiteral("url\\s*\\(\\s*(['\"]?)\\s*([^)'\"]*)\\1\\s*\\)?"),
                                        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression imports(QStringLiteral("@import[^;]*;?"),
                                            QRegularExpression::CaseInsensitiveOption);
    // Functions that run code or load images, with their arguments (up to the first ')'), and properties that bind
    // behaviour.
    static const QRegularExpression dangerousCalls(
        QStringLiteral(
            "(expression|image-set|-webkit-image-set|(?<![a-z-])image|(?<![a-z-])src|element)\\s*\\([^)]*\\)?"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dangerous(QStringLiteral("behavior\\s*:|-moz-binding|javascript:|vbscript:"),
                                              QRegularExpression::CaseInsensitiveOption);
    QString text = unescapeCss(css);
    text.remove(comments);
    text.remove(imports);
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator matches = url.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += QStringView(text).sliced(last, match.capturedStart() - last);
        const QString target = match.captured(2).trimmed();
        if (target.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive) &&
            !target.contains(QRegularExpression(QStringLiteral("[\\s()'\"\\\\]"))))
            result += QStringLiteral("url(\"%1\")").arg(target);
        else
            result += QLatin1String("none");
        last = match.capturedEnd();
    }
    result += QStringView(text).sliced(last);
    result.replace(dangerousCalls, QStringLiteral("none"));
    result.replace(dangerous, QStringLiteral("blocked:"));
    return result;
}

QString HtmlSanitizer::sanitize(QStringView html) {
    HtmlTokenizer tokenizer(html);
    HtmlToken token;
    QString output;
    output.reserve(html.size());
    QStringList open; // the allowed elements open in the output, innermost last
    QString skipping; // inside an element dropped with its content: its name
    int skipDepth = 0;

    while (tokenizer.next(token)) {
        if (!skipping.isEmpty()) {
            if (token.type == HtmlToken::Type::StartTag && token.name == skipping && !token.selfClosing)
                ++skipDepth;
            else if (token.type == HtmlToken::Type::EndTag && token.name == skipping && --skipDepth == 0)
                skipping.clear();
            continue;
        }
        switch (token.type) {
        case HtmlToken::Type::Comment:
        case HtmlToken::Type::Declaration:
            break;
        case HtmlToken::Type::Text:
            if (token.rawText) {
                if (token.name == u"style")
                    output += sanitizeCss(token.text).replace(u'<', QLatin1String("\\3C "));
                // Any other raw text (a script's, a title's) belongs to an element that was dropped.
            } else {
                output += HtmlTokenizer::escape(token.text);
            }
            break;
        case HtmlToken::Type::StartTag: {
            if (droppedWithContent().contains(token.name)) {
                if (!token.selfClosing && !isVoidHtmlElement(token.name)) {
                    skipping = token.name;
                    skipDepth = 1;
                }
                break;
            }
            if (!allowedElements().contains(token.name))
                break; // the tag goes, its content stays (html, body, form, font-less wrappers, unknown tags)
            QString tag = u'<' + token.name;
            for (const auto& [name, value] : std::as_const(token.attributes)) {
                QString kept;
                if (name == u"style") {
                    kept = sanitizeCss(value);
                } else if (name == u"href" && token.name == u"a") {
                    if (!isSafeLink(value))
                        continue;
                    kept = value.trimmed();
                } else if (name == u"src" && token.name == u"img") {
                    if (!isLocalImageSource(value))
                        continue; // remote (or script) image: no source, the alt text stays
                    kept = value.trimmed();
                } else if (allowedAttributes().contains(name)) {
                    kept = value;
                } else {
                    continue; // on*, background, srcset, formaction, id, data-*, xmlns:..., anything unknown
                }
                tag += u' ' + name + QLatin1String("=\"") + HtmlTokenizer::escape(kept) + u'"';
            }
            if (token.name == u"a")
                tag += QLatin1String(" rel=\"noopener noreferrer\"");
            tag += u'>';
            output += tag;
            if (!isVoidElement(token.name))
                open.append(token.name);
            break;
        }
        case HtmlToken::Type::EndTag: {
            if (isVoidElement(token.name))
                break;
            const qsizetype at = open.lastIndexOf(token.name);
            if (at < 0)
                break;
            while (open.size() > at) {
                output += QLatin1String("</") + open.takeLast() + u'>';
            }
            break;
        }
        }
    }
    while (!open.isEmpty())
        output += QLatin1String("</") + open.takeLast() + u'>';
    return output;
}

} // namespace tl::email
