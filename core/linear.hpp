// Linear layer on a flattened input (nn.Flatten then nn.Linear), forward and backward side by side.
// The input [C, L] is read channel-major as the vector x[j], j = c·L + i, in_features = C·L — the order it already
// has in memory, so flattening costs nothing.
// Shapes: x (in_features), weight (out_features, in_features), bias (out_features) or nullptr, y (out_features).
#pragma once
#include <cstdint>
#include <vector>

#include "core/random.hpp"
#include "core/shape.hpp"

namespace convpool {

// y[o] = b[o] + Σ_j W[o,j] · x[j]
template <class T>
void linear_forward(T* y, const T* x, const T* weight, const T* bias, const LinearGeometry& g);

// Given dC/dy (out_features), overwrites
//   grad_weight[o,j] = dC/dy[o] · x[j]
//   grad_bias[o]     = dC/dy[o]                  (skipped when grad_bias is nullptr)
//   grad_x[j]        = Σ_o dC/dy[o] · W[o,j]      (skipped when grad_x is nullptr)
template <class T>
void linear_backward(T* grad_x, T* grad_weight, T* grad_bias, const T* grad_y, const T* x, const T* weight,
                     const LinearGeometry& g);

// PyTorch's default initialisation (nn.Linear.reset_parameters): W and b uniform in ±1/√in_features, drawn from
// `rng` — W in (o, j) order, then b — as the model draws its conv layers.
template <class T>
void linear_initialize(T* weight, T* bias, const LinearGeometry& g, Pcg32& rng);

template <class T>
struct LinearResult {
  std::vector<T> y, grad_x, grad_weight, grad_bias;  // gradients empty unless grad_y was given
};
template <class T>
LinearResult<T> linear_apply(const LinearGeometry& g, const T* x, const T* weight, const T* bias, const T* grad_y);

}  // namespace convpool
