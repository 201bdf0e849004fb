#include "TextTable.h"

#include <QChar>

#include <algorithm>

namespace tl::cli {

namespace {

constexpr int columnGap = 2;

/// Terminal cells of one code point: 0 for marks and format characters, 2 for East Asian wide ones, else 1.
int codePointWidth(char32_t codePoint) {
    switch (QChar::category(codePoint)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Other_Control:
        return 0;
    default:
        break;
    }
    const bool wide = (codePoint >= 0x1100 && codePoint <= 0x115F) || (codePoint >= 0x2E80 && codePoint <= 0x303E) ||
                      (codePoint >= 0x3041 && codePoint <= 0x33FF) || (codePoint >= 0x3400 && codePoint <= 0x4DBF) ||
                      (codePoint >= 0x4E00 && codePoint <= 0x9FFF) || (codePoint >= 0xA000 && codePoint <= 0xA4CF) ||
                      (codePoint >= 0xAC00 && codePoint <= 0xD7A3) || (codePoint >= 0xF900 && codePoint <= 0xFAFF) ||
                      (codePoint >= 0xFE30 && codePoint <= 0xFE4F) || (codePoint >= 0xFF00 && codePoint <= 0xFF60) ||
                      (codePoint >= 0xFFE0 && codePoint <= 0xFFE6) || (codePoint >= 0x1F300 && codePoint <= 0x1F64F) ||
                      (codePoint >= 0x1F900 && codePoint <= 0x1F9FF) || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
    return wide ? 2 : 1;
}

} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers)) {}

void TextTable::addRow(QStringList cells) {
    cells.resize(m_headers.size());
    m_rows.append(std::move(cells));
}

QString TextTable::render(int maxWidth) const {
    constexpr int minimumLastColumn = 12;
    QList<int> widths;
    for (const QString& header : m_headers)
        widths.append(displayWidth(header));
    for (const QStringList& row : m_rows) {
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], displayWidth(row[column]));
    }

    int lastColumnRoom = 0;
    if (maxWidth > 0) {
        int leading = 0;
        for (qsizetype column = 0; column + 1 < widths.size(); ++column)
            leading += widths[column] + columnGap;
        lastColumnRoom = std::max(maxWidth - leading, minimumLastColumn);
    }

    QString text;
    const auto appendLine = [&](const QStringList& cells) {
        QString line;
        for (qsizetype column = 0; column < cells.size(); ++column) {
            const bool last = column + 1 == cells.size();
            line += last && lastColumnRoom > 0 ? elided(cells[column], lastColumnRoom) : cells[column];
            if (column + 1 < cells.size())
                line += QString(widths[column] - displayWidth(cells[column]) + columnGap, QLatin1Char(' '));
        }
        // Trailing blanks come from empty last cells; a table line never ends in spaces.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        text += line + QLatin1Char('\n');
    };
    appendLine(m_headers);
    for (const QStringList& row : m_rows)
        appendLine(row);
    return text;
}

int TextTable::displayWidth(QStringView text) {
    int width = 0;
    for (uint codePoint : text.toUcs4())
        width += codePointWidth(codePoint);
    return width;
}

QString TextTable::elided(const QString& text, int width) {
    if (displayWidth(text) <= width)
        return text;
    const QList<uint> codePoints = text.toUcs4();
    QString result;
    int used = 0;
    const int room = width - 1; // one cell for the ellipsis
    for (uint codePoint : codePoints) {
        const int cells = codePointWidth(codePoint);
        if (used + cells > room)
            break;
        used += cells;
        const char32_t character = codePoint;
        result += QString::fromUcs4(&character, 1);
    }
    return result + QChar(0x2026);
}

} // namespace tl::cli
