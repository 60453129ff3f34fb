// A model case of the golden files (tests/golden/training.json, classifier.json): its spec and its data sets, as
// the generators (training.py, classifier.py) built them in PyTorch. The initial weights are each test's own to load
// (training.json lists them by conv layer, classifier.json by layer index).
#pragma once

#include <string>

#include "core/model.hpp"
#include "golden.hpp"

namespace golden {

/** The optimizer of a case ({ type, momentum?, dampening?, nesterov?, beta1?, beta2?, eps? }), torch.optim's defaults. */
inline convpool::OptimizerSpec optimizer_from(const json& o, double weight_decay) {
  convpool::OptimizerSpec spec;
  spec.type = convpool::parse_optimizer(o["type"].get<std::string>());
  spec.momentum = o.value("momentum", 0.0);
  spec.dampening = o.value("dampening", 0.0);
  spec.nesterov = o.value("nesterov", false);
  spec.beta1 = o.value("beta1", 0.9);
  spec.beta2 = o.value("beta2", 0.999);
  spec.eps = o.value("eps", 1e-8);
  spec.weight_decay = weight_decay;
  return spec;
}

/** One layer of a case; conv layers are all 'same'-padded, as the generators build them. */
inline convpool::LayerSpec layer_from(const json& l) {
  using namespace convpool;
  LayerSpec layer;
  const std::string type = l["type"];
  if (type == "conv1d") {
    layer.type = LayerType::conv1d;
    layer.conv.out_channels = l["outChannels"];
    layer.conv.kernel_size = l["kernelSize"];
    layer.conv.padding_kind = PaddingKind::same;
  } else if (type == "maxpool1d") {
    layer.type = LayerType::maxpool1d;
    layer.pool.kernel_size = l["kernelSize"];
    layer.pool.stride = l["stride"];
  } else if (type == "avgpool1d") {
    layer.type = LayerType::avgpool1d;
    layer.avgpool.kernel_size = l["kernelSize"];
    layer.avgpool.stride = l.value("stride", layer.avgpool.kernel_size);
    layer.avgpool.padding = l.value("padding", 0);
    layer.avgpool.ceil_mode = l.value("ceilMode", false);
    layer.avgpool.count_include_pad = l.value("countIncludePad", true);
  } else if (type == "globalpool") {
    layer.type = LayerType::globalpool;
    layer.global_op = parse_global_pool_op(l["op"].get<std::string>());
  } else if (type == "linear") {
    layer.type = LayerType::linear;
    layer.out_features = l["outFeatures"];
    layer.linear_bias = l.value("bias", true);
  } else {
    layer.type = LayerType::activation;
    layer.activation = parse_activation(l["fn"].get<std::string>());
  }
  return layer;
}

/** The model spec of a case: sizes, loss, batch size, optimizer, layers. */
inline convpool::ModelSpec spec_from(const json& c) {
  convpool::ModelSpec spec;
  spec.input_length = c["inputLength"];
  spec.input_channels = c["inputChannels"];
  spec.loss = convpool::parse_loss(c["loss"].get<std::string>());
  spec.batch_size = c["batchSize"];
  spec.optimizer = optimizer_from(c["optimizer"], c["weightDecay"]);
  for (const json& l : c["layers"]) spec.layers.push_back(layer_from(l));
  return spec;
}

/** The case's training and validation sets, into the model. */
inline void set_datasets(convpool::Model& model, const json& c) {
  const auto inputs = floats(c["inputs"]), targets = floats(c["targets"]);
  model.set_dataset(inputs.data(), targets.data(), c["count"]);
  const auto vi = floats(c["validationInputs"]), vt = floats(c["validationTargets"]);
  model.set_validation(vi.data(), vt.data(), c["validationCount"]);
}

}  // namespace golden
