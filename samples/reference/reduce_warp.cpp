// Reference for samples/reduce_warp.cu.
// kport-tolerance row_sum: rtol=1e-5 atol=1e-4
// kport-tolerance row_normalize: rtol=1e-5 atol=1e-6
// Precision: row sums / norms accumulate in double here, in a per-lane strided
// order plus a shuffle tree on the device.
#include <cmath>

void ref_row_sum(const float* A, float* sums, int rows, int cols)
{
    for (int r = 0; r < rows; ++r) {
        double s = 0.0;
        for (int c = 0; c < cols; ++c) s += A[(long)r * cols + c];
        sums[r] = static_cast<float>(s);
    }
}

void ref_row_normalize(const float* A, float* out, int rows, int cols)
{
    for (int r = 0; r < rows; ++r) {
        const float* row = A + (long)r * cols;
        double sq = 0.0;
        for (int c = 0; c < cols; ++c) sq += (double)row[c] * row[c];
        double norm = std::sqrt(sq);
        for (int c = 0; c < cols; ++c) {
            out[(long)r * cols + c] = norm > 0.0 ? static_cast<float>(row[c] / norm) : 0.0f;
        }
    }
}
