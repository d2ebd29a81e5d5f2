// Reference for samples/saxpy.cu.
// kport-tolerance saxpy: rtol=1e-6 atol=1e-6
// Precision: the GPU compiler may fuse a*x+y into one FMA (one rounding) while
// this computes it with two roundings, so results may differ by 1 ulp.

void ref_saxpy(int n, float a, const float* x, float* y)
{
    for (int i = 0; i < n; ++i) {
        y[i] = a * x[i] + y[i];
    }
}
