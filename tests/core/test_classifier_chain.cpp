// The new ops composed the way a model layer will call them: a small 1-D CNN classifier
//   grouped conv → tanh → avg-pool → depthwise conv → global max-pool → linear → softmax cross-entropy
// over a batch of examples, with every buffer allocated once up front (no allocation in forward or backward),
// gradients summed over the batch, and the whole chain checked against central differences in double.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/activation.hpp"
#include "core/avgpool1d.hpp"
#include "core/conv1d.hpp"
#include "core/crossentropy.hpp"
#include "core/globalpool.hpp"
#include "core/linear.hpp"
#include "core/padding.hpp"
#include "core/random.hpp"

using namespace convpool;

namespace {

using Buffer = std::vector<double>;

struct Chain {
  static constexpr int64_t batch = 3, in_channels = 2, length = 19, classes = 3;
  Conv1dGeometry conv1, conv2;
  AvgPool1dGeometry pool;
  GlobalPoolGeometry global;
  LinearGeometry head;
  CrossEntropyGeometry loss;
  // parameters and their gradients (summed over the batch)
  Buffer w1, b1, w2, b2, w3, b3, gw1, gb1, gw2, gb2, gw3, gb3;
  // per example: what each forward caches for its backward
  Buffer x, pad1, a1, t1, a2, pad2, a3, a4, logits, probabilities;
  std::vector<int32_t> argmax;
  Buffer target;
  // scratch for one example's backward (ops overwrite their outputs; the chain adds them up)
  Buffer d_logits, d_a4, d_a3, d_pad2, d_a2, d_t1, d_a1, d_pad1, gw_scratch, gb_scratch, gw3_scratch, gb3_scratch;

  Chain() {
    Conv1dParams p1;
    p1.in_channels = in_channels;
    p1.out_channels = 4;
    p1.groups = 2;
    p1.kernel_size = 5;
    p1.padding_kind = PaddingKind::same;
    p1.padding_mode = PaddingMode::reflect;
    conv1 = resolve_conv1d(p1, length);
    pool = resolve_avgpool1d({4, 3, 2, 1, true, false}, conv1.out_length);
    Conv1dParams p2;
    p2.in_channels = p2.out_channels = p2.groups = 4;  // depthwise
    p2.kernel_size = 3;
    p2.padding = 1;
    conv2 = resolve_conv1d(p2, pool.out_length);
    global = resolve_globalpool(4, conv2.out_length);
    head = resolve_linear(4 * 1, classes, true);  // the global pool's [4, 1] flattened
    loss = resolve_crossentropy(batch, classes);

    Pcg32 rng(3);
    auto draw = [&](Buffer& v, int64_t n, float bound) {
      v.resize(n);
      for (double& e : v) e = rng.next_symmetric(bound);
    };
    draw(w1, conv1.weight_count(), 0.5f);
    draw(b1, conv1.out_channels, 0.5f);
    draw(w2, conv2.weight_count(), 0.8f);
    draw(b2, conv2.out_channels, 0.5f);
    w3.resize(head.weight_count());
    b3.resize(classes);
    linear_initialize(w3.data(), b3.data(), head, rng);
    draw(x, batch * in_channels * length, 1.0f);
    target = {0, 2, 1};
    check_class_targets(target.data(), loss);

    pad1.resize(batch * in_channels * conv1.padded_length);
    a1.resize(batch * conv1.out_channels * conv1.out_length);
    t1.resize(a1.size());
    a2.resize(batch * pool.channels * pool.out_length);
    pad2.resize(batch * conv2.in_channels * conv2.padded_length);
    a3.resize(batch * conv2.out_channels * conv2.out_length);
    a4.resize(batch * global.channels);
    argmax.resize(batch * global.channels);
    logits.resize(batch * classes);
    probabilities.resize(logits.size());
    for (auto [grad, param] : {std::pair{&gw1, &w1}, {&gb1, &b1}, {&gw2, &w2}, {&gb2, &b2}, {&gw3, &w3}, {&gb3, &b3}}) {
      grad->resize(param->size());
    }
    d_logits.resize(logits.size());
    d_a4.resize(global.channels);
    d_a3.resize(conv2.out_channels * conv2.out_length);
    d_pad2.resize(conv2.in_channels * conv2.padded_length);
    d_a2.resize(pool.channels * pool.out_length);
    d_t1.resize(conv1.out_channels * conv1.out_length);
    d_a1.resize(d_t1.size());
    d_pad1.resize(in_channels * conv1.padded_length);
    gw_scratch.resize(std::max(w1.size(), w2.size()));
    gb_scratch.resize(std::max(b1.size(), b2.size()));
    gw3_scratch.resize(w3.size());
    gb3_scratch.resize(b3.size());
  }

  // Pointers to example n's slice of a per-example buffer of `per` values.
  static double* at(Buffer& v, int64_t n, int64_t per) { return v.data() + n * per; }

  double forward() {
    for (int64_t n = 0; n < batch; ++n) {
      const int64_t c1 = conv1.out_channels * conv1.out_length, p = pool.channels * pool.out_length;
      pad_forward(at(pad1, n, in_channels * conv1.padded_length), at(x, n, in_channels * length), conv1);
      conv1d_forward(at(a1, n, c1), at(pad1, n, in_channels * conv1.padded_length), w1.data(), b1.data(), conv1);
      activation_forward(at(t1, n, c1), at(a1, n, c1), c1, Activation::tanh);
      avgpool1d_forward(at(a2, n, p), at(t1, n, c1), pool);
      pad_forward(at(pad2, n, 4 * conv2.padded_length), at(a2, n, p), conv2);
      conv1d_forward(at(a3, n, 4 * conv2.out_length), at(pad2, n, 4 * conv2.padded_length), w2.data(), b2.data(),
                     conv2);
      globalmaxpool_forward(at(a4, n, 4), argmax.data() + n * 4, at(a3, n, 4 * conv2.out_length), global);
      linear_forward(at(logits, n, classes), at(a4, n, 4), w3.data(), b3.data(), head);
    }
    // one loss over the whole batch: logits are example-major [batch, classes]
    return crossentropy_forward(probabilities.data(), static_cast<int32_t*>(nullptr), logits.data(),
                                target.data(), loss)
        .loss;
  }

  void backward() {
    for (Buffer* g : {&gw1, &gb1, &gw2, &gb2, &gw3, &gb3}) std::fill(g->begin(), g->end(), 0.0);
    crossentropy_backward(d_logits.data(), probabilities.data(), target.data(), loss);  // already / batch
    auto add = [](Buffer& sum, const Buffer& part, size_t n) {
      for (size_t i = 0; i < n; ++i) sum[i] += part[i];
    };
    for (int64_t n = 0; n < batch; ++n) {
      const int64_t c1 = conv1.out_channels * conv1.out_length;
      linear_backward(d_a4.data(), gw3_scratch.data(), gb3_scratch.data(), at(d_logits, n, classes), at(a4, n, 4),
                      w3.data(), head);
      add(gw3, gw3_scratch, gw3.size());
      add(gb3, gb3_scratch, gb3.size());
      globalmaxpool_backward(d_a3.data(), d_a4.data(), argmax.data() + n * 4, global);
      conv1d_backward(d_pad2.data(), gw_scratch.data(), gb_scratch.data(), d_a3.data(),
                      at(pad2, n, 4 * conv2.padded_length), w2.data(), conv2);
      add(gw2, gw_scratch, gw2.size());
      add(gb2, gb_scratch, gb2.size());
      pad_backward(d_a2.data(), d_pad2.data(), conv2);
      avgpool1d_backward(d_t1.data(), d_a2.data(), pool);
      activation_backward(d_a1.data(), d_t1.data(), at(a1, n, c1), at(t1, n, c1), c1, Activation::tanh);
      conv1d_backward(static_cast<double*>(nullptr), gw_scratch.data(), gb_scratch.data(), d_a1.data(),
                      at(pad1, n, in_channels * conv1.padded_length), w1.data(), conv1);
      add(gw1, gw_scratch, gw1.size());
      add(gb1, gb_scratch, gb1.size());
    }
  }
};

void check_against_differences(Chain& chain, Buffer& theta, const Buffer& analytic) {
  double worst = 0;
  for (size_t i = 0; i < theta.size(); ++i) {
    const double h = 1e-6, saved = theta[i];
    theta[i] = saved + h;
    const double plus = chain.forward();
    theta[i] = saved - h;
    const double minus = chain.forward();
    theta[i] = saved;
    const double numeric = (plus - minus) / (2 * h);
    worst = std::max(worst, std::fabs(numeric - analytic[i]) / std::max(1.0, std::fabs(numeric)));
  }
  CAPTURE(worst);
  CHECK(worst < 1e-7);
}

}  // namespace

TEST_CASE("a 1-D CNN classifier built from the free ops has exact gradients over a batch", "[classifier][gradient]") {
  Chain chain;
  REQUIRE(chain.conv1.weight_count() == 4 * 1 * 5);  // [out, in/groups, k]
  REQUIRE(chain.pool.out_length == 10);              // ceil((19 + 2 − 3)/2) + 1
  REQUIRE(chain.conv2.weight_count() == 4 * 1 * 3);  // depthwise
  const double loss = chain.forward();
  CHECK(std::isfinite(loss));
  CHECK(loss > 0);
  chain.backward();
  SECTION("conv 1 (grouped) weights and bias") {
    check_against_differences(chain, chain.w1, chain.gw1);
    check_against_differences(chain, chain.b1, chain.gb1);
  }
  SECTION("conv 2 (depthwise) weights and bias") {
    check_against_differences(chain, chain.w2, chain.gw2);
    check_against_differences(chain, chain.b2, chain.gb2);
  }
  SECTION("linear head weights and bias") {
    check_against_differences(chain, chain.w3, chain.gw3);
    check_against_differences(chain, chain.b3, chain.gb3);
  }
}
