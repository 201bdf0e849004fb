#include "HtmlTokenizer.h"

#include <QHash>

namespace tl::email {

namespace {

bool isSpace(QChar c) {
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r') ||
           c == QLatin1Char('\f');
}

bool isRawTextElement(QStringView name) {
    static const QStringList names{QStringLiteral("script"),  QStringLiteral("style"),    QStringLiteral("textarea"),
                                   QStringLiteral("title"),   QStringLiteral("xmp"),      QStringLiteral("iframe"),
                                   QStringLiteral("noembed"), QStringLiteral("noframes"), QStringLiteral("plaintext")};
    return names.contains(name);
}

const QHash<QString, char16_t>& namedEntities() {
    static const QHash<QString, char16_t> entities{
        {QStringLiteral("amp"), u'&'},      {QStringLiteral("lt"), u'<'},       {QStringLiteral("gt"), u'>'},
        {QStringLiteral("quot"), u'"'},     {QStringLiteral("apos"), u'\''},    {QStringLiteral("nbsp"), 0x00A0},
        {QStringLiteral("copy"), 0x00A9},   {QStringLiteral("reg"), 0x00AE},    {QStringLiteral("trade"), 0x2122},
        {QStringLiteral("hellip"), 0x2026}, {QStringLiteral("mdash"), 0x2014},  {QStringLiteral("ndash"), 0x2013},
        {QStringLiteral("laquo"), 0x00AB},  {QStringLiteral("raquo"), 0x00BB},  {QStringLiteral("bdquo"), 0x201E},
        {QStringLiteral("ldquo"), 0x201C},  {QStringLiteral("rdquo"), 0x201D},  {QStringLiteral("lsquo"), 0x2018},
        {QStringLiteral("rsquo"), 0x2019},  {QStringLiteral("sbquo"), 0x201A},  {QStringLiteral("euro"), 0x20AC},
        {QStringLiteral("pound"), 0x00A3},  {QStringLiteral("yen"), 0x00A5},    {QStringLiteral("cent"), 0x00A2},
        {QStringLiteral("shy"), 0x00AD},    {QStringLiteral("zwnj"), 0x200C},   {QStringLiteral("zwj"), 0x200D},
        {QStringLiteral("lrm"), 0x200E},    {QStringLiteral("rlm"), 0x200F},    {QStringLiteral("middot"), 0x00B7},
        {QStringLiteral("bull"), 0x2022},   {QStringLiteral("times"), 0x00D7},  {QStringLiteral("divide"), 0x00F7},
        {QStringLiteral("deg"), 0x00B0},    {QStringLiteral("plusmn"), 0x00B1}, {QStringLiteral("sect"), 0x00A7},
        {QStringLiteral("para"), 0x00B6},   {QStringLiteral("iexcl"), 0x00A1},  {QStringLiteral("iquest"), 0x00BF},
        {QStringLiteral("ensp"), 0x2002},   {QStringLiteral("emsp"), 0x2003},   {QStringLiteral("thinsp"), 0x2009},
        {QStringLiteral("oacute"), 0x00F3}, {QStringLiteral("Oacute"), 0x00D3}, {QStringLiteral("eacute"), 0x00E9},
        {QStringLiteral("aacute"), 0x00E1}, {QStringLiteral("uuml"), 0x00FC},   {QStringLiteral("ouml"), 0x00F6},
        {QStringLiteral("auml"), 0x00E4},   {QStringLiteral("szlig"), 0x00DF},  {QStringLiteral("ccedil"), 0x00E7},
        {QStringLiteral("larr"), 0x2190},   {QStringLiteral("rarr"), 0x2192},   {QStringLiteral("hearts"), 0x2665},
    };
    return entities;
}

} // namespace

QString HtmlToken::attribute(QStringView attributeName) const {
    for (const auto& [key, value] : attributes) {
        if (key == attributeName)
            return value;
    }
    return {};
}

QString HtmlTokenizer::decodeEntities(QStringView text) {
    if (!text.contains(QLatin1Char('&')))
        return text.toString();
    QString result;
    result.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('&')) {
            result.append(c);
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < text.size() && end - i < 12 && (text.at(end).isLetterOrNumber() || text.at(end) == u'#'))
            ++end;
        const QStringView reference = text.sliced(i + 1, end - i - 1);
        const bool terminated = end < text.size() && text.at(end) == QLatin1Char(';');
        bool decoded = false;
        if (reference.startsWith(u'#') && reference.size() > 1) {
            bool ok = false;
            const bool hex = reference.size() > 2 && (reference.at(1) == u'x' || reference.at(1) == u'X');
            const uint code = hex ? reference.sliced(2).toUInt(&ok, 16) : reference.sliced(1).toUInt(&ok, 10);
            if (ok) {
                const char32_t character =
                    code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ? 0xFFFD : code;
                result.append(QString::fromUcs4(&character, 1));
                decoded = true;
            }
        } else if (const auto found = namedEntities().constFind(reference.toString());
                   found != namedEntities().constEnd()) {
            result.append(QChar(found.value()));
            decoded = true;
        }
        if (decoded) {
            i = end + (terminated ? 1 : 0);
        } else {
            result.append(c);
            ++i;
        }
    }
    return result;
}

QString HtmlTokenizer::escape(QStringView text) {
    QString result;
    result.reserve(text.size() + 16);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            result += QLatin1String("&amp;");
            break;
        case u'<':
            result += QLatin1String("&lt;");
            break;
        case u'>':
            result += QLatin1String("&gt;");
            break;
        case u'"':
            result += QLatin1String("&quot;");
            break;
        default:
            result += c;
        }
    }
    return result;
}

bool HtmlTokenizer::next(HtmlToken& token) {
    token = HtmlToken();
    const qsizetype size = m_html.size();
    if (m_position >= size)
        return false;

    if (!m_rawTextElement.isEmpty()) {
        // Raw text runs to the matching end tag (case-insensitive) or the end of the input.
        const QString close = QLatin1String("</") + m_rawTextElement;
        qsizetype end = m_position;
        while (true) {
            end = m_html.indexOf(close, end, Qt::CaseInsensitive);
            if (end < 0) {
                end = size;
                break;
            }
            const qsizetype after = end + close.size();
            if (after >= size || isSpace(m_html.at(after)) || m_html.at(after) == u'>' || m_html.at(after) == u'/')
                break;
            end = after;
        }
        token.type = HtmlToken::Type::Text;
        token.rawText = true;
        token.name = m_rawTextElement;
        token.text = m_html.sliced(m_position, end - m_position).toString();
        m_position = end;
        m_rawTextElement.clear();
        if (token.text.isEmpty())
            return next(token);
        return true;
    }

    if (m_html.at(m_position) == u'<' && m_position + 1 < size) {
        const QChar after = m_html.at(m_position + 1);
        if (after.isLetter() || after == u'/' || after == u'!' || after == u'?') {
            const qsizetype start = m_position;
            if (readTag(token))
                return true;
            if (m_position == start) { // not a tag after all: one '<' of text
                token = HtmlToken();
                token.text = QStringLiteral("<");
                ++m_position;
                return true;
            }
            return m_position < size ? next(token) : false;
        }
    }

    qsizetype end = m_html.indexOf(u'<', m_position + 1);
    if (end < 0)
        end = size;
    token.type = HtmlToken::Type::Text;
    token.text = decodeEntities(m_html.sliced(m_position, end - m_position));
    m_position = end;
    return true;
}

bool HtmlTokenizer::readTag(HtmlToken& token) {
    const qsizetype size = m_html.size();
    qsizetype i = m_position + 1;
    const QChar first = m_html.at(i);
    if (first == u'!' || first == u'?') {
        if (m_html.sliced(i).startsWith(QLatin1String("!--"))) {
            const qsizetype end = m_html.indexOf(QLatin1String("-->"), i + 3);
            token.type = HtmlToken::Type::Comment;
            token.text = m_html.sliced(i + 3, (end < 0 ? size : end) - i - 3).toString();
            m_position = end < 0 ? size : end + 3;
            return true;
        }
        const qsizetype end = m_html.indexOf(u'>', i);
        token.type = HtmlToken::Type::Declaration;
        token.text = m_html.sliced(i + 1, (end < 0 ? size : end) - i - 1).toString();
        m_position = end < 0 ? size : end + 1;
        return true;
    }
    const bool endTag = first == u'/';
    if (endTag)
        ++i;
    if (i >= size || !m_html.at(i).isLetter()) {
        if (endTag) { // "</>" or "</ x>": a bogus comment up to '>'
            const qsizetype end = m_html.indexOf(u'>', i);
            m_position = end < 0 ? size : end + 1;
            token.type = HtmlToken::Type::Comment;
            return true;
        }
        return false;
    }
    const qsizetype nameStart = i;
    while (i < size && !isSpace(m_html.at(i)) && m_html.at(i) != u'/' && m_html.at(i) != u'>')
        ++i;
    token.type = endTag ? HtmlToken::Type::EndTag : HtmlToken::Type::StartTag;
    token.name = m_html.sliced(nameStart, i - nameStart).toString().toLower();

    // Attributes.
    while (i < size) {
        while (i < size && (isSpace(m_html.at(i)) || m_html.at(i) == u'/')) {
            if (m_html.at(i) == u'/' && i + 1 < size && m_html.at(i + 1) == u'>')
                token.selfClosing = true;
            ++i;
        }
        if (i >= size)
            break;
        if (m_html.at(i) == u'>') {
            ++i;
            m_position = i;
            if (token.type == HtmlToken::Type::StartTag && isRawTextElement(token.name) && !token.selfClosing)
                m_rawTextElement = token.name;
            return true;
        }
        const qsizetype attributeStart = i;
        ++i; // the first character may be anything, even '='
        while (i < size && !isSpace(m_html.at(i)) && m_html.at(i) != u'/' && m_html.at(i) != u'>' &&
               m_html.at(i) != u'=')
            ++i;
        QString attributeName = m_html.sliced(attributeStart, i - attributeStart).toString().toLower();
        while (i < size && isSpace(m_html.at(i)))
            ++i;
        QString value;
        if (i < size && m_html.at(i) == u'=') {
            ++i;
            while (i < size && isSpace(m_html.at(i)))
                ++i;
            if (i < size && (m_html.at(i) == u'"' || m_html.at(i) == u'\'')) {
                const QChar quote = m_html.at(i);
                const qsizetype end = m_html.indexOf(quote, i + 1);
                const qsizetype valueEnd = end < 0 ? size : end;
                value = decodeEntities(m_html.sliced(i + 1, valueEnd - i - 1));
                i = end < 0 ? size : end + 1;
            } else {
                const qsizetype valueStart = i;
                while (i < size && !isSpace(m_html.at(i)) && m_html.at(i) != u'>')
                    ++i;
                value = decodeEntities(m_html.sliced(valueStart, i - valueStart));
            }
        }
        bool duplicate = false;
        for (const auto& existing : std::as_const(token.attributes))
            duplicate = duplicate || existing.first == attributeName;
        if (!duplicate && token.type == HtmlToken::Type::StartTag)
            token.attributes.append({attributeName, value});
    }
    // The input ended inside the tag: drop it.
    m_position = size;
    token = HtmlToken();
    return false;
}

} // namespace tl::email
