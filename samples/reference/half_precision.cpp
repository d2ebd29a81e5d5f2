// Reference for samples/half_precision.cu.
// kport-tolerance to_half: exact
// kport-tolerance to_float: exact
// kport-tolerance haxpy: rtol=1e-3 atol=6e-8
// kport-tolerance scale_bias: rtol=1e-3 atol=6e-8
// __half buffers are passed as uint16_t holding IEEE-754 binary16 bit patterns.
// Conversions are exact (round to nearest even). Hardware __hfma/__hfma2 round
// once and __half * / + round after each operation, which this reproduces via
// exact double arithmetic; the tolerance (one half ulp) only allows for an
// emulation that rounds through float first.
#include <cmath>
#include <cstdint>
#include <cstring>

static uint16_t f32_to_f16(float f)
{
    uint32_t x;
    std::memcpy(&x, &f, sizeof x);
    uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
    uint32_t exp = (x >> 23) & 0xffu;
    uint32_t mant = x & 0x7fffffu;
    if (exp == 0xffu) return sign | 0x7c00u | (mant ? 0x200u : 0u);  // inf / nan
    int e = static_cast<int>(exp) - 127 + 15;
    if (e >= 31) return sign | 0x7c00u;  // overflow to inf
    if (e <= 0) {                        // half subnormal or zero
        if (e < -10) return sign;
        mant |= 0x800000u;
        int shift = 14 - e;
        uint32_t m = mant >> shift, rem = mant & ((1u << shift) - 1), halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (m & 1u))) ++m;
        return sign | static_cast<uint16_t>(m);
    }
    uint16_t h = sign | static_cast<uint16_t>(e << 10) | static_cast<uint16_t>(mant >> 13);
    uint32_t rem = mant & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;  // carry may roll into the exponent
    return h;
}

static float f16_to_f32(uint16_t h)
{
    uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0) {
        float v = std::ldexp(static_cast<float>(m), -24);
        return sign ? -v : v;
    }
    uint32_t bits = (e == 31) ? (sign | 0x7f800000u | (m << 13)) : (sign | ((e - 15 + 127) << 23) | (m << 13));
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// Round a double to half with a single round-to-nearest-even: scale so the
// half quantum (2^(e-11) for normals, 2^-24 for subnormals) becomes 1, round
// to an integer, scale back; the result is exactly representable in half.
static uint16_t f64_to_f16(double d)
{
    if (d == 0.0 || std::isnan(d) || std::isinf(d)) return f32_to_f16(static_cast<float>(d));
    int e;
    std::frexp(std::fabs(d), &e);  // |d| = m * 2^e, m in [0.5, 1)
    int q = e - 11 < -24 ? -24 : e - 11;
    double v = std::ldexp(std::nearbyint(std::ldexp(d, -q)), q);
    return f32_to_f16(static_cast<float>(v));  // exact (or overflows to inf)
}

void ref_to_half(const float* in, uint16_t* out, int n)
{
    for (int i = 0; i < n; ++i) out[i] = f32_to_f16(in[i]);
}

void ref_to_float(const uint16_t* in, float* out, int n)
{
    for (int i = 0; i < n; ++i) out[i] = f16_to_f32(in[i]);
}

// y = a*x + y with a rounded to half first and one rounding of the result.
void ref_haxpy(int n, float a, const uint16_t* x, uint16_t* y)
{
    double ah = f16_to_f32(f32_to_f16(a));
    for (int i = 0; i < n; ++i) {
        y[i] = f64_to_f16(ah * f16_to_f32(x[i]) + f16_to_f32(y[i]));
    }
}

// data = half(half(data * scale) + bias), scale and bias rounded to half first.
void ref_scale_bias(uint16_t* data, int n, float scale, float bias)
{
    double s = f16_to_f32(f32_to_f16(scale));
    double b = f16_to_f32(f32_to_f16(bias));
    for (int i = 0; i < n; ++i) {
        double prod = f16_to_f32(f64_to_f16(f16_to_f32(data[i]) * s));
        data[i] = f64_to_f16(prod + b);
    }
}
