#include "core/activation.hpp"

#include "core/errors.hpp"
#include "core/portable_math.hpp"

namespace convpool {

const char* activation_name(Activation fn) {
  switch (fn) {
    case Activation::identity: return "identity";
    case Activation::relu: return "relu";
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "sigmoid";
  }
  return "identity";
}

Activation parse_activation(const std::string& name, const char* argument) {
  if (name == "identity") return Activation::identity;
  if (name == "relu") return Activation::relu;
  if (name == "tanh") return Activation::tanh;
  if (name == "sigmoid") return Activation::sigmoid;
  throw ArgumentError(std::string(argument) + " '" + name +
                      "' must be one of 'identity', 'relu', 'tanh', 'sigmoid'");
}

template <class T>
void activation_forward(T* y, const T* x, int64_t n, Activation fn) {
  switch (fn) {
    case Activation::identity:  // g(x) = x
      for (int64_t i = 0; i < n; ++i) y[i] = x[i];
      break;
    case Activation::relu:  // g(x) = max(x, 0); NaN stays NaN as in PyTorch
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] < T(0) ? T(0) : x[i];
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
      for (int64_t i = 0; i < n; ++i) grad_x[i] = x[i] > T(0) ? grad_y[i] : T(0);
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
template void activation_forward<double>(double*, const double*, int64_t, Activation);
template void activation_backward<float>(float*, const float*, const float*, const float*, int64_t, Activation);
template void activation_backward<double>(double*, const double*, const double*, const double*, int64_t,
                                          Activation);

}  // namespace convpool
