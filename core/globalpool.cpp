#include "core/globalpool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/errors.hpp"
#include "core/size_attributes.hpp"

namespace convpool {

const char* global_pool_op_name(GlobalPoolOp op) { return op == GlobalPoolOp::max ? "max" : "avg"; }

CONVPOOL_FOR_SIZE GlobalPoolOp parse_global_pool_op(const std::string& name, const char* argument) {
  if (name == "max") return GlobalPoolOp::max;
  if (name == "avg") return GlobalPoolOp::avg;
  throw ArgumentError(argument, std::string(argument) + " '" + name + "' must be one of 'max', 'avg'");
}

template <class T>
void globalmaxpool_forward(T* y, int32_t* argmax, const T* x, const GlobalPoolGeometry& g) {
  const int64_t N = g.in_length;
  for (int64_t c = 0; c < g.channels; ++c) {
    // y[c] = max_i x[c,i]: strictly greater or NaN replaces the running max
    T best = -std::numeric_limits<T>::infinity();
    int64_t best_index = 0;
    for (int64_t i = 0; i < N; ++i) {
      const T v = x[c * N + i];
      if (v > best || std::isnan(v)) {
        best = v;
        best_index = i;
      }
    }
    y[c] = best;
    argmax[c] = static_cast<int32_t>(best_index);
  }
}

template <class T>
void globalmaxpool_backward(T* grad_x, const T* grad_y, const int32_t* argmax, const GlobalPoolGeometry& g) {
  std::fill(grad_x, grad_x + g.channels * g.in_length, T(0));
  // dC/dx[c, argmax[c]] = dC/dy[c]: only the winner passes the gradient back
  for (int64_t c = 0; c < g.channels; ++c) grad_x[c * g.in_length + argmax[c]] = grad_y[c];
}

template <class T>
void globalavgpool_forward(T* y, const T* x, const GlobalPoolGeometry& g) {
  const int64_t N = g.in_length;
  for (int64_t c = 0; c < g.channels; ++c) {
    // y[c] = (Σ_i x[c,i]) / N
    T sum = 0;
    for (int64_t i = 0; i < N; ++i) sum += x[c * N + i];
    y[c] = sum / static_cast<T>(N);
  }
}

template <class T>
void globalavgpool_backward(T* grad_x, const T* grad_y, const GlobalPoolGeometry& g) {
  const int64_t N = g.in_length;
  for (int64_t c = 0; c < g.channels; ++c) {
    // dC/dx[c,i] = dC/dy[c] / N: every sample shares the gradient equally
    const T share = grad_y[c] / static_cast<T>(N);
    std::fill(grad_x + c * N, grad_x + (c + 1) * N, share);
  }
}

template <class T>
GlobalPoolResult<T> globalpool_apply(const GlobalPoolGeometry& g, GlobalPoolOp op, const T* x, const T* grad_y) {
  GlobalPoolResult<T> r;
  r.y.resize(g.channels);
  if (op == GlobalPoolOp::max) {
    r.argmax.resize(g.channels);
    globalmaxpool_forward(r.y.data(), r.argmax.data(), x, g);
  } else {
    globalavgpool_forward(r.y.data(), x, g);
  }
  if (grad_y) {
    r.grad_x.resize(g.channels * g.in_length);
    if (op == GlobalPoolOp::max) {
      globalmaxpool_backward(r.grad_x.data(), grad_y, r.argmax.data(), g);
    } else {
      globalavgpool_backward(r.grad_x.data(), grad_y, g);
    }
  }
  return r;
}

#define CONVPOOL_INSTANTIATE(T, A)                                                                    \
  template A void globalmaxpool_forward<T>(T*, int32_t*, const T*, const GlobalPoolGeometry&);        \
  template A void globalmaxpool_backward<T>(T*, const T*, const int32_t*, const GlobalPoolGeometry&); \
  template A void globalavgpool_forward<T>(T*, const T*, const GlobalPoolGeometry&);                  \
  template A void globalavgpool_backward<T>(T*, const T*, const GlobalPoolGeometry&);                 \
  template A GlobalPoolResult<T> globalpool_apply<T>(const GlobalPoolGeometry&, GlobalPoolOp, const T*, const T*);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
