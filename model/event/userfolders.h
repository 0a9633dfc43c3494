#pragma once

#include <QString>

// Where Hookscope keeps the user's files, in the XDG layout users expect:
// sessions in ~/.local/share/hookscope/sessions/, secrets in ~/.config/hookscope/secrets.json.
// The folder is named after the application (so tests that set another name stay apart).
// Releases before 0.2 doubled the folder (…/hookscope/hookscope/) because Qt's App*Location
// appends both the organisation and the application name; files there are still read.
namespace UserFolders {
QString data(); // ~/.local/share/hookscope
QString config(); // ~/.config/hookscope
QString sessions(); // data()/sessions
QString secretsFile(); // config()/secrets.json: where secrets are saved
// The file to read saved secrets from: secretsFile(), or the one in the old doubled folder
// while only that one exists.
QString secretsFileToRead();
QString legacySessions(); // the old doubled sessions folder
} // namespace UserFolders
