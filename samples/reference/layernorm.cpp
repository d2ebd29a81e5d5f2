// Reference for samples/layernorm.cu.
// kport-tolerance layernorm: rtol=1e-4 atol=1e-5
// y = (x - mean) / sqrt(var + eps) * gamma + beta per row, biased variance.
// Precision: double here; float block reductions and rsqrtf (~2 ulp) on the device.
#include <cmath>

void ref_layernorm(const float* x, const float* gamma, const float* beta, float* y,
                   int rows, int cols, float eps)
{
    for (int r = 0; r < rows; ++r) {
        const float* xr = x + (long)r * cols;
        double mean = 0.0;
        for (int c = 0; c < cols; ++c) mean += xr[c];
        mean /= cols;
        double var = 0.0;
        for (int c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
        var /= cols;
        double rstd = 1.0 / std::sqrt(var + eps);
        for (int c = 0; c < cols; ++c) {
            y[(long)r * cols + c] = static_cast<float>((xr[c] - mean) * rstd * gamma[c] + beta[c]);
        }
    }
}
