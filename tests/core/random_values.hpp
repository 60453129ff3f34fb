// Test inputs: n values uniform in [−1, 1) from the core's PCG32 stream with the given seed (the same stream the
// models initialise their weights from), as float or double.
#pragma once
#include <cstdint>
#include <vector>

#include "core/random.hpp"

namespace convpool::testing {

template <class T>
void fill_random(T* data, int64_t n, uint32_t seed) {
  Pcg32 rng(seed);
  for (int64_t i = 0; i < n; ++i) data[i] = static_cast<T>(rng.next_symmetric(1.0f));
}

template <class T>
std::vector<T> random_values(size_t n, uint32_t seed) {
  std::vector<T> v(n);
  fill_random(v.data(), static_cast<int64_t>(n), seed);
  return v;
}

}  // namespace convpool::testing
