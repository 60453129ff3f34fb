#include "core/crossentropy.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/errors.hpp"
#include "core/portable_math.hpp"
#include "core/size_attributes.hpp"

namespace convpool {

template <class T>
CONVPOOL_FOR_SIZE void check_class_targets(const T* target, const CrossEntropyGeometry& g, const char* argument) {
  for (int64_t n = 0; n < g.count; ++n) {
    const double y = static_cast<double>(target[n]);
    if (y >= 0 && y < static_cast<double>(g.classes) && y == std::floor(y)) continue;  // NaN fails every test
    // As JavaScript would print it: the caller's value, not C's "nan"/"inf". snprintf rather than an ostringstream:
    // the stream would link the whole iostream/locale library into the .wasm (about a third of it).
    char value[32] = "NaN";
    if (std::isinf(y)) {
      std::snprintf(value, sizeof value, "%s", y > 0 ? "Infinity" : "-Infinity");
    } else if (!std::isnan(y)) {
      std::snprintf(value, sizeof value, "%.9g", y);  // 9 significant digits: float32 values round-trip
    }
    throw ArgumentError(argument, std::string(argument) + "[" + std::to_string(n) + "] " + value +
                        " must be a class index: an integer from 0 to " + std::to_string(g.classes - 1) +
                        " (classes " + std::to_string(g.classes) + ")");
  }
}

template <class T>
CrossEntropyValue crossentropy_forward(T* probabilities, int32_t* predicted, const T* logits, const T* target,
                                       const CrossEntropyGeometry& g) {
  const int64_t K = g.classes;
  double total = 0;
  int64_t correct = 0;
  for (int64_t n = 0; n < g.count; ++n) {
    const T* z = logits + n * K;
    // arg-max: the first maximum; once a NaN leads, nothing replaces it
    int64_t best = 0;
    for (int64_t j = 1; j < K && !std::isnan(z[best]); ++j) {
      if (z[j] > z[best] || std::isnan(z[j])) best = j;
    }
    // m = max_j z[n,j] (NaN if any is NaN); lse = m + log Σ_j e^{z_j − m}
    double m = static_cast<double>(z[best]);
    double sum = 0;
    for (int64_t j = 0; j < K; ++j) sum += portable::exp(static_cast<double>(z[j]) - m);
    const double lse = m + portable::log(sum);
    const int64_t y = static_cast<int64_t>(target[n]);
    total += lse - static_cast<double>(z[y]);  // −log p[n, y_n]
    if (best == y) ++correct;
    if (predicted) predicted[n] = static_cast<int32_t>(best);
    if (probabilities) {
      // p[n,j] = e^{z_j − lse}
      for (int64_t j = 0; j < K; ++j) {
        probabilities[n * K + j] = static_cast<T>(portable::exp(static_cast<double>(z[j]) - lse));
      }
    }
  }
  return {total / static_cast<double>(g.count), correct};
}

template <class T>
void crossentropy_backward(T* grad_logits, const T* probabilities, const T* target, const CrossEntropyGeometry& g) {
  const int64_t K = g.classes;
  const double scale = 1.0 / static_cast<double>(g.count);
  for (int64_t n = 0; n < g.count; ++n) {
    const int64_t y = static_cast<int64_t>(target[n]);
    // dC/dz[n,j] = (p[n,j] − [j = y_n]) / count
    for (int64_t j = 0; j < K; ++j) {
      const double p = static_cast<double>(probabilities[n * K + j]);
      grad_logits[n * K + j] = static_cast<T>(((j == y ? p - 1.0 : p)) * scale);
    }
  }
}

#define CONVPOOL_INSTANTIATE(T, A)                                                            \
  template A void check_class_targets<T>(const T*, const CrossEntropyGeometry&, const char*); \
  template A CrossEntropyValue crossentropy_forward<T>(T*, int32_t*, const T*, const T*,      \
                                                       const CrossEntropyGeometry&);          \
  template A void crossentropy_backward<T>(T*, const T*, const T*, const CrossEntropyGeometry&);
CONVPOOL_INSTANTIATE(float, )
CONVPOOL_INSTANTIATE(double, CONVPOOL_FOR_SIZE)  // off the training path: for size
#undef CONVPOOL_INSTANTIATE

}  // namespace convpool
