#include "core/corpus/byte_source.h"

#include "core/corpus/prefetching_source.h"

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace taxo::corpus {
namespace {

constexpr std::size_t kArchiveBlock = std::size_t{1} << 20;

class FileSource final : public ByteSource {
public:
    FileSource(std::FILE* file, std::string path, std::uint64_t size)
        : file_(file), path_(std::move(path)), size_(size) {}
    ~FileSource() override { std::fclose(file_); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    Result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::size_t got = std::fread(buffer, 1, size, file_);
        if (got < size && std::ferror(file_))
            return makeError(path_ + ": read error: " + std::strerror(errno));
        return got;
    }
    std::uint64_t totalBytes() const override { return size_; }
    const std::string& name() const override { return path_; }

private:
    std::FILE* file_;
    std::string path_;
    std::uint64_t size_;
};

bool sameNameIgnoringCase(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

Result<ArchivePtr> openArchive(const std::string& path) {
    ArchivePtr handle(archive_read_new());
    if (!handle)
        return makeError(path + ": cannot allocate an archive reader");
    archive_read_support_format_7zip(handle.get());
    archive_read_support_filter_all(handle.get());
    if (archive_read_open_filename(handle.get(), path.c_str(), kArchiveBlock) != ARCHIVE_OK)
        return makeError(path +
                         ": cannot open as a .7z archive: " + archive_error_string(handle.get()));
    return handle;
}

std::string archiveError(archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown archive error";
}

class ArchiveEntrySource final : public ByteSource {
public:
    ArchiveEntrySource(ArchivePtr handle, std::string name, std::uint64_t size)
        : handle_(std::move(handle)), name_(std::move(name)), size_(size) {}

    Result<std::size_t> read(char* buffer, std::size_t size) override {
        const la_ssize_t got = archive_read_data(handle_.get(), buffer, size);
        if (got < 0)
            return makeError(name_ + ": cannot decompress: " + archiveError(handle_.get()));
        return static_cast<std::size_t>(got);
    }
    std::uint64_t totalBytes() const override { return size_; }
    const std::string& name() const override { return name_; }

private:
    ArchivePtr handle_;
    std::string name_;
    std::uint64_t size_;
};

} // namespace

Result<std::unique_ptr<ByteSource>> openFile(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        return makeError(path + ": is a folder, expected a file");
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return makeError(path + ": cannot open: " + std::strerror(errno));
    const auto size = std::filesystem::file_size(path, error);
    // Read where it is scanned: the kernel's copy out of the page cache is cheap in small
    // blocks (see dump_rows.cpp), and the second core stores the kept rows instead.
    return std::unique_ptr<ByteSource>(
        std::make_unique<FileSource>(file, path, error ? 0 : static_cast<std::uint64_t>(size)));
}

Result<std::vector<std::string>> listArchive(const std::string& archivePath) {
    auto handle = openArchive(archivePath);
    if (!handle)
        return handle.error();
    std::vector<std::string> names;
    archive_entry* entry = nullptr;
    while (true) {
        const int rc = archive_read_next_header(handle->get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
            return makeError(archivePath +
                             ": cannot read the archive (is it truncated or damaged?): " +
                             archiveError(handle->get()));
        const char* name = archive_entry_pathname(entry);
        names.push_back(name ? name : "");
    }
    return names;
}

Result<std::unique_ptr<ByteSource>> openArchiveEntry(const std::string& archivePath,
                                                     const std::string& entryName) {
    auto handle = openArchive(archivePath);
    if (!handle)
        return handle.error();
    archive_entry* entry = nullptr;
    while (true) {
        const int rc = archive_read_next_header(handle->get(), &entry);
        if (rc == ARCHIVE_EOF)
            return std::unique_ptr<ByteSource>();
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
            return makeError(archivePath +
                             ": cannot read the archive (is it truncated or damaged?): " +
                             archiveError(handle->get()));
        const char* fullPath = archive_entry_pathname(entry);
        const std::string name = fullPath ? fullPath : "";
        if (!sameNameIgnoringCase(name, entryName))
            continue;
        const std::uint64_t size = archive_entry_size_is_set(entry)
                                       ? static_cast<std::uint64_t>(archive_entry_size(entry))
                                       : 0;
        return prefetching(std::make_unique<ArchiveEntrySource>(std::move(*handle),
                                                                archivePath + ":" + name, size));
    }
}

} // namespace taxo::corpus
