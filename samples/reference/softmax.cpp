// Reference for samples/softmax.cu.
// kport-tolerance softmax: rtol=1e-4 atol=1e-6
// Row-wise softmax, row by row: subtract the row max, exponentiate, divide by the sum.
// Precision: double here; the device uses the fast __expf intrinsic (a few ulp)
// and tree-ordered float sums.
#include <cmath>

void ref_softmax(const float* in, float* out, int rows, int cols)
{
    for (int r = 0; r < rows; ++r) {
        const float* x = in + (long)r * cols;
        float* y = out + (long)r * cols;
        double m = x[0];
        for (int c = 1; c < cols; ++c) m = x[c] > m ? x[c] : m;
        double sum = 0.0;
        for (int c = 0; c < cols; ++c) sum += std::exp(x[c] - m);
        for (int c = 0; c < cols; ++c) y[c] = static_cast<float>(std::exp(x[c] - m) / sum);
    }
}
