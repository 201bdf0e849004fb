#pragma once

#include "core/Result.h"
#include "sync/ColleagueClient.h"

#include <QDialog>
#include <QList>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace tl::ui {

/// Picks the colleague a web chat is handed to: a filter line and the colleagues who can take it ("Name (login)",
/// online ones first and marked), loaded asynchronously. While the list loads it says so; when it cannot be
/// loaded (offline, an error) it explains why and takes a typed login instead, so transfers work offline too.
/// Enter or a double click picks. Thread: GUI.
class TransferDialog final : public QDialog {
    Q_OBJECT
public:
    /// Loads the colleagues and calls its argument once with them or with a sentence for the agent (it may
    /// call back at once or later; a call after the dialog is gone is ignored).
    using Loader = std::function<void(sync::ColleagueClient::Done)>;

    /// Starts loading with \a loader; an empty loader (no server) goes straight to the typed login.
    explicit TransferDialog(const Loader& loader, QWidget* parent = nullptr);

    /// The login picked in the list, or typed in the fallback; empty when none.
    [[nodiscard]] QString login() const;
    /// True until the loader answered.
    [[nodiscard]] bool isLoading() const { return m_loading; }
    /// True when the list could not be loaded and the login is typed instead.
    [[nodiscard]] bool isTypingLogin() const { return m_typingLogin; }
    /// The explanation shown over the list: loading, the failure, "no match".
    [[nodiscard]] QString statusText() const;
    /// The colleagues as shown (filtered, in order): Qt::DisplayRole "Name (login)", LoginRole the login.
    [[nodiscard]] QSortFilterProxyModel* colleagueModel() const { return m_proxy; }

    enum Role { LoginRole = Qt::UserRole + 1, OnlineRole, SearchRole };

public slots:
    /// Emits transferRequested() with login() and closes; does nothing when no colleague is chosen.
    void accept() override;

signals:
    /// The agent chose \a login.
    void transferRequested(const QString& login);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showColleagues(const QList<sync::Colleague>& colleagues);
    void showFailure(const QString& error);
    void fillModel();
    void onFilterChanged(const QString& text);
    void updateState();
    void retranslate();

    QLabel* m_promptLabel = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QListView* m_listView = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_loginLabel = nullptr;
    QLineEdit* m_loginEdit = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QList<sync::Colleague> m_colleagues;
    QString m_error;
    bool m_loading = true;
    bool m_typingLogin = false;
    bool m_done = false;
};

} // namespace tl::ui
