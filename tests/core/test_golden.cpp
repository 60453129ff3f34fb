// Golden vectors computed by PyTorch 1.13 in float64 (tests/golden/generate.py): the float32 core must agree
// within the documented tolerance, 1e-4 relative or 1e-5 absolute near zero, element by element.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/conv1d.hpp"
#include "core/maxpool1d.hpp"

using namespace convpool;
using nlohmann::json;

namespace {

json load(const std::string& name) {
  std::ifstream in(std::string(CONVPOOL_GOLDEN_DIR) + "/" + name);
  REQUIRE(in.good());
  return json::parse(in);
}

// JSON has no NaN/∞: the generator writes them as the strings "NaN", "Infinity", "-Infinity".
double number(const json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    return s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return v.get<double>();
}

std::vector<float> floats(const json& v) {
  std::vector<float> out;
  for (const auto& e : v) out.push_back(static_cast<float>(number(e)));
  return out;
}

// Worst deviation in units of the tolerance (≤ 1 passes); NaN must match NaN, ∞ must match ∞.
template <class A>
void expect_close(const A& actual, const json& expected, const std::string& what) {
  REQUIRE(actual.size() == expected.size());
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

}  // namespace

TEST_CASE("conv1d matches PyTorch on the golden cases", "[conv1d][golden]") {
  const json doc = load("conv1d.json");
  REQUIRE(doc["cases"].size() > 50);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    Conv1dParams p;
    p.in_channels = c["inChannels"];
    p.out_channels = c["outChannels"];
    p.kernel_size = c["kernelSize"];
    p.stride = c["stride"];
    p.dilation = c["dilation"];
    p.padding_mode = parse_padding_mode(c["paddingMode"]);
    p.bias = c["bias"];
    const json& padding = c["padding"];
    if (padding.is_string()) {
      p.padding_kind = padding == "same" ? PaddingKind::same : PaddingKind::valid;
    } else {
      p.padding = padding;
    }
    const Conv1dGeometry g = resolve_conv1d(p, c["inputLength"]);
    REQUIRE(g.out_length == c["outLength"].get<int64_t>());
    const auto x = floats(c["x"]), w = floats(c["w"]), gy = floats(c["gradOut"]);
    const auto b = p.bias ? floats(c["b"]) : std::vector<float>{};
    const auto r = conv1d_apply<float>(g, x.data(), w.data(), p.bias ? b.data() : nullptr, gy.data());
    expect_close(r.y, c["y"], "y");
    expect_close(r.grad_x, c["dx"], "dx");
    expect_close(r.grad_weight, c["dw"], "dw");
    if (p.bias) expect_close(r.grad_bias, c["db"], "db");
  }
}

TEST_CASE("max-pool matches PyTorch on the golden cases including indices", "[maxpool1d][golden]") {
  const json doc = load("maxpool1d.json");
  REQUIRE(doc["cases"].size() > 50);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    MaxPool1dParams p{c["channels"], c["kernelSize"], c["stride"], c["padding"], c["dilation"], c["ceilMode"]};
    const auto g = resolve_maxpool1d(p, c["inputLength"]);
    REQUIRE(g.out_length == c["outLength"].get<int64_t>());
    const auto x = floats(c["x"]), gy = floats(c["gradOut"]);
    const auto r = maxpool1d_apply<float>(g, x.data(), gy.data());
    expect_close(r.y, c["y"], "y");
    CHECK(r.argmax == c["indices"].get<std::vector<int32_t>>());
    expect_close(r.grad_x, c["dx"], "dx");
  }
}
