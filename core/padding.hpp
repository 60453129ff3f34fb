// The boundary rules of a padded convolution (PyTorch's padding modes), forward and backward side by side.
//   forward:  x_pad[c, p] = x[c, source(p)]            (0 where zeros padding has no source)
//   backward: dC/dx[c, i] = Σ_{p : source(p) = i} dC/dx_pad[c, p]
// so each padded copy hands its gradient back to the sample it copied; zeros padding drops it.
#pragma once
#include <cstdint>

#include "core/shape.hpp"

namespace convpool {

// The input index that padded position p copies, or -1 where zeros padding puts a 0.
// p runs over [0, padded_length); positions pad_left … pad_left+n-1 are the signal itself.
inline int64_t padded_source_index(int64_t p, int64_t pad_left, int64_t n, PaddingMode mode) {
  int64_t i = p - pad_left;
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case PaddingMode::zeros: return -1;
    case PaddingMode::reflect: return i < 0 ? -i : 2 * (n - 1) - i;  // mirror without repeating the edge
    case PaddingMode::replicate: return i < 0 ? 0 : n - 1;           // repeat the edge sample
    case PaddingMode::circular: return ((i % n) + n) % n;            // wrap around
  }
  return -1;
}

// x is (channels, in_length); x_padded is (channels, padded_length).
template <class T>
void pad_forward(T* x_padded, const T* x, const Conv1dGeometry& g);

// grad_padded is (channels, padded_length); grad_x is (channels, in_length), overwritten.
template <class T>
void pad_backward(T* grad_x, const T* grad_padded, const Conv1dGeometry& g);

}  // namespace convpool
