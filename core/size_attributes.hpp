// CONVPOOL_FOR_SIZE: "compile this function for size, not speed" in the WebAssembly build.
// The .wasm has a size budget (150 KB). Training runs the float kernels only; the double-precision instantiations
// (the gradient check's twin model and the single-layer calls such as conv1d()) handle one small example at a time,
// so -O3's unrolled, vectorised copies of them bought no time and cost about 20 KB. Written on an explicit
// instantiation, `template CONVPOOL_FOR_SIZE void f<double>(...)`, it marks that one instantiation `minsize`.
// Size optimisation never changes a result: the core forbids contraction and reassociation at every level.
// Native builds keep every function at -O3 (the attribute is clang's; g++ may build the native core).
#pragma once

#if defined(__EMSCRIPTEN__) && defined(__clang__)
#define CONVPOOL_FOR_SIZE __attribute__((minsize))
#else
#define CONVPOOL_FOR_SIZE
#endif
