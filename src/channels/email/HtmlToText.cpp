#include "HtmlToText.h"

#include "HtmlTokenizer.h"

#include <QSet>
#include <QStringList>

namespace tl::email {

namespace {

bool isBlock(QStringView name) {
    static const QSet<QString> blocks{
        QStringLiteral("p"),      QStringLiteral("div"),     QStringLiteral("tr"),         QStringLiteral("table"),
        QStringLiteral("ul"),     QStringLiteral("ol"),      QStringLiteral("li"),         QStringLiteral("h1"),
        QStringLiteral("h2"),     QStringLiteral("h3"),      QStringLiteral("h4"),         QStringLiteral("h5"),
        QStringLiteral("h6"),     QStringLiteral("pre"),     QStringLiteral("blockquote"), QStringLiteral("hr"),
        QStringLiteral("dl"),     QStringLiteral("dt"),      QStringLiteral("dd"),         QStringLiteral("address"),
        QStringLiteral("center"), QStringLiteral("section"), QStringLiteral("article"),    QStringLiteral("header"),
        QStringLiteral("footer"), QStringLiteral("form"),    QStringLiteral("caption"),    QStringLiteral("body"),
    };
    return blocks.contains(name.toString());
}

bool isParagraph(QStringView name) {
    return name == u"p" || (name.size() == 2 && name.at(0) == u'h' && name.at(1).isDigit()) || name == u"table" ||
           name == u"ul" || name == u"ol" || name == u"blockquote";
}

/// Builds the text line by line; each line starts with the blockquote depth's "> ".
class TextBuilder final {
public:
    void text(QStringView words, bool preformatted) {
        for (QChar c : words) {
            if (c == u'\r')
                continue;
            if (preformatted) {
                if (c == u'\n')
                    newLine();
                else
                    append(c);
            } else if (c.isSpace() && c != QChar(QChar::Nbsp)) {
                m_pendingSpace = true;
            } else {
                append(c);
            }
        }
    }
    void newLine() {
        m_lines.append(m_line);
        m_line.clear();
        m_pendingSpace = false;
    }
    /// Ends the current line unless it is empty; with \a blank, also leaves one empty line.
    void block(bool blank) {
        if (!m_line.isEmpty())
            newLine();
        if (blank && !m_lines.isEmpty() && !m_lines.constLast().isEmpty())
            m_lines.append(QString());
        m_pendingSpace = false;
    }
    void setQuoteDepth(int depth) { m_quoteDepth = std::max(depth, 0); }
    [[nodiscard]] int quoteDepth() const { return m_quoteDepth; }

    [[nodiscard]] QString finish() {
        if (!m_line.isEmpty())
            newLine();
        QStringList lines;
        for (QString& line : m_lines) {
            while (!line.isEmpty() && line.back().isSpace())
                line.chop(1);
            line.replace(QChar(QChar::Nbsp), u' ');
            if (line.trimmed().isEmpty() && !lines.isEmpty() && lines.constLast().trimmed().isEmpty())
                continue; // one blank line at most
            lines.append(line);
        }
        while (!lines.isEmpty() && lines.constFirst().trimmed().isEmpty())
            lines.removeFirst();
        while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
            lines.removeLast();
        return lines.join(u'\n');
    }

private:
    void append(QChar c) {
        if (m_line.isEmpty() || m_line == quotePrefix()) {
            if (m_line.isEmpty())
                m_line = quotePrefix();
            m_pendingSpace = false;
        } else if (m_pendingSpace) {
            m_line += u' ';
        }
        m_pendingSpace = false;
        m_line += c;
    }
    [[nodiscard]] QString quotePrefix() const { return QString(QStringLiteral("> ")).repeated(m_quoteDepth); }

    QStringList m_lines;
    QString m_line;
    bool m_pendingSpace = false;
    int m_quoteDepth = 0;
};

} // namespace

QString HtmlToText::convert(QStringView html) {
    HtmlTokenizer tokenizer(html);
    HtmlToken token;
    TextBuilder builder;
    int preformatted = 0;
    int hidden = 0; // inside head, script, style, title, ...
    while (tokenizer.next(token)) {
        switch (token.type) {
        case HtmlToken::Type::Comment:
        case HtmlToken::Type::Declaration:
            break;
        case HtmlToken::Type::Text:
            if (!token.rawText && hidden == 0)
                builder.text(token.text, preformatted > 0);
            break;
        case HtmlToken::Type::StartTag:
            if (token.name == u"head" || token.name == u"svg" || token.name == u"template") {
                ++hidden;
            } else if (token.name == u"br") {
                builder.newLine();
            } else if (token.name == u"img") {
                const QString alt = token.attribute(u"alt").simplified();
                if (!alt.isEmpty() && hidden == 0)
                    builder.text(QStringLiteral(" [%1] ").arg(alt), false);
            } else if (token.name == u"td" || token.name == u"th") {
                builder.text(u" ", false);
            } else if (token.name == u"blockquote") {
                builder.block(false);
                builder.setQuoteDepth(builder.quoteDepth() + 1);
            } else if (isBlock(token.name)) {
                builder.block(isParagraph(token.name));
                if (token.name == u"li")
                    builder.text(u"- ", true);
                if (token.name == u"pre")
                    ++preformatted;
                if (token.name == u"hr")
                    builder.block(false);
            }
            break;
        case HtmlToken::Type::EndTag:
            if (token.name == u"head" || token.name == u"svg" || token.name == u"template") {
                hidden = std::max(hidden - 1, 0);
            } else if (token.name == u"blockquote") {
                builder.block(false);
                builder.setQuoteDepth(builder.quoteDepth() - 1);
                builder.block(true);
            } else if (isBlock(token.name)) {
                builder.block(isParagraph(token.name));
                if (token.name == u"pre")
                    preformatted = std::max(preformatted - 1, 0);
            }
            break;
        }
    }
    return builder.finish();
}

} // namespace tl::email
