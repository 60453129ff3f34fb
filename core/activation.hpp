// Element-wise activations g with their derivatives g′, side by side.
#pragma once
#include <cstdint>
#include <string>

namespace convpool {

enum class Activation { identity, relu, tanh, sigmoid };

const char* activation_name(Activation fn);
Activation parse_activation(const std::string& name, const char* argument = "fn");

// y = g(x)
template <class T>
void activation_forward(T* y, const T* x, int64_t n, Activation fn);

// dC/dx = dC/dy · g′(x); g′ is written with whichever of x (ReLU) or y = g(x) (tanh, sigmoid) is cheaper.
template <class T>
void activation_backward(T* grad_x, const T* grad_y, const T* x, const T* y, int64_t n, Activation fn);

}  // namespace convpool
