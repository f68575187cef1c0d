// The .qdpx container: a zip written and read in memory with libarchive. Reading never
// writes an entry to disk, so an entry named ../x cannot land anywhere; it is only a name.

#include "core/exchange/qdpx.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctime>
#include <filesystem>
#include <memory>

namespace taxo::exchange {
namespace {

struct WriteDeleter {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct ReadDeleter {
    void operator()(archive* a) const { archive_read_free(a); }
};

std::string sizeText(std::uint64_t bytes) {
    return bytes >= (std::uint64_t{1} << 20) ? std::to_string(bytes >> 20) + " MiB"
                                             : std::to_string(bytes) + " bytes";
}

std::string archiveError(archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown archive error";
}

la_ssize_t appendToString(archive*, void* data, const void* buffer, size_t length) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

Status addEntry(archive* zip, const std::string& name, const std::string& bytes, std::time_t now) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        &archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_mtime(entry.get(), now, 0);
    if (archive_write_header(zip, entry.get()) != ARCHIVE_OK)
        return makeError("cannot add " + name + " to the zip: " + archiveError(zip));
    if (!bytes.empty() && archive_write_data(zip, bytes.data(), bytes.size()) !=
                              static_cast<la_ssize_t>(bytes.size()))
        return makeError("cannot add " + name + " to the zip: " + archiveError(zip));
    return {};
}

} // namespace

Result<std::string> zipQdpx(const QdpxContent& content) {
    std::unique_ptr<archive, WriteDeleter> zip(archive_write_new());
    if (!zip)
        return makeError("cannot allocate a zip writer");
    std::string out;
    if (archive_write_set_format_zip(zip.get()) != ARCHIVE_OK ||
        archive_write_open(zip.get(), &out, nullptr, appendToString, nullptr) != ARCHIVE_OK)
        return makeError("cannot start the zip: " + archiveError(zip.get()));
    const std::time_t now = std::time(nullptr);
    if (auto status = addEntry(zip.get(), "project.qde", content.projectXml, now); !status)
        return status.error();
    for (const auto& [name, text] : content.sources)
        if (auto status = addEntry(zip.get(), "sources/" + name, text, now); !status)
            return status.error();
    if (archive_write_close(zip.get()) != ARCHIVE_OK)
        return makeError("cannot finish the zip: " + archiveError(zip.get()));
    return out;
}

Result<QdpxContent> unzipQdpx(const std::string& path, const QdpxLimits& limits) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error)
        return makeError(path + ": cannot read: " + error.message());
    if (size > limits.archiveBytes)
        return makeError(path + ": the file is larger than " + sizeText(limits.archiveBytes) +
                         ", the most a .qdpx may be");
    std::unique_ptr<archive, ReadDeleter> zip(archive_read_new());
    if (!zip)
        return makeError(path + ": cannot allocate a zip reader");
    archive_read_support_format_zip(zip.get());
    if (archive_read_open_filename(zip.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        return makeError(path + ": not a zip archive (a .qdpx is one): " + archiveError(zip.get()));
    QdpxContent content;
    bool sawProject = false;
    std::uint64_t total = 0;
    std::size_t entries = 0;
    archive_entry* entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(zip.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return makeError(path + ": broken zip after " + std::to_string(entries) +
                             " entries: " + archiveError(zip.get()));
        if (++entries > limits.entries)
            return makeError(path + ": more than " + std::to_string(limits.entries) +
                             " entries in the zip");
        const char* raw = archive_entry_pathname(entry);
        const std::string name = raw ? raw : "";
        const bool isProject = name == "project.qde";
        const bool isSource = name.rfind("sources/", 0) == 0 && name.size() > 8 &&
                              archive_entry_filetype(entry) == AE_IFREG;
        if (!isProject && !isSource)
            continue;
        const std::uint64_t cap = isProject ? limits.qdeBytes : limits.sourceBytes;
        std::string bytes;
        char buffer[1 << 16];
        for (;;) {
            const auto got = archive_read_data(zip.get(), buffer, sizeof buffer);
            if (got < 0)
                return makeError(path + ": " + name +
                                 ": broken zip entry: " + archiveError(zip.get()));
            if (got == 0)
                break;
            bytes.append(buffer, static_cast<std::size_t>(got));
            total += static_cast<std::uint64_t>(got);
            if (bytes.size() > cap)
                return makeError(path + ": " + name + " unpacks to more than " + sizeText(cap) +
                                 ", the most Taxonomist reads");
            if (total > limits.totalBytes)
                return makeError(path + ": the entries unpack to more than " +
                                 sizeText(limits.totalBytes));
        }
        if (isProject) {
            if (sawProject)
                return makeError(path + ": two entries named project.qde");
            sawProject = true;
            content.projectXml = std::move(bytes);
        } else {
            content.sources[name.substr(8)] = std::move(bytes);
        }
    }
    if (!sawProject)
        return makeError(path + ": no project.qde in the zip; a .qdpx holds one at its top level");
    return content;
}

} // namespace taxo::exchange
