// Decompresses every entry of an archive through libarchive and throws the bytes
// away: the floor that an import from a .7z archive is compared with.

#include <archive.h>
#include <archive_entry.h>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: archive_read_bench ARCHIVE\n");
        return 2;
    }
    archive* reader = archive_read_new();
    archive_read_support_format_all(reader);
    archive_read_support_filter_all(reader);
    if (archive_read_open_filename(reader, argv[1], 1 << 20) != ARCHIVE_OK) {
        std::fprintf(stderr, "%s: %s\n", argv[1], archive_error_string(reader));
        return 1;
    }
    std::vector<char> buffer(1 << 20);
    unsigned long long total = 0;
    archive_entry* entry = nullptr;
    while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
        for (;;) {
            const la_ssize_t n = archive_read_data(reader, buffer.data(), buffer.size());
            if (n < 0) {
                std::fprintf(stderr, "%s: %s\n", argv[1], archive_error_string(reader));
                return 1;
            }
            if (n == 0)
                break;
            total += static_cast<unsigned long long>(n);
        }
    }
    archive_read_free(reader);
    std::printf("%llu\n", total);
    return 0;
}
