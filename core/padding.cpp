#include "core/padding.hpp"

#include <cstring>
#include <type_traits>

#include "core/simd.hpp"
#include "core/size_attributes.hpp"

namespace convpool {

namespace {
template <class T>
void copy_samples(T* dst, const T* src, int64_t n) {
  if constexpr (std::is_same_v<T, float>) {
    simd::copy(dst, src, n);
  } else {
    std::memcpy(dst, src, sizeof(T) * n);
  }
}
}  // namespace

template <class T>
void pad_forward(T* x_padded, const T* x, const Conv1dGeometry& g) {
  const int64_t n = g.in_length, np = g.padded_length;
  for (int64_t c = 0; c < g.in_channels; ++c) {
    const T* xc = x + c * n;
    T* pc = x_padded + c * np;
    copy_samples(pc + g.pad_left, xc, n);
    // Only the border cells need the rule: x_pad[p] = x[source(p)] or 0.
    for (int64_t p = 0; p < g.pad_left; ++p) {
      const int64_t i = padded_source_index(p, g.pad_left, n, g.padding_mode);
      pc[p] = i < 0 ? T(0) : xc[i];
    }
    for (int64_t p = g.pad_left + n; p < np; ++p) {
      const int64_t i = padded_source_index(p, g.pad_left, n, g.padding_mode);
      pc[p] = i < 0 ? T(0) : xc[i];
    }
  }
}

template <class T>
void pad_backward(T* grad_x, const T* grad_padded, const Conv1dGeometry& g) {
  const int64_t n = g.in_length, np = g.padded_length;
  for (int64_t c = 0; c < g.in_channels; ++c) {
    T* gx = grad_x + c * n;
    const T* gp = grad_padded + c * np;
    // dC/dx[i] starts as the gradient of the sample's own cell …
    copy_samples(gx, gp + g.pad_left, n);
    // … then each border copy adds its gradient onto the sample it copied (zeros padding: nothing).
    for (int64_t p = 0; p < g.pad_left; ++p) {
      const int64_t i = padded_source_index(p, g.pad_left, n, g.padding_mode);
      if (i >= 0) gx[i] += gp[p];
    }
    for (int64_t p = g.pad_left + n; p < np; ++p) {
      const int64_t i = padded_source_index(p, g.pad_left, n, g.padding_mode);
      if (i >= 0) gx[i] += gp[p];
    }
  }
}

template void pad_forward<float>(float*, const float*, const Conv1dGeometry&);
template CONVPOOL_FOR_SIZE void pad_forward<double>(double*, const double*, const Conv1dGeometry&);
template void pad_backward<float>(float*, const float*, const Conv1dGeometry&);
template CONVPOOL_FOR_SIZE void pad_backward<double>(double*, const double*, const Conv1dGeometry&);

}  // namespace convpool
