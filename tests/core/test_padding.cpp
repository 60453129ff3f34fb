// The padding rules by hand on a 4-sample signal, and their gradient fold-back.
#include <catch2/catch.hpp>
#include <vector>

#include "core/padding.hpp"

using namespace convpool;

namespace {
Conv1dGeometry geometry(int64_t n, int64_t left, int64_t right, PaddingMode mode) {
  Conv1dGeometry g{};
  g.in_channels = 1;
  g.in_length = n;
  g.pad_left = left;
  g.pad_right = right;
  g.padded_length = n + left + right;
  g.padding_mode = mode;
  return g;
}
std::vector<double> padded(const Conv1dGeometry& g, const std::vector<double>& x) {
  std::vector<double> out(g.padded_length);
  pad_forward(out.data(), x.data(), g);
  return out;
}
}  // namespace

TEST_CASE("each padding mode fills the border as PyTorch's F.pad does", "[padding]") {
  const std::vector<double> x{1, 2, 3, 4};
  using V = std::vector<double>;
  CHECK(padded(geometry(4, 2, 2, PaddingMode::zeros), x) == V{0, 0, 1, 2, 3, 4, 0, 0});
  CHECK(padded(geometry(4, 2, 2, PaddingMode::reflect), x) == V{3, 2, 1, 2, 3, 4, 3, 2});
  CHECK(padded(geometry(4, 2, 2, PaddingMode::replicate), x) == V{1, 1, 1, 2, 3, 4, 4, 4});
  CHECK(padded(geometry(4, 2, 2, PaddingMode::circular), x) == V{3, 4, 1, 2, 3, 4, 1, 2});
  CHECK(padded(geometry(4, 4, 4, PaddingMode::circular), x) == V{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4});
}

TEST_CASE("padding backward hands each copy's gradient to the sample it copied", "[padding][gradient]") {
  // Gradient 1 on every padded cell: each sample collects 1 + the number of its copies.
  using V = std::vector<double>;
  auto fold = [](PaddingMode mode) {
    const auto g = geometry(4, 2, 2, mode);
    V ones(g.padded_length, 1.0), grad(4);
    pad_backward(grad.data(), ones.data(), g);
    return grad;
  };
  CHECK(fold(PaddingMode::zeros) == V{1, 1, 1, 1});
  CHECK(fold(PaddingMode::reflect) == V{1, 3, 3, 1});  // copies of x[2], x[1] on the left and on the right
  CHECK(fold(PaddingMode::replicate) == V{3, 1, 1, 3});
  CHECK(fold(PaddingMode::circular) == V{2, 2, 2, 2});
}
