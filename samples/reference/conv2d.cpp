// Reference for samples/conv2d.cu.
// kport-tolerance conv_same: rtol=1e-5 atol=1e-5
// kport-tolerance conv_strided: rtol=1e-5 atol=1e-5
// Direct NCHW cross-correlation with zero padding and stride, loops in
// n, k, p, q, c, r, s order, accumulated in double.

static void conv2d(const float* input, const float* weight, const float* bias, float* output,
                   int N, int C, int H, int W, int K, int R, int S, int pad, int stride)
{
    int P = (H + 2 * pad - R) / stride + 1;
    int Q = (W + 2 * pad - S) / stride + 1;
    for (int n = 0; n < N; ++n)
        for (int k = 0; k < K; ++k)
            for (int p = 0; p < P; ++p)
                for (int q = 0; q < Q; ++q) {
                    double acc = bias[k];
                    for (int c = 0; c < C; ++c)
                        for (int r = 0; r < R; ++r)
                            for (int s = 0; s < S; ++s) {
                                int h = p * stride - pad + r, w = q * stride - pad + s;
                                if (h < 0 || h >= H || w < 0 || w >= W) continue;
                                acc += (double)input[((n * C + c) * H + h) * W + w] *
                                       weight[((k * C + c) * R + r) * S + s];
                            }
                    output[((n * K + k) * P + p) * Q + q] = static_cast<float>(acc);
                }
}

void ref_conv_same(const float* input, const float* weight, const float* bias, float* output,
                   int N, int C, int H, int W, int K, int R, int S, int pad, int stride)
{
    conv2d(input, weight, bias, output, N, C, H, W, K, R, S, pad, stride);
}

void ref_conv_strided(const float* input, const float* weight, const float* bias, float* output,
                      int N, int C, int H, int W, int K, int R, int S, int pad, int stride)
{
    conv2d(input, weight, bias, output, N, C, H, W, K, R, S, pad, stride);
}
