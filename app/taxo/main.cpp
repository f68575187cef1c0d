#include "cli/command.h"

#ifdef TAXONOMIST_WITH_RENDERER
#include "ui/results/figure_render.h"
#endif

#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    taxo::cli::Io io{std::cout, std::cerr, true};
    io.progressIsTerminal = isatty(STDERR_FILENO) == 1;
#ifdef TAXONOMIST_WITH_RENDERER
    // PNG and PDF need Qt, which core and the command line library do not link.
    io.renderFigure = &taxo::ui::renderFigure;
#endif
    return taxo::cli::run(words, io);
}
