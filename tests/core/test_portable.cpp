// The portable exp/log/tanh/sigmoid/sin agree with the C library to near double precision.
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
  for (double x = 1e-300; x < 1e300; x *= 1.37) {
    CAPTURE(x);
    CHECK(portable::log(x) == Approx(std::log(x)).epsilon(4e-16).margin(1e-300));
  }
  for (double x = 0.5; x < 2; x += 0.000731) {
    CHECK(portable::log(x) == Approx(std::log(x)).epsilon(1e-15).margin(4e-16));
  }
  CHECK(portable::log(1) == 0);
  CHECK(portable::log(0) == -INFINITY);
  CHECK(portable::log(INFINITY) == INFINITY);
  CHECK(std::isnan(portable::log(-1)));
  CHECK(std::isnan(portable::log(NAN)));
  CHECK(std::isnan(portable::tanh(NAN)));
  CHECK(portable::exp(1000) == INFINITY);
  CHECK(portable::exp(-1000) == 0);
  CHECK(portable::tanh(100) == 1);
}
