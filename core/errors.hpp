// The one exception type of the core: a caller broke an argument rule.
// Messages name the argument, its value and the rule, e.g.
//   "padding 5 must be smaller than the input length 5 for paddingMode 'reflect'".
// It also says where, as data: the argument or layer option the rule is about (`field`, "" when no single one is) and
// the index of the layer in spec.layers (`layer`, -1 when it is not one layer's). The bindings turn it into the JS
// `ConvPoolError` with those as its `.field` and `.layer`, so the page never parses a message to place it.
#pragma once
#include <stdexcept>
#include <cstdint>
#include <string>

namespace convpool {

class ArgumentError : public std::invalid_argument {
 public:
  // `field` is a string with static storage (a literal, or an argument name passed down as one): no copy is made.
  ArgumentError(const char* field, const std::string& message, int64_t layer = -1)
      : std::invalid_argument(message), field_(field), layer_(layer) {}
  const char* field() const noexcept { return field_; }
  int64_t layer() const noexcept { return layer_; }

 private:
  const char* field_;
  int64_t layer_;
};

}  // namespace convpool
