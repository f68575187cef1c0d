#include "cli/command.h"

#ifdef TAXONOMIST_WITH_RENDERER
#include "results/figure_render.h"
#endif

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
#ifdef TAXONOMIST_WITH_RENDERER
    // PNG and PDF need Qt; core's export command calls whatever is registered here.
    taxo::results::setFigureRenderer(&taxo::ui::renderFigure);
#endif
    std::vector<std::string> words(argv + 1, argv + argc);
    taxo::cli::Io io{std::cout, std::cerr, true};
    return taxo::cli::run(words, io);
}
