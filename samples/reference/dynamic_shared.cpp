// Reference for samples/dynamic_shared.cu.
// kport-tolerance normalize: rtol=1e-6 atol=1e-7
// Split the input into tiles of `tile` elements (the last one short) and
// scale each tile by 1 / max|x| over the tile (all-zero tiles stay zero).
// Same float operations as the kernel (reciprocal, then multiply).
#include <cmath>

void ref_normalize(const float* in, float* out, int n, int tile)
{
    for (int base = 0; base < n; base += tile) {
        int end = base + tile < n ? base + tile : n;
        float m = 0.0f;
        for (int i = base; i < end; ++i) m = std::fmax(m, std::fabs(in[i]));
        float scale = m > 0.0f ? 1.0f / m : 0.0f;
        for (int i = base; i < end; ++i) out[i] = in[i] * scale;
    }
}
