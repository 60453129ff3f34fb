// Input presets for the playground, computed in the core with portable math so that a shared link rebuilds
// bit-identical signals in every browser (Math.sin may differ between JS engines in the last bit).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace convpool {

enum class SignalKind { sine, square, sawtooth, triangle, chirp, impulse, step, noise, sines, zeros };

SignalKind parse_signal_kind(const std::string& name, const char* argument = "kind");
const char* signal_kind_name(SignalKind kind);

// `cycles`: periods over the whole length (chirp: the final frequency); `seed` drives noise and sines.
// Values lie in [−1, 1].
std::vector<float> generate_signal(SignalKind kind, int64_t length, double cycles, uint32_t seed);

}  // namespace convpool
