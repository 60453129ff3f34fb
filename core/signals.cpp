#include "core/signals.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "core/portable_math.hpp"
#include "core/random.hpp"
#include "core/shape.hpp"

namespace convpool {

namespace {
constexpr const char* kNames[] = {"sine", "square", "sawtooth", "triangle", "chirp",
                                  "impulse", "step", "noise", "sines", "zeros"};
constexpr double kTwoPi = 6.283185307179586;
}  // namespace

const char* signal_kind_name(SignalKind kind) { return kNames[static_cast<int>(kind)]; }

SignalKind parse_signal_kind(const std::string& name, const char* argument) {
  for (int i = 0; i < static_cast<int>(sizeof(kNames) / sizeof(kNames[0])); ++i) {
    if (name == kNames[i]) return static_cast<SignalKind>(i);
  }
  std::string all;
  for (const char* n : kNames) all += std::string(all.empty() ? "'" : ", '") + n + "'";
  throw ArgumentError(argument, std::string(argument) + " '" + name + "' must be one of " + all);
}

std::vector<float> generate_signal(SignalKind kind, int64_t length, double cycles, uint32_t seed) {
  require_at_least("length", length, 1);
  require_at_most("length", length, Caps::max_length, "the input length cap");
  if (!std::isfinite(cycles) || cycles < 0 || cycles > 1e6) {
    throw ArgumentError("cycles", "cycles " + std::to_string(cycles) + " must be a finite number from 0 to 1000000");
  }
  std::vector<float> out(length);
  const double n = static_cast<double>(length);
  Pcg32 rng(seed, 7);
  // Sum of three sines: frequencies and amplitudes drawn once from the seed.
  double freq[3], amp[3], phase[3];
  for (int j = 0; j < 3; ++j) {
    freq[j] = (j + 1) * std::max(cycles, 1.0) * (0.5 + rng.next_unit_float());
    amp[j] = 0.2 + 0.3 * rng.next_unit_float();
    phase[j] = kTwoPi * rng.next_unit_float();
  }
  // The three amplitudes may add up to 1.5; scale them so the sum, and so every value, stays within [−1, 1].
  const double amp_total = amp[0] + amp[1] + amp[2];
  if (amp_total > 1.0) {
    for (double& a : amp) a /= amp_total;
  }
  for (int64_t i = 0; i < length; ++i) {
    const double u = static_cast<double>(i) / n;  // position in [0, 1)
    const double frac = cycles * u - std::floor(cycles * u);
    double v = 0;
    switch (kind) {
      case SignalKind::sine: v = portable::sin(kTwoPi * cycles * u); break;
      case SignalKind::square: v = frac < 0.5 ? 1.0 : -1.0; break;
      case SignalKind::sawtooth: v = 2.0 * frac - 1.0; break;
      case SignalKind::triangle: v = frac < 0.5 ? 4.0 * frac - 1.0 : 3.0 - 4.0 * frac; break;
      case SignalKind::chirp: v = portable::sin(kTwoPi * cycles * u * u); break;  // frequency rises 0 → 2·cycles
      case SignalKind::impulse: v = i == length / 2 ? 1.0 : 0.0; break;
      case SignalKind::step: v = i >= length / 2 ? 1.0 : 0.0; break;
      case SignalKind::noise: v = 2.0 * rng.next_unit_float() - 1.0; break;
      case SignalKind::sines:
        for (int j = 0; j < 3; ++j) v += amp[j] * portable::sin(kTwoPi * freq[j] * u + phase[j]);
        break;
      case SignalKind::zeros: v = 0; break;
    }
    out[i] = static_cast<float>(v);
  }
  return out;
}

}  // namespace convpool
