// Which example of a data set of `count` examples a mini-batch slot uses.
// Slot j of step i is position p = i·batchSize + j of one endless stream over the data set:
//   in order:  example(p) = p mod count
//   shuffled:  example(p) = π_e[p mod count],  e = ⌊p / count⌋ (the epoch), π_e a Fisher–Yates permutation of
//              0 … count−1 drawn from PCG32(seed, stream 2^32 + e): the same order on every platform, and an
//              epoch's order never depends on how the steps were split across train() calls.
#pragma once
#include <cstdint>
#include <vector>

#include "core/random.hpp"

namespace convpool {

class BatchOrder {
 public:
  // Allocates the permutation (shuffle only); nothing allocates afterwards.
  void configure(int64_t count, bool shuffle, uint32_t seed) {
    count_ = count;
    shuffle_ = shuffle;
    seed_ = seed;
    permutation_.assign(shuffle ? count : 0, 0);
    epoch_ = -1;
  }

  int64_t example(int64_t position) {
    const int64_t slot = position % count_;
    if (!shuffle_) return slot;
    const int64_t epoch = position / count_;
    if (epoch != epoch_) draw_permutation(epoch);
    return permutation_[slot];
  }

 private:
  void draw_permutation(int64_t epoch) {
    Pcg32 rng(seed_, (uint64_t{1} << 32) + static_cast<uint64_t>(epoch));
    for (int64_t i = 0; i < count_; ++i) permutation_[i] = i;
    for (int64_t i = count_ - 1; i > 0; --i) {  // Fisher–Yates: swap i with a uniform j in [0, i]
      const int64_t j = static_cast<int64_t>(uniform_below(rng, static_cast<uint32_t>(i + 1)));
      const int64_t t = permutation_[i];
      permutation_[i] = permutation_[j];
      permutation_[j] = t;
    }
    epoch_ = epoch;
  }
  // Uniform in [0, bound) without modulo bias: reject the draws below 2^32 mod bound.
  static uint32_t uniform_below(Pcg32& rng, uint32_t bound) {
    const uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
    for (;;) {
      const uint32_t r = rng.next_u32();
      if (r >= threshold) return r % bound;
    }
  }

  int64_t count_ = 1;
  bool shuffle_ = false;
  uint32_t seed_ = 0;
  std::vector<int64_t> permutation_;
  int64_t epoch_ = -1;
};

}  // namespace convpool
