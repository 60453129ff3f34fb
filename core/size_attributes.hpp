// CONVPOOL_FOR_SIZE: "compile this function for size, not speed" in the WebAssembly build.
// The .wasm has a size budget (150 KB), and -O3 spends bytes (unrolled, vectorised, inlined copies) wherever it
// can. Only the float kernels of a training step need that. Marked with this attribute instead:
// - the double-precision instantiations (the gradient check's twin model and the single-layer calls such as
//   conv1d(), one small example at a time): `template CONVPOOL_FOR_SIZE void f<double>(...)` on the explicit
//   instantiation marks that one instantiation `minsize`;
// - argument parsing and checking in the kernel files, run once per call, not per element.
// Size optimisation never changes a result: the core forbids contraction and reassociation at every level.
// Native builds keep every function at -O3 (the attribute is clang's; g++ may build the native core).
#pragma once

#if defined(__EMSCRIPTEN__) && defined(__clang__)
#define CONVPOOL_FOR_SIZE __attribute__((minsize))
#else
#define CONVPOOL_FOR_SIZE
#endif
