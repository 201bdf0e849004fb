#include "MailComposer.h"

#include <gmime/gmime.h>

#include <QCryptographicHash>

#include <memory>
#include <mutex>

namespace tl::email {

using namespace Qt::StringLiterals;

namespace {

struct GObjectDeleter final {
    void operator()(gpointer object) const {
        if (object)
            g_object_unref(object);
    }
};
template <typename T> using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;

void ensureGMime() {
    // g_mime_init() counts its calls, so MailParser's own call does no harm.
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

/// An id without its angle brackets, as GMime's setters take it.
QByteArray bare(const QString& id) {
    QString text = id.trimmed();
    if (text.startsWith(u'<') && text.endsWith(u'>'))
        text = text.mid(1, text.size() - 2);
    return text.toUtf8();
}

/// Header values must not carry line breaks.
QByteArray oneLine(const QString& text) {
    QString line = text;
    line.replace(u'\r', u' ').replace(u'\n', u' ');
    return line.trimmed().toUtf8();
}

} // namespace

QString MailComposer::messageIdFor(const QString& eventId, const QString& domain) {
    const QByteArray hash = QCryptographicHash::hash(eventId.toUtf8(), QCryptographicHash::Sha256).toHex().left(40);
    return u"<%1.threadline@%2>"_s.arg(QString::fromLatin1(hash), domain.isEmpty() ? u"localhost"_s : domain);
}

QString MailComposer::replySubject(const QString& subject) {
    const QString trimmed = subject.trimmed();
    if (trimmed.startsWith(u"re:"_s, Qt::CaseInsensitive))
        return trimmed;
    return u"Re: "_s + trimmed;
}

QByteArray MailComposer::compose(const OutgoingMessage& message) {
    ensureGMime();
    GObjectPtr<GMimeMessage> mail(g_mime_message_new(TRUE));
    GMimeObject* object = GMIME_OBJECT(mail.get());
    g_mime_message_add_mailbox(mail.get(), GMIME_ADDRESS_TYPE_FROM, oneLine(message.fromName).constData(),
                               oneLine(message.fromAddress).constData());
    g_mime_message_add_mailbox(mail.get(), GMIME_ADDRESS_TYPE_TO, oneLine(message.toName).constData(),
                               oneLine(message.toAddress).constData());
    g_mime_message_set_subject(mail.get(), oneLine(message.subject).constData(), "utf-8");
    GDateTime* date = g_date_time_new_from_unix_utc(message.date / 1000);
    g_mime_message_set_date(mail.get(), date);
    g_date_time_unref(date);
    g_mime_message_set_message_id(mail.get(), bare(message.messageId).constData());
    if (!message.inReplyTo.isEmpty())
        g_mime_object_set_header(object, "In-Reply-To", oneLine(message.inReplyTo).constData(), nullptr);
    if (!message.references.isEmpty())
        g_mime_object_set_header(object, "References", oneLine(message.references.join(u' ')).constData(), nullptr);

    QString text = message.text;
    text.replace(u"\r\n"_s, u"\n"_s);
    if (!message.signature.isEmpty()) {
        if (!text.endsWith(u'\n'))
            text += u'\n';
        text += u"\n-- \n"_s + message.signature;
    }
    if (!text.endsWith(u'\n'))
        text += u'\n';
    GObjectPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
    g_mime_text_part_set_text(part.get(), text.toUtf8().constData());
    g_mime_text_part_set_charset(part.get(), "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_message_set_mime_part(mail.get(), GMIME_OBJECT(part.get()));

    GMimeFormatOptions* options = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    char* raw = g_mime_object_to_string(object, options);
    g_mime_format_options_free(options);
    QByteArray bytes(raw);
    g_free(raw);
    return bytes;
}

} // namespace tl::email
