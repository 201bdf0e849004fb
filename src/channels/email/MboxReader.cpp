#include "MboxReader.h"

#include "MailParser.h"

#include <QDateTime>
#include <QRegularExpression>

namespace tl::email {

namespace {

bool isSeparator(const QByteArray& line) {
    return line.startsWith("From ");
}

bool isBlankLine(const QByteArray& line) {
    return line == "\n" || line == "\r\n";
}

/// ">From " with any number of '>' loses one (mboxrd).
void unescape(QByteArray& line) {
    qsizetype depth = 0;
    while (depth < line.size() && line.at(depth) == '>')
        ++depth;
    if (depth > 0 && line.mid(depth, 5) == "From ")
        line.remove(0, 1);
}

} // namespace

MboxReader::MboxReader(QIODevice& device)
    : m_device(device)
    , m_size(device.isSequential() ? 0 : device.size()) {}

std::optional<qint64> MboxReader::separatorDate(QByteArrayView line) {
    static const QRegularExpression asctime(
        QStringLiteral("([A-Z][a-z]{2})\\s+([A-Z][a-z]{2})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                       "(?:\\s+[A-Z]{3,4}|\\s+[+-]\\d{4})?\\s+(\\d{4})"));
    const QRegularExpressionMatch match = asctime.match(QString::fromLatin1(line));
    if (!match.hasMatch())
        return std::nullopt;
    static const QStringList months{QStringLiteral("Jan"), QStringLiteral("Feb"), QStringLiteral("Mar"),
                                    QStringLiteral("Apr"), QStringLiteral("May"), QStringLiteral("Jun"),
                                    QStringLiteral("Jul"), QStringLiteral("Aug"), QStringLiteral("Sep"),
                                    QStringLiteral("Oct"), QStringLiteral("Nov"), QStringLiteral("Dec")};
    const int month = static_cast<int>(months.indexOf(match.captured(2))) + 1;
    const QDate date(match.captured(7).toInt(), month, match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (month == 0 || !date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
}

bool MboxReader::next(RawMail& mail) {
    mail = RawMail();
    if (!m_started) {
        m_started = true;
        // A file that does not begin with "From " still yields its first message (a single .eml, a damaged start).
        while (!m_device.atEnd()) {
            const QByteArray line = m_device.readLine();
            m_position += line.size();
            if (isSeparator(line)) {
                m_separator = line;
                m_separatorOffset = m_position - line.size();
                break;
            }
            if (!isBlankLine(line) || !mail.bytes.isEmpty()) {
                if (mail.bytes.isEmpty())
                    m_separatorOffset = m_position - line.size();
                mail.bytes += line;
            }
        }
        if (!mail.bytes.isEmpty()) {
            // Text before the first "From " line is a message of its own.
            ++m_count;
            mail.label = QStringLiteral("message %1 (byte %2)").arg(m_count).arg(0);
            return true;
        }
    }
    if (m_separator.isEmpty())
        return false;

    ++m_count;
    mail.label = QStringLiteral("message %1 (byte %2)").arg(m_count).arg(m_separatorOffset);
    mail.fallbackDate = separatorDate(m_separator);
    m_separator.clear();
    bool previousBlank = false;
    bool truncated = false;
    while (!m_device.atEnd()) {
        QByteArray line = m_device.readLine();
        m_position += line.size();
        if (previousBlank && isSeparator(line)) {
            m_separator = line;
            m_separatorOffset = m_position - line.size();
            break;
        }
        previousBlank = isBlankLine(line);
        unescape(line);
        if (mail.bytes.size() + line.size() > MailParser::maxMessageBytes + 1) {
            truncated = true;
            continue; // the parser reads the first maxMessageBytes and says so; the rest is skipped
        }
        mail.bytes += line;
    }
    // The empty line before the next "From " line (or the end of the file) belongs to the mbox format.
    if (!truncated) {
        if (mail.bytes.endsWith("\r\n\r\n"))
            mail.bytes.chop(2);
        else if (mail.bytes.endsWith("\n\n"))
            mail.bytes.chop(1);
    }
    return true;
}

} // namespace tl::email
