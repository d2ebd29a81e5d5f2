/* The same loop nests as the benchmark kernels, in plain C, for `bench/interpreter.sh`.
   Prints the milliseconds each takes (the best of 3 runs). Build: cc -O2 native.c -o native */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static float* fill(size_t n, unsigned seed) {
  float* p = malloc(n * sizeof(float));
  for (size_t i = 0; i < n; i++) { seed = seed * 1103515245u + 12345u; p[i] = (float)(seed >> 8) / 16777216.0f * 2 - 1; }
  return p;
}
static volatile float sink;

static void saxpy(int n, float a, const float* x, float* y) { for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i]; }
static void reduce(const float* in, float* out, int n) {
  for (int b = 0; b < n / 256; b++) { float s = 0; for (int i = 0; i < 256; i++) s += in[b * 256 + i]; out[b] = s; }
}
static void matmul(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { float acc = 0; for (int k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j]; C[i * n + j] = acc; }
}
static void stencil(const float* in, float* out, int n) {
  for (int y = 1; y < n - 1; y++) for (int x = 1; x < n - 1; x++)
    out[y * n + x] = 0.2f * (in[y * n + x] + in[y * n + x - 1] + in[y * n + x + 1] + in[(y - 1) * n + x] + in[(y + 1) * n + x]);
}

int main(void) {
  int big = 1 << 24, m = 512, g = 2048;
  float *x = fill(big, 1), *y = fill(big, 2), *out = fill(big / 256, 3);
  float *A = fill(m * m, 4), *B = fill(m * m, 5), *C = fill(m * m, 6);
  float *in = fill(g * g, 7), *sout = fill(g * g, 8);
  double best[4] = {1e30, 1e30, 1e30, 1e30};
  for (int r = 0; r < 3; r++) {
    double t = now_ms(); saxpy(big, 2.0f, x, y); t = now_ms() - t; if (t < best[0]) best[0] = t;
    t = now_ms(); reduce(x, out, big); t = now_ms() - t; if (t < best[1]) best[1] = t;
    t = now_ms(); matmul(A, B, C, m); t = now_ms() - t; if (t < best[2]) best[2] = t;
    t = now_ms(); stencil(in, sout, g); t = now_ms() - t; if (t < best[3]) best[3] = t;
  }
  sink = y[7] + out[3] + C[11] + sout[5000];
  printf("saxpy %.3f\nreduce %.3f\nmatmul %.3f\nstencil %.3f\n", best[0], best[1], best[2], best[3]);
  return 0;
}
