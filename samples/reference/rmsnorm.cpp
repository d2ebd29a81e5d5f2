// Reference for samples/rmsnorm.cu.
// kport-tolerance rmsnorm: rtol=1e-4 atol=1e-5
// y = x / sqrt(mean(x^2) + eps) * weight per row.
// Precision: double here; float shuffle/shared reductions and rsqrtf on the device.
#include <cmath>

void ref_rmsnorm(const float* x, const float* weight, float* y, int rows, int cols, float eps)
{
    for (int r = 0; r < rows; ++r) {
        const float* xr = x + (long)r * cols;
        double ss = 0.0;
        for (int c = 0; c < cols; ++c) ss += (double)xr[c] * xr[c];
        double inv_rms = 1.0 / std::sqrt(ss / cols + eps);
        for (int c = 0; c < cols; ++c) {
            y[(long)r * cols + c] = static_cast<float>(xr[c] * inv_rms * weight[c]);
        }
    }
}
