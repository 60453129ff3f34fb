// Global pooling over the whole length of each channel, forward and backward side by side:
//   max: torch.nn.AdaptiveMaxPool1d(1)   avg: torch.nn.AdaptiveAvgPool1d(1)
// Shapes: x (channels, in_length), y and argmax (channels) — an output of length 1 per channel.
// The max forward caches the arg-max for the backward; the avg backward needs only the length.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/shape.hpp"

namespace convpool {

enum class GlobalPoolOp { max, avg };
const char* global_pool_op_name(GlobalPoolOp op);
GlobalPoolOp parse_global_pool_op(const std::string& name, const char* argument = "op");

// y[c] = max_i x[c,i], scanned left to right: a value wins if it is greater than the running max or NaN, so the
// first maximum wins ties and NaN propagates (a later NaN takes the index over, as in max_pool1d).
// argmax[c] = the winning i (0 when every value is −∞).
template <class T>
void globalmaxpool_forward(T* y, int32_t* argmax, const T* x, const GlobalPoolGeometry& g);

// dC/dx[c,i] = dC/dy[c] if i = argmax[c], else 0   (overwrites grad_x)
template <class T>
void globalmaxpool_backward(T* grad_x, const T* grad_y, const int32_t* argmax, const GlobalPoolGeometry& g);

// y[c] = (1/N) Σ_i x[c,i]
template <class T>
void globalavgpool_forward(T* y, const T* x, const GlobalPoolGeometry& g);

// dC/dx[c,i] = dC/dy[c] / N   (overwrites grad_x)
template <class T>
void globalavgpool_backward(T* grad_x, const T* grad_y, const GlobalPoolGeometry& g);

template <class T>
struct GlobalPoolResult {
  std::vector<T> y, grad_x;      // grad_x empty unless grad_y was given
  std::vector<int32_t> argmax;   // max only
};
template <class T>
GlobalPoolResult<T> globalpool_apply(const GlobalPoolGeometry& g, GlobalPoolOp op, const T* x, const T* grad_y);

}  // namespace convpool
