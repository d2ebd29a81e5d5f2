// Reference for samples/scan.cu.
// kport-tolerance block_scan: exact
// kport-tolerance add_offsets: exact
// The kernels work on segments of BLOCK_SIZE = 256 elements (a compile-time
// constant of the sample), one segment per block.

static const int kSegment = 256;

// Inclusive running sum restarted at every segment boundary; block_sums[b]
// receives the total of segment b (the last segment may be short).
void ref_block_scan(const int* in, int* out, int* block_sums, int n)
{
    int segments = (n + kSegment - 1) / kSegment;
    for (int b = 0; b < segments; ++b) {
        int running = 0;
        for (int i = b * kSegment; i < n && i < (b + 1) * kSegment; ++i) {
            running += in[i];
            out[i] = running;
        }
        block_sums[b] = running;
    }
}

// Every element of segment b > 0 gets the scanned total of segments 0..b-1.
void ref_add_offsets(int* data, const int* scanned_sums, int n)
{
    for (int i = kSegment; i < n; ++i) {
        data[i] += scanned_sums[i / kSegment - 1];
    }
}
