#pragma once

#include <QString>
#include <QStringView>

namespace tl::store {

/// Turns event text into what the full-text index (FTS5, unicode61 tokenizer) stores, and a person's query into
/// an FTS5 MATCH expression that can never be a syntax error. Both sides go through the same normalization, so
/// what is indexed and what is asked for meet. See docs/search.md.
class SearchText final {
public:
    /// Text as the index stores it: NFKC, Persian letter forms, ZWNJ/tatweel/Arabic vowel marks removed, and
    /// every Chinese, Japanese or Korean character set apart by spaces (so each is one token).
    [[nodiscard]] static QString forIndex(QStringView text);

    /// The MATCH expression for \a query: each word a quoted prefix term, each CJK run a quoted phrase of its
    /// characters (a substring match), all ANDed. Empty when the query has nothing searchable.
    [[nodiscard]] static QString matchExpression(QStringView query);

    /// Case- and diacritic-folded text for plain substring matching (customer names): "Łucja Żółw" → "lucja zolw".
    [[nodiscard]] static QString foldForSubstring(QStringView text);

    /// True for a code point of a script written without spaces between words (Han, kana, Hangul, ...).
    [[nodiscard]] static bool isCjk(char32_t codePoint);

private:
    /// The normalization shared by indexing and querying (no CJK segmentation).
    [[nodiscard]] static QString normalize(QStringView text);
};

} // namespace tl::store
