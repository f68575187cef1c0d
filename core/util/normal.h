#pragma once
// The standard normal quantile the intervals use, written out once.

namespace taxo::util {

// qnorm(0.975) in R: the two-sided 95 % quantile.
inline constexpr double kNormalQuantile975 = 1.959963984540054;

} // namespace taxo::util
