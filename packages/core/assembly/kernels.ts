// The WebAssembly SIMD kernel set, in AssemblyScript (compiled by ../scripts/build-wasm.mjs; no
// binary is committed). Float32 only: float64 networks use the pure-TypeScript kernels.
// Every pointer is a byte offset into this module's memory, which the TypeScript side manages
// (src/kernels/wasm-simd.ts); nothing here allocates. Matrices are row-major.
// The module's entry: each file is one concept. The TypeScript side (src/kernels/wasm-simd.ts) calls the
// exports below by name.
export * from './gemm';
export * from './elementwise';
export * from './fused';
