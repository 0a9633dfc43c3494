#pragma once

#include "event/bodyinspector.h"

#include <QJsonDocument>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;

// A body's bytes, shown as what they are: exact text, pretty JSON, or a hex dump. Very large
// bodies are cut for display (the bytes themselves are never altered).
class BodyView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Text, PrettyJson, Hex };

    explicit BodyView(QWidget *parent = nullptr);
    void setBody(const QByteArray &body, const QString &note = {});
    // The same for a body already inspected, so a large JSON body is not parsed again.
    void setBody(const QByteArray &body, const BodyInspection &inspection, const QString &note);
    Mode mode() const;
    QString shownText() const;

    static QString hexDump(const QByteArray &bytes, qsizetype limit);
    static constexpr qsizetype kTextLimit = 2 * 1024 * 1024;
    static constexpr qsizetype kHexLimit = 256 * 1024;

private:
    void render();

    QByteArray m_body;
    // the body as sent, when it is JSON: Pretty re-indents it and changes nothing else
    std::shared_ptr<const JsonDocument> m_document;
    QComboBox *m_mode; // owned through QObject parenting
    QLabel *m_note; // owned through QObject parenting
    QPlainTextEdit *m_text; // owned through QObject parenting
};
