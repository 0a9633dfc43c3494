#include "documentreader.h"

#include "exactnumbers.h"
#include "jsonpointer.h"
#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace {

// YAML 1.2 core schema resolution of plain (untagged, unquoted) scalars.
QJsonValue plainScalar(const QString &text)
{
    if (text.size() > 1024) {
        return QJsonValue(text); // no null, bool or sensible number is this long: skip five scans
    }
    static const QRegularExpression nullRe(u"^(~|null|Null|NULL|)$"_s);
    static const QRegularExpression trueRe(u"^(true|True|TRUE)$"_s);
    static const QRegularExpression falseRe(u"^(false|False|FALSE)$"_s);
    static const QRegularExpression intRe(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression floatRe(
        u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
    if (nullRe.match(text).hasMatch()) {
        return QJsonValue(QJsonValue::Null);
    }
    if (trueRe.match(text).hasMatch() || falseRe.match(text).hasMatch()) {
        return QJsonValue(text.front().toLower() == u't');
    }
    bool ok = false;
    if (intRe.match(text).hasMatch()) {
        const qint64 value = text.toLongLong(&ok);
        if (ok) {
            return QJsonValue(value);
        }
    }
    if (floatRe.match(text).hasMatch()) {
        const double value = text.toDouble(&ok);
        if (ok) {
            return QJsonValue(value);
        }
    }
    return QJsonValue(text);
}

QJsonValue taggedScalar(const std::string &tag, const QString &text)
{
    if (tag == "!" || tag == "tag:yaml.org,2002:str") {
        return QJsonValue(text);
    }
    return plainScalar(text);
}

// Converts depth-first with explicit limits: aliases can make a YAML graph exponentially
// large or cyclic, and a hostile file must not exhaust the stack.
class YamlConverter
{
public:
    std::optional<QJsonValue> convert(const YAML::Node &node, const QString &pointer, int depth)
    {
        if (++m_nodes > DocumentReader::maxNodes) {
            m_error = u"more than %1 nodes (after expanding aliases) at %2"_s
                          .arg(DocumentReader::maxNodes)
                          .arg(pointer.isEmpty() ? u"/"_s : pointer);
            return std::nullopt;
        }
        if (depth > DocumentReader::maxDepth) {
            m_error =
                u"nesting deeper than %1 levels at %2"_s.arg(DocumentReader::maxDepth).arg(pointer);
            return std::nullopt;
        }
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return QJsonValue(QJsonValue::Null);
        case YAML::NodeType::Scalar:
            if (!countBytes(node.Scalar().size(), pointer)) {
                return std::nullopt;
            }
            return taggedScalar(node.Tag(), QString::fromStdString(node.Scalar()));
        case YAML::NodeType::Sequence:
            return convertSequence(node, pointer, depth);
        case YAML::NodeType::Map:
            return convertMap(node, pointer, depth);
        }
        return QJsonValue(QJsonValue::Null);
    }

    QString error() const { return m_error; }

private:
    std::optional<QJsonValue> convertSequence(const YAML::Node &node, const QString &pointer,
                                              int depth)
    {
        QJsonArray array;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const auto item =
                convert(node[i], JsonPointer::append(pointer, qsizetype(i)), depth + 1);
            if (!item) {
                return std::nullopt;
            }
            array.append(*item);
        }
        return array;
    }

    std::optional<QJsonValue> convertMap(const YAML::Node &node, const QString &pointer, int depth)
    {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) {
                m_error = u"a mapping key that is not a scalar at %1"_s.arg(
                    pointer.isEmpty() ? u"/"_s : pointer);
                return std::nullopt;
            }
            if (!countBytes(it->first.Scalar().size(), pointer)) {
                return std::nullopt;
            }
            const QString key = QString::fromStdString(it->first.Scalar());
            const auto value = convert(it->second, JsonPointer::append(pointer, key), depth + 1);
            if (!value) {
                return std::nullopt;
            }
            object.insert(key, *value);
            if (ExactNumbers::isNumericKeyword(key)) {
                if (const QJsonValue exact = exactText(it->second, *value); !exact.isUndefined()) {
                    object.insert(ExactNumbers::annotationKey(key), exact);
                }
            }
        }
        return object;
    }

    // The JSON text of a numeric keyword's VALUE (read from NODE) when a plain scalar in it
    // reads as a number a double does not hold (ExactNumbers), else Undefined.
    static QJsonValue exactText(const YAML::Node &node, const QJsonValue &value)
    {
        bool lossy = false;
        const QByteArray text = exactJson(node, value, lossy);
        return lossy ? QJsonValue(QString::fromUtf8(text)) : QJsonValue(QJsonValue::Undefined);
    }

    static QByteArray exactJson(const YAML::Node &node, const QJsonValue &value, bool &lossy)
    {
        if (value.isDouble() && node.IsScalar()
            && ExactNumbers::isLossy(QByteArray::fromStdString(node.Scalar()))) {
            lossy = true;
            return QByteArray::fromStdString(node.Scalar());
        }
        QByteArray out;
        if (node.IsSequence() && value.isArray()) {
            out.append('[');
            for (std::size_t i = 0; i < node.size(); ++i) {
                out.append(i > 0 ? "," : "");
                out.append(exactJson(node[i], value[qsizetype(i)], lossy));
            }
            out.append(']');
        } else if (node.IsMap() && value.isObject()) {
            const QJsonObject object = value.toObject();
            out.append('{');
            for (auto it = node.begin(); it != node.end(); ++it) {
                const QString key = QString::fromStdString(it->first.Scalar());
                out.append(it != node.begin() ? "," : "");
                JsonWriter::appendString(out, key);
                out.append(':');
                out.append(exactJson(it->second, object.value(key), lossy));
            }
            out.append('}');
        } else {
            JsonWriter::append(out, value);
        }
        return out;
    }

    bool countBytes(std::size_t bytes, const QString &pointer)
    {
        m_bytes += qsizetype(bytes);
        if (m_bytes <= DocumentReader::maxExpandedBytes) {
            return true;
        }
        m_error = u"more than %1 MiB of keys and values (after expanding aliases) at %2; "
                  "refused to bound memory"_s.arg(DocumentReader::maxExpandedBytes / (1024 * 1024))
                      .arg(pointer.isEmpty() ? u"/"_s : pointer);
        return false;
    }

    qsizetype m_nodes = 0;
    qsizetype m_bytes = 0;
    QString m_error;
};

} // namespace

ParsedDocument DocumentReader::read(const QByteArray &bytes)
{
    if (bytes.trimmed().isEmpty()) {
        return { {}, u"the file is empty"_s };
    }
    if (bytes.size() > maxFileBytes) {
        return { {}, tooLarge(bytes.size()) };
    }
    return looksLikeJson(bytes) ? readJson(bytes) : readYaml(bytes);
}

QString DocumentReader::tooLarge(qint64 bytes)
{
    return u"%1 bytes; schema files are read up to %2 MiB (the memory budget)"_s.arg(bytes).arg(
        maxFileBytes / (1024 * 1024));
}

bool DocumentReader::looksLikeJson(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(64).trimmed();
    return head.startsWith('{') || head.startsWith('[');
}

ParsedDocument DocumentReader::readJson(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt 6.4 may place the error past the end (an unterminated string at the end).
        const qsizetype offset = qMin(qsizetype(error.offset), bytes.size());
        return { {}, u"invalid JSON at byte offset %1: %2"_s.arg(offset).arg(error.errorString()) };
    }
    const QJsonValue root =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    return { ExactNumbers::annotate(root, bytes), {} };
}

ParsedDocument DocumentReader::readYaml(const QByteArray &bytes)
{
    YAML::Node node;
    try {
        node = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception &e) {
        return { {},
                 u"invalid YAML at line %1, column %2: %3"_s.arg(e.mark.line + 1)
                     .arg(e.mark.column + 1)
                     .arg(QString::fromStdString(e.msg)) };
    }
    YamlConverter converter;
    std::optional<QJsonValue> root;
    try {
        root = converter.convert(node, QString(), 0);
    } catch (const YAML::Exception &e) {
        return { {}, u"invalid YAML: %1"_s.arg(QString::fromStdString(e.msg)) };
    }
    if (!root) {
        return { {}, converter.error() };
    }
    return { *root, {} };
}
