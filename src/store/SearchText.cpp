#include "SearchText.h"

#include <QChar>
#include <QStringList>

#include <algorithm>

namespace tl::store {

namespace {

/// Calls \a visit(codePoint) for each code point of \a text (unpaired surrogates pass as they are).
template <typename Visitor> void forEachCodePoint(QStringView text, Visitor visit) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            visit(QChar::surrogateToUcs4(ch, text.at(i + 1)));
            ++i;
        } else {
            visit(static_cast<char32_t>(ch.unicode()));
        }
    }
}

void appendCodePoint(QString& out, char32_t codePoint) {
    if (QChar::requiresSurrogates(codePoint)) {
        out.append(QChar(QChar::highSurrogate(codePoint)));
        out.append(QChar(QChar::lowSurrogate(codePoint)));
    } else {
        out.append(QChar(static_cast<char16_t>(codePoint)));
    }
}

/// Characters removed before indexing and querying: they either split a word in the tokenizer (ZWNJ, ZWJ and
/// Arabic vowel marks are not letters to unicode61) or are typed inconsistently (tatweel, soft hyphen).
bool isIgnorable(char32_t codePoint) {
    return codePoint == 0x200C                             // ZERO WIDTH NON-JOINER (Persian half-space)
           || codePoint == 0x200D                          // ZERO WIDTH JOINER
           || codePoint == 0x00AD                          // SOFT HYPHEN
           || codePoint == 0x0640                          // ARABIC TATWEEL
           || (codePoint >= 0x064B && codePoint <= 0x065F) // Arabic harakat
           || codePoint == 0x0670;                         // ARABIC LETTER SUPERSCRIPT ALEF
}

/// Folds letters that people type in two forms to one.
char32_t foldLetter(char32_t codePoint) {
    switch (codePoint) {
    case 0x064A: // ARABIC LETTER YEH → FARSI YEH
    case 0x0649: // ARABIC LETTER ALEF MAKSURA → FARSI YEH
        return 0x06CC;
    case 0x0643: // ARABIC LETTER KAF → KEHEH (Persian kaf)
        return 0x06A9;
    case 0x0451: // ё → е
        return 0x0435;
    case 0x0401: // Ё → Е
        return 0x0415;
    default:
        return codePoint;
    }
}

QString quoted(QStringView text) {
    QString result;
    result.reserve(text.size() + 2);
    result.append(QLatin1Char('"'));
    for (const QChar ch : text) {
        if (ch == QLatin1Char('"'))
            result.append(QLatin1Char('"')); // FTS5 escapes a quote inside a string by doubling it
        result.append(ch);
    }
    result.append(QLatin1Char('"'));
    return result;
}

bool hasWordCharacter(QStringView text) {
    bool found = false;
    forEachCodePoint(text, [&found](char32_t codePoint) {
        if (QChar::isLetterOrNumber(codePoint))
            found = true;
    });
    return found;
}

} // namespace

bool SearchText::isCjk(char32_t codePoint) {
    return (codePoint >= 0x3040 && codePoint <= 0x30FF)       // Hiragana, Katakana
           || (codePoint >= 0x3400 && codePoint <= 0x4DBF)    // CJK Extension A
           || (codePoint >= 0x4E00 && codePoint <= 0x9FFF)    // CJK Unified Ideographs
           || (codePoint >= 0xF900 && codePoint <= 0xFAFF)    // CJK Compatibility Ideographs
           || (codePoint >= 0x1100 && codePoint <= 0x11FF)    // Hangul Jamo
           || (codePoint >= 0x3130 && codePoint <= 0x318F)    // Hangul Compatibility Jamo
           || (codePoint >= 0xAC00 && codePoint <= 0xD7AF)    // Hangul Syllables
           || (codePoint >= 0x31F0 && codePoint <= 0x31FF)    // Katakana Phonetic Extensions
           || (codePoint >= 0x20000 && codePoint <= 0x3134F); // CJK Extensions B..G
}

QString SearchText::normalize(QStringView text) {
    // Every pass below leaves ASCII as it is, and most indexed text (e-mail subjects, English) is ASCII.
    if (std::all_of(text.begin(), text.end(), [](QChar ch) { return ch.unicode() < 0x80; }))
        return text.toString();
    QString result = text.toString().normalized(QString::NormalizationForm_KC);
    // In place: the ignorable characters and the folded letters are all in the BMP and folding keeps a letter in
    // the BMP, so working on UTF-16 units (surrogates pass through) is the same as working on code points.
    char16_t* const units = reinterpret_cast<char16_t*>(result.data());
    qsizetype length = 0;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const char16_t unit = units[i];
        if (!isIgnorable(unit))
            units[length++] = static_cast<char16_t>(foldLetter(unit));
    }
    result.truncate(length);
    return result;
}

QString SearchText::forIndex(QStringView text) {
    QString normalized = normalize(text);
    // Hangul Jamo (U+1100) is the first CJK block: text below it needs no segmentation.
    if (std::all_of(normalized.cbegin(), normalized.cend(), [](QChar ch) { return ch.unicode() < 0x1100; }))
        return normalized;
    // Each code point gains at most one space: twice the length is enough.
    QString result(normalized.size() * 2, Qt::Uninitialized);
    QChar* out = result.data();
    bool lastWasCjk = false;
    forEachCodePoint(normalized, [&](char32_t codePoint) {
        const bool cjk = isCjk(codePoint);
        if (cjk || lastWasCjk)
            *out++ = QLatin1Char(' ');
        if (QChar::requiresSurrogates(codePoint)) {
            *out++ = QChar(QChar::highSurrogate(codePoint));
            *out++ = QChar(QChar::lowSurrogate(codePoint));
        } else {
            *out++ = QChar(static_cast<char16_t>(codePoint));
        }
        lastWasCjk = cjk;
    });
    result.truncate(out - result.constData());
    return result;
}

QString SearchText::matchExpression(QStringView query) {
    const QString normalized = normalize(query);
    QStringList terms;
    QString word;   // the current non-CJK run
    QString phrase; // the current CJK run, characters separated by spaces

    const auto endWord = [&] {
        if (!word.isEmpty() && hasWordCharacter(word))
            terms.append(quoted(word) + QLatin1Char('*'));
        word.clear();
    };
    const auto endPhrase = [&] {
        if (!phrase.isEmpty())
            terms.append(quoted(phrase));
        phrase.clear();
    };

    forEachCodePoint(normalized, [&](char32_t codePoint) {
        if (isCjk(codePoint)) {
            endWord();
            if (!phrase.isEmpty())
                phrase.append(QLatin1Char(' '));
            appendCodePoint(phrase, codePoint);
        } else if (QChar::isSpace(codePoint)) {
            endWord();
            endPhrase();
        } else {
            endPhrase();
            appendCodePoint(word, codePoint);
        }
    });
    endWord();
    endPhrase();
    terms.removeDuplicates();
    return terms.join(QStringLiteral(" AND "));
}

QString SearchText::foldForSubstring(QStringView text) {
    const QString decomposed = normalize(text).toCaseFolded().normalized(QString::NormalizationForm_KD);
    QString result;
    result.reserve(decomposed.size());
    forEachCodePoint(decomposed, [&result](char32_t codePoint) {
        if (QChar::category(codePoint) == QChar::Mark_NonSpacing)
            return;
        // Letters with a stroke have no decomposition; fold the common ones by hand.
        switch (codePoint) {
        case 0x0142: // ł
            codePoint = U'l';
            break;
        case 0x00F8: // ø
            codePoint = U'o';
            break;
        case 0x0111: // đ
            codePoint = U'd';
            break;
        case 0x00DF: // ß
            result.append(QStringLiteral("ss"));
            return;
        default:
            break;
        }
        appendCodePoint(result, codePoint);
    });
    return result;
}

} // namespace tl::store
