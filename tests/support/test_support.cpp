#include "tests/support/test_support.h"

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace taxo::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("taxonomist-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
             "-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
}

std::string fixture(const std::string& name) {
    return std::string(TAXONOMIST_TEST_DATA) + "/" + name;
}

std::optional<std::filesystem::path> stackExchangeSample(const std::string& site) {
    const std::filesystem::path path =
        std::filesystem::path(TAXONOMIST_SHARED_DATA) / "stackexchange" / site;
    std::error_code error;
    if (!std::filesystem::is_directory(path, error))
        return std::nullopt;
    return path;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace taxo::test
