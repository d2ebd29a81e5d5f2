// Reference for samples/stencil3d.cu.
// kport-tolerance laplace: rtol=1e-5 atol=1e-6
// out = c0*in + c1*(six face neighbours) in the interior, out = in on the boundary.
// Precision: double here, float on the device.

void ref_laplace(const float* in, float* out, int nx, int ny, int nz, float c0, float c1)
{
    for (int z = 0; z < nz; ++z) {
        for (int y = 0; y < ny; ++y) {
            for (int x = 0; x < nx; ++x) {
                long i = ((long)z * ny + y) * nx + x;
                if (x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1) {
                    out[i] = in[i];
                    continue;
                }
                long sy = nx, sz = (long)nx * ny;
                double nb = (double)in[i - 1] + in[i + 1] + in[i - sy] + in[i + sy] + in[i - sz] + in[i + sz];
                out[i] = static_cast<float>(c0 * (double)in[i] + c1 * nb);
            }
        }
    }
}
