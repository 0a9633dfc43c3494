#pragma once

#include "event/bodyinspector.h"

#include <QJsonDocument>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QToolButton;
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
    // The next (or previous) occurrence of TEXT, wrapping around; selects it. False when none.
    // REFINE (the text was just typed further): the match may start where the last one did.
    bool find(const QString &text, bool backward, bool refine = false);
    // Beyond the preview limits: the whole body, however large (the user asked for it).
    void showAll();
    bool isCut() const;
    // Writes the exact bytes to PATH; an error naming the file, or {}.
    QString saveTo(const QString &path) const;
    void setWordWrap(bool on);
    QPlainTextEdit *textEdit() const { return m_text; }

    static QString hexDump(const QByteArray &bytes, qsizetype limit);
    static constexpr qsizetype kTextLimit = 2 * 1024 * 1024;
    static constexpr qsizetype kHexLimit = 256 * 1024;

private:
    void render();
    void saveDialog();
    qsizetype limitFor(qsizetype limit) const { return m_showAll ? m_body.size() : limit; }

    QByteArray m_body;
    QJsonDocument m_json; // the parsed body, when it is JSON
    QComboBox *m_mode; // owned through QObject parenting
    QLabel *m_note; // owned through QObject parenting
    QPlainTextEdit *m_text; // owned through QObject parenting
    QToolButton *m_showAllButton; // shown while the body is cut
    QCheckBox *m_wrap;
    bool m_showAll = false; // for this body; the next one starts cut again
};
