#include "IdentityNormalizer.h"

#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <string>

namespace tl::core {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr qsizetype maxIdentityLength = 320;
constexpr qsizetype maxCacheEntries = 100000;

/// "Jan <jan@example.pl>" → "jan@example.pl"; leaves other text alone.
QStringView stripDisplayName(QStringView value) {
    const qsizetype open = value.lastIndexOf(QLatin1Char('<'));
    const qsizetype close = value.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open)
        return value.mid(open + 1, close - open - 1).trimmed();
    return value;
}

} // namespace

IdentityNormalizer::IdentityNormalizer(QString defaultRegion)
    : m_region(defaultRegion.isEmpty() ? systemRegion() : std::move(defaultRegion).toUpper()) {}

bool IdentityNormalizer::isKnownRegion(const QString& region) {
    static const std::set<std::string> regions = [] {
        std::set<std::string> supported;
        PhoneNumberUtil::GetInstance()->GetSupportedRegions(&supported);
        supported.insert("ZZ"); // "unknown": every number must carry its country code
        return supported;
    }();
    return regions.contains(region.toUpper().toStdString());
}

QString IdentityNormalizer::systemRegion() {
    const QLocale locale = QLocale::system();
    if (locale.territory() == QLocale::AnyTerritory || locale.language() == QLocale::C)
        return {};
    const QString code = QLocale::territoryToCode(locale.territory());
    return isKnownRegion(code) ? code : QString();
}

Result<Identity> IdentityNormalizer::normalize(QStringView text) {
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return Result<Identity>::failure(
            QStringLiteral("identity \"%1\" is not KIND:VALUE (KIND is email, phone, chat or sip)").arg(text));
    const std::optional<Identity::Kind> kind = Identity::kindFromName(text.first(colon).trimmed());
    if (!kind)
        return Result<Identity>::failure(
            QStringLiteral("unknown identity kind \"%1\" (expected email, phone, chat or sip)").arg(text.first(colon)));
    return normalize(*kind, text.mid(colon + 1));
}

Result<Identity> IdentityNormalizer::normalize(Identity::Kind kind, QStringView value) {
    const QString key = Identity::kindName(kind) + QLatin1Char(':') + value.toString();
    if (const auto cached = m_cache.constFind(key); cached != m_cache.constEnd())
        return *cached;

    Result<QString> normalized = QString();
    switch (kind) {
    case Identity::Kind::Email:
        normalized = normalizeEmail(value);
        break;
    case Identity::Kind::Phone:
        normalized = normalizePhone(value);
        break;
    case Identity::Kind::Chat:
        normalized = normalizeChat(value);
        break;
    case Identity::Kind::Sip:
        normalized = normalizeSip(value);
        break;
    }
    Result<Identity> result = normalized.ok() ? Result<Identity>(Identity{kind, normalized.value()})
                                              : Result<Identity>::failure(normalized.error());
    if (m_cache.size() >= maxCacheEntries)
        m_cache.clear();
    m_cache.insert(key, result);
    return result;
}

Result<QString> IdentityNormalizer::normalizeEmail(QStringView value) {
    QStringView address = stripDisplayName(value.trimmed());
    if (address.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
        address = address.mid(7);
    if (address.isEmpty())
        return Result<QString>::failure(QStringLiteral("e-mail address is empty"));
    if (address.size() > maxIdentityLength)
        return Result<QString>::failure(
            QStringLiteral("e-mail address is longer than %1 characters").arg(maxIdentityLength));
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == address.size() - 1)
        return Result<QString>::failure(QStringLiteral("\"%1\" is not an e-mail address (user@domain)").arg(address));
    const QStringView local = address.first(at);
    const QStringView domain = address.mid(at + 1);
    for (QChar c : address) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Result<QString>::failure(QStringLiteral("e-mail address \"%1\" contains spaces").arg(address));
    }
    const QByteArray ace = QUrl::toAce(domain.toString().toLower(), QUrl::AceTransitionalProcessing);
    if (ace.isEmpty() || !domain.contains(QLatin1Char('.')) || domain.startsWith(QLatin1Char('.')) ||
        domain.endsWith(QLatin1Char('.')) || domain.contains(QLatin1String("..")))
        return Result<QString>::failure(QStringLiteral("\"%1\" is not a valid mail domain").arg(domain));
    return QString(local.toString().toLower() + QLatin1Char('@') + QString::fromLatin1(ace));
}

Result<QString> IdentityNormalizer::normalizePhone(QStringView value) const {
    QStringView number = value.trimmed();
    if (number.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive))
        number = number.mid(4);
    if (number.isEmpty())
        return Result<QString>::failure(QStringLiteral("phone number is empty"));
    if (number.size() > 64)
        return Result<QString>::failure(QStringLiteral("phone number \"%1\" is too long").arg(number.first(64)));

    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    const std::string region = m_region.isEmpty() ? std::string("ZZ") : m_region.toStdString();
    PhoneNumber parsed;
    const auto error = util->Parse(number.toString().toStdString(), region, &parsed);
    if (error == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR) {
        if (m_region.isEmpty())
            return Result<QString>::failure(
                QStringLiteral("phone number \"%1\" has no country code and no default region is set").arg(number));
        return Result<QString>::failure(QStringLiteral("phone number \"%1\" has an unknown country code").arg(number));
    }
    if (error != PhoneNumberUtil::NO_PARSING_ERROR)
        return Result<QString>::failure(QStringLiteral("\"%1\" is not a phone number").arg(number));
    if (!util->IsPossibleNumber(parsed))
        return Result<QString>::failure(QStringLiteral("\"%1\" cannot be a phone number (wrong length for +%2)")
                                            .arg(number)
                                            .arg(parsed.country_code()));
    std::string formatted;
    util->Format(parsed, PhoneNumberUtil::E164, &formatted);
    // For a few malformed numbers (a trunk prefix written after the country code, "+46 0...") the E.164 form
    // itself parses to a shorter number. Iterate to the fixed point so that normalizing is idempotent.
    for (int pass = 0; pass < 3; ++pass) {
        PhoneNumber again;
        std::string reformatted;
        if (util->Parse(formatted, "ZZ", &again) != PhoneNumberUtil::NO_PARSING_ERROR)
            break;
        util->Format(again, PhoneNumberUtil::E164, &reformatted);
        if (reformatted == formatted)
            break;
        formatted = reformatted;
    }
    return QString::fromStdString(formatted);
}

Result<QString> IdentityNormalizer::normalizeChat(QStringView value) {
    const QStringView visitor = value.trimmed();
    if (visitor.isEmpty())
        return Result<QString>::failure(QStringLiteral("chat visitor id is empty"));
    if (visitor.size() > 128)
        return Result<QString>::failure(QStringLiteral("chat visitor id is longer than 128 characters"));
    for (QChar c : visitor) {
        const bool allowed = (c.unicode() < 128 && c.isLetterOrNumber()) || c == QLatin1Char('-') ||
                             c == QLatin1Char('_') || c == QLatin1Char('.');
        if (!allowed)
            return Result<QString>::failure(
                QStringLiteral("chat visitor id \"%1\" may hold only letters, digits, '-', '_' and '.'").arg(visitor));
    }
    return visitor.toString();
}

Result<QString> IdentityNormalizer::normalizeSip(QStringView value) {
    QStringView uri = stripDisplayName(value.trimmed());
    if (uri.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive))
        uri = uri.mid(5);
    else if (uri.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive))
        uri = uri.mid(4);
    // Drop URI parameters (;transport=udp) and headers (?subject=...).
    for (QLatin1Char stop : {QLatin1Char(';'), QLatin1Char('?')}) {
        if (const qsizetype at = uri.indexOf(stop); at >= 0)
            uri = uri.first(at);
    }
    const qsizetype at = uri.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == uri.size() - 1)
        return Result<QString>::failure(QStringLiteral("\"%1\" is not a SIP address (sip:user@host)").arg(value));
    const QStringView user = uri.first(at);
    QStringView host = uri.mid(at + 1);
    if (host.startsWith(QLatin1Char('['))) { // IPv6 literal, maybe with a port
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Result<QString>::failure(QStringLiteral("\"%1\" has a malformed IPv6 host").arg(value));
        host = host.first(close + 1);
    } else if (const qsizetype colon = host.indexOf(QLatin1Char(':')); colon >= 0) {
        host = host.first(colon);
    }
    static const QRegularExpression hostPattern(QStringLiteral("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)$"));
    if (host.isEmpty() || !hostPattern.match(host).hasMatch())
        return Result<QString>::failure(QStringLiteral("\"%1\" has an invalid SIP host").arg(value));
    for (QChar c : user) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('<') || c == QLatin1Char('>') ||
            c == QLatin1Char('"'))
            return Result<QString>::failure(
                QStringLiteral("SIP user in \"%1\" contains spaces or control characters").arg(value));
    }
    // The user part is kept as written, percent-escapes included: decoding would not be idempotent ("%2541").
    return QString(user.toString() + QLatin1Char('@') + host.toString().toLower());
}

} // namespace tl::core
