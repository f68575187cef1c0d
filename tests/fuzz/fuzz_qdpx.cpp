// libFuzzer target: the project.qde of a REFI-QDA project (.qdpx) parsed and mapped to an
// exchange document, as `taxo import NEW.taxo FILE.qdpx` does before anything is stored.
// .qdpx files come from other tools (QualCoder, ATLAS.ti, MAXQDA, NVivo) and other people.
// The input is project.qde; one source text, sources/a.txt, is always there to be named.
#include "core/exchange/qdpx.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    taxo::exchange::QdpxContent content;
    content.projectXml.assign(reinterpret_cast<const char*>(data), size);
    content.sources["a.txt"] = "h\xC3\xA9llo, world\n";
    auto document = taxo::exchange::qdpxToDocument(content, "fuzz.qdpx");
    // What is accepted is a document of the exchange format.
    if (document && (!document->is_object() || (*document)["format"] != "taxonomist"))
        std::abort();
    return 0;
}
