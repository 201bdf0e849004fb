#include "MailParser.h"

#include "CharsetDecoder.h"
#include "HtmlSanitizer.h"
#include "HtmlToText.h"
#include "QuoteFolder.h"

#include <gmime/gmime.h>

#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cctype>
#include <memory>
#include <mutex>

namespace tl::email {

Q_LOGGING_CATEGORY(lcMailParser, "threadline.email.parser")

namespace {

/// Owns one GObject reference.
struct GObjectDeleter final {
    void operator()(gpointer object) const {
        if (object)
            g_object_unref(object);
    }
};
template <typename T> using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;

struct GFreeDeleter final {
    void operator()(gpointer memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFreeDeleter>;

void ensureGMime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

constexpr int maxDepth = 32;
constexpr qsizetype maxWarnings = 100;

bool isAscii(QByteArrayView bytes) {
    for (char byte : bytes) {
        if (static_cast<unsigned char>(byte) >= 0x80)
            return false;
    }
    return true;
}

QString warningText(GMimeParserWarning code, const char* item) {
    const QString what = item ? QString::fromUtf8(item).left(200) : QString();
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
        return QStringLiteral("header %1 appears more than once").arg(what);
    case GMIME_WARN_DUPLICATED_PARAMETER:
        return QStringLiteral("parameter %1 appears more than once").arg(what);
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
        return QStringLiteral("header %1 holds unencoded 8-bit text").arg(what);
    case GMIME_WARN_INVALID_CONTENT_TYPE:
        return QStringLiteral("invalid Content-Type %1, read as application/octet-stream").arg(what);
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
        return QStringLiteral("invalid RFC 2047 encoded word in %1").arg(what);
    case GMIME_WARN_MALFORMED_MULTIPART:
        return QStringLiteral("a multipart without parts %1").arg(what).trimmed();
    case GMIME_WARN_TRUNCATED_MESSAGE:
        return QStringLiteral("the message is truncated (a multipart's closing boundary is missing)");
    case GMIME_WARN_MALFORMED_MESSAGE:
        return QStringLiteral("the message is malformed %1").arg(what).trimmed();
    case GMIME_CRIT_INVALID_HEADER_NAME:
        return QStringLiteral("invalid header name %1").arg(what);
    case GMIME_CRIT_CONFLICTING_HEADER:
        return QStringLiteral("conflicting header %1").arg(what);
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        return QStringLiteral("conflicting parameter %1").arg(what);
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        return QStringLiteral("a multipart has no boundary %1").arg(what).trimmed();
    case GMIME_WARN_INVALID_PARAMETER:
        return QStringLiteral("invalid parameter %1").arg(what);
    case GMIME_WARN_INVALID_ADDRESS_LIST:
        return QStringLiteral("invalid address list %1").arg(what);
    case GMIME_CRIT_NESTING_OVERFLOW:
        return QStringLiteral("MIME parts nested too deeply; the deepest were skipped");
    case GMIME_WARN_PART_WITHOUT_CONTENT:
        return QStringLiteral("a MIME part has no content");
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        return QStringLiteral("a MIME part has neither headers nor content");
    }
    return QStringLiteral("parser warning %1 %2").arg(static_cast<int>(code)).arg(what).trimmed();
}

/// Everything one parse collects while it walks the MIME tree.
struct Walk final {
    GMimeParserOptions* options = nullptr;
    QStringList warnings;
    int partNumber = 0;

    void warn(const QString& warning) {
        if (warnings.size() < maxWarnings && !warnings.contains(warning))
            warnings.append(warning);
    }
};

void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer userData) {
    Q_UNUSED(offset)
    static_cast<Walk*>(userData)->warn(warningText(code, item));
}

/// The text/plain and text/html bodies and the attachments found below one MIME node.
struct Content final {
    QString plain;
    QString html;
    QList<MailAttachment> attachments;

    void appendPlain(const QString& text) { plain = plain.isEmpty() ? text : plain + QLatin1String("\n\n") + text; }
    void appendHtml(const QString& text) { html = html.isEmpty() ? text : html + QLatin1String("\n<hr>\n") + text; }
};

QByteArray streamBytes(GMimeStream* stream) {
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    return array ? QByteArray(reinterpret_cast<const char*>(array->data), static_cast<qsizetype>(array->len))
                 : QByteArray();
}

/// The raw value of header \a name (the first one), unfolded, as UTF-8: raw 8-bit bytes are read by
/// CharsetDecoder::guess.
QByteArray headerValue(GMimeObject* object, const char* name, Walk& walk) {
    GMimeHeaderList* headers = g_mime_object_get_header_list(object);
    GMimeHeader* header = headers ? g_mime_header_list_get_header(headers, name) : nullptr;
    if (!header)
        return {};
    const char* raw = g_mime_header_get_raw_value(header);
    QByteArray value = raw ? QByteArray(raw) : QByteArray();
    value.replace("\r\n", "\n");
    static const QRegularExpression folding(QStringLiteral("\n[ \t]+"));
    if (value.contains('\n')) {
        QString unfolded = QString::fromLatin1(value); // byte-preserving
        unfolded.replace(folding, QStringLiteral(" "));
        unfolded.remove(u'\n');
        value = unfolded.toLatin1();
    }
    value = value.trimmed();
    if (!isAscii(value)) {
        const CharsetDecoder::Decoded decoded = CharsetDecoder::guess(value);
        if (decoded.charset != "UTF-8")
            walk.warn(QStringLiteral("header %1 holds raw 8-bit text; read as %2 (a guess)")
                          .arg(QString::fromLatin1(name), QString::fromLatin1(decoded.charset)));
        value = decoded.text.toUtf8();
    }
    return value;
}

QString mediaType(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (!type)
        return QStringLiteral("application/octet-stream");
    const char* major = g_mime_content_type_get_media_type(type);
    const char* minor = g_mime_content_type_get_media_subtype(type);
    return (QString::fromUtf8(major ? major : "application") + u'/' + QString::fromUtf8(minor ? minor : "octet-stream"))
        .toLower();
}

QByteArray contentTypeParameter(GMimeObject* object, const char* name) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* value = type ? g_mime_content_type_get_parameter(type, name) : nullptr;
    return value ? QByteArray(value) : QByteArray();
}

/// RFC 3676 format=flowed: joins soft-broken lines (ending in a space) and removes space-stuffing.
QString unflow(const QString& text, bool deleteSpace) {
    const QStringList lines = text.split(u'\n');
    QStringList result;
    QString current;
    int currentDepth = -1;
    bool open = false;
    for (QString line : lines) {
        int depth = 0;
        while (depth < line.size() && line.at(depth) == u'>')
            ++depth;
        QString content = line.mid(depth);
        if (content.startsWith(u' '))
            content.remove(0, 1);
        const bool soft = content.endsWith(u' ') && content != QLatin1String("-- ");
        if (open && depth == currentDepth) {
            current += content;
        } else {
            if (open)
                result.append(current);
            current =
                QString(QLatin1String(">")).repeated(depth) + (depth > 0 ? QStringLiteral(" ") : QString()) + content;
            currentDepth = depth;
        }
        open = soft;
        if (soft && deleteSpace)
            current.chop(1);
        if (!open) {
            result.append(current);
            current.clear();
        }
    }
    if (open)
        result.append(current);
    return result.join(u'\n');
}

/// The text of a text/* part in its charset (the label, or <meta charset> for HTML, or a guess).
QString partText(GMimePart* part, bool html, Walk& walk) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.get());
    const QByteArray bytes = streamBytes(stream.get());
    QByteArray charset = contentTypeParameter(GMIME_OBJECT(part), "charset");
    if (html && charset.isEmpty()) {
        static const QRegularExpression meta(QStringLiteral("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_:.-]+)"),
                                             QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = meta.match(QString::fromLatin1(bytes.left(2048)));
        if (match.hasMatch())
            charset = match.captured(1).toLatin1();
    }
    const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(bytes, charset);
    if (!decoded.warning.isEmpty())
        walk.warn(QStringLiteral("part %1: %2").arg(walk.partNumber).arg(decoded.warning));
    QString text = decoded.text;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(u'\r', u'\n');
    text.remove(QChar(0));
    if (!html && contentTypeParameter(GMIME_OBJECT(part), "format").toLower() == "flowed")
        text = unflow(text, contentTypeParameter(GMIME_OBJECT(part), "delsp").toLower() == "yes");
    return text;
}

/// Says so when a base64 part holds characters outside the alphabet or ends in the middle of a quantum.
void checkBase64(GMimePart* part, Walk& walk) {
    if (g_mime_part_get_content_encoding(part) != GMIME_CONTENT_ENCODING_BASE64)
        return;
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    GMimeStream* raw = content ? g_mime_data_wrapper_get_stream(content) : nullptr;
    if (!raw)
        return;
    GObjectPtr<GMimeStream> copy(g_mime_stream_mem_new());
    g_mime_stream_reset(raw);
    g_mime_stream_write_to_stream(raw, copy.get());
    g_mime_stream_reset(raw);
    const QByteArray encoded = streamBytes(copy.get());
    qsizetype significant = 0;
    bool invalid = false;
    for (char byte : encoded) {
        const auto c = static_cast<unsigned char>(byte);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')
            ++significant;
        else if (c == '=')
            ++significant;
        else if (!std::isspace(c))
            invalid = true;
    }
    if (invalid || significant % 4 != 0)
        walk.warn(QStringLiteral("part %1: bad base64 (%2); decoded what could be read")
                      .arg(walk.partNumber)
                      .arg(invalid ? QStringLiteral("characters outside the alphabet")
                                   : QStringLiteral("ends in the middle of a group")));
}

QString filenameOf(GMimeObject* object, Walk& walk) {
    // GMime decodes RFC 2231 (continuations included) and, in loose mode, RFC 2047 in parameters; raw 8-bit
    // parameters are re-read here with the charset guess instead of GMime's fallback charsets.
    for (const char* header : {"Content-Disposition", "Content-Type"}) {
        GMimeHeaderList* headers = g_mime_object_get_header_list(object);
        GMimeHeader* found = headers ? g_mime_header_list_get_header(headers, header) : nullptr;
        const char* raw = found ? g_mime_header_get_raw_value(found) : nullptr;
        if (!raw || isAscii(raw))
            continue;
        const QByteArray value = headerValue(object, header, walk);
        const char* parameter = qstrcmp(header, "Content-Type") == 0 ? "name" : "filename";
        if (qstrcmp(header, "Content-Type") == 0) {
            GObjectPtr<GMimeContentType> type(g_mime_content_type_parse(walk.options, value.constData()));
            const char* name = type ? g_mime_content_type_get_parameter(type.get(), parameter) : nullptr;
            if (name && *name)
                return QString::fromUtf8(name);
        } else {
            GObjectPtr<GMimeContentDisposition> disposition(
                g_mime_content_disposition_parse(walk.options, value.constData()));
            const char* name =
                disposition ? g_mime_content_disposition_get_parameter(disposition.get(), parameter) : nullptr;
            if (name && *name)
                return QString::fromUtf8(name);
        }
    }
    if (GMIME_IS_PART(object)) {
        const char* name = g_mime_part_get_filename(GMIME_PART(object));
        if (name && *name)
            return MailParser::decodeHeaderText(QByteArrayView(name));
    }
    return {};
}

QString safeFilename(QString name) {
    // Path separators and control characters never reach the file system or a shell.
    name.replace(u'/', u'_').replace(u'\\', u'_');
    name.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
    name = name.trimmed();
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        name.clear();
    return name.left(255);
}

void walkObject(GMimeObject* object, Content& content, Walk& walk, int depth);

void walkMultipart(GMimeMultipart* multipart, Content& content, Walk& walk, int depth) {
    const QString type = mediaType(GMIME_OBJECT(multipart));
    const int count = g_mime_multipart_get_count(multipart);
    if (type == QLatin1String("multipart/alternative")) {
        // The last alternative of each kind is the preferred one (RFC 2046); attachments of every branch count.
        QString plain;
        QString html;
        for (int i = 0; i < count; ++i) {
            Content branch;
            walkObject(g_mime_multipart_get_part(multipart, i), branch, walk, depth + 1);
            if (!branch.plain.isEmpty())
                plain = branch.plain;
            if (!branch.html.isEmpty())
                html = branch.html;
            content.attachments += branch.attachments;
        }
        if (!plain.isEmpty())
            content.appendPlain(plain);
        if (!html.isEmpty())
            content.appendHtml(html);
        return;
    }
    for (int i = 0; i < count; ++i)
        walkObject(g_mime_multipart_get_part(multipart, i), content, walk, depth + 1);
}

void addAttachment(GMimeObject* object, QByteArray bytes, Content& content, Walk& walk) {
    MailAttachment attachment;
    attachment.contentType = mediaType(object);
    attachment.filename = safeFilename(filenameOf(object, walk));
    const char* contentId = g_mime_object_get_content_id(object);
    attachment.contentId = contentId ? QString::fromUtf8(contentId) : QString();
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    const char* dispositionName = disposition ? g_mime_content_disposition_get_disposition(disposition) : nullptr;
    attachment.isInline = dispositionName ? qstricmp(dispositionName, "inline") == 0 : !attachment.contentId.isEmpty();
    if (attachment.filename.isEmpty()) {
        const QString subtype = attachment.contentType.section(u'/', 1);
        attachment.filename =
            QStringLiteral("part-%1").arg(walk.partNumber) +
            (subtype.isEmpty() || subtype == QLatin1String("octet-stream") ? QString() : u'.' + subtype);
    }
    attachment.content = std::move(bytes);
    content.attachments.append(std::move(attachment));
}

void walkObject(GMimeObject* object, Content& content, Walk& walk, int depth) {
    if (!object)
        return;
    if (depth > maxDepth) {
        walk.warn(QStringLiteral("MIME parts nested deeper than %1 levels were skipped").arg(maxDepth));
        return;
    }
    ++walk.partNumber;
    if (GMIME_IS_MULTIPART(object)) {
        walkMultipart(GMIME_MULTIPART(object), content, walk, depth);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        // An attached message (message/rfc822): kept whole as an .eml attachment.
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
        if (inner)
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream.get());
        addAttachment(object, streamBytes(stream.get()), content, walk);
        MailAttachment& added = content.attachments.last();
        if (!QRegularExpression(QStringLiteral("\\.eml$")).match(added.filename).hasMatch() && inner) {
            const char* subject = g_mime_message_get_subject(inner);
            const QString name = safeFilename(subject ? QString::fromUtf8(subject) : QString());
            added.filename = (name.isEmpty() ? QStringLiteral("message-%1").arg(walk.partNumber) : name.left(200)) +
                             QLatin1String(".eml");
        }
        return;
    }
    if (!GMIME_IS_PART(object))
        return;
    GMimePart* part = GMIME_PART(object);
    const QString type = mediaType(object);
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    const bool attached = disposition && g_mime_content_disposition_is_attachment(disposition);
    const bool isPlain = type == QLatin1String("text/plain");
    const bool isHtml = type == QLatin1String("text/html");
    checkBase64(part, walk);
    if ((isPlain || isHtml) && !attached) {
        const QString text = partText(part, isHtml, walk);
        if (isPlain)
            content.appendPlain(text);
        else
            content.appendHtml(text);
        return;
    }
    GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
    if (wrapper)
        g_mime_data_wrapper_write_to_stream(wrapper, stream.get());
    addAttachment(object, streamBytes(stream.get()), content, walk);
}

std::optional<qint64> parseDate(const QByteArray& text) {
    if (text.trimmed().isEmpty())
        return std::nullopt;
    GDateTime* date = g_mime_utils_header_decode_date(text.constData());
    if (!date)
        return std::nullopt;
    const gint64 seconds = g_date_time_to_unix(date);
    const int milliseconds = g_date_time_get_microsecond(date) / 1000;
    g_date_time_unref(date);
    // Years 1970 to 9999: what the event log orders and prints; "Thu, 01 Jan 1970" is how broken mailers say none.
    if (seconds <= 0 || seconds > 253402300799LL)
        return std::nullopt;
    return seconds * 1000 + milliseconds;
}

/// The date of the newest Received header (the first one): when the receiving server got the message.
std::optional<qint64> receivedDate(GMimeObject* object) {
    GMimeHeaderList* headers = g_mime_object_get_header_list(object);
    const int count = headers ? g_mime_header_list_get_count(headers) : 0;
    for (int i = 0; i < count; ++i) {
        GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
        if (qstricmp(g_mime_header_get_name(header), "Received") != 0)
            continue;
        const char* raw = g_mime_header_get_raw_value(header);
        QByteArray value = raw ? QByteArray(raw).simplified() : QByteArray();
        const qsizetype semicolon = value.lastIndexOf(';');
        if (semicolon < 0)
            continue;
        return parseDate(value.mid(semicolon + 1));
    }
    return std::nullopt;
}

QString messageIdOf(const QByteArray& value) {
    if (value.isEmpty())
        return {};
    GCharPtr id(g_mime_utils_decode_message_id(value.constData()));
    if (!id || !*id.get())
        return {};
    const QString text = QString::fromUtf8(id.get());
    static const QRegularExpression usable(QStringLiteral("^[\\x21-\\x7e]{1,900}$"));
    if (!usable.match(text).hasMatch() || text.contains(u'<') || text.contains(u'>'))
        return {};
    return u'<' + text + u'>';
}

QStringList referencesOf(const QByteArray& value, GMimeParserOptions* options) {
    QStringList ids;
    if (value.isEmpty())
        return ids;
    GMimeReferences* references = g_mime_references_parse(options, value.constData());
    if (!references)
        return ids;
    const int count = g_mime_references_length(references);
    for (int i = 0; i < count && ids.size() < 500; ++i) {
        const QString id = messageIdOf(QByteArray("<") + g_mime_references_get_message_id(references, i) + '>');
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    g_mime_references_free(references);
    return ids;
}

void collectAddresses(InternetAddressList* list, QList<MailAddress>& addresses) {
    const int count = list ? internet_address_list_length(list) : 0;
    for (int i = 0; i < count && addresses.size() < 1000; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            collectAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), addresses);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address))
            continue;
        const char* name = internet_address_get_name(address);
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        MailAddress entry{name ? QString::fromUtf8(name).simplified() : QString(),
                          addr ? QString::fromUtf8(addr).trimmed() : QString()};
        if (!entry.address.isEmpty())
            addresses.append(std::move(entry));
    }
}

QList<MailAddress> addressesOf(const QByteArray& value, GMimeParserOptions* options) {
    QList<MailAddress> addresses;
    if (value.isEmpty())
        return addresses;
    GObjectPtr<InternetAddressList> list(internet_address_list_parse(options, value.constData()));
    collectAddresses(list.get(), addresses);
    return addresses;
}

} // namespace

QString MailParser::decodeHeaderText(QByteArrayView value, QStringList* warnings) {
    // =?charset?B|Q?text?= ; the charset may carry an RFC 2231 language (utf-8*pl).
    static const QRegularExpression encodedWord(QStringLiteral("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?="));
    const QString text = QString::fromUtf8(value);
    QString result;
    qsizetype last = 0;
    QByteArray pendingBytes;
    QByteArray pendingCharset;
    const auto flush = [&] {
        if (pendingBytes.isEmpty())
            return;
        const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(pendingBytes, pendingCharset);
        if (warnings && !decoded.warning.isEmpty())
            warnings->append(QStringLiteral("encoded word: %1").arg(decoded.warning));
        result += decoded.text;
        pendingBytes.clear();
    };
    QRegularExpressionMatchIterator matches = encodedWord.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QStringView between = QStringView(text).sliced(last, match.capturedStart() - last);
        // White space between two encoded words is dropped (RFC 2047 section 6.2).
        if (pendingBytes.isEmpty() || !between.trimmed().isEmpty()) {
            flush();
            result += between;
        }
        const QByteArray charset = match.captured(1).toLatin1();
        const QByteArray payload = match.captured(3).toLatin1();
        QByteArray bytes;
        if (match.captured(2).compare(QLatin1String("b"), Qt::CaseInsensitive) == 0) {
            bytes = QByteArray::fromBase64(payload);
        } else {
            QByteArray underscored = payload;
            underscored.replace('_', ' ');
            for (qsizetype i = 0; i < underscored.size(); ++i) {
                if (underscored.at(i) == '=' && i + 2 < underscored.size() &&
                    std::isxdigit(static_cast<unsigned char>(underscored.at(i + 1))) &&
                    std::isxdigit(static_cast<unsigned char>(underscored.at(i + 2)))) {
                    bytes += static_cast<char>(underscored.mid(i + 1, 2).toInt(nullptr, 16));
                    i += 2;
                } else {
                    bytes += underscored.at(i);
                }
            }
        }
        if (!pendingBytes.isEmpty() &&
            CharsetDecoder::effectiveCharset(charset) != CharsetDecoder::effectiveCharset(pendingCharset))
            flush();
        pendingCharset = charset;
        pendingBytes += bytes;
        last = match.capturedEnd();
    }
    flush();
    result += QStringView(text).sliced(last);
    return result.simplified();
}

ParsedMail MailParser::parse(QByteArrayView raw, const Options& options) {
    ensureGMime();
    ParsedMail mail;
    Walk walk;
    if (raw.size() > maxMessageBytes) {
        walk.warn(QStringLiteral("the message is larger than %1 MiB; the rest was not read")
                      .arg(maxMessageBytes / (1024 * 1024)));
        raw = raw.first(maxMessageBytes);
    }

    GMimeParserOptions* parserOptions = g_mime_parser_options_new();
    g_mime_parser_options_set_rfc2047_compliance_mode(parserOptions, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(parserOptions, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(parserOptions, GMIME_RFC_COMPLIANCE_LOOSE);
    const char* fallbackCharsets[] = {"UTF-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(parserOptions, fallbackCharsets);
    g_mime_parser_options_set_warning_callback(parserOptions, onParserWarning, &walk);
    walk.options = parserOptions;
    const std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> optionsOwner(parserOptions,
                                                                                          g_mime_parser_options_free);

    static const char empty[] = "";
    GObjectPtr<GMimeStream> stream(
        g_mime_stream_mem_new_with_buffer(raw.isEmpty() ? empty : raw.data(), static_cast<size_t>(raw.size())));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parserOptions));

    std::optional<qint64> date;
    bool dateFromHeader = false;
    if (message) {
        GMimeObject* object = GMIME_OBJECT(message.get());
        mail.messageId = messageIdOf(headerValue(object, "Message-ID", walk));
        const QStringList inReplyTo = referencesOf(headerValue(object, "In-Reply-To", walk), parserOptions);
        mail.inReplyTo = inReplyTo.value(0);
        mail.references = referencesOf(headerValue(object, "References", walk), parserOptions);

        QList<MailAddress> from = addressesOf(headerValue(object, "From", walk), parserOptions);
        if (from.isEmpty())
            from = addressesOf(headerValue(object, "Sender", walk), parserOptions);
        if (!from.isEmpty())
            mail.from = from.first();
        mail.to = addressesOf(headerValue(object, "To", walk), parserOptions);
        mail.cc = addressesOf(headerValue(object, "Cc", walk), parserOptions);
        mail.subject = decodeHeaderText(headerValue(object, "Subject", walk), &walk.warnings);

        const QByteArray dateHeader = headerValue(object, "Date", walk);
        date = parseDate(dateHeader);
        dateFromHeader = date.has_value();
        if (!date) {
            walk.warn(dateHeader.isEmpty()
                          ? QStringLiteral("no Date header")
                          : QStringLiteral("unreadable Date \"%1\"").arg(QString::fromUtf8(dateHeader.left(100))));
            date = receivedDate(object);
        }

        Content content;
        walkObject(g_mime_message_get_mime_part(message.get()), content, walk, 0);
        mail.attachments = std::move(content.attachments);
        if (!content.html.isEmpty())
            mail.html = HtmlSanitizer::sanitize(content.html);
        if (!content.plain.trimmed().isEmpty()) {
            mail.fullText = content.plain;
        } else if (!content.html.isEmpty()) {
            mail.fullText = HtmlToText::convert(content.html);
            mail.textFromHtml = true;
        }
    } else {
        walk.warn(QStringLiteral("not a MIME message; nothing could be read"));
    }

    mail.dateFromFallback = !dateFromHeader;
    mail.occurredAt = date ? *date : options.fallbackDate.value_or(QDateTime::currentMSecsSinceEpoch());
    // Trailing white space of the body says nothing; the quoted history is folded away for the timeline.
    while (!mail.fullText.isEmpty() && mail.fullText.back().isSpace())
        mail.fullText.chop(1);
    const QuoteFolder::Folded folded = QuoteFolder::fold(mail.fullText);
    mail.text = folded.visible;
    mail.warnings = std::move(walk.warnings);
    qCDebug(lcMailParser) << "parsed" << mail.messageId << "with" << mail.attachments.size() << "attachments and"
                          << mail.warnings.size() << "warnings";
    return mail;
}

} // namespace tl::email
