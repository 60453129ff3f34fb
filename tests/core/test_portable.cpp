// The portable exp/tanh/sigmoid/sin agree with the C library to near double precision.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/portable_math.hpp"

using namespace convpool;

TEST_CASE("portable math matches <cmath> closely", "[portable]") {
  for (double x = -30; x <= 30; x += 0.0137) {
    CAPTURE(x);
    CHECK(portable::exp(x) == Approx(std::exp(x)).epsilon(1e-14));
    CHECK(portable::tanh(x) == Approx(std::tanh(x)).epsilon(1e-13).margin(1e-15));
    CHECK(portable::sigmoid(x) == Approx(1 / (1 + std::exp(-x))).epsilon(1e-13));
    CHECK(portable::sin(x) == Approx(std::sin(x)).margin(1e-14));
  }
  CHECK(std::isnan(portable::tanh(NAN)));
  CHECK(portable::exp(1000) == INFINITY);
  CHECK(portable::exp(-1000) == 0);
  CHECK(portable::tanh(100) == 1);
}
