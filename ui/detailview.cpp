#include "detailview.h"

#include "bodyview.h"
#include "event/bodyinspector.h"
#include "filter/filtercompletion.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include "severitydelegate.h"
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QJsonValue>
#include <QMenu>

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DetailView::DetailView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_fieldsModel(new JsonTreeModel(this))
    , m_fieldsView(new QTreeView(this))
    , m_fieldsNote(new QLabel(this))
    , m_headers(new QTreeWidget(this))
    , m_raw(new BodyView(this))
    , m_response(new BodyView(this))
    , m_signature(new QPlainTextEdit(this))
    , m_deliveries(new QTreeWidget(this))
{
    m_deliveries->setHeaderLabels({ u"When"_s, u"Kind"_s, u"Target"_s, u"Answer"_s, u"Time"_s });
    m_deliveries->setRootIsDecorated(false);
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
    layout->addWidget(m_tabs, 1);
    clear();
}

QWidget *DetailView::createFieldsTab()
{
    auto *tab = new QWidget(this);
    m_fieldsView->setModel(m_fieldsModel);
    m_fieldsView->setUniformRowHeights(true);
    m_fieldsView->setItemDelegate(new SeverityDelegate(m_fieldsView));
    m_fieldsView->setAlternatingRowColors(true);
    m_fieldsView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_fieldsView, &QWidget::customContextMenuRequested, this, &DetailView::showFieldMenu);
    m_fieldsView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_fieldsView->header()->resizeSection(JsonTreeModel::KeyColumn, 240);
    m_fieldsView->header()->resizeSection(JsonTreeModel::ValueColumn, 320);
    m_fieldsView->header()->resizeSection(JsonTreeModel::TypeColumn, 80);
    m_fieldsNote->setWordWrap(true);
    m_fieldsNote->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsNote);
    layout->addWidget(m_fieldsView, 1);
    return tab;
}

void DetailView::clear()
{
    m_summary->setText(u"Select an event to see its fields, headers and bytes."_s);
    m_fieldsModel->clear();
    m_fieldsNote->hide();
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
        ? u"loaded from %1"_s.arg(event.sourceFile)
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
    const int rows = std::min(m_fieldsModel->rowCount(), 200);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_fieldsModel->index(row, JsonTreeModel::TypeColumn);
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
    // The tree shows objects and arrays; a bare scalar is read in Raw.
    m_fieldsModel->setDocument(body.scalarRoot ? QJsonDocument() : body.json, analysis.violations);
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
    QByteArray response = "HTTP/1.1 "_ba + QByteArray::number(event.response.status) + "\n"_ba;
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
    menu.addAction(u"Copy Value"_s, this, [index] {
        QApplication::clipboard()->setText(
            index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString());
    });
    menu.addAction(u"Copy JSON Pointer"_s, this,
                   [pointer] { QApplication::clipboard()->setText(pointer); });
    if (value.isValid()) {
        menu.addSeparator();
        offerFilter(menu, filterForJsonPointer(pointer, QJsonValue::fromVariant(value)));
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
