#pragma once
// A zip of exactly the entries given (libarchive), for .qdpx files the export would never
// write: hand-written ones in the shapes of other tools, and broken ones.

#include <archive.h>
#include <archive_entry.h>
#include <string>
#include <utility>
#include <vector>

namespace taxo::test {

inline std::string zipOf(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out;
    auto* zip = archive_write_new();
    archive_write_set_format_zip(zip);
    archive_write_open(
        zip, &out, nullptr,
        [](archive*, void* data, const void* buffer, size_t length) -> la_ssize_t {
            static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
            return static_cast<la_ssize_t>(length);
        },
        nullptr);
    for (const auto& [name, bytes] : entries) {
        auto* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
        archive_write_header(zip, entry);
        archive_write_data(zip, bytes.data(), bytes.size());
        archive_entry_free(entry);
    }
    archive_write_close(zip);
    archive_write_free(zip);
    return out;
}

} // namespace taxo::test
