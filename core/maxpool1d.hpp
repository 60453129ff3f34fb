// 1-D max-pooling with PyTorch's semantics, forward and backward side by side.
// Shapes: x (channels, in_length), y and argmax (channels, out_length).
// Padding is implicit −∞: padded positions never win. The forward caches the arg-max for the backward.
#pragma once
#include <cstdint>
#include <vector>

#include "core/shape.hpp"

namespace convpool {

// y[c,t] = max_{j < K, 0 ≤ i < N} x[c, i],  i = t·s − p + j·d, scanned left to right;
// a value wins if it is greater than the running max or NaN, so the first maximum wins ties and NaN propagates
// (as in PyTorch's CPU kernel, a later NaN in the same window takes the index over).
// argmax[c,t] = the winning i (PyTorch's `indices`).
template <class T>
void maxpool1d_forward(T* y, int32_t* argmax, const T* x, const MaxPool1dGeometry& g);

// dC/dx[c,i] = Σ_{t : argmax[c,t] = i} dC/dy[c,t]   (overwrites grad_x; overlapping windows add up;
// a window whose taps all fall in the padding outputs −∞ and passes nothing back)
template <class T>
void maxpool1d_backward(T* grad_x, const T* grad_y, const int32_t* argmax, const MaxPool1dGeometry& g);

template <class T>
struct MaxPool1dResult {
  std::vector<T> y, grad_x;  // grad_x empty unless grad_y was given
  std::vector<int32_t> argmax;
};
template <class T>
MaxPool1dResult<T> maxpool1d_apply(const MaxPool1dGeometry& g, const T* x, const T* grad_y);

}  // namespace convpool
