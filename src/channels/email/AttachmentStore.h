#pragma once

#include "core/Result.h"

#include <QByteArrayView>
#include <QString>

namespace tl::email {

/// Attachments on disk, content-addressed: each distinct content is one file named after its SHA-256 under a
/// directory next to the database (<db>.attachments/ab/cdef…), written once (atomically) and never changed, so
/// the same attachment in a thousand mails takes the space of one and a re-import writes nothing.
class AttachmentStore final {
public:
    /// Where one stored content lives.
    struct Stored final {
        /// The SHA-256 of the content, 64 lower-case hex digits.
        QString sha256;
        /// The file relative to directory(): "ab/cdef…" (the first two hex digits name the subdirectory).
        QString relativePath;
        /// True when this call wrote the file; false when it was there already.
        bool written = false;
    };

    /// A store in \a directory (created on the first store()).
    explicit AttachmentStore(QString directory);

    /// The directory beside the database \a databasePath: "<databasePath>.attachments".
    [[nodiscard]] static QString directoryFor(const QString& databasePath);
    /// The SHA-256 of \a content as 64 lower-case hex digits.
    [[nodiscard]] static QString sha256Hex(QByteArrayView content);

    [[nodiscard]] const QString& directory() const { return m_directory; }
    /// Stores \a content unless a file with its hash is already there. Fails when the file cannot be written.
    [[nodiscard]] core::Result<Stored> store(QByteArrayView content);
    /// The absolute path of a stored file.
    [[nodiscard]] QString absolutePath(const QString& relativePath) const;

private:
    QString m_directory;
};

} // namespace tl::email
