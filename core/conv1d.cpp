#include "core/conv1d.hpp"

#include <algorithm>
#include <type_traits>

#include "core/padding.hpp"
#include "core/simd.hpp"

namespace convpool {

namespace {

using simd::f32x4;

// Groups: output channel o belongs to group o / out_per_group and reads input channels c0 … c0 + in_per_group − 1.
int64_t first_input_channel(int64_t o, const Conv1dGeometry& g) {
  return o / g.out_per_group() * g.in_per_group();
}
// The output channels that read input channel c: those of c's group.
struct OutputRange {
  int64_t first, stop;
};
OutputRange group_outputs(int64_t c, const Conv1dGeometry& g) {
  const int64_t first = c / g.in_per_group() * g.out_per_group();
  return {first, first + g.out_per_group()};
}

// ---- The general kernels: any stride, any element type (double for the gradient checks). ----

// y[o,t] = b[o] + Σ_c Σ_k W[o,c,k] · x_pad[c0(o) + c, t·s + k·d],  c < in_per_group, c0(o) = first input channel
// of o's group (0 when groups = 1)
template <class T>
void forward_general(T* y, const T* x_padded, const T* weight, const T* bias, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, s = g.stride, d = g.dilation;
  const int64_t Cg = g.in_per_group();
  for (int64_t o = 0; o < g.out_channels; ++o) {
    T* yo = y + o * L;
    const int64_t c0 = first_input_channel(o, g);
    std::fill(yo, yo + L, bias ? bias[o] : T(0));
    for (int64_t c = 0; c < Cg; ++c) {
      const T* w = weight + (o * Cg + c) * K;
      for (int64_t k = 0; k < K; ++k) {
        // y[o,t] += W[o,c,k] · x_pad[c0 + c, t·s + k·d]
        const T wk = w[k];
        const T* x = x_padded + (c0 + c) * Np + k * d;
        for (int64_t t = 0; t < L; ++t) yo[t] += wk * x[t * s];
      }
    }
  }
}

// dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0 + c, t·s + k·d];  dC/db[o] = Σ_t dC/dy[o,t];
// dC/dx_pad[c0 + c, t·s + k·d] += dC/dy[o,t] · W[o,c,k]      (c0 = first input channel of o's group)
template <class T>
void backward_general(T* grad_x_padded, T* grad_weight, T* grad_bias, const T* grad_y, const T* x_padded,
                      const T* weight, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, s = g.stride, d = g.dilation;
  const int64_t Cg = g.in_per_group();
  if (grad_x_padded) std::fill(grad_x_padded, grad_x_padded + g.in_channels * Np, T(0));
  for (int64_t o = 0; o < g.out_channels; ++o) {
    const T* gy = grad_y + o * L;
    const int64_t c0 = first_input_channel(o, g);
    if (grad_bias) {
      T sum = 0;
      for (int64_t t = 0; t < L; ++t) sum += gy[t];
      grad_bias[o] = sum;
    }
    for (int64_t c = 0; c < Cg; ++c) {
      const T* w = weight + (o * Cg + c) * K;
      T* gw = grad_weight + (o * Cg + c) * K;
      for (int64_t k = 0; k < K; ++k) {
        const T* x = x_padded + (c0 + c) * Np + k * d;
        T sum = 0;
        for (int64_t t = 0; t < L; ++t) sum += gy[t] * x[t * s];
        gw[k] = sum;
        if (grad_x_padded) {
          T* gx = grad_x_padded + (c0 + c) * Np + k * d;
          const T wk = w[k];
          for (int64_t t = 0; t < L; ++t) gx[t * s] += gy[t] * wk;
        }
      }
    }
  }
}

// ---- The float, stride-1 kernels (any dilation): contiguous inner loops in f32x4, the same code natively and in
// WebAssembly (simd.hpp). Each output element is summed in the same order as the general kernels above:
//   y:  b, then (c, k) ascending;   dx_pad:  0, then (o, k) ascending.
// Only the reductions over t (dW, db) are split over lanes, in the fixed order of dot() below.

// y[o,t] = b[o] + Σ_c Σ_k W[o,c,k] · x_pad[c0 + c, t + k·d], 16 outputs at a time kept in registers over all (c, k).
void forward_stride1(float* y, const float* x_padded, const float* weight, const float* bias,
                     const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  for (int64_t o = 0; o < g.out_channels; ++o) {
    float* yo = y + o * L;
    const float* wo = weight + o * C * K;
    const float* xo = x_padded + first_input_channel(o, g) * Np;  // o's group of input channels
    const float b = bias ? bias[o] : 0.0f;
    int64_t t = 0;
    for (; t + 16 <= L; t += 16) {
      f32x4 a0 = simd::splat(b), a1 = a0, a2 = a0, a3 = a0;
      for (int64_t c = 0; c < C; ++c) {
        const float* x = xo + c * Np + t;
        for (int64_t k = 0; k < K; ++k, x += d) {
          const f32x4 wk = simd::splat(wo[c * K + k]);
          a0 += wk * simd::load(x);
          a1 += wk * simd::load(x + 4);
          a2 += wk * simd::load(x + 8);
          a3 += wk * simd::load(x + 12);
        }
      }
      simd::store(yo + t, a0);
      simd::store(yo + t + 4, a1);
      simd::store(yo + t + 8, a2);
      simd::store(yo + t + 12, a3);
    }
    for (; t + 4 <= L; t += 4) {
      f32x4 a = simd::splat(b);
      for (int64_t c = 0; c < C; ++c) {
        const float* x = xo + c * Np + t;
        for (int64_t k = 0; k < K; ++k, x += d) a += simd::splat(wo[c * K + k]) * simd::load(x);
      }
      simd::store(yo + t, a);
    }
    for (; t < L; ++t) {
      float a = b;
      for (int64_t c = 0; c < C; ++c) {
        for (int64_t k = 0; k < K; ++k) a += wo[c * K + k] * xo[c * Np + t + k * d];
      }
      yo[t] = a;
    }
  }
}

// Σ_t a[t] · b[t] (or Σ_t a[t] when b is null) in the one fixed order every build uses: two f32x4 accumulators
// over blocks of 8 (lanes t ≡ 0…3 and 4…7 mod 8), added, then hsum, then the tail t = 8⌊n/8⌋ … n−1 in order.
float sum_tail(float s, const float* a, const float* b, int64_t from, int64_t n) {
  for (int64_t t = from; t < n; ++t) s += b ? a[t] * b[t] : a[t];
  return s;
}
float dot(const float* a, const float* b, int64_t n) {
  f32x4 lo = simd::splat(0.0f), hi = lo;
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    lo += simd::load(a + t) * simd::load(b + t);
    hi += simd::load(a + t + 4) * simd::load(b + t + 4);
  }
  return sum_tail(simd::hsum(lo + hi), a, b, t, n);
}
float sum(const float* a, int64_t n) {
  f32x4 lo = simd::splat(0.0f), hi = lo;
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    lo += simd::load(a + t);
    hi += simd::load(a + t + 4);
  }
  return sum_tail(simd::hsum(lo + hi), a, nullptr, t, n);
}

// dC/dW[k] = Σ_t dC/dy[t] · x[t + k·d] for four taps at once: the same per-tap order as dot(), but each dC/dy
// block is loaded once for the four taps (eight independent accumulators).
void dot4(float* out, const float* gy, const float* x, int64_t d, int64_t n) {
  f32x4 lo0 = simd::splat(0.0f), hi0 = lo0, lo1 = lo0, hi1 = lo0, lo2 = lo0, hi2 = lo0, lo3 = lo0, hi3 = lo0;
  const float *x0 = x, *x1 = x + d, *x2 = x + 2 * d, *x3 = x + 3 * d;
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    const f32x4 g0 = simd::load(gy + t), g1 = simd::load(gy + t + 4);
    lo0 += g0 * simd::load(x0 + t);
    hi0 += g1 * simd::load(x0 + t + 4);
    lo1 += g0 * simd::load(x1 + t);
    hi1 += g1 * simd::load(x1 + t + 4);
    lo2 += g0 * simd::load(x2 + t);
    hi2 += g1 * simd::load(x2 + t + 4);
    lo3 += g0 * simd::load(x3 + t);
    hi3 += g1 * simd::load(x3 + t + 4);
  }
  out[0] = sum_tail(simd::hsum(lo0 + hi0), gy, x0, t, n);
  out[1] = sum_tail(simd::hsum(lo1 + hi1), gy, x1, t, n);
  out[2] = sum_tail(simd::hsum(lo2 + hi2), gy, x2, t, n);
  out[3] = sum_tail(simd::hsum(lo3 + hi3), gy, x3, t, n);
}

// One dC/dx_pad[c,i] = Σ_o Σ_k dC/dy[o, i − k·d] · W[o, c − c0, k] over the taps that land inside 0 ≤ i − k·d < L,
// o running over the output channels of c's group (all of them when groups = 1).
float grad_input_at(int64_t i, int64_t c, const float* grad_y, const float* weight, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  const OutputRange outputs = group_outputs(c, g);
  float a = 0.0f;
  for (int64_t o = outputs.first; o < outputs.stop; ++o) {
    const float* w = weight + (o * C + c % C) * K;
    for (int64_t k = 0; k < K; ++k) {
      const int64_t t = i - k * d;
      if (t >= 0 && t < L) a += grad_y[o * L + t] * w[k];
    }
  }
  return a;
}

void backward_stride1(float* grad_x_padded, float* grad_weight, float* grad_bias, const float* grad_y,
                      const float* x_padded, const float* weight, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  for (int64_t o = 0; o < g.out_channels; ++o) {
    const float* gy = grad_y + o * L;
    // dC/db[o] = Σ_t dC/dy[o,t]
    if (grad_bias) grad_bias[o] = sum(gy, L);
    // dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0 + c, t + k·d]
    const int64_t c0 = first_input_channel(o, g);
    for (int64_t c = 0; c < C; ++c) {
      const float* x = x_padded + (c0 + c) * Np;
      float* gw = grad_weight + (o * C + c) * K;
      int64_t k = 0;
      for (; k + 4 <= K; k += 4) dot4(gw + k, gy, x + k * d, d, L);
      for (; k < K; ++k) gw[k] = dot(gy, x + k * d, L);
    }
  }
  if (!grad_x_padded) return;
  // dC/dx_pad[c,i] = Σ_o Σ_k dC/dy[o, i − k·d] · W[o, c − c0, k] (o in c's group): the transposed (full)
  // correlation, gathered per output element. Inside [(K−1)d, L) every tap lands in 0 … L−1, so that stretch
  // runs in f32x4 without bounds checks; the (K−1)d elements at each end take the checked scalar path.
  const int64_t lo = (K - 1) * d, hi = std::max(lo, L);
  for (int64_t c = 0; c < g.in_channels; ++c) {
    float* gx = grad_x_padded + c * Np;
    const OutputRange outputs = group_outputs(c, g);
    for (int64_t i = 0; i < std::min(lo, Np); ++i) gx[i] = grad_input_at(i, c, grad_y, weight, g);
    int64_t i = lo;
    for (; i + 16 <= hi; i += 16) {
      f32x4 a0 = simd::splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
      for (int64_t o = outputs.first; o < outputs.stop; ++o) {
        const float* w = weight + (o * C + c % C) * K;
        const float* gy = grad_y + o * L + i;
        for (int64_t k = 0; k < K; ++k, gy -= d) {
          const f32x4 wk = simd::splat(w[k]);
          a0 += simd::load(gy) * wk;
          a1 += simd::load(gy + 4) * wk;
          a2 += simd::load(gy + 8) * wk;
          a3 += simd::load(gy + 12) * wk;
        }
      }
      simd::store(gx + i, a0);
      simd::store(gx + i + 4, a1);
      simd::store(gx + i + 8, a2);
      simd::store(gx + i + 12, a3);
    }
    for (; i + 4 <= hi; i += 4) {
      f32x4 a = simd::splat(0.0f);
      for (int64_t o = outputs.first; o < outputs.stop; ++o) {
        const float* w = weight + (o * C + c % C) * K;
        const float* gy = grad_y + o * L + i;
        for (int64_t k = 0; k < K; ++k, gy -= d) a += simd::load(gy) * simd::splat(w[k]);
      }
      simd::store(gx + i, a);
    }
    for (; i < Np; ++i) gx[i] = grad_input_at(i, c, grad_y, weight, g);
  }
}

}  // namespace

template <class T>
void conv1d_forward(T* y, const T* x_padded, const T* weight, const T* bias, const Conv1dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) {
    if (g.stride == 1) return forward_stride1(y, x_padded, weight, bias, g);
  }
  forward_general(y, x_padded, weight, bias, g);
}

template <class T>
void conv1d_backward(T* grad_x_padded, T* grad_weight, T* grad_bias, const T* grad_y, const T* x_padded,
                     const T* weight, const Conv1dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) {
    if (g.stride == 1) return backward_stride1(grad_x_padded, grad_weight, grad_bias, grad_y, x_padded, weight, g);
  }
  backward_general(grad_x_padded, grad_weight, grad_bias, grad_y, x_padded, weight, g);
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
