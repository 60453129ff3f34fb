#include "core/activation.hpp"

#include <type_traits>

#include "core/errors.hpp"
#include "core/portable_math.hpp"
#include "core/simd.hpp"
#include "core/size_attributes.hpp"

namespace convpool {

namespace {
// ReLU both ways without a branch per element: on real data x > 0 is a coin flip, and a mispredicted branch costs
// more than the arithmetic. Both values are read and one is selected, four lanes at a time for float (the same
// comparison and the same selected bits as the scalar tail).
template <class T>
void relu_forward(T* y, const T* x, int64_t n) {  // y = max(x, 0); NaN stays NaN as in PyTorch
  int64_t i = 0;
  if constexpr (std::is_same_v<T, float>) {
    const simd::f32x4 zero = simd::splat(0.0f);
    for (; i + 4 <= n; i += 4) {
      const simd::f32x4 v = simd::load(x + i);
      simd::store(y + i, simd::select(v < zero, zero, v));
    }
  }
  for (; i < n; ++i) {
    const T v = x[i];
    y[i] = v < T(0) ? T(0) : v;
  }
}

template <class T>
void relu_backward(T* grad_x, const T* grad_y, const T* x, int64_t n) {  // dC/dx = dC/dy if x > 0 else 0
  int64_t i = 0;
  if constexpr (std::is_same_v<T, float>) {
    const simd::f32x4 zero = simd::splat(0.0f);
    for (; i + 4 <= n; i += 4) {
      simd::store(grad_x + i, simd::select(simd::load(x + i) > zero, simd::load(grad_y + i), zero));
    }
  }
  for (; i < n; ++i) {
    const T g = grad_y[i];
    grad_x[i] = x[i] > T(0) ? g : T(0);
  }
}
}  // namespace

const char* activation_name(Activation fn) {
  switch (fn) {
    case Activation::identity: return "identity";
    case Activation::relu: return "relu";
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "sigmoid";
  }
  return "identity";
}

CONVPOOL_FOR_SIZE Activation parse_activation(const std::string& name, const char* argument) {
  if (name == "identity") return Activation::identity;
  if (name == "relu") return Activation::relu;
  if (name == "tanh") return Activation::tanh;
  if (name == "sigmoid") return Activation::sigmoid;
  throw ArgumentError(argument, std::string(argument) + " '" + name +
                      "' must be one of 'identity', 'relu', 'tanh', 'sigmoid'");
}

template <class T>
void activation_forward(T* y, const T* x, int64_t n, Activation fn) {
  switch (fn) {
    case Activation::identity:  // g(x) = x
      for (int64_t i = 0; i < n; ++i) y[i] = x[i];
      break;
    case Activation::relu:  // g(x) = max(x, 0); NaN stays NaN as in PyTorch
      relu_forward(y, x, n);
      break;
    case Activation::tanh:  // g(x) = tanh x
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(portable::tanh(x[i]));
      break;
    case Activation::sigmoid:  // g(x) = 1 / (1 + e^−x)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(portable::sigmoid(x[i]));
      break;
  }
}

template <class T>
void activation_backward(T* grad_x, const T* grad_y, const T* x, const T* y, int64_t n, Activation fn) {
  switch (fn) {
    case Activation::identity:  // g′ = 1
      for (int64_t i = 0; i < n; ++i) grad_x[i] = grad_y[i];
      break;
    case Activation::relu:  // g′(x) = 1 if x > 0 else 0
      relu_backward(grad_x, grad_y, x, n);
      break;
    case Activation::tanh:  // g′(x) = 1 − tanh² x = 1 − y²
      for (int64_t i = 0; i < n; ++i) grad_x[i] = grad_y[i] * (T(1) - y[i] * y[i]);
      break;
    case Activation::sigmoid:  // g′(x) = σ(x)(1 − σ(x)) = y(1 − y)
      for (int64_t i = 0; i < n; ++i) grad_x[i] = grad_y[i] * (y[i] * (T(1) - y[i]));
      break;
  }
}

template void activation_forward<float>(float*, const float*, int64_t, Activation);
template CONVPOOL_FOR_SIZE void activation_forward<double>(double*, const double*, int64_t, Activation);
template void activation_backward<float>(float*, const float*, const float*, const float*, int64_t, Activation);
template CONVPOOL_FOR_SIZE void activation_backward<double>(double*, const double*, const double*, const double*,
                                                             int64_t, Activation);

}  // namespace convpool
