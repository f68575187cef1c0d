// R's number formatting, checked against R 4.2.2 (Debian 12's r-base-core): every
// expected string below is what R printed for format(x, digits = d) and
// format.pval(p, digits = 4), generated with
//   for (d in c(3,4,7)) for (x in v) cat(format(x, digits = 17), d, format(x, digits = d))
//   for (p in ps) cat(format(p, digits = 17), format.pval(p, digits = 4))
#include "core/util/r_format.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using taxo::util::formatPValue;
using taxo::util::formatSignificant;
using taxo::util::pValuePhrase;

namespace {
struct Formatted {
    double value;
    int digits;
    const char* r;
};
struct PValue {
    double p;
    const char* r;
};
} // namespace

TEST_CASE("format(x, digits) as R prints it", "[r_format]") {
    const std::vector<Formatted> cases{
        {7, 3, "7"},
        {6.9876500000000004, 3, "6.99"},
        {2.6299999999999999e-12, 3, "2.63e-12"},
        {0.00012339999999999999, 3, "0.000123"},
        {123456, 3, "123456"},
        {99.959999999999994, 3, "100"},
        {-0.5, 3, "-0.5"},
        {1e+05, 3, "1e+05"},
        {0.10000000000000001, 3, "0.1"},
        {1.5e-05, 3, "1.5e-05"},
        {0.00012, 3, "0.00012"},
        {12.5, 3, "12.5"},
        {1234567.8, 3, "1234568"},
        {-3.1415899999999999, 3, "-3.14"},
        {0.050000000000000003, 3, "0.05"},
        {1e-300, 3, "1e-300"},
        {8.1234567799999997, 3, "8.12"},
        {7, 4, "7"},
        {6.9876500000000004, 4, "6.988"},
        {2.6299999999999999e-12, 4, "2.63e-12"},
        {0.00012339999999999999, 4, "0.0001234"},
        {123456, 4, "123456"},
        {99.959999999999994, 4, "99.96"},
        {-0.5, 4, "-0.5"},
        {1e+05, 4, "1e+05"},
        {0.10000000000000001, 4, "0.1"},
        {1.5e-05, 4, "1.5e-05"},
        {0.00012, 4, "0.00012"},
        {12.5, 4, "12.5"},
        {1234567.8, 4, "1234568"},
        {-3.1415899999999999, 4, "-3.142"},
        {0.050000000000000003, 4, "0.05"},
        {1e-300, 4, "1e-300"},
        {8.1234567799999997, 4, "8.123"},
        {7, 7, "7"},
        {6.9876500000000004, 7, "6.98765"},
        {2.6299999999999999e-12, 7, "2.63e-12"},
        {0.00012339999999999999, 7, "0.0001234"},
        {123456, 7, "123456"},
        {99.959999999999994, 7, "99.96"},
        {-0.5, 7, "-0.5"},
        {1e+05, 7, "1e+05"},
        {0.10000000000000001, 7, "0.1"},
        {1.5e-05, 7, "1.5e-05"},
        {0.00012, 7, "0.00012"},
        {12.5, 7, "12.5"},
        {1234567.8, 7, "1234568"},
        {-3.1415899999999999, 7, "-3.14159"},
        {0.050000000000000003, 7, "0.05"},
        {1e-300, 7, "1e-300"},
        {8.1234567799999997, 7, "8.123457"},
    };
    for (const auto& c : cases) {
        INFO(c.value << " with " << c.digits << " digits");
        CHECK(formatSignificant(c.value, c.digits) == c.r);
    }
    CHECK(formatSignificant(0, 3) == "0");
}

TEST_CASE("format(c(...), digits) gives a vector one notation and one number of decimals",
          "[r_format]") {
    // R 4.2.2: trimws(format(v, digits = 7)) for each v; print.htest prints a
    // confidence interval this way.
    using Strings = std::vector<std::string>;
    CHECK(taxo::util::formatCommon({-1.0, -0.88512100843287844}, 7) ==
          Strings{"-1.000000", "-0.885121"});
    CHECK(taxo::util::formatCommon({-0.4079931412322958528, 0.0079931412322958306}, 7) ==
          Strings{"-0.407993141", "0.007993141"});
    CHECK(taxo::util::formatCommon({0.063111330994990375, 0.096717234614055972}, 7) ==
          Strings{"0.06311133", "0.09671723"});
    CHECK(taxo::util::formatCommon({1.5e-10, 2.4999999999999998e-12}, 7) ==
          Strings{"1.5e-10", "2.5e-12"});
    CHECK(taxo::util::formatCommon({0.5, 1234.5678}, 7) == Strings{"0.500", "1234.568"});
}

TEST_CASE("format.pval as print.htest writes it", "[r_format]") {
    const std::vector<PValue> cases{
        {0.29999999999999999, "0.3"},
        {0.0123456, "0.01235"},
        {1.466e-05, "1.466e-05"},
        {2e-16, "< 2.2e-16"},
        {3.0000000000000001e-17, "< 2.2e-16"},
        {0, "< 2.2e-16"},
        {1, "1"},
        {0.04999, "0.04999"},
    };
    for (const auto& c : cases) {
        INFO(c.p);
        CHECK(formatPValue(c.p) == c.r);
    }
    // print.htest's line: "p-value < 2.2e-16" below the bound, "p-value = x" above.
    CHECK(pValuePhrase(1e-20) == "p-value < 2.2e-16");
    CHECK(pValuePhrase(0.0123456) == "p-value = 0.01235");
}
