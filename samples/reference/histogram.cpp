// Reference for samples/histogram.cu.
// kport-tolerance hist: exact
// The kernel accumulates into hist (zeroed by the caller), so this does too.

void ref_hist(const unsigned char* data, unsigned int* hist, int n)
{
    for (int i = 0; i < n; ++i) {
        hist[data[i]] += 1;
    }
}
