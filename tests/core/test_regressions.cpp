// Regression tests for what the fuzzer (tests/fuzz/fuzz_core.cpp) and the sanitizer build found in the core.
// Each case names the input that broke it; the sanitizer stage of scripts/test.sh runs them under ASan + UBSan.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/errors.hpp"
#include "core/maxpool1d.hpp"
#include <vector>
#include "core/shape.hpp"
#include "core/signals.hpp"

using namespace convpool;

// fuzz input fa 26 fa: 'sines' of length 1064 reached 1.27 — its three amplitudes (0.2…0.5 each) could add up
// to 1.5 while the documented range is [−1, 1].
TEST_CASE("every preset signal stays within [-1, 1]", "[signals][regression]") {
  const auto kind = GENERATE(SignalKind::sine, SignalKind::square, SignalKind::sawtooth, SignalKind::triangle,
                             SignalKind::chirp, SignalKind::impulse, SignalKind::step, SignalKind::noise,
                             SignalKind::sines, SignalKind::zeros);
  const double cycles = GENERATE(0.0, 0.5, 3.0, 37.0);
  for (uint32_t seed = 0; seed < 40; ++seed) {
    CAPTURE(signal_kind_name(kind), cycles, seed);
    const auto s = generate_signal(kind, 1064, cycles, seed);
    REQUIRE(s.size() == 1064);
    for (float v : s) REQUIRE((v >= -1.0f && v <= 1.0f));
  }
}

// fuzz: require_tensor_size(channels, length) multiplied first and compared afterwards, so unchecked sizes
// (e.g. 2^40 x 2^40) overflowed int64 (undefined behaviour, UBSan: signed-integer-overflow) and could wrap to a
// small number that passed the cap.
TEST_CASE("the tensor-size rule cannot be fooled by an overflowing product", "[shape][regression]") {
  const int64_t big = int64_t{1} << 40, max = std::numeric_limits<int64_t>::max();
  CHECK_THROWS_WITH(require_tensor_size("x", big, big), Catch::Contains("more than 2^63") && Catch::Contains("cap"));
  CHECK_THROWS_AS(require_tensor_size("x", max, 2), ArgumentError);
  CHECK_THROWS_AS(require_tensor_size("x", int64_t{1} << 32, int64_t{1} << 32), ArgumentError);  // 2^64 wraps to 0
  CHECK_THROWS_AS(require_tensor_size("x", -1, 5), ArgumentError);
  CHECK_THROWS_AS(require_tensor_size("x", std::numeric_limits<int64_t>::min(), -1), ArgumentError);
  CHECK_NOTHROW(require_tensor_size("x", 64, Caps::max_tensor_elements / 64));
  CHECK_NOTHROW(require_tensor_size("x", 0, max));
}

// A max-pool window whose taps all fall in the padding (K = 2, p = 1, d = N + 1: taps at −1 and N) outputs −∞.
// PyTorch reports the index N there (past the input); we clamp it to N − 1, and the backward must not hand the
// window's gradient to that sample: the output is a constant. Run under ASan: nothing is read or written
// outside x, y, argmax, grad_x.
TEST_CASE("max-pool windows with no in-bounds tap stay in bounds and pass no gradient", "[maxpool1d][regression]") {
  const int64_t n = GENERATE(1, 2, 5);
  const bool ceil_mode = GENERATE(false, true);
  CAPTURE(n, ceil_mode);
  MaxPool1dParams p;
  p.channels = 2;
  p.kernel_size = 2;
  p.stride = 1;
  p.padding = 1;
  p.dilation = n + 1;
  p.ceil_mode = ceil_mode;
  const MaxPool1dGeometry g = resolve_maxpool1d(p, n);
  REQUIRE(g.out_length >= 1);
  std::vector<float> x(2 * n), grad_y(2 * g.out_length, 1.0f);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i) - 3.0f;
  const auto r = maxpool1d_apply<float>(g, x.data(), grad_y.data());
  // Window 0 starts at −1: taps −1 and n, both padding.
  CHECK(r.y[0] == -std::numeric_limits<float>::infinity());
  float total = 0;
  for (int32_t index : r.argmax) CHECK((index >= 0 && index < n));
  for (float v : r.grad_x) total += v;
  int64_t real_windows = 0;
  for (float v : r.y) real_windows += v != -std::numeric_limits<float>::infinity();
  CHECK(total == static_cast<float>(real_windows));  // only windows with a real winner pass gradient back
}
