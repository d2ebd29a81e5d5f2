// Reference for samples/stencil2d.cu.
// kport-tolerance heat: rtol=1e-5 atol=1e-6
// One explicit heat-equation step with a 5-point Laplacian; boundary cells copy.
// Precision: double here, float (maybe FMA-contracted) on the device.

void ref_heat(const float* u, float* u_new, int nx, int ny, float alpha)
{
    for (int y = 0; y < ny; ++y) {
        for (int x = 0; x < nx; ++x) {
            int i = y * nx + x;
            if (x == 0 || y == 0 || x == nx - 1 || y == ny - 1) {
                u_new[i] = u[i];
                continue;
            }
            double lap = (double)u[i - 1] + u[i + 1] + u[i - nx] + u[i + nx] - 4.0 * u[i];
            u_new[i] = static_cast<float>(u[i] + alpha * lap);
        }
    }
}
