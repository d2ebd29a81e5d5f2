/* kport's declaration-only stand-in for the CUDA header "curand_kernel.h" (cuRAND device API).
 * Written for kport from the documented cuRAND device API (cuRAND library reference, "Device API
 * Overview"); no NVIDIA code is copied. The state structs have plausible fields so that sizeof
 * works; the generator functions are __device__ declarations for each documented state type. */
#ifndef __KPORT_CURAND_KERNEL_H__
#define __KPORT_CURAND_KERNEL_H__
#define CURAND_KERNEL_H_ /* the real header's guard, which some code tests */

#include "host_defines.h"
#include "vector_types.h"
#include "curand.h"

#define CURAND_2POW32_INV (2.3283064e-10f)
#define CURAND_2POW32_INV_DOUBLE (2.3283064365386963e-10)
#define CURAND_2POW53_INV_DOUBLE (1.1102230246251565e-16)
#define CURAND_2POW32_INV_2PI (2.3283064e-10f * 6.2831855f)
#define CURAND_PI_DOUBLE (3.1415926535897932)
#define CURAND_2PI (6.2831853071795860f)
#define CURAND_SQRT2 (-1.4142135f)
#define CURAND_SQRT2_DOUBLE (-1.4142135623730951)
#define MAX_NUM_PARTITIONS 8
#define MTGP32_STATE_SIZE 1024
#define MTGP32_TN 256
#define CURAND_NUM_MTGP32_PARAMS 200

struct curandStateXORWOW {
  unsigned int d, v[5];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
struct curandStatePhilox4_32_10 {
  uint4 ctr;
  uint4 output;
  uint2 key;
  unsigned int STATE;
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
struct curandStateMRG32k3a {
  unsigned int s1[3];
  unsigned int s2[3];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
struct curandStateSobol32 { unsigned int i, x, c; unsigned int direction_vectors[32]; };
struct curandStateScrambledSobol32 { unsigned int i, x, c; unsigned int direction_vectors[32]; };
struct curandStateSobol64 { unsigned long long i, x, c; unsigned long long direction_vectors[64]; };
struct curandStateScrambledSobol64 { unsigned long long i, x, c; unsigned long long direction_vectors[64]; };
struct mtgp32_params_fast {
  int mexp;
  int pos;
  int sh1;
  int sh2;
  unsigned int tbl[16];
  unsigned int tmp_tbl[16];
  unsigned int flt_tmp_tbl[16];
  unsigned int mask;
  unsigned char poly_sha1[21];
};
typedef struct mtgp32_params_fast mtgp32_params_fast_t;
struct mtgp32_kernel_params {
  unsigned int pos_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int param_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int temper_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int single_temper_tbl[CURAND_NUM_MTGP32_PARAMS][16];
  unsigned int sh1_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int sh2_tbl[CURAND_NUM_MTGP32_PARAMS];
  unsigned int mask[1];
};
typedef struct mtgp32_kernel_params mtgp32_kernel_params_t;
struct curandStateMtgp32 {
  unsigned int s[MTGP32_STATE_SIZE];
  int offset;
  int pIdx;
  mtgp32_kernel_params_t *k;
};

typedef struct curandStateXORWOW curandStateXORWOW_t;
typedef struct curandStateXORWOW curandState_t;
typedef struct curandStateXORWOW curandState;
typedef struct curandStatePhilox4_32_10 curandStatePhilox4_32_10_t;
typedef struct curandStateMRG32k3a curandStateMRG32k3a_t;
typedef struct curandStateSobol32 curandStateSobol32_t;
typedef struct curandStateScrambledSobol32 curandStateScrambledSobol32_t;
typedef struct curandStateSobol64 curandStateSobol64_t;
typedef struct curandStateScrambledSobol64 curandStateScrambledSobol64_t;
typedef struct curandStateMtgp32 curandStateMtgp32_t;

#if defined(__cplusplus) && defined(__CUDA__)
#define __KPORT_CURAND_PSEUDO(S)                                                                   \
  __device__ void curand_init(unsigned long long seed, unsigned long long subsequence,            \
                              unsigned long long offset, S *state);                              \
  __device__ unsigned int curand(S *state);                                                      \
  __device__ float curand_uniform(S *state);                                                     \
  __device__ double curand_uniform_double(S *state);                                             \
  __device__ float curand_normal(S *state);                                                      \
  __device__ double curand_normal_double(S *state);                                              \
  __device__ float2 curand_normal2(S *state);                                                    \
  __device__ double2 curand_normal2_double(S *state);                                            \
  __device__ float curand_log_normal(S *state, float mean, float stddev);                        \
  __device__ double curand_log_normal_double(S *state, double mean, double stddev);              \
  __device__ float2 curand_log_normal2(S *state, float mean, float stddev);                      \
  __device__ double2 curand_log_normal2_double(S *state, double mean, double stddev);            \
  __device__ unsigned int curand_poisson(S *state, double lambda);                               \
  __device__ unsigned int curand_discrete(S *state, curandDiscreteDistribution_t discrete);      \
  __device__ void skipahead(unsigned long long n, S *state);                                     \
  __device__ void skipahead_sequence(unsigned long long n, S *state);
__KPORT_CURAND_PSEUDO(curandStateXORWOW_t)
__KPORT_CURAND_PSEUDO(curandStatePhilox4_32_10_t)
__KPORT_CURAND_PSEUDO(curandStateMRG32k3a_t)
#undef __KPORT_CURAND_PSEUDO
__device__ void skipahead_subsequence(unsigned long long n, curandStateMRG32k3a_t *state);

/* Philox returns four values at a time as well */
__device__ uint4 curand4(curandStatePhilox4_32_10_t *state);
__device__ float4 curand_uniform4(curandStatePhilox4_32_10_t *state);
__device__ double2 curand_uniform2_double(curandStatePhilox4_32_10_t *state);
__device__ float4 curand_normal4(curandStatePhilox4_32_10_t *state);
__device__ float4 curand_log_normal4(curandStatePhilox4_32_10_t *state, float mean, float stddev);
__device__ uint4 curand_poisson4(curandStatePhilox4_32_10_t *state, double lambda);
__device__ uint4 curand_discrete4(curandStatePhilox4_32_10_t *state, curandDiscreteDistribution_t discrete);

/* quasi-random generators */
#define __KPORT_CURAND_QUASI(S, V, O, R)                                                           \
  __device__ void curand_init(V direction_vectors, O offset, S *state);                          \
  __device__ R curand(S *state);                                                                 \
  __device__ float curand_uniform(S *state);                                                     \
  __device__ double curand_uniform_double(S *state);                                             \
  __device__ float curand_normal(S *state);                                                      \
  __device__ double curand_normal_double(S *state);                                              \
  __device__ float curand_log_normal(S *state, float mean, float stddev);                        \
  __device__ double curand_log_normal_double(S *state, double mean, double stddev);              \
  __device__ unsigned int curand_poisson(S *state, double lambda);                               \
  __device__ void skipahead(R n, S *state);
__KPORT_CURAND_QUASI(curandStateSobol32_t, curandDirectionVectors32_t, unsigned int, unsigned int)
__KPORT_CURAND_QUASI(curandStateSobol64_t, curandDirectionVectors64_t, unsigned long long, unsigned long long)
#undef __KPORT_CURAND_QUASI
__device__ void curand_init(curandDirectionVectors32_t direction_vectors, unsigned int scramble_c, unsigned int offset, curandStateScrambledSobol32_t *state);
__device__ unsigned int curand(curandStateScrambledSobol32_t *state);
__device__ float curand_uniform(curandStateScrambledSobol32_t *state);
__device__ float curand_normal(curandStateScrambledSobol32_t *state);
__device__ void curand_init(curandDirectionVectors64_t direction_vectors, unsigned long long scramble_c, unsigned long long offset, curandStateScrambledSobol64_t *state);
__device__ unsigned long long curand(curandStateScrambledSobol64_t *state);
__device__ float curand_uniform(curandStateScrambledSobol64_t *state);
__device__ float curand_normal(curandStateScrambledSobol64_t *state);

/* MTGP32 (states are set up on the host) */
__device__ unsigned int curand(curandStateMtgp32_t *state);
__device__ float curand_uniform(curandStateMtgp32_t *state);
__device__ double curand_uniform_double(curandStateMtgp32_t *state);
__device__ float curand_normal(curandStateMtgp32_t *state);
__device__ double curand_normal_double(curandStateMtgp32_t *state);
__device__ unsigned int curand_mtgp32_specific(curandStateMtgp32_t *state, unsigned char index, unsigned char n);
__device__ float curand_mtgp32_single_specific(curandStateMtgp32_t *state, unsigned char index, unsigned char n);
extern mtgp32_params_fast_t mtgp32dc_params_fast_11213[];
__KPORT_EXTERN_C_BEGIN
extern __host__ curandStatus_t curandMakeMTGP32Constants(const mtgp32_params_fast_t params[], mtgp32_kernel_params_t *p);
extern __host__ curandStatus_t curandMakeMTGP32KernelState(curandStateMtgp32_t *s, mtgp32_params_fast_t params[], mtgp32_kernel_params_t *k, int n, unsigned long long seed);
__KPORT_EXTERN_C_END
#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_CURAND_KERNEL_H__ */
