// Reference for samples/stencil1d.cu.
// kport-tolerance stencil: rtol=1e-5 atol=1e-6
// out[i] = (sum of in[j] for |j - i| <= 3, zero outside [0, n)) / 7.
// Precision: the device sums 7 floats and multiplies by the float 1/7.

static const int kRadius = 3;

void ref_stencil(const float* in, float* out, int n)
{
    for (int i = 0; i < n; ++i) {
        double s = 0.0;
        for (int j = i - kRadius; j <= i + kRadius; ++j) {
            if (j >= 0 && j < n) s += in[j];
        }
        out[i] = static_cast<float>(s / (2 * kRadius + 1));
    }
}
