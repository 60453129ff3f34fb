#include "core/maxpool1d.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/simd.hpp"
#include "core/size_attributes.hpp"

// The fast path for the playground's usual layer: kernel 2, stride 1, no padding, no dilation, in f32x4.
namespace convpool::pair_pool {
namespace {

// The common layer of the playground: kernel 2, stride 1, no padding, no dilation (out_length = N − 1).
bool is_pair_pool(const MaxPool1dGeometry& g) {
  return g.kernel_size == 2 && g.stride == 1 && g.padding == 0 && g.dilation == 1 && g.out_length == g.in_length - 1;
}

// y[t] = x[t+1] if x[t+1] > x[t] or x[t+1] is NaN, else x[t]; argmax[t] likewise t+1 or t.
// (The general scan with its −∞ start: x[t] always wins the first tap, then the second tap wins by the same rule.)
void pair_forward(float* y, int32_t* argmax, const float* x, int64_t L) {
  using simd::f32x4;
  using simd::i32x4;
  int64_t t = 0;
  i32x4 index = {0, 1, 2, 3};
  for (; t + 4 <= L; t += 4, index += simd::splat(int32_t{4})) {
    const f32x4 first = simd::load(x + t), second = simd::load(x + t + 1);
    const i32x4 second_wins = (second > first) | (second != second);
    simd::store(y + t, simd::select(second_wins, second, first));
    simd::store(argmax + t, index - second_wins);  // a winning lane is −1: t + 1
  }
  for (; t < L; ++t) {
    const bool second_wins = x[t + 1] > x[t] || std::isnan(x[t + 1]);
    y[t] = second_wins ? x[t + 1] : x[t];
    argmax[t] = static_cast<int32_t>(second_wins ? t + 1 : t);
  }
}

// dC/dx[i] = (0 + [argmax[i−1] = i]·dC/dy[i−1]) + [argmax[i] = i]·dC/dy[i]: the two windows that contain i, in the
// order the general scatter adds them (adding +0 for a window that lost changes nothing: the sum is never −0).
void pair_backward(float* grad_x, const float* grad_y, const int32_t* argmax, int64_t N) {
  using simd::f32x4;
  using simd::i32x4;
  const int64_t L = N - 1;
  auto at = [&](int64_t i) {
    float sum = 0.0f;
    if (i >= 1 && argmax[i - 1] == i) sum += grad_y[i - 1];
    if (i < L && argmax[i] == i) sum += grad_y[i];
    return sum;
  };
  grad_x[0] = at(0);
  int64_t i = 1;
  i32x4 index = {1, 2, 3, 4};
  const f32x4 zero = simd::splat(0.0f);
  for (; i + 4 <= L; i += 4, index += simd::splat(int32_t{4})) {
    const f32x4 left = simd::select(simd::load(argmax + i - 1) == index, simd::load(grad_y + i - 1), zero);
    const f32x4 right = simd::select(simd::load(argmax + i) == index, simd::load(grad_y + i), zero);
    simd::store(grad_x + i, (zero + left) + right);
  }
  for (; i < N; ++i) grad_x[i] = at(i);
}

}  // namespace
}  // namespace convpool::pair_pool

namespace convpool {

namespace {
// Window t covers i = start + j·d, j < K, with start = t·s − p. Its first tap at i ≥ 0 (skipping the −∞ padding
// on the left), and the end of its in-bounds range. When first ≥ stop every tap falls in the padding: the
// window is all −∞ (possible for K = 2 with p = 1 and d = N + 1, or in ceil mode).
struct Window {
  int64_t first, stop;
  bool empty() const { return first >= stop; }
};
Window window(const MaxPool1dGeometry& g, int64_t t) {
  const int64_t start = t * g.stride - g.padding;
  const int64_t first = start >= 0 ? start : start + (-start + g.dilation - 1) / g.dilation * g.dilation;
  return {first, std::min(start + (g.kernel_size - 1) * g.dilation + 1, g.in_length)};
}
}  // namespace

template <class T>
void maxpool1d_forward(T* y, int32_t* argmax, const T* x, const MaxPool1dGeometry& g) {
  const int64_t N = g.in_length, L = g.out_length;
  if constexpr (std::is_same_v<T, float>) {
    if (pair_pool::is_pair_pool(g)) {
      for (int64_t c = 0; c < g.channels; ++c) pair_pool::pair_forward(y + c * L, argmax + c * L, x + c * N, L);
      return;
    }
  }
  for (int64_t c = 0; c < g.channels; ++c) {
    const T* xc = x + c * N;
    for (int64_t t = 0; t < L; ++t) {
      const Window w = window(g, t);
      T best = -std::numeric_limits<T>::infinity();
      // PyTorch starts at the first in-bounds tap; for a window with none it reports that tap's index even
      // though it lies past the input. We clamp it into 0…N−1 (the documented index range) and the backward skips it.
      int64_t best_index = std::min(w.first, N - 1);
      for (int64_t i = w.first; i < w.stop; i += g.dilation) {
        const T v = xc[i];
        if (v > best || std::isnan(v)) {
          best = v;
          best_index = i;
        }
      }
      y[c * L + t] = best;
      argmax[c * L + t] = static_cast<int32_t>(best_index);
    }
  }
}

template <class T>
void maxpool1d_backward(T* grad_x, const T* grad_y, const int32_t* argmax, const MaxPool1dGeometry& g) {
  const int64_t N = g.in_length, L = g.out_length;
  if constexpr (std::is_same_v<T, float>) {
    if (pair_pool::is_pair_pool(g)) {
      for (int64_t c = 0; c < g.channels; ++c) {
        pair_pool::pair_backward(grad_x + c * N, grad_y + c * L, argmax + c * L, N);
      }
      return;
    }
  }
  std::fill(grad_x, grad_x + g.channels * N, T(0));
  for (int64_t c = 0; c < g.channels; ++c) {
    // dC/dx[c, argmax[c,t]] += dC/dy[c,t]: the gradient goes only to each window's winner. A window with no
    // in-bounds tap outputs the constant −∞ and passes no gradient back (its clamped index is not a winner).
    for (int64_t t = 0; t < L; ++t) {
      if (window(g, t).empty()) continue;
      grad_x[c * N + argmax[c * L + t]] += grad_y[c * L + t];
    }
  }
}

template <class T>
MaxPool1dResult<T> maxpool1d_apply(const MaxPool1dGeometry& g, const T* x, const T* grad_y) {
  MaxPool1dResult<T> r;
  r.y.resize(g.channels * g.out_length);
  r.argmax.resize(r.y.size());
  maxpool1d_forward(r.y.data(), r.argmax.data(), x, g);
  if (grad_y) {
    r.grad_x.resize(g.channels * g.in_length);
    maxpool1d_backward(r.grad_x.data(), grad_y, r.argmax.data(), g);
  }
  return r;
}

#define CONVPOOL_INSTANTIATE(T, A)                                                               \
  template A void maxpool1d_forward<T>(T*, int32_t*, const T*, const MaxPool1dGeometry&);        \
  template A void maxpool1d_backward<T>(T*, const T*, const int32_t*, const MaxPool1dGeometry&); \
  template A MaxPool1dResult<T> maxpool1d_apply<T>(const MaxPool1dGeometry&, const T*, const T*);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
