#include "core/maxpool1d.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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
  for (int64_t c = 0; c < g.channels; ++c) {
    const T* xc = x + c * N;
    for (int64_t t = 0; t < L; ++t) {
      const Window w = window(g, t);
      T best = -std::numeric_limits<T>::infinity();
      // PyTorch starts at the first in-bounds tap; for a window with none it reports that tap's index even
      // though it lies past the input. We clamp it into 0…N−1 (the contract's range) and the backward skips it.
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

#define CONVPOOL_INSTANTIATE(T)                                                                          \
  template void maxpool1d_forward<T>(T*, int32_t*, const T*, const MaxPool1dGeometry&);                  \
  template void maxpool1d_backward<T>(T*, const T*, const int32_t*, const MaxPool1dGeometry&);           \
  template MaxPool1dResult<T> maxpool1d_apply<T>(const MaxPool1dGeometry&, const T*, const T*);
CONVPOOL_INSTANTIATE(float)
CONVPOOL_INSTANTIATE(double)
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
