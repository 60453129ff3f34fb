#include "core/conv1d.hpp"

#include <algorithm>
#include <type_traits>

#include "core/padding.hpp"
#include "core/simd.hpp"
#include "core/size_attributes.hpp"

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
// Only the reductions over t (dW, db) are split over lanes, in the fixed order of sum() and dot_taps() below.
// The gathers (y, dx_pad) keep a block of O channels × V f32x4 outputs in registers over the whole (c, k) or (o, k)
// loop: 6 to 8 independent chains of additions keep the adders busy (with 4, each addition mostly waits for the one
// before it in its chain), and a block of two channels loads each input vector once for both. More accumulators
// than that spill to the stack in V8's code. Blocking changes only which elements are computed together, never
// the order of any one element's sum. The per-channel-block drivers stay out of line (noinline): each
// instantiation is then compiled on its own, and the one a layer uses does not pay for the others' registers.

// y[o+j, t … t+4V−1] = b[o+j] + Σ_c Σ_k W[o+j,c,k] · x_pad[c0 + c, t + k·d] for O output channels of one group at
// once (x points at x_pad[c0, t], w at W[o,0,0], y at y[o,t]): each input vector loaded once serves all O channels.
template <int V, int O>
void forward_block(float* y, const float* x, const float* w, const float* b, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  f32x4 a[O][V];
  for (int j = 0; j < O; ++j) {
    for (int v = 0; v < V; ++v) a[j][v] = simd::splat(b ? b[j] : 0.0f);
  }
  const int64_t channel_stride = C * K;  // from W[o,c,k] to W[o+1,c,k]
  for (int64_t c = 0; c < C; ++c) {
    const float* xk = x + c * Np;
    const float* wk_at = w + c * K;
    for (int64_t k = 0; k < K; ++k, xk += d, ++wk_at) {
      f32x4 xv[V];
      for (int v = 0; v < V; ++v) xv[v] = simd::load(xk + 4 * v);
      for (int j = 0; j < O; ++j) {
        const f32x4 wk = simd::splat(wk_at[j * channel_stride]);
        for (int v = 0; v < V; ++v) a[j][v] += wk * xv[v];
      }
    }
  }
  for (int j = 0; j < O; ++j) {
    for (int v = 0; v < V; ++v) simd::store(y + j * L + 4 * v, a[j][v]);
  }
}

// Output channels o … o+O−1 (one group) over every t: blocks of 4V outputs, then at most one of 16, then of 4, then
// one at a time.
template <int V, int O>
__attribute__((noinline)) void forward_channels(float* y, const float* x_padded, const float* weight,
                                                const float* bias, int64_t o, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  float* yo = y + o * L;
  const float* wo = weight + o * C * K;
  const float* xo = x_padded + first_input_channel(o, g) * Np;  // o's group of input channels
  const float* bo = bias ? bias + o : nullptr;
  int64_t t = 0;
  for (; t + 4 * V <= L; t += 4 * V) forward_block<V, O>(yo + t, xo + t, wo, bo, g);
  if constexpr (V > 4) {
    if (t + 16 <= L) {  // one block of 16 leaves fewer one-vector blocks
      forward_block<4, O>(yo + t, xo + t, wo, bo, g);
      t += 16;
    }
  }
  for (; t + 4 <= L; t += 4) forward_block<1, O>(yo + t, xo + t, wo, bo, g);
  for (; t < L; ++t) {
    for (int j = 0; j < O; ++j) {
      float a = bo ? bo[j] : 0.0f;
      for (int64_t c = 0; c < C; ++c) {
        for (int64_t k = 0; k < K; ++k) a += wo[(j * C + c) * K + k] * xo[c * Np + t + k * d];
      }
      yo[j * L + t] = a;
    }
  }
}

// y[o,t] = b[o] + Σ_c Σ_k W[o,c,k] · x_pad[c0 + c, t + k·d]. Two output channels of a group at a time (8 f32x4
// accumulators, each input load shared by both) while the group has two left; then one at a time, 24 outputs
// (6 accumulators) per block. (Measured in V8: more accumulators than these spill to the stack.)
void forward_stride1(float* y, const float* x_padded, const float* weight, const float* bias,
                     const Conv1dGeometry& g) {
  const int64_t per_group = g.out_per_group();
  for (int64_t o = 0, group_end = per_group; o < g.out_channels;) {
    if (o == group_end) group_end += per_group;
    if (o + 2 <= group_end) {
      forward_channels<4, 2>(y, x_padded, weight, bias, o, g);
      o += 2;
    } else {
      forward_channels<6, 1>(y, x_padded, weight, bias, o, g);
      o += 1;
    }
  }
}

// Σ_t a[t] · b[t] (or Σ_t a[t] when b is null) in the one fixed order every build uses: two f32x4 accumulators
// over blocks of 8 (lanes t ≡ 0…3 and 4…7 mod 8), added, then hsum, then the tail t = 8⌊n/8⌋ … n−1 in order.
float sum_tail(float s, const float* a, const float* b, int64_t from, int64_t n) {
  for (int64_t t = from; t < n; ++t) s += b ? a[t] * b[t] : a[t];
  return s;
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

// dC/dW[k + j] = Σ_t dC/dy[t] · x[t + j·d] for Taps consecutive taps j < Taps at once, each in the order of sum()
// above (lo/hi accumulators over blocks of 8, hsum, tail in order); each dC/dy block is loaded once for all taps.
template <int Taps>
void dot_taps(float* out, const float* gy, const float* x, int64_t d, int64_t n) {
  f32x4 lo[Taps], hi[Taps];
  for (int j = 0; j < Taps; ++j) lo[j] = hi[j] = simd::splat(0.0f);
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    const f32x4 g0 = simd::load(gy + t), g1 = simd::load(gy + t + 4);
    for (int j = 0; j < Taps; ++j) {
      lo[j] += g0 * simd::load(x + j * d + t);
      hi[j] += g1 * simd::load(x + j * d + t + 4);
    }
  }
  for (int j = 0; j < Taps; ++j) out[j] = sum_tail(simd::hsum(lo[j] + hi[j]), gy, x + j * d, t, n);
}

// dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0 + c, t + k·d] for every k, three or four taps per pass: at least six
// accumulators per pass (a single leftover tap would run two chains only, latency-bound). Taps per pass do not
// change any result: each tap's sum has its own accumulators.
void grad_weight_taps(float* gw, const float* gy, const float* x, const Conv1dGeometry& g) {
  const int64_t K = g.kernel_size, d = g.dilation, L = g.out_length;
  for (int64_t k = 0; k < K;) {
    const int64_t left = K - k;
    const int64_t taps = left <= 4 ? left : left % 4 == 0 ? 4 : 3;
    switch (taps) {
      case 4: dot_taps<4>(gw + k, gy, x + k * d, d, L); break;
      case 3: dot_taps<3>(gw + k, gy, x + k * d, d, L); break;
      case 2: dot_taps<2>(gw + k, gy, x + k * d, d, L); break;
      default: dot_taps<1>(gw + k, gy, x + k * d, d, L); break;
    }
    k += taps;
  }
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

// dC/dx_pad[c+j, i … i+4V−1] = Σ_o Σ_k dC/dy[o, i − k·d] · W[o, c+j − c0, k] for O input channels of one group at
// once, every tap inside 0 … L−1 (o over the group; gx points at dx_pad[c, 0], w_c at W[0, c − c0, 0]): each dC/dy
// vector loaded once serves all O channels.
template <int V, int O>
void grad_input_block(float* gx, int64_t i, const float* grad_y, const float* w_c, OutputRange outputs,
                      const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  f32x4 a[O][V];
  for (int j = 0; j < O; ++j) {
    for (int v = 0; v < V; ++v) a[j][v] = simd::splat(0.0f);
  }
  for (int64_t o = outputs.first; o < outputs.stop; ++o) {
    const float* w = w_c + o * C * K;
    const float* gy = grad_y + o * L + i;
    for (int64_t k = 0; k < K; ++k, gy -= d, ++w) {
      f32x4 gv[V];
      for (int v = 0; v < V; ++v) gv[v] = simd::load(gy + 4 * v);
      for (int j = 0; j < O; ++j) {
        const f32x4 wk = simd::splat(w[j * K]);
        for (int v = 0; v < V; ++v) a[j][v] += gv[v] * wk;
      }
    }
  }
  for (int j = 0; j < O; ++j) {
    for (int v = 0; v < V; ++v) simd::store(gx + j * Np + i + 4 * v, a[j][v]);
  }
}

// Input channels c … c+O−1 (one group) over every i. Inside [(K−1)d, L) every tap lands in 0 … L−1, so that
// stretch runs in f32x4 without bounds checks (blocks of 4V, then at most one of 16, then of 4); the (K−1)d
// elements at each end take the checked scalar path.
template <int V, int O>
__attribute__((noinline)) void grad_input_channels(float* grad_x_padded, const float* grad_y, const float* weight,
                                                   int64_t c, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, d = g.dilation, C = g.in_per_group();
  const int64_t lo = (K - 1) * d, hi = std::max(lo, L);
  float* gx = grad_x_padded + c * Np;
  const OutputRange outputs = group_outputs(c, g);
  const float* w_c = weight + (c % C) * K;
  for (int j = 0; j < O; ++j) {
    for (int64_t i = 0; i < std::min(lo, Np); ++i) gx[j * Np + i] = grad_input_at(i, c + j, grad_y, weight, g);
  }
  int64_t i = lo;
  for (; i + 4 * V <= hi; i += 4 * V) grad_input_block<V, O>(gx, i, grad_y, w_c, outputs, g);
  if constexpr (V > 4) {
    if (i + 16 <= hi) {  // one block of 16 leaves fewer one-vector blocks
      grad_input_block<4, O>(gx, i, grad_y, w_c, outputs, g);
      i += 16;
    }
  }
  for (; i + 4 <= hi; i += 4) grad_input_block<1, O>(gx, i, grad_y, w_c, outputs, g);
  for (int j = 0; j < O; ++j) {
    for (int64_t r = i; r < Np; ++r) gx[j * Np + r] = grad_input_at(r, c + j, grad_y, weight, g);
  }
}

void backward_stride1(float* grad_x_padded, float* grad_weight, float* grad_bias, const float* grad_y,
                      const float* x_padded, const float* weight, const Conv1dGeometry& g) {
  const int64_t L = g.out_length, Np = g.padded_length, K = g.kernel_size, C = g.in_per_group();
  for (int64_t o = 0; o < g.out_channels; ++o) {
    const float* gy = grad_y + o * L;
    // dC/db[o] = Σ_t dC/dy[o,t]
    if (grad_bias) grad_bias[o] = sum(gy, L);
    // dC/dW[o,c,k] = Σ_t dC/dy[o,t] · x_pad[c0 + c, t + k·d]
    const int64_t c0 = first_input_channel(o, g);
    for (int64_t c = 0; c < C; ++c) grad_weight_taps(grad_weight + (o * C + c) * K, gy, x_padded + (c0 + c) * Np, g);
  }
  if (!grad_x_padded) return;
  // dC/dx_pad[c,i] = Σ_o Σ_k dC/dy[o, i − k·d] · W[o, c − c0, k] (o in c's group): the transposed (full)
  // correlation, gathered per output element. Two input channels of a group at a time (8 accumulators, each dC/dy
  // load shared by both) while the group has two left; then one at a time, 24 elements per block.
  for (int64_t c = 0, group_end = C; c < g.in_channels;) {
    if (c == group_end) group_end += C;
    if (c + 2 <= group_end) {
      grad_input_channels<4, 2>(grad_x_padded, grad_y, weight, c, g);
      c += 2;
    } else {
      grad_input_channels<6, 1>(grad_x_padded, grad_y, weight, c, g);
      c += 1;
    }
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

#define CONVPOOL_INSTANTIATE(T, A)                                                                     \
  template A void conv1d_forward<T>(T*, const T*, const T*, const T*, const Conv1dGeometry&);          \
  template A void conv1d_backward<T>(T*, T*, T*, const T*, const T*, const T*, const Conv1dGeometry&); \
  template A Conv1dResult<T> conv1d_apply<T>(const Conv1dGeometry&, const T*, const T*, const T*, const T*);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
