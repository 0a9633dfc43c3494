#include "jsonprettyprinter.h"

namespace {
class Printer
{
public:
    Printer(const JsonDocument &document, int indent)
        : m_document(document)
        , m_indent(indent)
    { }

    QByteArray run(int root)
    {
        const int end = m_document.node(root).end;
        for (int id = root; id < end; ++id) {
            closeUntil(id);
            separate(id, root);
            value(id, root);
        }
        closeUntil(end);
        return m_out;
    }

private:
    void newline(qsizetype depth)
    {
        if (m_indent == 0)
            return;
        m_out += '\n';
        m_out.append(depth * m_indent, ' ');
    }

    void separate(int id, int root)
    {
        if (id == root)
            return;
        if (m_document.node(id).row > 0)
            m_out += ',';
        newline(qsizetype(m_open.size()));
    }

    void value(int id, int root)
    {
        const JsonDocument::Node &node = m_document.node(id);
        if (m_document.isMember(id) && id != root) { // a member printed alone is its value
            m_out += m_document.rawKey(id);
            m_out += m_indent == 0 ? ":" : ": ";
        }
        if (!m_document.isContainer(id)) {
            m_out += m_document.raw(id);
            return;
        }
        const bool object = node.type == JsonDocument::Type::Object;
        if (node.count == 0) {
            m_out += object ? "{}" : "[]";
            return;
        }
        m_out += object ? '{' : '[';
        m_open.push_back(id);
    }

    void closeUntil(int id)
    {
        while (!m_open.empty() && m_document.node(m_open.back()).end <= id) {
            const bool object = m_document.type(m_open.back()) == JsonDocument::Type::Object;
            m_open.pop_back();
            newline(qsizetype(m_open.size()));
            m_out += object ? '}' : ']';
        }
    }

    const JsonDocument &m_document;
    const int m_indent;
    std::vector<int> m_open;
    QByteArray m_out;
};
} // namespace

QByteArray JsonPrettyPrinter::print(const JsonDocument &document, int id, int indent)
{
    if (!document.isValid())
        return {};
    return Printer(document, indent).run(id);
}
