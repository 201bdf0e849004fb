#include "QuoteFolder.h"

#include <QRegularExpression>
#include <QStringList>

namespace tl::email {

namespace {

bool isQuoted(QStringView line) {
    return line.trimmed().startsWith(u'>');
}

bool isBlank(QStringView line) {
    return line.trimmed().isEmpty();
}

/// "From: …" in the languages of Outlook's reply header, and the header that follows it within a few lines.
bool startsOutlookHeader(const QStringList& lines, qsizetype index) {
    static const QRegularExpression from(
        QStringLiteral("^\\*?(From|Od|От|Von|De|Da|Van|发件人|寄件者|از|من)\\s*\\*?\\s*[:：]"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression sent(
        QStringLiteral(
            "^\\*?(Sent|Date|Wysłano|Data|Отправлено|Дата|Gesendet|Datum|Envoyé|Enviado|Inviato|"
            "发送时间|日期|寄件日期|ارسال شده|تاریخ|التاريخ|To|Do|Кому|An|À|Para|A|收件人)\\s*\\*?\\s*[:：]"),
        QRegularExpression::CaseInsensitiveOption);
    if (!from.match(lines.at(index).trimmed()).hasMatch())
        return false;
    for (qsizetype next = index + 1; next < lines.size() && next <= index + 3; ++next) {
        if (sent.match(lines.at(next).trimmed()).hasMatch())
            return true;
    }
    return false;
}

bool isSeparatorRule(QStringView line) {
    static const QRegularExpression rule(QStringLiteral("^[_=]{20,}$"));
    return rule.match(line.trimmed()).hasMatch();
}

} // namespace

bool QuoteFolder::isAttribution(QStringView line) {
    const QString trimmed = line.trimmed().toString();
    if (trimmed.isEmpty() || trimmed.size() > 400)
        return false;
    static const QList<QRegularExpression> patterns = [] {
        QList<QRegularExpression> list;
        const QStringList sources{
            // English (Gmail, Apple Mail, Thunderbird): "On Mon, 2 Nov 2026 at 09:15, Jan <jan@x.pl> wrote:"
            QStringLiteral("^On\\b.*\\bwrote\\s*:$"),
            // Polish: "W dniu 2.11.2026 o 09:15, Jan Kowalski pisze:", "Dnia … napisał(a):", "Jan … napisał:"
            QStringLiteral("^(W dniu|Dnia)\\b.*\\b(pisze|napisał\\(a\\)|napisał|napisała)\\s*:$"),
            QStringLiteral("\\b(napisał\\(a\\)|napisał|napisała)\\s*:$"),
            // Russian: "… Ольга Смирнова написал(а):", "… пишет:"
            QStringLiteral("(написал\\(а\\)|написал|написала|пишет)\\s*:$"),
            // German, French, Spanish, Italian, Dutch
            QStringLiteral("^Am\\b.*\\bschrieb\\b.*:$"),
            QStringLiteral("^Le\\b.*\\ba écrit\\s*:$"),
            QStringLiteral("^El\\b.*\\bescribió\\s*:$"),
            QStringLiteral("^Il giorno\\b.*\\bha scritto\\s*:$"),
            QStringLiteral("^Op\\b.*\\bschreef\\b.*:$"),
            // Persian (Gmail): "در تاریخ … Maryam <m@x.ir> نوشت:"; Arabic: "… كتب:"
            QStringLiteral("نوشت\\s*[:：]$"),
            QStringLiteral("كتب\\s*[:：]$"),
            // Chinese (Gmail, Foxmail): "李伟 <li.wei@x.cn> 于2026年11月2日周一 09:15写道：", Traditional 寫道
            QStringLiteral("(写道|寫道)\\s*[:：]$"),
            QStringLiteral("^在.*(写道|寫道)\\s*[:：]?$"),
            // Outlook and others: "-----Original Message-----" in several languages
            QStringLiteral("^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Wiadomość oryginalna|"
                           "Oryginalna wiadomość|Исходное сообщение|Message d'origine|Mensaje original|"
                           "Messaggio originale|原始邮件|原始郵件|پیام اصلی|الرسالة الأصلية)\\s*-{2,}$"),
            // Gmail in languages without a verb (Russian: "пн, 2 нояб. 2026 г. в 09:15, Ольга <o@x.ru>:")
            QStringLiteral("<[^<>\\s]+@[^<>\\s]+>\\s*[:：]$"),
        };
        for (const QString& source : sources)
            list.append(QRegularExpression(source, QRegularExpression::CaseInsensitiveOption |
                                                       QRegularExpression::UseUnicodePropertiesOption));
        return list;
    }();
    for (const QRegularExpression& pattern : patterns) {
        if (pattern.match(trimmed).hasMatch())
            return true;
    }
    return false;
}

QuoteFolder::Folded QuoteFolder::fold(QStringView text) {
    const QStringList lines = text.toString().split(u'\n');
    qsizetype cut = lines.size();

    for (qsizetype i = 0; i < lines.size() && cut == lines.size(); ++i) {
        if (isBlank(lines.at(i)))
            continue;
        const bool attribution = isAttribution(lines.at(i)) ||
                                 (i + 1 < lines.size() && !isBlank(lines.at(i + 1)) && !isQuoted(lines.at(i)) &&
                                  isAttribution(lines.at(i).trimmed() + u' ' + lines.at(i + 1).trimmed()));
        if (attribution || startsOutlookHeader(lines, i))
            cut = i;
    }
    // A rule line right before an Outlook header belongs to it.
    while (cut < lines.size() && cut > 0 && (isSeparatorRule(lines.at(cut - 1)) || isBlank(lines.at(cut - 1))) &&
           startsOutlookHeader(lines, cut))
        --cut;

    // A trailing block of "> " lines (and the blank lines between them) is quoted history too.
    qsizetype last = lines.size() - 1;
    while (last >= 0 && isBlank(lines.at(last)))
        --last;
    if (last >= 0 && isQuoted(lines.at(last))) {
        qsizetype start = last;
        while (start > 0 && (isQuoted(lines.at(start - 1)) || isBlank(lines.at(start - 1))))
            --start;
        // An unrecognized attribution ("Jan wrote:" in some other language) right before the block.
        if (start > 0 && lines.at(start - 1).trimmed().endsWith(u':') && lines.at(start - 1).size() < 200)
            --start;
        cut = std::min(cut, start);
    }

    QStringList visible = lines.mid(0, cut);
    while (!visible.isEmpty() && isBlank(visible.constLast()))
        visible.removeLast();
    if (cut >= lines.size() || visible.isEmpty()) // nothing quoted, or nothing but a quote (a bare forward)
        return {text.toString(), false};
    return {visible.join(u'\n'), true};
}

} // namespace tl::email
