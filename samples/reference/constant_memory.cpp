// Reference for samples/constant_memory.cu.
// kport-tolerance fir: rtol=1e-5 atol=1e-6
// Centred FIR filter with zero padding:
//   out[i] = sum_k c_taps[k] * in[i + k - num_taps/2]
// c_taps is the sample's __constant__ array, supplied by the launch spec's
// --symbol line; symbols follow the kernel parameters in the signature.
// Precision: double here, float (possibly FMA) on the device.

void ref_fir(const float* in, float* out, int n, int num_taps, const float* c_taps)
{
    int half = num_taps / 2;
    for (int i = 0; i < n; ++i) {
        double acc = 0.0;
        for (int k = 0; k < num_taps; ++k) {
            int j = i + k - half;
            if (j >= 0 && j < n) acc += (double)c_taps[k] * in[j];
        }
        out[i] = static_cast<float>(acc);
    }
}
