/* kport's declaration-only stand-in for the CUDA samples header "helper_cuda.h"
 * (Common/helper_cuda.h: error checking and device selection). Written for kport from the
 * samples' public interface (checkCudaErrors, getLastCudaError, printLastCudaError,
 * findCudaDevice, gpuDeviceInit, gpuGetMaxGflopsDeviceId, _ConvertSMVer2Cores, ...); no NVIDIA
 * code is copied. Like the samples' version it includes <stdio.h>, <stdlib.h>, <string.h> and
 * helper_string.h, which programs that include it rely on. */
#ifndef __KPORT_HELPER_CUDA_H__
#define __KPORT_HELPER_CUDA_H__
#define COMMON_HELPER_CUDA_H_

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cuda_runtime.h"
#include "helper_string.h"

#ifndef EXIT_WAIVED
#define EXIT_WAIVED 2
#endif

const char *_cudaGetErrorEnum(cudaError_t error);
#ifdef __KPORT_CUDA_H__
const char *_cudaGetErrorEnum(CUresult error);
#endif
#ifdef __KPORT_CURAND_H__
const char *_cudaGetErrorEnum(curandStatus_t error);
#endif

template <typename T>
void check(T result, char const *const func, const char *const file, int const line);

/* Reports a failing runtime call with its source text, file and line, then exits. */
#define checkCudaErrors(val) check((val), #val, __FILE__, __LINE__)
/* Checks cudaGetLastError() after a launch. */
#define getLastCudaError(msg) __getLastCudaError(msg, __FILE__, __LINE__)
#define printLastCudaError(msg) __printLastCudaError(msg, __FILE__, __LINE__)
void __getLastCudaError(const char *errorMessage, const char *file, const int line);
void __printLastCudaError(const char *errorMessage, const char *file, const int line);

#ifndef MAX
#define MAX(a, b) (a > b ? a : b)
#endif

int ftoi(float value);
int _ConvertSMVer2Cores(int major, int minor);
const char *_ConvertSMVer2ArchName(int major, int minor);
int gpuDeviceInit(int devID);
int gpuGetMaxGflopsDeviceId();
int findCudaDevice(int argc, const char **argv);
int findIntegratedGPU();
bool checkCudaCapabilities(int major_version, int minor_version);

/* A real build (kport exec, kport nvcc) also needs the definitions. */
#if defined(__KPORT_EXEC__)
#include "kport_exec_helpers.h"
#endif

#endif /* __KPORT_HELPER_CUDA_H__ */
