// Reference for samples/reduce_shared.cu.
// kport-tolerance partials: rtol=1e-5 atol=1e-4
// kport-tolerance final: rtol=1e-5 atol=1e-4
// Each output element is the sum of one contiguous chunk of 2 * BLOCK_SIZE =
// 512 inputs (the kernel's BLOCK_SIZE is a compile-time constant, 256).
// Precision: summed in double here, by a float tree on the device; the tree's
// rounding error is up to ~log2(512) ulp of the chunk's absolute sum.

static const int kChunk = 2 * 256;

static void chunk_sums(const float* in, float* out, int n)
{
    int chunks = (n + kChunk - 1) / kChunk;
    for (int b = 0; b < chunks; ++b) {
        double s = 0.0;
        for (int i = b * kChunk; i < n && i < (b + 1) * kChunk; ++i) s += in[i];
        out[b] = static_cast<float>(s);
    }
}

void ref_partials(const float* in, float* out, int n) { chunk_sums(in, out, n); }

void ref_final(const float* in, float* out, int n) { chunk_sums(in, out, n); }
