#include "schemasdialog.h"

#include "schema/eventexample.h"

#include "models/knowneventsmodel.h"
#include "models/modelroles.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SchemasDialog::SchemasDialog(const SchemaRegistry &registry, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_model(new KnownEventsModel(registry, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_details(new QLabel(this))
    , m_filter(new QPushButton(u"&Filter to This Type"_s, this))
    , m_copyExample(new QPushButton(u"&Copy Example Payload"_s, this))
{
    setWindowTitle(u"Known Events"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_search->setPlaceholderText(u"Search events, fields and descriptions"_s);
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(KnownEventsModel::NameColumn, 300);
    m_tree->header()->resizeSection(KnownEventsModel::TypeColumn, 200);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SchemasDialog::showCurrent);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.parent().isValid())
            filterToType();
    });
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_filter, QDialogButtonBox::ActionRole);
    buttons->addButton(m_copyExample, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QPushButton::clicked, this, &SchemasDialog::filterToType);
    connect(m_copyExample, &QPushButton::clicked, this, &SchemasDialog::copyExample);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_details);
    layout->addWidget(buttons);
    resize(1000, 640);
    showCurrent();
}

QString SchemasDialog::currentEventType() const
{
    return m_tree->currentIndex().data(ModelRoles::EventTypeRole).toString();
}

// What `hookscope example` prints: the documented example when it validates, else one built
// from the schema, so that what is copied is always a payload the event's schema accepts.
QString SchemasDialog::exampleText(const QString &eventType) const
{
    const QJsonValue example = exampleFor(m_registry, eventType).payload;
    if (example.isObject())
        return QString::fromUtf8(QJsonDocument(example.toObject()).toJson());
    if (example.isArray())
        return QString::fromUtf8(QJsonDocument(example.toArray()).toJson());
    return example.isUndefined() ? QString() : FieldDoc::jsonText(example);
}

// The event's facts; for its example, whether it is valid against the schema it documents (the
// seed's IDENTIFICATION example is not: its status is outside its own enum).
QString SchemasDialog::eventDetails(const QString &eventType) const
{
    QString text = u"%1 (URL key %2), from %3\n%4"_s.arg(eventType, m_registry.urlKey(eventType),
                                                         m_registry.sourceOf(eventType),
                                                         m_registry.description(eventType));
    // Keywords of the schema's dialect that validation cannot check, with their pointers.
    if (const QStringList unenforced = m_registry.unenforced(eventType); !unenforced.isEmpty())
        text += u"\nNot enforced: "_s + unenforced.join(u", "_s);
    const QJsonValue example = m_registry.example(eventType);
    if (example.isUndefined())
        return text
            + u"\nNo documented example payload; Copy Example Payload builds one from the schema."_s;
    QStringList problems;
    for (const Violation &v : m_registry.validate(eventType, example)) {
        if (v.severity == Severity::Error)
            problems.append(u"%1 %2"_s.arg(v.pointer, v.message));
    }
    return text
        + (problems.isEmpty()
               ? u"\nThe documented example payload is valid."_s
               : u"\nThe documented example payload is NOT valid against this schema: "_s
                   + problems.join(u"; "_s)
                   + u"\nCopy Example Payload copies one built from the schema instead."_s);
}

void SchemasDialog::showCurrent()
{
    const QModelIndex index = m_tree->currentIndex();
    const QString eventType = currentEventType();
    m_filter->setEnabled(!eventType.isEmpty());
    m_copyExample->setEnabled(!eventType.isEmpty()
                              && !exampleFor(m_registry, eventType).payload.isUndefined());
    if (eventType.isEmpty()) {
        m_details->setText(
            u"%1 known event types. Select one to see its fields."_s.arg(m_model->rowCount()));
        return;
    }
    m_details->setText(index.parent().isValid() ? index.data(ModelRoles::PointerRole).toString()
                               + u": "_s + index.data(ModelRoles::DocumentationRole).toString()
                                                : eventDetails(eventType));
}

void SchemasDialog::copyExample()
{
    const QString text = exampleText(currentEventType());
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void SchemasDialog::filterToType()
{
    const QString eventType = currentEventType();
    if (eventType.isEmpty())
        return;
    Q_EMIT filterToTypeRequested(eventType);
    accept();
}
