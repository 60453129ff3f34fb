#include "core/avgpool1d.hpp"

#include <algorithm>

#include "core/size_attributes.hpp"

namespace convpool {

namespace {
// Window t: the input samples first … stop − 1 it covers and the divisor of its sum (see avgpool1d.hpp).
struct Window {
  int64_t first, stop, divisor;
};
Window window(const AvgPool1dGeometry& g, int64_t t) {
  const int64_t start = t * g.stride - g.padding;
  const int64_t end = std::min(start + g.kernel_size, g.in_length + g.padding);  // clipped at the padded end
  const int64_t first = std::max(start, int64_t{0}), stop = std::min(end, g.in_length);
  return {first, stop, g.count_include_pad ? end - start : stop - first};
}
}  // namespace

template <class T>
void avgpool1d_forward(T* y, const T* x, const AvgPool1dGeometry& g) {
  const int64_t N = g.in_length, L = g.out_length;
  for (int64_t c = 0; c < g.channels; ++c) {
    const T* xc = x + c * N;
    for (int64_t t = 0; t < L; ++t) {
      // y[c,t] = (Σ_{first ≤ i < stop} x[c,i]) / divisor
      const Window w = window(g, t);
      T sum = 0;
      for (int64_t i = w.first; i < w.stop; ++i) sum += xc[i];
      y[c * L + t] = sum / static_cast<T>(w.divisor);
    }
  }
}

template <class T>
void avgpool1d_backward(T* grad_x, const T* grad_y, const AvgPool1dGeometry& g) {
  const int64_t N = g.in_length, L = g.out_length;
  std::fill(grad_x, grad_x + g.channels * N, T(0));
  for (int64_t c = 0; c < g.channels; ++c) {
    T* gx = grad_x + c * N;
    for (int64_t t = 0; t < L; ++t) {
      // dC/dx[c,i] += dC/dy[c,t] / divisor for every input sample of window t: each shares the gradient equally
      const Window w = window(g, t);
      const T share = grad_y[c * L + t] / static_cast<T>(w.divisor);
      for (int64_t i = w.first; i < w.stop; ++i) gx[i] += share;
    }
  }
}

template <class T>
AvgPool1dResult<T> avgpool1d_apply(const AvgPool1dGeometry& g, const T* x, const T* grad_y) {
  AvgPool1dResult<T> r;
  r.y.resize(g.channels * g.out_length);
  avgpool1d_forward(r.y.data(), x, g);
  if (grad_y) {
    r.grad_x.resize(g.channels * g.in_length);
    avgpool1d_backward(r.grad_x.data(), grad_y, g);
  }
  return r;
}

#define CONVPOOL_INSTANTIATE(T, A)                                               \
  template A void avgpool1d_forward<T>(T*, const T*, const AvgPool1dGeometry&);  \
  template A void avgpool1d_backward<T>(T*, const T*, const AvgPool1dGeometry&); \
  template A AvgPool1dResult<T> avgpool1d_apply<T>(const AvgPool1dGeometry&, const T*, const T*);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
