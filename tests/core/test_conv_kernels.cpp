// The float stride-1 conv kernels (blocked over outputs and channels, f32x4) against plain loops written in the
// summation order core/conv1d.hpp documents: every y and dC/dx_pad element must match bit for bit, over shapes
// that run every block size, every channel pairing (pairs of a group and a lone last channel) and every tail.
// dC/dW is a lane-split reduction with its own fixed order; it must agree closely with the plain sum.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/conv1d.hpp"
#include "random_values.hpp"

using namespace convpool;

namespace {


}  // namespace

TEST_CASE("float stride-1 conv kernels keep the documented summation order", "[conv1d][kernels]") {
  // (in, out, groups): the data-set network's 1→8 and 8→1, odd channel counts, grouped and depthwise
  const auto shape = GENERATE(std::vector<int64_t>{1, 8, 1}, std::vector<int64_t>{8, 1, 1},
                              std::vector<int64_t>{3, 5, 1}, std::vector<int64_t>{2, 6, 2},
                              std::vector<int64_t>{6, 9, 3}, std::vector<int64_t>{4, 4, 4});
  const int64_t kernel = GENERATE(1, 4, 9);
  const int64_t dilation = GENERATE(1, 2);
  const int64_t length = GENERATE(9, 37, 100);  // 9: k9 at dilation 2 leaves one output
  Conv1dParams params;
  params.in_channels = shape[0];
  params.out_channels = shape[1];
  params.groups = shape[2];
  params.kernel_size = kernel;
  params.dilation = dilation;
  params.padding = 4;
  CAPTURE(shape, kernel, dilation, length);
  const Conv1dGeometry g = resolve_conv1d(params, length);
  const int64_t L = g.out_length, Np = g.padded_length, K = kernel, d = dilation;
  const int64_t Cg = g.in_per_group(), Og = g.out_per_group();

  const auto x = testing::random_values<float>(g.in_channels * Np, 21);
  const auto w = testing::random_values<float>(g.weight_count(), 22);
  const auto b = testing::random_values<float>(g.out_channels, 23);
  const auto gy = testing::random_values<float>(g.out_channels * L, 24);
  std::vector<float> y(g.out_channels * L), gx(g.in_channels * Np), gw(g.weight_count()), gb(g.out_channels);
  conv1d_forward<float>(y.data(), x.data(), w.data(), b.data(), g);
  conv1d_backward<float>(gx.data(), gw.data(), gb.data(), gy.data(), x.data(), w.data(), g);

  int64_t y_differ = 0, gx_differ = 0;
  for (int64_t o = 0; o < g.out_channels; ++o) {
    const int64_t c0 = o / Og * Cg;
    for (int64_t t = 0; t < L; ++t) {
      // y[o,t] = b[o], then + W[o,c,k] · x_pad[c0 + c, t + k·d] for (c, k) ascending
      float a = b[o];
      for (int64_t c = 0; c < Cg; ++c) {
        for (int64_t k = 0; k < K; ++k) a += w[(o * Cg + c) * K + k] * x[(c0 + c) * Np + t + k * d];
      }
      if (y[o * L + t] != a) ++y_differ;
    }
    for (int64_t c = 0; c < Cg; ++c) {
      for (int64_t k = 0; k < K; ++k) {
        // dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0 + c, t + k·d], in double as the reference
        double s = 0;
        for (int64_t t = 0; t < L; ++t) s += double(gy[o * L + t]) * x[(c0 + c) * Np + t + k * d];
        CHECK(gw[(o * Cg + c) * K + k] == Approx(s).epsilon(1e-5).margin(1e-5));
      }
    }
  }
  for (int64_t c = 0; c < g.in_channels; ++c) {
    const int64_t first_output = c / Cg * Og;
    for (int64_t i = 0; i < Np; ++i) {
      // dC/dx_pad[c,i] = 0, then + dC/dy[o, i − k·d] · W[o, c − c0, k] for (o, k) ascending, taps inside 0 … L−1
      float a = 0.0f;
      for (int64_t o = first_output; o < first_output + Og; ++o) {
        for (int64_t k = 0; k < K; ++k) {
          const int64_t t = i - k * d;
          if (t >= 0 && t < L) a += gy[o * L + t] * w[(o * Cg + c % Cg) * K + k];
        }
      }
      if (gx[c * Np + i] != a) ++gx_differ;
    }
  }
  CHECK(y_differ == 0);
  CHECK(gx_differ == 0);
}
