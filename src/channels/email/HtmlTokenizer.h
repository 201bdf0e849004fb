#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

namespace tl::email {

/// One piece of an HTML document as HtmlTokenizer reads it.
struct HtmlToken final {
    enum class Type { Text, StartTag, EndTag, Comment, Declaration };
    Type type = Type::Text;
    /// The tag name, lower case (StartTag, EndTag).
    QString name;
    /// The attributes in order, names lower case, values with character references decoded (StartTag).
    QList<std::pair<QString, QString>> attributes;
    /// "<br/>" (StartTag).
    bool selfClosing = false;
    /// Text with character references decoded (Text); the raw content of script, style, textarea, title, xmp,
    /// iframe, noembed and noframes comes as one Text token, undecoded (rawText is then true).
    QString text;
    bool rawText = false;

    /// The value of attribute \a attributeName; empty when absent.
    [[nodiscard]] QString attribute(QStringView attributeName) const;
};

/// A forgiving HTML tokenizer (a subset of the HTML5 tokenizer's states, enough for mail): never fails, never
/// loops; an unterminated tag at the end of the input is dropped. HtmlSanitizer and HtmlToText read its tokens.
class HtmlTokenizer final {
public:
    explicit HtmlTokenizer(QStringView html)
        : m_html(html) {}

    /// The next token; false at the end of the input.
    [[nodiscard]] bool next(HtmlToken& token);

    /// Decodes character references: named ones (the common HTML set), &#NN; and &#xHH;.
    [[nodiscard]] static QString decodeEntities(QStringView text);
    /// Escapes &, <, > and " for text and attribute values.
    [[nodiscard]] static QString escape(QStringView text);

private:
    [[nodiscard]] bool readTag(HtmlToken& token);

    QStringView m_html;
    qsizetype m_position = 0;
    /// Set after a start tag whose content is raw text (script, style, ...): its name.
    QString m_rawTextElement;
};

} // namespace tl::email
