// Reference for samples/transpose_shared.cu.
// kport-tolerance transpose: exact
// idata is rows x cols, odata is cols x rows, both row-major.

void ref_transpose(float* odata, const float* idata, int rows, int cols)
{
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            odata[c * rows + r] = idata[r * cols + c];
        }
    }
}
