// Reading the golden files (tests/golden/*.json, computed by PyTorch 1.13 in float64 by the generators beside them)
// and comparing the float32 core with them within the documented tolerance: 1e-4 relative, 1e-5 absolute near zero.
#pragma once

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace golden {

using nlohmann::json;

/** One golden file by name, parsed; the test stops here if it cannot be read. */
inline json load(const std::string& name) {
  std::ifstream in(std::string(CONVPOOL_GOLDEN_DIR) + "/" + name);
  REQUIRE(in.good());
  return json::parse(in);
}

// JSON has no NaN/∞: the generators write them as the strings "NaN", "Infinity", "-Infinity".
inline double number(const json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    return s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return v.get<double>();
}
inline double number(double v) { return v; }

/** A golden array as the float32 values the core computes with. */
inline std::vector<float> floats(const json& v) {
  std::vector<float> out;
  for (const auto& e : v) out.push_back(static_cast<float>(number(e)));
  return out;
}

// Worst deviation in units of the tolerance (≤ 1 passes); NaN must match NaN, ∞ must match ∞.
// `expected` is a golden JSON array or a std::vector<double> read from one.
template <class Actual, class Expected = std::vector<double>>  // the default takes a braced list {value}
void expect_close(const Actual& actual, const Expected& expected, const std::string& what) {
  REQUIRE(actual.size() == expected.size());
  if (actual.empty()) return;  // a layer without bias
  double worst = 0;
  size_t worst_at = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double want = number(expected[i]), got = static_cast<double>(actual[i]);
    double badness;
    if (std::isnan(want) || std::isinf(want)) {
      badness = (std::isnan(want) ? std::isnan(got) : got == want) ? 0 : INFINITY;
    } else {
      badness = std::fabs(got - want) / std::max(1e-5, 1e-4 * std::fabs(want));
    }
    if (!(badness <= worst)) {
      worst = badness;
      worst_at = i;
    }
  }
  INFO(what << ": worst element " << worst_at << " is " << worst << " tolerances off (got "
            << static_cast<double>(actual[worst_at]) << ", PyTorch " << expected[worst_at] << ")");
  CHECK(worst <= 1.0);
}

}  // namespace golden
