// Every argument rule (docs/interface.md, "Semantics" and "Errors"): the error names the argument, its value and the rule.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/shape.hpp"

using namespace convpool;
using Catch::Matchers::Contains;

namespace {
Conv1dParams conv(int64_t k, int64_t s = 1, int64_t p = 0, int64_t d = 1, PaddingMode mode = PaddingMode::zeros) {
  Conv1dParams params;
  params.kernel_size = k;
  params.stride = s;
  params.padding = p;
  params.dilation = d;
  params.padding_mode = mode;
  return params;
}
MaxPool1dParams pool(int64_t k, int64_t s, int64_t p = 0, int64_t d = 1, bool ceil = false) {
  MaxPool1dParams params;
  params.kernel_size = k;
  params.stride = s;
  params.padding = p;
  params.dilation = d;
  params.ceil_mode = ceil;
  return params;
}
}  // namespace

TEST_CASE("conv1d output length follows floor((N + 2p - d(k-1) - 1)/s) + 1", "[shape][conv1d]") {
  CHECK(resolve_conv1d(conv(3), 10).out_length == 8);
  CHECK(resolve_conv1d(conv(3, 2, 1), 10).out_length == 5);
  CHECK(resolve_conv1d(conv(3, 3, 2, 2), 11).out_length == 4);  // (11 + 4 - 4 - 1)/3 + 1
  CHECK(resolve_conv1d(conv(5, 1, 0), 5).out_length == 1);
}

TEST_CASE("conv1d 'same' pads d(k-1) in total, the odd sample on the right", "[shape][conv1d]") {
  Conv1dParams params = conv(4, 1, 0, 2);
  params.padding_kind = PaddingKind::same;
  const auto g = resolve_conv1d(params, 9);
  CHECK(g.pad_left == 3);
  CHECK(g.pad_right == 3);
  params.kernel_size = 4;
  params.dilation = 1;
  const auto h = resolve_conv1d(params, 9);
  CHECK(h.pad_left == 1);
  CHECK(h.pad_right == 2);
  CHECK(h.out_length == 9);
}

TEST_CASE("conv1d argument rules", "[shape][conv1d][errors]") {
  CHECK_THROWS_WITH(resolve_conv1d(conv(0), 5), Contains("kernelSize 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3, 0), 5), Contains("stride 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3, 1, -1), 5), Contains("padding -1 must be at least 0"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3, 1, 0, 0), 5), Contains("dilation 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3), 0), Contains("inputLength 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3, 1, 5, 1, PaddingMode::reflect), 5),
                    Contains("padding 5 must be smaller than the input length 5 for paddingMode 'reflect'"));
  CHECK_NOTHROW(resolve_conv1d(conv(3, 1, 4, 1, PaddingMode::reflect), 5));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3, 1, 6, 1, PaddingMode::circular), 5),
                    Contains("padding 6 must be at most the input length 5 for paddingMode 'circular'"));
  CHECK_NOTHROW(resolve_conv1d(conv(3, 1, 5, 1, PaddingMode::circular), 5));
  CHECK_NOTHROW(resolve_conv1d(conv(3, 1, 50, 1, PaddingMode::replicate), 5));
  CHECK_THROWS_WITH(resolve_conv1d(conv(7), 5), Contains("the output would be empty"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(7), 5), Contains("kernelSize 7"));
  Conv1dParams same = conv(3, 2);
  same.padding_kind = PaddingKind::same;
  CHECK_THROWS_WITH(resolve_conv1d(same, 8), Contains("padding 'same' requires stride 1, but stride is 2"));
  Conv1dParams wide = conv(3);
  wide.in_channels = 65;
  CHECK_THROWS_WITH(resolve_conv1d(wide, 8), Contains("inChannels 65 must be at most 64"));
  CHECK_THROWS_WITH(resolve_conv1d(conv(3), (1 << 20) + 1), Contains("inputLength 1048577 must be at most"));
  CHECK_THROWS_WITH(parse_padding_mode("mirror"), Contains("paddingMode 'mirror' must be one of"));
}

TEST_CASE("max-pool output length and the last window ceil mode drops", "[shape][maxpool1d]") {
  CHECK(resolve_maxpool1d(pool(2, 1), 10).out_length == 9);
  CHECK(resolve_maxpool1d(pool(2, 2), 5).out_length == 2);
  CHECK(resolve_maxpool1d(pool(2, 2, 0, 1, true), 5).out_length == 3);
  // N=5, k=2, s=2, p=1, ceil: floor((5+2-2+1)/2)+1 = 4, but the last window starts at 3·2 ≥ N+p = 6: dropped
  CHECK(resolve_maxpool1d(pool(2, 2, 1, 1, true), 5).out_length == 3);
  CHECK(resolve_maxpool1d(pool(3, 2, 1, 2), 10).out_length == 4);  // (10 + 2 - 5)/2 + 1
}

TEST_CASE("max-pool argument rules", "[shape][maxpool1d][errors]") {
  CHECK_THROWS_WITH(resolve_maxpool1d(pool(0, 1), 5), Contains("kernelSize 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_maxpool1d(pool(2, 0), 5), Contains("stride 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_maxpool1d(pool(3, 1, 2), 5), Contains("padding 2 must be at most half the kernelSize 3"));
  CHECK_THROWS_WITH(resolve_maxpool1d(pool(2, 1, 0, 0), 5), Contains("dilation 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_maxpool1d(pool(6, 1), 5), Contains("the output would be empty"));
}

TEST_CASE("model spec errors name the layer", "[shape][model][errors]") {
  ModelSpec spec;
  spec.input_length = 8;
  LayerSpec bad;
  bad.type = LayerType::maxpool1d;
  bad.pool = pool(9, 1);
  spec.layers = {bad};
  CHECK_THROWS_WITH(Model(spec), Contains("layers[0] (maxpool1d): kernelSize 9"));
  spec.layers.assign(17, LayerSpec{LayerType::activation, {}, {}, Activation::relu});
  CHECK_THROWS_WITH(Model(spec), Contains("layers.length 17 must be at most 16"));
  spec.layers.clear();
  spec.input_length = 0;
  CHECK_THROWS_AS(Model(spec), ArgumentError);
}

TEST_CASE("conv1d groups must divide both channel counts", "[shape][conv1d][groups]") {
  Conv1dParams params = conv(3);
  params.in_channels = 4;
  params.out_channels = 6;
  params.groups = 2;
  CHECK(resolve_conv1d(params, 8).weight_count() == 6 * 2 * 3);
  params.groups = 3;
  CHECK_THROWS_WITH(resolve_conv1d(params, 8), Contains("groups 3 must divide inChannels 4"));
  params.in_channels = 6;
  params.out_channels = 4;
  CHECK_THROWS_WITH(resolve_conv1d(params, 8), Contains("groups 3 must divide outChannels 4"));
  params.groups = 0;
  CHECK_THROWS_WITH(resolve_conv1d(params, 8), Contains("groups 0 must be at least 1"));
  params.groups = int64_t{1} << 40;  // larger than any channel count: does not divide it
  CHECK_THROWS_WITH(resolve_conv1d(params, 8), Contains("must divide inChannels 6"));
}

TEST_CASE("avg-pool shares max-pool's output length and padding rule", "[shape][avgpool1d]") {
  CHECK(resolve_avgpool1d({1, 3, 2, 1, true, true}, 5).out_length == 3);
  CHECK(resolve_avgpool1d({1, 2, 2, 1, true, true}, 5).out_length == 3);  // the 4th would start in the padding
  CHECK_THROWS_WITH(resolve_avgpool1d({1, 3, 1, 2, false, true}, 5),
                    Contains("padding 2 must be at most half the kernelSize 3"));
  CHECK_THROWS_WITH(resolve_avgpool1d({1, 7, 1, 0, false, true}, 5),
                    Contains("kernelSize 7 spans 7 samples, more than the padded input length 5"));
  CHECK_THROWS_WITH(resolve_avgpool1d({1, 2, 0, 0, false, true}, 5), Contains("stride 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_avgpool1d({65, 2, 2, 0, false, true}, 5), Contains("channels 65 must be at most 64"));
}

TEST_CASE("global pool, linear and cross-entropy sizes", "[shape]") {
  CHECK_THROWS_WITH(resolve_globalpool(0, 5), Contains("channels 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_globalpool(1, 0), Contains("inputLength 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_linear(0, 3, true), Contains("inFeatures 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_linear(4, 1025, true), Contains("outFeatures 1025 must be at most 1024"));
  CHECK_THROWS_WITH(resolve_linear(1 << 22, 2, true), Contains("the weight would hold 2 x 4194304"));
  CHECK_THROWS_WITH(resolve_crossentropy(2, 0), Contains("classes 0 must be at least 1"));
  CHECK_THROWS_WITH(resolve_crossentropy(0, 3), Contains("count 0 must be at least 1"));
}
