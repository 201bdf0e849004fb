#pragma once

#include "MailSource.h"

#include <QList>
#include <QString>

namespace tl::email {

/// Reads a Maildir one file at a time (docs/email.md, "Maildir"): the messages in cur/ and new/ (tmp/ holds
/// deliveries in progress and is skipped), then those of its Maildir++ subfolders (.Sent, .Archive, …), each
/// folder's files in name order. Only the list of file names and the current message are in memory.
class MaildirReader final : public MailSource {
public:
    /// Lists the messages of the Maildir at \a path.
    explicit MaildirReader(const QString& path);

    /// True when \a path is a directory with a cur/ or new/ subdirectory.
    [[nodiscard]] static bool isMaildir(const QString& path);

    /// How many messages the folder holds.
    [[nodiscard]] qsizetype count() const { return m_files.size(); }
    [[nodiscard]] bool next(RawMail& mail) override;
    [[nodiscard]] qint64 position() const override { return m_position; }
    [[nodiscard]] qint64 size() const override { return m_size; }

private:
    struct File final {
        QString path;
        qint64 size = 0;
        qint64 modified = 0;
    };
    void addFolder(const QString& folder);

    QList<File> m_files;
    qsizetype m_next = 0;
    qint64 m_size = 0;
    qint64 m_position = 0;
};

} // namespace tl::email
