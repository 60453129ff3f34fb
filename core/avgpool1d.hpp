// 1-D average pooling with PyTorch 1.13's semantics (torch.nn.AvgPool1d), forward and backward side by side.
// Shapes: x (channels, in_length), y (channels, out_length). Padding is implicit zeros.
// Window t covers i = start … start + K − 1 with start = t·s − p. Its divisor:
//   count_include_pad:  min(start + K, N + p) − start   (padding counts, but a ceil-mode window hanging past
//                                                          the end of the right padding counts only what it covers)
//   otherwise:          min(start + K, N) − max(start, 0)  (the samples of the input it covers)
// Every window covers at least one input sample: padding ≤ K/2, and ceil mode drops a window that would start in
// the right padding. Nothing needs caching for the backward: the divisors follow from the geometry.
#pragma once
#include <cstdint>
#include <vector>

#include "core/shape.hpp"

namespace convpool {

// y[c,t] = (1 / divisor(t)) · Σ_{i = max(start,0)}^{min(start+K,N) − 1} x[c,i]
template <class T>
void avgpool1d_forward(T* y, const T* x, const AvgPool1dGeometry& g);

// dC/dx[c,i] = Σ_{t : window t covers i} dC/dy[c,t] / divisor(t)   (overwrites grad_x)
template <class T>
void avgpool1d_backward(T* grad_x, const T* grad_y, const AvgPool1dGeometry& g);

template <class T>
struct AvgPool1dResult {
  std::vector<T> y, grad_x;  // grad_x empty unless grad_y was given
};
template <class T>
AvgPool1dResult<T> avgpool1d_apply(const AvgPool1dGeometry& g, const T* x, const T* grad_y);

}  // namespace convpool
