// Reads a dump file the way the import does, with the dump scanner and with expat, and
// prints the throughput of each in user CPU time (the machine is shared, so wall time
// is noisy). The scanner's handler does the import's filtering work: it reads the raw
// PostTypeId and Tags of every row and decodes Body for one row in twenty.
//
// scanner_bench FILE [--root posts] [--only scanner|expat] [--repeat N]

#include "core/corpus/dump_scanner.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <expat.h>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;

double userSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec) / 1e6;
}

struct Outcome {
    bool ok = true;
    std::string error;
    std::uint64_t bytes = 0, rows = 0, checksum = 0;
    double user = 0, wall = 0;
};

// Calls `consume` with each 1 MiB chunk of the file, as the import reads it.
template <typename Consume> bool readChunks(const char* path, Outcome& outcome, Consume consume) {
    const int fd = ::open(path, O_RDONLY);
    if (fd < 0) {
        outcome.ok = false;
        outcome.error = std::string(path) + ": " + std::strerror(errno);
        return false;
    }
    std::vector<char> buffer(kChunk);
    while (true) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n <= 0)
            break;
        outcome.bytes += static_cast<std::uint64_t>(n);
        if (!consume(buffer.data(), static_cast<std::size_t>(n), false))
            break;
    }
    ::close(fd);
    return consume(buffer.data(), 0, true);
}

Outcome runScanner(const char* path, const std::string& root) {
    Outcome outcome;
    std::string scratch;
    taxo::corpus::DumpScanner scanner(
        {path, root}, [&](const taxo::corpus::RowView& row) -> taxo::Status {
            const std::string_view type = row.raw("PostTypeId");
            const std::string_view tags = row.raw("Tags");
            outcome.checksum += type.size() + tags.size();
            if (outcome.rows++ % 20 == 0)
                if (const auto* body = row.find("Body"))
                    outcome.checksum += taxo::corpus::RowView::decoded(*body, scratch).size();
            return {};
        });
    const auto wall = std::chrono::steady_clock::now();
    const double user = userSeconds();
    readChunks(path, outcome, [&](const char* data, std::size_t size, bool last) {
        taxo::Status status = last ? scanner.finish() : scanner.feed({data, size});
        if (!status) {
            outcome.ok = false;
            outcome.error = status.message();
        }
        return status.ok();
    });
    outcome.user = userSeconds() - user;
    outcome.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    return outcome;
}

void XMLCALL onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* outcome = static_cast<Outcome*>(data);
    if (std::strcmp(name, "row") != 0)
        return;
    ++outcome->rows;
    for (const XML_Char** a = attributes; *a; a += 2)
        if (std::strcmp(a[0], "PostTypeId") == 0 || std::strcmp(a[0], "Tags") == 0)
            outcome->checksum += std::strlen(a[1]);
}

Outcome runExpat(const char* path) {
    Outcome outcome;
    XML_Parser parser = XML_ParserCreate(nullptr);
    XML_SetUserData(parser, &outcome);
    XML_SetStartElementHandler(parser, onStart);
    const auto wall = std::chrono::steady_clock::now();
    const double user = userSeconds();
    readChunks(path, outcome, [&](const char* data, std::size_t size, bool last) {
        if (XML_Parse(parser, data, static_cast<int>(size), last) == XML_STATUS_OK)
            return true;
        outcome.ok = false;
        outcome.error = XML_ErrorString(XML_GetErrorCode(parser));
        return false;
    });
    outcome.user = userSeconds() - user;
    outcome.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    XML_ParserFree(parser);
    return outcome;
}

void print(const char* name, const Outcome& o) {
    if (!o.ok) {
        std::printf("%-8s FAILED: %s\n", name, o.error.c_str());
        return;
    }
    const double mb = static_cast<double>(o.bytes) / 1e6;
    std::printf("%-8s %10.1f MB %10llu rows  user %7.3f s  %8.1f MB/s user  wall %7.3f s  "
                "%8.1f MB/s wall  (checksum %llu)\n",
                name, mb, static_cast<unsigned long long>(o.rows), o.user, mb / o.user, o.wall,
                mb / o.wall, static_cast<unsigned long long>(o.checksum));
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: scanner_bench FILE [--root posts] [--only scanner|expat] "
                             "[--repeat N]\n");
        return 2;
    }
    std::string root = "posts", only;
    int repeat = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--root")
            root = argv[i + 1];
        else if (arg == "--only")
            only = argv[i + 1];
        else if (arg == "--repeat")
            repeat = std::atoi(argv[i + 1]);
    }
    bool ok = true;
    for (int r = 0; r < repeat; ++r) {
        if (only.empty() || only == "scanner") {
            const Outcome o = runScanner(argv[1], root);
            print("scanner", o);
            ok = ok && o.ok;
        }
        if (only.empty() || only == "expat") {
            const Outcome o = runExpat(argv[1]);
            print("expat", o);
            ok = ok && o.ok;
        }
    }
    return ok ? 0 : 1;
}
