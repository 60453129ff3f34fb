// 1-D convolution (PyTorch's cross-correlation), forward and backward side by side.
// Shapes: x_padded (in_channels, padded_length), weight (out_channels, in_channels / groups, kernel_size),
//         bias (out_channels) or nullptr, y (out_channels, out_length).
// Groups (torch.nn.Conv1d(groups=G)): output channel o sees only the in_channels / G input channels of its group,
// c0(o) … c0(o) + in_channels/G − 1 with c0(o) = ⌊o / (out_channels/G)⌋ · in_channels/G; W[o,c,k] indexes c within
// the group. G = 1 is the ordinary conv, G = in_channels the depthwise one.
// The kernels work on the padded input; padding.hpp owns the boundary rules.
#pragma once
#include <vector>

#include "core/shape.hpp"

namespace convpool {

// y[o,t] = b[o] + Σ_c Σ_k W[o,c,k] · x_pad[c0(o) + c, t·s + k·d]   (c < in_channels / groups)
template <class T>
void conv1d_forward(T* y, const T* x_padded, const T* weight, const T* bias, const Conv1dGeometry& g);

// Given dC/dy (out_channels, out_length), overwrites
//   grad_x_padded[c,i] = Σ_o Σ_{t,k : t·s + k·d = i} dC/dy[o,t] · W[o, c − c0(o), k]   (o in c's group; the
//                        flipped-kernel full correlation)
//   grad_weight[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0(o) + c, t·s + k·d]
//   grad_bias[o]       = Σ_t dC/dy[o,t]                                        (skipped when grad_bias is nullptr)
// grad_x_padded may be nullptr when the input gradient is not wanted.
template <class T>
void conv1d_backward(T* grad_x_padded, T* grad_weight, T* grad_bias, const T* grad_y, const T* x_padded,
                     const T* weight, const Conv1dGeometry& g);

// One whole call as the JS API makes it: pad, forward, and (when grad_y is given) backward and unpad.
template <class T>
struct Conv1dResult {
  std::vector<T> y, grad_x, grad_weight, grad_bias;  // gradients empty unless grad_y was given
};
template <class T>
Conv1dResult<T> conv1d_apply(const Conv1dGeometry& g, const T* x, const T* weight, const T* bias,
                             const T* grad_y);

}  // namespace convpool
