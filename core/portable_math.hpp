// exp, tanh, sigmoid and sin built only from +, −, ×, ÷ and exact scaling, so they give the same bits in the
// native build (glibc), in WebAssembly (musl) and in every browser. std::exp/std::tanh differ between C
// libraries in the last bit, which would break "same seed → bit-identical losses everywhere".
#pragma once
#include <cmath>

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
  double sum = 1.0, term = 1.0;
  for (int i = 1; i <= 14; ++i) {  // |r|^15/15! < 2e-19
    term = term * r / i;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(n));
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
