// Golden vectors computed by PyTorch 1.13 in float64 (tests/golden/generate.py): the float32 core must agree
// within the documented tolerance, 1e-4 relative or 1e-5 absolute near zero, element by element.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/avgpool1d.hpp"
#include "core/conv1d.hpp"
#include "core/crossentropy.hpp"
#include "core/globalpool.hpp"
#include "core/linear.hpp"
#include "core/maxpool1d.hpp"
#include "golden.hpp"

using namespace convpool;
using namespace golden;

TEST_CASE("conv1d matches PyTorch on the golden cases", "[conv1d][golden]") {
  const std::string file = GENERATE("conv1d.json", "conv1d_groups.json");  // groups = 1; groups 1, 2, in (depthwise)
  const json doc = load(file);
  REQUIRE(doc["cases"].size() > 40);
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
    p.groups = c.value("groups", 1);
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

TEST_CASE("avg-pool matches PyTorch on the golden cases", "[avgpool1d][golden]") {
  const json doc = load("avgpool1d.json");
  REQUIRE(doc["cases"].size() > 100);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    AvgPool1dParams p{c["channels"], c["kernelSize"], c["stride"], c["padding"], c["ceilMode"], c["countIncludePad"]};
    const auto g = resolve_avgpool1d(p, c["inputLength"]);
    REQUIRE(g.out_length == c["outLength"].get<int64_t>());
    const auto x = floats(c["x"]), gy = floats(c["gradOut"]);
    const auto r = avgpool1d_apply<float>(g, x.data(), gy.data());
    expect_close(r.y, c["y"], "y");
    expect_close(r.grad_x, c["dx"], "dx");
  }
}

TEST_CASE("global pooling matches AdaptiveMax/AvgPool1d(1) on the golden cases", "[globalpool][golden]") {
  const json doc = load("globalpool1d.json");
  REQUIRE(doc["cases"].size() > 20);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    const auto g = resolve_globalpool(c["channels"], c["inputLength"]);
    const GlobalPoolOp op = parse_global_pool_op(c["op"]);
    const auto x = floats(c["x"]), gy = floats(c["gradOut"]);
    const auto r = globalpool_apply<float>(g, op, x.data(), gy.data());
    expect_close(r.y, c["y"], "y");
    expect_close(r.grad_x, c["dx"], "dx");
    if (op == GlobalPoolOp::max) CHECK(r.argmax == c["indices"].get<std::vector<int32_t>>());
  }
}

TEST_CASE("linear matches nn.Flatten + nn.Linear on the golden cases", "[linear][golden]") {
  const json doc = load("linear.json");
  REQUIRE(doc["cases"].size() > 20);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    const bool bias = c["bias"];
    const auto g = resolve_linear(c["inFeatures"], c["outFeatures"], bias);
    const auto x = floats(c["x"]), w = floats(c["w"]), gy = floats(c["gradOut"]);
    const auto b = bias ? floats(c["b"]) : std::vector<float>{};
    const auto r = linear_apply<float>(g, x.data(), w.data(), bias ? b.data() : nullptr, gy.data());
    expect_close(r.y, c["y"], "y");
    expect_close(r.grad_x, c["dx"], "dx");
    expect_close(r.grad_weight, c["dw"], "dw");
    if (bias) expect_close(r.grad_bias, c["db"], "db");
  }
}

TEST_CASE("cross-entropy matches nn.CrossEntropyLoss on the golden cases", "[crossentropy][golden]") {
  const json doc = load("crossentropy.json");
  REQUIRE(doc["cases"].size() > 20);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    const auto g = resolve_crossentropy(c["count"], c["classes"]);
    const auto logits = floats(c["logits"]);
    std::vector<float> target;
    for (int64_t y : c["target"].get<std::vector<int64_t>>()) target.push_back(static_cast<float>(y));
    check_class_targets(target.data(), g);
    std::vector<float> probabilities(logits.size()), grad(logits.size());
    std::vector<int32_t> predicted(g.count);
    const auto value = crossentropy_forward(probabilities.data(), predicted.data(), logits.data(), target.data(), g);
    crossentropy_backward(grad.data(), probabilities.data(), target.data(), g);
    expect_close(std::vector<double>{value.loss}, json::array({c["loss"]}), "loss");
    expect_close(grad, c["dLogits"], "dLogits");
    CHECK(predicted == c["predicted"].get<std::vector<int32_t>>());
    CHECK(static_cast<double>(value.correct) / static_cast<double>(g.count) == c["accuracy"].get<double>());
  }
}
