// Box geometry shared by the stages: the smallest box holding two others.

#ifndef PRECHECK_UTIL_BOX_H_
#define PRECHECK_UTIL_BOX_H_

#include <algorithm>

#include "precheck/report.h"

namespace precheck {

// The smallest box holding both; an empty box adds nothing.
inline Box Union(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
  int x1 = std::max(a.x + a.width, b.x + b.width);
  int y1 = std::max(a.y + a.height, b.y + b.height);
  return Box{x0, y0, x1 - x0, y1 - y0};
}

}  // namespace precheck

#endif  // PRECHECK_UTIL_BOX_H_
