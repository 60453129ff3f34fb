// PCG32 (O'Neill, pcg-random.org): a small portable generator whose stream is the same on every platform.
// std::mt19937 would be too, but std::*_distribution is not, so the uniform mapping is written out here.
#pragma once
#include <cstdint>

namespace convpool {

class Pcg32 {
 public:
  explicit Pcg32(uint64_t seed, uint64_t stream = 54) : state_(0), increment_((stream << 1u) | 1u) {
    next_u32();
    state_ += seed;
    next_u32();
  }
  uint32_t next_u32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + increment_;
    const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
  }
  // Uniform in [0, 1) with 24 random bits: exact in float.
  float next_unit_float() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }
  // Uniform in [−bound, bound).
  float next_symmetric(float bound) { return (2.0f * next_unit_float() - 1.0f) * bound; }

 private:
  uint64_t state_, increment_;
};

}  // namespace convpool
