// Reference for samples/template_kernel.cu.
// kport-tolerance sum_f32: rtol=1e-5 atol=1e-4
// kport-tolerance sum_i32: exact
// kport-tolerance sum_f64: rtol=1e-12 atol=1e-12
// block_reduce<T, BLOCK> writes, for each block b, the sum of the BLOCK
// consecutive inputs starting at b * BLOCK (the last chunk may be short).
// The chunk length is the template argument of the instantiation launched.
// Precision: floats are summed in double here, by a tree on the device.

template <typename T, typename Acc>
static void chunk_sums(const T* in, T* out, int n, int chunk)
{
    for (int b = 0; b * chunk < n; ++b) {
        Acc s = 0;
        for (int i = b * chunk; i < n && i < (b + 1) * chunk; ++i) s += in[i];
        out[b] = static_cast<T>(s);
    }
}

void ref_sum_f32(const float* in, float* out, int n) { chunk_sums<float, double>(in, out, n, 256); }

void ref_sum_i32(const int* in, int* out, int n) { chunk_sums<int, long long>(in, out, n, 128); }

void ref_sum_f64(const double* in, double* out, int n) { chunk_sums<double, long double>(in, out, n, 64); }
