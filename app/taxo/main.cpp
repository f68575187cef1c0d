#include "cli/command.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    taxo::cli::Io io{std::cout, std::cerr, true};
    return taxo::cli::run(words, io);
}
