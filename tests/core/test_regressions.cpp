// Regression tests for what the fuzzer (tests/fuzz/fuzz_core.cpp) and the sanitizer build found in the core.
// Each case names the input that broke it; the sanitizer stage of scripts/test.sh runs them under ASan + UBSan.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/errors.hpp"
#include "core/maxpool1d.hpp"
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
