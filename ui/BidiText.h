#pragma once

#include <QRect>
#include <QString>

class QPainter;

namespace tl::ui {

/// Draws text whose writing direction may differ from the user interface's: English messages in a Farsi
/// workstation, Farsi messages in an English one. Each text gets the paragraph direction of its own content,
/// so punctuation and ellipses land on the right side. Thread: GUI.
class BidiText final {
public:
    /// Draws \a text in \a rect with \a flags (wrapping, vertical alignment). \a uiDirection decides the
    /// horizontal alignment when \a alignByContent is false (the text starts at the interface's leading edge);
    /// otherwise the text aligns to the start of its own direction.
    static void draw(QPainter* painter, const QRect& rect, int flags, const QString& text,
                     Qt::LayoutDirection uiDirection, bool alignByContent);

    /// The direction of \a text's first strong character; left-to-right when it has none.
    [[nodiscard]] static Qt::LayoutDirection directionOf(const QString& text);
};

} // namespace tl::ui
