// Fuzz target: the e-mail MIME path. Whatever the bytes, MailParser must return what it could read (never crash
// or hang), the event made from it must carry a normalized identity when it is accepted or a reason when not, and
// the sanitized HTML must hold no script, no event handler and no remote source. The bytes are also read as an
// mbox file, message by message.
#include "channels/email/HtmlTokenizer.h"
#include "channels/email/MailEvent.h"
#include "channels/email/MailParser.h"
#include "channels/email/MboxReader.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

namespace {

void checkHtml(const QString& html) {
    tl::email::HtmlTokenizer tokenizer(html);
    tl::email::HtmlToken token;
    while (tokenizer.next(token)) {
        if (token.type != tl::email::HtmlToken::Type::StartTag)
            continue;
        if (token.name == QLatin1String("script") || token.name == QLatin1String("iframe") ||
            token.name == QLatin1String("object") || token.name == QLatin1String("embed") ||
            token.name == QLatin1String("form"))
            std::abort();
        for (const auto& [name, value] : token.attributes) {
            if (name.startsWith(QLatin1String("on")))
                std::abort(); // an event handler survived
            if (name == QLatin1String("src") &&
                !value.trimmed().startsWith(QLatin1String("cid:"), Qt::CaseInsensitive) &&
                !value.trimmed().startsWith(QLatin1String("data:image/"), Qt::CaseInsensitive))
                std::abort(); // a remote source survived
            if (name == QLatin1String("href") &&
                value.trimmed().startsWith(QLatin1String("javascript:"), Qt::CaseInsensitive))
                std::abort();
        }
    }
}

void checkMessage(const QByteArray& raw) {
    static tl::core::IdentityNormalizer normalizer(QStringLiteral("PL"));
    const tl::email::ParsedMail mail = tl::email::MailParser::parse(raw);
    checkHtml(mail.html);
    const auto record = tl::email::MailEvent::toRecord(mail, raw, normalizer, {});
    if (record.ok()) {
        const auto again = normalizer.normalize(record.value().event.identity);
        if (!again.ok() || again.value().toString() != record.value().event.identity)
            std::abort();
        if (!record.value().event.id.startsWith(QLatin1String("email:")))
            std::abort();
    } else if (record.error().isEmpty()) {
        std::abort(); // a rejection must say why
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    checkMessage(bytes);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    tl::email::MboxReader reader(buffer);
    tl::email::RawMail mail;
    int messages = 0;
    while (reader.next(mail) && ++messages <= 20)
        checkMessage(mail.bytes);
    return 0;
}
