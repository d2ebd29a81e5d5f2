// Reference for samples/gather_scatter.cu.
// kport-tolerance gather: exact
// kport-tolerance scatter_add: rtol=1e-5 atol=1e-6
// Indices outside [0, num_rows) (e.g. -1 padding) gather zeros and scatter nothing.
// scatter_add accumulates into table_grad, as the kernel's atomics do.
// Precision: rows hit several times are summed in index order here, in
// arbitrary atomic order on the device.

void ref_gather(const float* table, int num_rows, int dim, const int* idx, int num_idx, float* out)
{
    for (int i = 0; i < num_idx; ++i) {
        int row = idx[i];
        bool valid = row >= 0 && row < num_rows;
        for (int d = 0; d < dim; ++d) {
            out[i * dim + d] = valid ? table[row * dim + d] : 0.0f;
        }
    }
}

void ref_scatter_add(const float* grad, const int* idx, int num_idx, int dim, float* table_grad, int num_rows)
{
    for (int i = 0; i < num_idx; ++i) {
        int row = idx[i];
        if (row < 0 || row >= num_rows) continue;
        for (int d = 0; d < dim; ++d) {
            table_grad[row * dim + d] += grad[i * dim + d];
        }
    }
}
