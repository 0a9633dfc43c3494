#pragma once

#include "event/event.h"

// A JSON array of objects, about BYTES long, as a loaded file is stored (Origin::Loaded), sent to
// TARGET. Item CHANGEDITEM (when >= 0) has another amount, so two such events differ there.
Event largeJsonEvent(const QByteArray &target, qsizetype bytes, qsizetype changedItem = -1);
