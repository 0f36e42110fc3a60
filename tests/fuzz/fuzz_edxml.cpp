// libFuzzer target for the edXML codec: whatever the bytes, the reader answers with a packet or an error and
// never crashes, hangs or runs out of bounds; what it accepts, the writer writes and the reader reads back
// as the same packet.
#include "exchange/edxml/EdxmlReader.h"
#include "exchange/edxml/EdxmlWriter.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace govdesk::exchange::edxml;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Smaller bounds than a real client, so a single input cannot exhaust the fuzzer's memory limit.
    static const Limits limits = [] {
        Limits l;
        l.maxPacketBytes = 8 << 20;
        l.maxAttachmentBytes = 16 << 20;
        l.maxTotalAttachmentBytes = 64 << 20;
        return l;
    }();
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto packet = EdxmlReader::parse(input, limits);
    if (!packet) {
        // The message must be buildable in both languages.
        if (packet.error().code().isEmpty() || packet.error().english().isEmpty())
            std::abort();
        return 0;
    }
    (void)validate(packet.value());
    (void)packet->toJson();
    WriteOptions options;
    options.zipTime = QDateTime(QDate(2026, 1, 5), QTime(8, 30));
    auto written = EdxmlWriter::write(packet.value(), options);
    if (!written)
        return 0; // a kept signature that is not well-formed on its own
    Limits roomy = limits;
    roomy.maxPacketBytes = 64 << 20; // zipping may make a packet of tiny attachments a little larger
    auto again = EdxmlReader::parse(written.value(), roomy);
    if (!again) {
        std::fprintf(stderr, "written packet unreadable: %s\n", qPrintable(again.error().english()));
        std::abort();
    }
    if (!(again.value() == packet.value())) {
        std::fprintf(stderr, "round trip differs: %s\n",
                     qPrintable(firstDifference(packet.value(), again.value())));
        std::abort();
    }
    return 0;
}
