// The one exception type of the core: a caller broke an argument rule.
// Messages name the argument, its value and the rule, e.g.
//   "padding 5 must be smaller than the input length 5 for paddingMode 'reflect'".
// The bindings turn it into the JS `ConvPoolError`.
#pragma once
#include <stdexcept>
#include <string>

namespace convpool {

class ArgumentError : public std::invalid_argument {
 public:
  explicit ArgumentError(const std::string& message) : std::invalid_argument(message) {}
};

}  // namespace convpool
