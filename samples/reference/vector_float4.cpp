// Reference for samples/vector_float4.cu.
// kport-tolerance saxpy4: rtol=1e-6 atol=1e-6
// Plain scalar saxpy over all n elements: vectorisation is an implementation
// detail of the kernel. Precision: FMA contraction on the device (1 ulp).

void ref_saxpy4(const float* x, float* y, float a, int n)
{
    for (int i = 0; i < n; ++i) {
        y[i] = a * x[i] + y[i];
    }
}
