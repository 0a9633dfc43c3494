#include "detailview.h"

#include "bodyview.h"
#include "event/bodyinspector.h"
#include "filter/filtercompletion.h"
#include "findbar.h"
#include "formats/harformat.h"
#include "models/fieldordermodel.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include "severitydelegate.h"
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonValue>
#include <QMenu>

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// The rows from the top of the tree down to INDEX: compared as lists, they give the tree's order.
QList<int> rowPath(QModelIndex index)
{
    QList<int> path;
    for (; index.isValid(); index = index.parent())
        path.prepend(index.row());
    return path;
}
const QString kSchemaTypeColumnKey = u"fields/schemaTypeColumn"_s;
} // namespace

DetailView::DetailView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_fieldsModel(new JsonTreeModel(this))
    , m_fieldsOrder(new FieldOrderModel(this))
    , m_fieldsView(new QTreeView(this))
    , m_fieldsNote(new QLabel(this))
    , m_fieldDoc(new QLabel(this))
    , m_headers(new QTreeWidget(this))
    , m_raw(new BodyView(this))
    , m_response(new BodyView(this))
    , m_signature(new QPlainTextEdit(this))
    , m_deliveries(new QTreeWidget(this))
    , m_find(new FindBar(this))
{
    m_deliveries->setHeaderLabels({ u"When"_s, u"Kind"_s, u"Target"_s, u"Answer"_s, u"Time"_s });
    m_deliveries->setRootIsDecorated(false);
    // The target is what a user looks for here: wide enough for a local URL with a path.
    m_deliveries->header()->resizeSection(0,
                                          fontMetrics().horizontalAdvance(u"00:00:00.000"_s) + 24);
    m_deliveries->header()->resizeSection(1, fontMetrics().horizontalAdvance(u"forward"_s) + 24);
    m_deliveries->header()->resizeSection(
        2, fontMetrics().horizontalAdvance(u"http://127.0.0.1:65535/hooks/identification"_s) + 24);
    m_signature->setReadOnly(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_headers->setColumnCount(2);
    m_headers->setHeaderLabels({ u"Header"_s, u"Value"_s });
    m_headers->setRootIsDecorated(false);
    m_headers->setUniformRowHeights(true);
    m_headers->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_headers, &QWidget::customContextMenuRequested, this, &DetailView::showHeaderMenu);
    m_tabs->addTab(createFieldsTab(), u"Fields"_s);
    m_tabs->addTab(m_headers, u"Headers"_s);
    m_tabs->addTab(m_raw, u"Raw"_s);
    m_tabs->addTab(m_response, u"Response"_s);
    m_tabs->addTab(m_signature, u"Signature"_s);
    m_tabs->addTab(m_deliveries, u"Replays"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_find);
    layout->addWidget(m_tabs, 1);
    connect(m_find, &FindBar::findRequested, this, [this](const QString &text, bool backward) {
        const bool found = findInTab(text, backward);
        m_find->setStatus(text.isEmpty() || found ? QString() : u"not found"_s, found);
    });
    connect(m_find, &FindBar::closed, this, [this] { m_tabs->currentWidget()->setFocus(); });
    clear();
}

QWidget *DetailView::createFieldsTab()
{
    auto *tab = new QWidget(this);
    m_fieldsOrder->setSourceModel(m_fieldsModel);
    m_fieldsView->setModel(m_fieldsOrder);
    m_fieldsView->setUniformRowHeights(true);
    m_fieldsView->setItemDelegate(new SeverityDelegate(m_fieldsView));
    m_fieldsView->setAlternatingRowColors(true);
    m_fieldsView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_fieldsView, &QWidget::customContextMenuRequested, this, &DetailView::showFieldMenu);
    m_fieldsView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_fieldsView->header()->resizeSection(JsonTreeModel::KeyColumn, 240);
    m_fieldsView->header()->resizeSection(JsonTreeModel::ValueColumn, 320);
    m_fieldsView->header()->resizeSection(JsonTreeModel::TypeColumn, 80);
    m_fieldsView->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_fieldsView->header(), &QWidget::customContextMenuRequested, this,
            &DetailView::showFieldsHeaderMenu);
    m_fieldsView->header()->setSectionsClickable(true);
    connect(m_fieldsView->header(), &QHeaderView::sectionClicked, this,
            &DetailView::toggleFieldOrder);
    m_fieldsView->setColumnHidden(JsonTreeModel::SchemaTypeColumn,
                                  !QSettings().value(kSchemaTypeColumnKey, true).toBool());
    connect(m_fieldsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DetailView::showFieldDoc);
    m_fieldsNote->setWordWrap(true);
    m_fieldsNote->setTextFormat(Qt::PlainText);
    m_fieldDoc->setWordWrap(true);
    m_fieldDoc->setTextFormat(Qt::PlainText);
    m_fieldDoc->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fieldDoc->setAccessibleName(u"Field documentation"_s);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsNote);
    layout->addWidget(m_fieldsView, 1);
    layout->addWidget(m_fieldDoc);
    return tab;
}

void DetailView::startFind()
{
    m_find->start();
}

bool DetailView::findInTab(const QString &text, bool backward)
{
    const bool refine = text != m_lastFind;
    m_lastFind = text;
    QWidget *tab = m_tabs->currentWidget();
    if (tab == m_raw || tab == m_response)
        return static_cast<BodyView *>(tab)->find(text, backward, refine);
    if (tab == m_fieldsView->parentWidget())
        return findInFields(text, backward, refine);
    return false;
}

// Keys and values that contain the text, in the tree's order from the current row on, going
// round; the match is selected and its branch opened.
bool DetailView::findInFields(const QString &text, bool backward, bool refine)
{
    if (text.isEmpty())
        return false;
    QModelIndexList matches;
    for (int column : { int(JsonTreeModel::KeyColumn), int(JsonTreeModel::ValueColumn) })
        matches += m_fieldsOrder->match(m_fieldsOrder->index(0, column), Qt::DisplayRole, text, -1,
                                        Qt::MatchContains | Qt::MatchRecursive);
    if (matches.isEmpty())
        return false;
    QList<QPersistentModelIndex> rows;
    for (const QModelIndex &match : std::as_const(matches))
        rows.append(match.siblingAtColumn(0));
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return rowPath(a) < rowPath(b); });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const QList<int> current = rowPath(m_fieldsView->currentIndex().siblingAtColumn(0));
    // Typed further, the current row may still match; else the search moves on from it.
    const auto beyond = [&current, refine](const QList<int> &path, bool forward) {
        return refine ? (forward ? !(path < current) : !(current < path))
                      : (forward ? current < path : path < current);
    };
    QModelIndex next;
    if (backward) {
        for (auto it = rows.crbegin(); it != rows.crend() && !next.isValid(); ++it)
            next = beyond(rowPath(*it), false) ? QModelIndex(*it) : QModelIndex();
        next = next.isValid() ? next : QModelIndex(rows.last());
    } else {
        for (auto it = rows.cbegin(); it != rows.cend() && !next.isValid(); ++it)
            next = beyond(rowPath(*it), true) ? QModelIndex(*it) : QModelIndex();
        next = next.isValid() ? next : QModelIndex(rows.first());
    }
    m_fieldsView->setCurrentIndex(next);
    m_fieldsView->scrollTo(next);
    return true;
}

// The selected field's documentation under the tree, as Wireshark shows a field's description.
void DetailView::showFieldDoc(const QModelIndex &index)
{
    const QString text = index.data(ModelRoles::DocumentationRole).toString();
    const QString name = index.siblingAtColumn(JsonTreeModel::KeyColumn).data().toString();
    m_fieldDoc->setText(text.isEmpty() ? QString() : name + u": "_s + text);
    m_fieldDoc->setVisible(!text.isEmpty());
}

// A click on the Key header sorts the members by key; the next one gives back the order sent.
void DetailView::toggleFieldOrder(int section)
{
    if (section != JsonTreeModel::KeyColumn)
        return;
    m_fieldsOrder->toggleOrder();
    const bool byKey = m_fieldsOrder->order() == FieldOrderModel::Order::ByKey;
    m_fieldsView->header()->setSortIndicatorShown(byKey);
    m_fieldsView->header()->setSortIndicator(JsonTreeModel::KeyColumn, Qt::AscendingOrder);
    m_fieldsView->header()->setToolTip(byKey ? u"Sorted by key; click Key for the order sent"_s
                                             : u"In the order sent; click Key to sort by key"_s);
}

void DetailView::showFieldsHeaderMenu(const QPoint &position)
{
    QMenu menu;
    QAction *action = menu.addAction(u"Schema Type Column"_s);
    action->setCheckable(true);
    action->setChecked(!m_fieldsView->isColumnHidden(JsonTreeModel::SchemaTypeColumn));
    connect(action, &QAction::toggled, this, [this](bool shown) {
        m_fieldsView->setColumnHidden(JsonTreeModel::SchemaTypeColumn, !shown);
        QSettings().setValue(kSchemaTypeColumnKey, shown);
    });
    menu.exec(m_fieldsView->header()->viewport()->mapToGlobal(position));
}

void DetailView::clear()
{
    m_summary->setText(u"Select an event to see its fields, headers and bytes."_s);
    m_fieldsModel->clear();
    m_fieldsNote->hide();
    m_fieldDoc->hide();
    m_headers->clear();
    m_raw->setBody({});
    m_response->setBody({});
    m_signature->clear();
}

QString DetailView::signatureText(const SignatureCheck &check)
{
    QStringList lines { u"Result: %1"_s.arg(signatureStateName(check.state)) };
    if (!check.scheme.isEmpty())
        lines.append(u"Scheme: %1"_s.arg(check.scheme));
    if (!check.header.isEmpty())
        lines.append(u"Header: %1"_s.arg(check.header));
    if (!check.secretLabel.isEmpty())
        lines.append(u"Matched secret: %1"_s.arg(check.secretLabel));
    if (!check.detail.isEmpty())
        lines.append(u"\n"_s + check.detail);
    return lines.join(u'\n');
}

// The row's time is when the file was loaded; the file's own time is here.
QString DetailView::loadedFromText(const Event &event)
{
    const QFileInfo file(event.sourceFile);
    if (!file.exists())
        return u"loaded from %1"_s.arg(event.sourceFile);
    return u"loaded from %1 (file modified %2)"_s.arg(
        event.sourceFile, file.lastModified().toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

QString DetailView::summaryText(const Event &event, const EventAnalysis &analysis) const
{
    QString type = analysis.eventType.isEmpty() ? u"unknown event type"_s : analysis.eventType;
    if (analysis.classifiedBy != ClassifiedBy::None)
        type += u" (by %1)"_s.arg(classifiedByName(analysis.classifiedBy));
    QString verdict;
    if (analysis.bodyKind == BodyKind::Json)
        verdict = !analysis.violations.isEmpty()
            ? u"%1 error(s), %2 warning(s)"_s.arg(analysis.errorCount())
                  .arg(analysis.warningCount())
            : (analysis.schemaChecked ? u"valid"_s : u"no schema"_s);
    else
        verdict = bodyKindName(analysis.bodyKind) + u" body"_s;
    const QString answer = event.origin == Origin::Loaded
        ? loadedFromText(event)
        : u"answered %1"_s.arg(event.response.status);
    return u"#%1  %2 %3  —  %4  —  %5 bytes, %6  —  %7"_s.arg(event.seq)
        .arg(QString::fromLatin1(event.method), QString::fromUtf8(event.target), type)
        .arg(event.body.size())
        .arg(verdict, answer);
}

// Opens the first level so nested objects are visible at once, but never a range group: a
// million-element array stays a thousand closed groups until someone opens one.
void DetailView::expandTopLevel()
{
    const int rows = std::min(m_fieldsOrder->rowCount(), 200);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_fieldsOrder->index(row, JsonTreeModel::TypeColumn);
        if (index.data().toString() != u"range"_s)
            m_fieldsView->expand(index.siblingAtColumn(0));
    }
}

void DetailView::showHeaders(const HeaderList &headers)
{
    m_headers->clear();
    QList<QTreeWidgetItem *> items;
    for (const auto &[name, value] : headers)
        items.append(new QTreeWidgetItem({ QString::fromLatin1(name), QString::fromUtf8(value) }));
    m_headers->addTopLevelItems(items);
    m_headers->resizeColumnToContents(0);
}

void DetailView::showEvent(const Event &event, const EventAnalysis &analysis)
{
    showEvent(event, analysis, BodyInspector::inspect(event));
}

void DetailView::showEvent(const Event &event, const EventAnalysis &analysis,
                           const BodyInspection &body)
{
    m_summary->setText(summaryText(event, analysis));
    m_fieldsModel->setFieldDocs(m_schemas.fieldDocs(analysis.eventType));
    m_fieldsModel->setDocument(body.document, analysis.violations);
    m_fieldDoc->hide();
    QString note;
    if (!analysis.parseError.isEmpty())
        note = u"Not JSON: %1 at byte %2."_s.arg(analysis.parseError,
                                                 QString::number(analysis.parseErrorOffset));
    else if (body.kind != BodyKind::Json)
        note = body.kind == BodyKind::Empty
            ? u"The body is empty."_s
            : u"The body is %1, not JSON: see Raw."_s.arg(bodyKindName(body.kind));
    for (const Violation &v : analysis.violations) {
        if (v.pointer.isEmpty())
            note += (note.isEmpty() ? QString() : u"\n"_s) + v.message;
    }
    m_fieldsNote->setText(note);
    m_fieldsNote->setVisible(!note.isEmpty());
    expandTopLevel();
    showHeaders(event.headers);
    m_raw->setBody(event.body, body,
                   analysis.parseError.isEmpty()
                       ? QString()
                       : u"Parse error at byte %1: %2"_s.arg(analysis.parseErrorOffset)
                             .arg(analysis.parseError));
    QByteArray response = "HTTP/1.1 "_ba + QByteArray::number(event.response.status) + ' '
        + Har::statusText(event.response.status).toUtf8() + '\n';
    for (const auto &[name, value] : event.response.headers)
        response += name + ": "_ba + value + '\n';
    m_response->setBody(response + '\n' + event.response.body);
    m_signature->setPlainText(signatureText(analysis.signature));
}

void DetailView::offerFilter(QMenu &menu, const QString &expression)
{
    menu.addAction(u"Apply as Filter"_s, this,
                   [this, expression] { Q_EMIT applyFilterRequested(expression); });
    menu.addAction(u"Prepare as Filter"_s, this,
                   [this, expression] { Q_EMIT prepareFilterRequested(expression); });
}

void DetailView::showFieldMenu(const QPoint &position)
{
    const QModelIndex index =
        m_fieldsView->indexAt(position).siblingAtColumn(JsonTreeModel::KeyColumn);
    if (!index.isValid())
        return;
    const QString pointer = index.data(ModelRoles::PointerRole).toString();
    const QVariant value = index.data(ModelRoles::ValueRole);
    QMenu menu;
    const QString type = index.data(ModelRoles::JsonTypeRole).toString();
    const bool container = type == u"object"_s || type == u"array"_s;
    menu.addAction(u"Copy Value"_s, this, [index, container] {
        // Strings decoded, numbers as sent, objects and arrays as JSON in the order sent.
        QApplication::clipboard()->setText(
            container ? index.data(ModelRoles::JsonTextRole).toString()
                      : index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString());
    });
    menu.addAction(u"Copy JSON Pointer"_s, this,
                   [pointer] { QApplication::clipboard()->setText(pointer); });
    if (value.isValid()) {
        menu.addSeparator();
        const bool number = type == u"number"_s || type == u"integer"_s;
        offerFilter(
            menu,
            filterForJsonPointer(pointer, QJsonValue::fromVariant(value),
                                 number ? index.data(ModelRoles::RawRole).toString() : QString()));
    }
    menu.exec(m_fieldsView->viewport()->mapToGlobal(position));
}

void DetailView::showHeaderMenu(const QPoint &position)
{
    const QTreeWidgetItem *item = m_headers->itemAt(position);
    if (!item)
        return;
    QMenu menu;
    const QString value = item->text(1);
    menu.addAction(u"Copy Value"_s, this, [value] { QApplication::clipboard()->setText(value); });
    menu.addSeparator();
    offerFilter(menu, filterForHeader(item->text(0), value));
    menu.exec(m_headers->viewport()->mapToGlobal(position));
}

void DetailView::showDeliveries(const QList<DeliveryResult> &deliveries)
{
    m_deliveries->clear();
    for (const DeliveryResult &d : deliveries) {
        const QString answer =
            d.ok() ? u"%1 %2"_s.arg(d.status).arg(QString::fromLatin1(d.reason)) : d.error;
        auto *item = new QTreeWidgetItem(
            { QDateTime::fromMSecsSinceEpoch(d.at).toString(u"HH:mm:ss.zzz"_s), d.kind,
              d.target.toString(QUrl::RemoveUserInfo), answer, u"%1 ms"_s.arg(d.elapsedMs) });
        QStringList detail;
        for (const auto &[name, value] : d.headers)
            detail.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
        item->setToolTip(3, detail.join(u'\n') + u"\n\n"_s + QString::fromUtf8(d.body.left(4096)));
        m_deliveries->addTopLevelItem(item);
    }
    m_tabs->setTabText(m_tabs->indexOf(m_deliveries),
                       deliveries.isEmpty() ? u"Replays"_s
                                            : u"Replays (%1)"_s.arg(deliveries.size()));
}
