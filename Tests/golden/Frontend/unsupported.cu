// RUN: %verify kport ir %s --no-host
// Constructs kport cannot translate: each gets a located diagnostic with a stable ID.

__device__ int fact(int n) {
  return n <= 1 ? 1 : n * fact(n - 1); // expected-error {{recursive call of 'fact'}}
}

__global__ void uses_recursion(int* x) {
  x[0] = fact(x[0]); // expected-error {{kernel 'uses_recursion' is not translated}}
}

__global__ void uses_asm(int* x) {
  asm volatile("membar.gl;"); // expected-error {{inline assembly cannot be translated}}
}

__global__ void uses_goto(int* x) {
  int i = 0;
again: // expected-error {{'goto' and labels cannot be translated}}
  if (++i < 3) goto again;
  x[0] = i;
}

__global__ void fine(int* x) { x[0] = 1; }
