// exp, log, tanh, sigmoid and sin built only from +, −, ×, ÷ and exact scaling, so they give the same bits in the
// native build (glibc), in WebAssembly (musl) and in every browser. std::exp/std::tanh differ between C
// libraries in the last bit, which would break "same seed → bit-identical losses everywhere".
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace convpool::portable {

// e^x in double, within a few ulp: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series, then × 2^n.
inline double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.78) return INFINITY;
  if (x < -745.2) return 0.0;
  constexpr double inv_ln2 = 1.4426950408889634;
  constexpr double ln2_hi = 6.93147180369123816490e-01;  // Cody–Waite split of ln 2
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  const double n = std::floor(x * inv_ln2 + 0.5);
  const double r = (x - n * ln2_hi) - n * ln2_lo;
  // e^r = Σ_{i ≤ 14} r^i / i! by Horner's rule on the constants 1/i! (|r|^15/15! < 2e-19): multiplications and
  // additions only, no division on the dependency chain.
  constexpr double inv_factorial[15] = {1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040,
                                        1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600,
                                        1.0 / 6227020800, 1.0 / 87178291200};
  double sum = inv_factorial[14];
  for (int i = 13; i >= 0; --i) sum = sum * r + inv_factorial[i];
  // × 2^n: exact (one rounding, as ldexp) while 2^n is a normal double; ldexp keeps the subnormal range right.
  const int e = static_cast<int>(n);
  if (e < -1022 || e > 1023) return std::ldexp(sum, e);
  const uint64_t bits = static_cast<uint64_t>(e + 1023) << 52;
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return sum * scale;
}

// ln x in double, within a few ulp: x = m·2^e with m in [√½, √2) (frexp is exact), then
// ln m = 2 atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| ≤ 0.172 (s^25/25 < 1e-20).
inline double log(double x) {
  if (std::isnan(x) || x < 0) return NAN;
  if (x == 0) return -INFINITY;
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1)
  if (m < 0.7071067811865476) {
    m *= 2.0;
    --e;
  }
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double sum = 1.0 / 25;
  for (int i = 11; i >= 0; --i) sum = sum * s2 + 1.0 / (2 * i + 1);  // Horner in s²: Σ_{i ≤ 12} s^{2i}/(2i+1)
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (e * ln2_lo + 2.0 * s * sum);
}

inline double tanh(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  if (a > 22.0) return x > 0 ? 1.0 : -1.0;  // tanh(22) rounds to 1 in double
  const double e = exp(2.0 * a);
  const double t = (e - 1.0) / (e + 1.0);
  return x < 0 ? -t : t;
}

inline double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

// sin(x) for the signal generators: reduce to [−π/2, π/2], then the Taylor series.
inline double sin(double x) {
  if (!std::isfinite(x)) return NAN;
  constexpr double two_pi = 6.283185307179586;
  constexpr double pi = 3.141592653589793;
  double r = x - two_pi * std::floor(x / two_pi + 0.5);  // r in [−π, π]
  if (r > pi / 2) r = pi - r;
  if (r < -pi / 2) r = -pi - r;
  const double r2 = r * r;
  double sum = r, term = r;
  for (int i = 1; i <= 11; ++i) {  // |r|^23/23! < 1e-18
    term = -term * r2 / ((2 * i) * (2 * i + 1));
    sum += term;
  }
  return sum;
}

}  // namespace convpool::portable
