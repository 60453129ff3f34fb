#include "core/conv1d.hpp"

#include <algorithm>

#include "core/padding.hpp"

namespace convpool {

template <class T>
void conv1d_forward(T* y, const T* x_padded, const T* weight, const T* bias, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, s = g.stride, d = g.dilation;
  for (int64_t o = 0; o < g.out_channels; ++o) {
    T* yo = y + o * L;
    std::fill(yo, yo + L, bias ? bias[o] : T(0));
    for (int64_t c = 0; c < g.in_channels; ++c) {
      const T* w = weight + (o * g.in_channels + c) * K;
      for (int64_t k = 0; k < K; ++k) {
        // y[o,t] += W[o,c,k] · x_pad[c, t·s + k·d]   (contiguous in t when s = 1, so it vectorises)
        const T wk = w[k];
        const T* x = x_padded + c * Np + k * d;
        if (s == 1) {
          for (int64_t t = 0; t < L; ++t) yo[t] += wk * x[t];
        } else {
          for (int64_t t = 0; t < L; ++t) yo[t] += wk * x[t * s];
        }
      }
    }
  }
}

template <class T>
void conv1d_backward(T* grad_x_padded, T* grad_weight, T* grad_bias, const T* grad_y, const T* x_padded,
                     const T* weight, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, s = g.stride, d = g.dilation;
  if (grad_x_padded) std::fill(grad_x_padded, grad_x_padded + g.in_channels * Np, T(0));
  for (int64_t o = 0; o < g.out_channels; ++o) {
    const T* gy = grad_y + o * L;
    if (grad_bias) {
      // dC/db[o] = Σ_t dC/dy[o,t]
      T sum = 0;
      for (int64_t t = 0; t < L; ++t) sum += gy[t];
      grad_bias[o] = sum;
    }
    for (int64_t c = 0; c < g.in_channels; ++c) {
      const T* w = weight + (o * g.in_channels + c) * K;
      T* gw = grad_weight + (o * g.in_channels + c) * K;
      for (int64_t k = 0; k < K; ++k) {
        const T* x = x_padded + c * Np + k * d;
        // dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c, t·s + k·d]
        T sum = 0;
        for (int64_t t = 0; t < L; ++t) sum += gy[t] * x[t * s];
        gw[k] = sum;
        // dC/dx_pad[c, t·s + k·d] += dC/dy[o,t] · W[o,c,k]
        if (grad_x_padded) {
          T* gx = grad_x_padded + c * Np + k * d;
          const T wk = w[k];
          if (s == 1) {
            for (int64_t t = 0; t < L; ++t) gx[t] += gy[t] * wk;
          } else {
            for (int64_t t = 0; t < L; ++t) gx[t * s] += gy[t] * wk;
          }
        }
      }
    }
  }
}

template <class T>
Conv1dResult<T> conv1d_apply(const Conv1dGeometry& g, const T* x, const T* weight, const T* bias,
                             const T* grad_y) {
  Conv1dResult<T> r;
  std::vector<T> x_padded(g.in_channels * g.padded_length);
  pad_forward(x_padded.data(), x, g);
  r.y.resize(g.out_channels * g.out_length);
  conv1d_forward(r.y.data(), x_padded.data(), weight, g.bias ? bias : nullptr, g);
  if (grad_y) {
    std::vector<T> grad_padded(x_padded.size());
    r.grad_weight.resize(g.weight_count());
    if (g.bias) r.grad_bias.resize(g.out_channels);
    conv1d_backward(grad_padded.data(), r.grad_weight.data(), g.bias ? r.grad_bias.data() : nullptr, grad_y,
                    x_padded.data(), weight, g);
    r.grad_x.resize(g.in_channels * g.in_length);
    pad_backward(r.grad_x.data(), grad_padded.data(), g);
  }
  return r;
}

#define CONVPOOL_INSTANTIATE(T)                                                                              \
  template void conv1d_forward<T>(T*, const T*, const T*, const T*, const Conv1dGeometry&);                  \
  template void conv1d_backward<T>(T*, T*, T*, const T*, const T*, const T*, const Conv1dGeometry&);         \
  template Conv1dResult<T> conv1d_apply<T>(const Conv1dGeometry&, const T*, const T*, const T*, const T*);
CONVPOOL_INSTANTIATE(float)
CONVPOOL_INSTANTIATE(double)
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
