#include "TransferDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace tl::ui {

namespace {

/// The size of the online marker in the list.
constexpr int markerSize = 10;

/// Keeps \a text's own direction inside a sentence of the other direction (a Latin login in a Farsi line).
QString isolated(const QString& text) {
    return QChar(0x2068) + text + QChar(0x2069);
}

/// A filled green dot (online) or a transparent square of the same size, so that every name lines up.
QIcon marker(bool online, qreal devicePixelRatio) {
    QPixmap pixmap(QSize(markerSize, markerSize) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    if (online) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x18, 0x98, 0x40));
        painter.drawEllipse(QRectF(1, 1, markerSize - 2, markerSize - 2));
    }
    return QIcon(pixmap);
}

} // namespace

TransferDialog::TransferDialog(const Loader& loader, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("transferDialog"));

    m_promptLabel = new QLabel(this);
    m_promptLabel->setObjectName(QStringLiteral("promptLabel"));
    m_promptLabel->setWordWrap(true);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterLineEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->installEventFilter(this);
    m_promptLabel->setBuddy(m_filterEdit);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_listView = new QListView(this);
    m_listView->setObjectName(QStringLiteral("colleagueListView"));
    m_listView->setModel(m_proxy);
    m_listView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_listView->setUniformItemSizes(true);
    m_listView->setIconSize(QSize(markerSize, markerSize));
    m_listView->setMinimumHeight(m_listView->fontMetrics().lineSpacing() * 8);

    m_loginLabel = new QLabel(this);
    m_loginEdit = new QLineEdit(this);
    m_loginEdit->setObjectName(QStringLiteral("loginLineEdit"));
    // Logins are Latin identifiers: left to right even in a Farsi window.
    m_loginEdit->setLayoutDirection(Qt::LeftToRight);
    m_loginLabel->setBuddy(m_loginEdit);
    auto* loginRow = new QFormLayout;
    loginRow->setContentsMargins(0, 0, 0, 0);
    loginRow->addRow(m_loginLabel, m_loginEdit);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("transferPushButton"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_promptLabel);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_listView, 1);
    layout->addLayout(loginRow);
    // Takes the list's room when the list is hidden (typed login), so the rest stays at the top.
    layout->addStretch(0);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &TransferDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TransferDialog::reject);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TransferDialog::onFilterChanged);
    connect(m_loginEdit, &QLineEdit::textChanged, this, &TransferDialog::updateState);
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this, &TransferDialog::updateState);
    // Enter reaches the default button (Transfer); a double click picks too.
    connect(m_listView, &QListView::doubleClicked, this, &TransferDialog::accept);

    resize(420, 380);
    retranslate();
    m_filterEdit->setFocus();

    if (!loader) {
        showFailure(tr("Not signed in to a server."));
        return;
    }
    QPointer<TransferDialog> guard(this);
    loader([guard](core::Result<QList<sync::Colleague>> result) {
        if (!guard)
            return;
        if (result)
            guard->showColleagues(result.value());
        else
            guard->showFailure(result.error());
    });
}

QString TransferDialog::login() const {
    if (m_typingLogin)
        return m_loginEdit->text().trimmed();
    const QModelIndex current = m_listView->currentIndex();
    return current.isValid() ? current.data(LoginRole).toString() : QString();
}

QString TransferDialog::statusText() const {
    return m_statusLabel->isHidden() ? QString() : m_statusLabel->text();
}

void TransferDialog::accept() {
    const QString chosen = login();
    if (m_done || chosen.isEmpty())
        return;
    m_done = true;
    emit transferRequested(chosen);
    QDialog::accept();
}

void TransferDialog::showColleagues(const QList<sync::Colleague>& colleagues) {
    m_loading = false;
    m_colleagues = colleagues;
    fillModel();
    onFilterChanged(m_filterEdit->text());
    m_filterEdit->setFocus();
}

void TransferDialog::showFailure(const QString& error) {
    m_loading = false;
    m_typingLogin = true;
    m_error = error;
    retranslate();
    m_loginEdit->setFocus();
    // Without the list the dialog needs only a few lines.
    resize(width(), sizeHint().height());
}

void TransferDialog::fillModel() {
    const QString current = m_typingLogin ? QString() : login();
    m_model->clear();
    const qreal ratio = devicePixelRatioF();
    for (const sync::Colleague& colleague : std::as_const(m_colleagues)) {
        QString text;
        if (colleague.name.isEmpty()) {
            //: A colleague without a display name in the transfer list, online: %1 is the login
            text = colleague.online ? tr("%1 — online").arg(isolated(colleague.login)) : isolated(colleague.login);
        } else if (colleague.online) {
            //: A colleague in the transfer list who is signed in now: %1 is the name, %2 the login
            text = tr("%1 (%2) — online").arg(isolated(colleague.name), isolated(colleague.login));
        } else {
            //: A colleague in the transfer list: %1 is the name, %2 the login
            text = tr("%1 (%2)").arg(isolated(colleague.name), isolated(colleague.login));
        }
        auto* item = new QStandardItem(marker(colleague.online, ratio), text);
        item->setData(colleague.login, LoginRole);
        item->setData(colleague.online, OnlineRole);
        item->setData(colleague.name + QLatin1Char(' ') + colleague.login, SearchRole);
        if (colleague.role == QLatin1String("supervisor"))
            item->setToolTip(tr("Supervisor"));
        else if (colleague.role == QLatin1String("admin"))
            item->setToolTip(tr("Administrator"));
        else
            item->setToolTip(tr("Agent"));
        m_model->appendRow(item);
    }
    // Keep the colleague picked before a language change.
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (!current.isEmpty() && m_proxy->index(row, 0).data(LoginRole).toString() == current)
            m_listView->setCurrentIndex(m_proxy->index(row, 0));
    }
}

void TransferDialog::onFilterChanged(const QString& text) {
    m_proxy->setFilterFixedString(text.trimmed());
    // The first match is picked, so that typing a few letters and Enter transfers.
    if (!m_listView->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_listView->setCurrentIndex(m_proxy->index(0, 0));
    updateState();
}

void TransferDialog::updateState() {
    const bool list = !m_typingLogin;
    m_promptLabel->setVisible(list);
    m_filterEdit->setVisible(list);
    m_listView->setVisible(list);
    m_filterEdit->setEnabled(!m_loading);
    m_listView->setEnabled(!m_loading);
    m_loginLabel->setVisible(!list);
    m_loginEdit->setVisible(!list);

    QString status;
    if (m_loading) {
        status = tr("Loading colleagues…");
    } else if (m_typingLogin) {
        //: In the transfer dialog when the list of colleagues cannot be loaded; %1 is the reason
        status = tr("The list of colleagues cannot be loaded: %1\nType the login of the colleague who takes over "
                    "this chat instead.")
                     .arg(m_error);
    } else if (m_colleagues.isEmpty()) {
        status = tr("No colleague can take this chat over.");
    } else if (m_proxy->rowCount() == 0) {
        status = tr("No colleague matches “%1”.").arg(m_filterEdit->text().trimmed());
    }
    m_statusLabel->setText(status);
    m_statusLabel->setVisible(!status.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!login().isEmpty());
}

void TransferDialog::retranslate() {
    setWindowTitle(tr("Transfer chat"));
    m_promptLabel->setText(tr("&Colleague who takes over this chat:"));
    m_filterEdit->setPlaceholderText(tr("Filter by name or login"));
    //: In the transfer dialog when the list of colleagues cannot be loaded
    m_loginLabel->setText(tr("&Login of the colleague:"));
    //: The button that hands the web chat to the chosen colleague
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Transfer"));
    if (!m_loading && !m_typingLogin)
        fillModel();
    updateState();
}

void TransferDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

bool TransferDialog::eventFilter(QObject* watched, QEvent* event) {
    // Up, Down and Page keys in the filter line move through the list, so the keyboard never has to leave it.
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        switch (static_cast<QKeyEvent*>(event)->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QCoreApplication::sendEvent(m_listView, event);
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace tl::ui
