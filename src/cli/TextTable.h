#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace tl::cli {

/// A plain-text table for a terminal: columns padded to the widest cell, counted in terminal cells (Chinese
/// characters take two, combining marks and the zero-width non-joiner of Persian none). The last column is
/// never padded.
class TextTable final {
public:
    explicit TextTable(QStringList headers);

    /// Adds a row; missing cells are empty, surplus cells are dropped.
    void addRow(QStringList cells);
    [[nodiscard]] qsizetype rowCount() const { return m_rows.size(); }

    /// The header line and every row, each ending in a line break. With a \a maxWidth, the last column is
    /// elided so that each line fits in that many terminal cells (but keeps at least a few).
    [[nodiscard]] QString render(int maxWidth = 0) const;

    /// How many terminal cells \a text takes.
    [[nodiscard]] static int displayWidth(QStringView text);
    /// \a text cut to at most \a width terminal cells, ending in "…" when it was cut.
    [[nodiscard]] static QString elided(const QString& text, int width);

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace tl::cli
