// Reference for samples/maxpool2d.cu.
// kport-tolerance pool: exact
// 2x2 / stride-2 max pooling per plane, floor(H/2) x floor(W/2) outputs;
// argmax is the in-plane flat index of the first maximal element in
// row-major window order.

void ref_pool(const float* in, float* out, int* argmax, int planes, int H, int W)
{
    int OH = H / 2, OW = W / 2;
    for (int pl = 0; pl < planes; ++pl) {
        const float* src = in + (long)pl * H * W;
        for (int oy = 0; oy < OH; ++oy) {
            for (int ox = 0; ox < OW; ++ox) {
                int best_idx = -1;
                for (int y = 2 * oy; y < 2 * oy + 2; ++y)
                    for (int x = 2 * ox; x < 2 * ox + 2; ++x)
                        if (best_idx < 0 || src[y * W + x] > src[best_idx]) best_idx = y * W + x;
                long o = ((long)pl * OH + oy) * OW + ox;
                out[o] = src[best_idx];
                argmax[o] = best_idx;
            }
        }
    }
}
