#include "loopbackcapture.h"

#include "analysis/analyzer.h"

CaptureOptions loopbackCaptureOptions(const QString &sessionPath)
{
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = sessionPath;
    options.analyzer = std::make_shared<Analyzer>(SchemaRegistry::withBundledCatalog());
    return options;
}
