#include "results/figure_renderer.h"

#include <atomic>

namespace taxo::results {
namespace {
std::atomic<FigureRenderer> registered{nullptr};
} // namespace

void setFigureRenderer(FigureRenderer renderer) {
    registered.store(renderer);
}

FigureRenderer figureRenderer() {
    return registered.load();
}

} // namespace taxo::results
