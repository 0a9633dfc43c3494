#include "headercodec.h"

#include <QtEndian>

namespace {
void appendField(QByteArray &out, const QByteArray &field)
{
    const quint32 size = qToBigEndian(quint32(field.size()));
    out.append(reinterpret_cast<const char *>(&size), sizeof size);
    out.append(field);
}

bool readField(const QByteArray &blob, qsizetype &pos, QByteArray &field)
{
    if (blob.size() - pos < qsizetype(sizeof(quint32)))
        return false;
    const quint32 size = qFromBigEndian<quint32>(blob.constData() + pos);
    pos += sizeof(quint32);
    if (blob.size() - pos < qsizetype(size))
        return false;
    field = blob.mid(pos, size);
    pos += size;
    return true;
}
} // namespace

QByteArray HeaderCodec::encode(const HeaderList &headers)
{
    QByteArray out;
    encodeInto(out, headers);
    return out;
}

void HeaderCodec::encodeInto(QByteArray &out, const HeaderList &headers)
{
    out.resize(0);
    for (const auto &[name, value] : headers) {
        appendField(out, name);
        appendField(out, value);
    }
}

HeaderList HeaderCodec::decode(const QByteArray &blob)
{
    HeaderList headers;
    qsizetype pos = 0;
    QByteArray name, value;
    while (readField(blob, pos, name) && readField(blob, pos, value))
        headers.append({ name, value });
    return headers;
}
