#include "core/linear.hpp"

#include <cmath>

#include "core/size_attributes.hpp"

namespace convpool {

template <class T>
void linear_forward(T* y, const T* x, const T* weight, const T* bias, const LinearGeometry& g) {
  const int64_t J = g.in_features;
  for (int64_t o = 0; o < g.out_features; ++o) {
    // y[o] = b[o] + Σ_j W[o,j] · x[j]
    const T* w = weight + o * J;
    T sum = bias ? bias[o] : T(0);
    for (int64_t j = 0; j < J; ++j) sum += w[j] * x[j];
    y[o] = sum;
  }
}

template <class T>
void linear_backward(T* grad_x, T* grad_weight, T* grad_bias, const T* grad_y, const T* x, const T* weight,
                     const LinearGeometry& g) {
  const int64_t J = g.in_features;
  for (int64_t o = 0; o < g.out_features; ++o) {
    // dC/dW[o,j] = dC/dy[o] · x[j];  dC/db[o] = dC/dy[o]
    T* gw = grad_weight + o * J;
    for (int64_t j = 0; j < J; ++j) gw[j] = grad_y[o] * x[j];
    if (grad_bias) grad_bias[o] = grad_y[o];
  }
  if (!grad_x) return;
  // dC/dx[j] = Σ_o dC/dy[o] · W[o,j], summed over o in order (rows of W are contiguous)
  for (int64_t j = 0; j < J; ++j) grad_x[j] = T(0);
  for (int64_t o = 0; o < g.out_features; ++o) {
    const T* w = weight + o * J;
    for (int64_t j = 0; j < J; ++j) grad_x[j] += grad_y[o] * w[j];
  }
}

template <class T>
void linear_initialize(T* weight, T* bias, const LinearGeometry& g, Pcg32& rng) {
  // nn.Linear.reset_parameters: kaiming_uniform(a=√5) gives bound 1/√fan_in; the bias uses the same bound.
  const float bound = 1.0f / std::sqrt(static_cast<float>(g.in_features));
  for (int64_t i = 0; i < g.weight_count(); ++i) weight[i] = static_cast<T>(rng.next_symmetric(bound));
  if (bias) {
    for (int64_t o = 0; o < g.out_features; ++o) bias[o] = static_cast<T>(rng.next_symmetric(bound));
  }
}

template <class T>
LinearResult<T> linear_apply(const LinearGeometry& g, const T* x, const T* weight, const T* bias, const T* grad_y) {
  LinearResult<T> r;
  r.y.resize(g.out_features);
  linear_forward(r.y.data(), x, weight, g.bias ? bias : nullptr, g);
  if (grad_y) {
    r.grad_x.resize(g.in_features);
    r.grad_weight.resize(g.weight_count());
    if (g.bias) r.grad_bias.resize(g.out_features);
    linear_backward(r.grad_x.data(), r.grad_weight.data(), g.bias ? r.grad_bias.data() : nullptr, grad_y, x,
                    weight, g);
  }
  return r;
}

#define CONVPOOL_INSTANTIATE(T, A)                                                                     \
  template A void linear_forward<T>(T*, const T*, const T*, const T*, const LinearGeometry&);          \
  template A void linear_backward<T>(T*, T*, T*, const T*, const T*, const T*, const LinearGeometry&); \
  template A void linear_initialize<T>(T*, T*, const LinearGeometry&, Pcg32&);                         \
  template A LinearResult<T> linear_apply<T>(const LinearGeometry&, const T*, const T*, const T*, const T*);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
