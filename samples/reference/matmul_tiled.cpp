// Reference for samples/matmul_tiled.cu.
// kport-tolerance matmul: rtol=1e-5 atol=1e-4
// Plain triple loop, row-major A (MxK), B (KxN), C (MxN), accumulated in double.
// Precision: the device accumulates in float (possibly with FMA) in k order.

void ref_matmul(const float* A, const float* B, float* C, int M, int N, int K)
{
    for (int i = 0; i < M; ++i) {
        for (int j = 0; j < N; ++j) {
            double acc = 0.0;
            for (int k = 0; k < K; ++k) acc += (double)A[i * K + k] * B[k * N + j];
            C[i * N + j] = static_cast<float>(acc);
        }
    }
}
