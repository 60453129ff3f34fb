// Four-lane float vectors written once with the GCC/Clang vector extensions: SSE in the native build, simd128 under
// Emscripten's -msimd128. Every lane operation is one IEEE operation (no FMA: the build has -ffp-contract=off), and
// every reduction has a fixed lane/accumulator structure and a fixed horizontal order (hsum), so the native build
// and WebAssembly perform the same operations in the same order and give the same bits.
// Loads and stores go through memcpy: no alignment or aliasing assumptions.
// Every helper is always inlined: the bookkeeping files are compiled for size (-Oz in WebAssembly), where a call per
// four floats would otherwise cost more than the work.
#pragma once
#include <cstdint>
#include <cstring>

#define CONVPOOL_SIMD_INLINE inline __attribute__((always_inline))

namespace convpool::simd {

typedef float f32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));

CONVPOOL_SIMD_INLINE f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
CONVPOOL_SIMD_INLINE void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
CONVPOOL_SIMD_INLINE i32x4 load(const int32_t* p) {
  i32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
CONVPOOL_SIMD_INLINE void store(int32_t* p, i32x4 v) { std::memcpy(p, &v, sizeof v); }

CONVPOOL_SIMD_INLINE f32x4 splat(float x) { return f32x4{x, x, x, x}; }
CONVPOOL_SIMD_INLINE i32x4 splat(int32_t x) { return i32x4{x, x, x, x}; }

// mask ? a : b, lane by lane (mask lanes are all-ones or all-zeros, as vector comparisons give them).
CONVPOOL_SIMD_INLINE f32x4 select(i32x4 mask, f32x4 a, f32x4 b) {
  return reinterpret_cast<f32x4>((mask & reinterpret_cast<i32x4>(a)) | (~mask & reinterpret_cast<i32x4>(b)));
}
CONVPOOL_SIMD_INLINE i32x4 select(i32x4 mask, i32x4 a, i32x4 b) { return (mask & a) | (~mask & b); }

// dst[i] = src[i] for n floats (non-overlapping). A loop rather than std::memcpy: Emscripten 3.1.6's memcpy hands
// copies of 512 bytes and more to JavaScript (emscripten_memcpy_big), a round trip that costs more than the copy.
CONVPOOL_SIMD_INLINE void copy(float* dst, const float* src, int64_t n) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) store(dst + i, load(src + i));
  for (; i < n; ++i) dst[i] = src[i];
}

// The one horizontal order used everywhere: (v0 + v1) + (v2 + v3).
CONVPOOL_SIMD_INLINE float hsum(f32x4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

}  // namespace convpool::simd
