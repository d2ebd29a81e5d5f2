/* kport's own header (no CUDA header has this name): definitions, for programs that `kport exec`
 * and `kport nvcc` build (docs/exec.md), of the CUDA samples' helper_cuda.h and helper_string.h
 * functions that the bundled stand-ins only declare. helper_cuda.h includes it when
 * __KPORT_EXEC__ is defined. Written for kport from the samples' documented behaviour; no NVIDIA
 * code is copied. */
#ifndef __KPORT_EXEC_HELPERS_H__
#define __KPORT_EXEC_HELPERS_H__

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cuda_runtime.h"

/* ---- helper_string.h: command-line flags written -name or --name, values -name=value ---- */
inline int stringRemoveDelimiter(char delimiter, const char *string) {
  int start = 0;
  while (string[start] == delimiter) start++;
  return start >= (int)strlen(string) - 1 ? 0 : start;
}

/* The value part of argv[i] when it names `string_ref` (after -/--), else NULL. */
inline const char *__kport_flag_value(const char *argument, const char *string_ref, bool *matched) {
  const char *name = argument + stringRemoveDelimiter('-', argument);
  size_t length = strlen(string_ref);
  const char *equals = strchr(name, '=');
  size_t nameLength = equals ? (size_t)(equals - name) : strlen(name);
  *matched = nameLength == length && strncasecmp(name, string_ref, length) == 0;
  return *matched && equals ? equals + 1 : NULL;
}

inline bool checkCmdLineFlag(const int argc, const char **argv, const char *string_ref) {
  for (int i = 1; i < argc; i++) {
    bool matched = false;
    __kport_flag_value(argv[i], string_ref, &matched);
    if (matched) return true;
  }
  return false;
}

inline int getCmdLineArgumentInt(const int argc, const char **argv, const char *string_ref) {
  for (int i = 1; i < argc; i++) {
    bool matched = false;
    const char *value = __kport_flag_value(argv[i], string_ref, &matched);
    if (matched) return value ? atoi(value) : 0;
  }
  return 0;
}

inline float getCmdLineArgumentFloat(const int argc, const char **argv, const char *string_ref) {
  for (int i = 1; i < argc; i++) {
    bool matched = false;
    const char *value = __kport_flag_value(argv[i], string_ref, &matched);
    if (matched) return value ? (float)atof(value) : 0.0f;
  }
  return 0.0f;
}

inline bool getCmdLineArgumentString(const int argc, const char **argv, const char *string_ref, char **string_retval) {
  for (int i = 1; i < argc; i++) {
    bool matched = false;
    const char *value = __kport_flag_value(argv[i], string_ref, &matched);
    if (matched && value) {
      *string_retval = (char *)value;
      return true;
    }
  }
  *string_retval = NULL;
  return false;
}

/* ---- helper_cuda.h ---- */
inline const char *_cudaGetErrorEnum(cudaError_t error) { return cudaGetErrorName(error); }

template <typename T>
void check(T result, char const *const func, const char *const file, int const line) {
  if (result) {
    fprintf(stderr, "CUDA error at %s:%d code=%d(%s) \"%s\" \n", file, line, (int)result,
            _cudaGetErrorEnum(result), func);
    exit(EXIT_FAILURE);
  }
}

inline void __getLastCudaError(const char *errorMessage, const char *file, const int line) {
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) {
    fprintf(stderr, "%s(%i) : getLastCudaError() CUDA error : %s : (%d) %s.\n", file, line, errorMessage,
            (int)err, cudaGetErrorString(err));
    exit(EXIT_FAILURE);
  }
}

inline void __printLastCudaError(const char *errorMessage, const char *file, const int line) {
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) {
    fprintf(stderr, "%s(%i) : getLastCudaError() CUDA error : %s : (%d) %s.\n", file, line, errorMessage,
            (int)err, cudaGetErrorString(err));
  }
}

inline int ftoi(float value) { return value >= 0 ? (int)(value + 0.5f) : (int)(value - 0.5f); }

/* Cores per SM of the architectures the samples know; 64 for any other. */
inline int _ConvertSMVer2Cores(int major, int minor) {
  int version = (major << 4) + minor;
  switch (version) {
  case 0x30: case 0x32: case 0x35: case 0x37: return 192;
  case 0x50: case 0x52: case 0x53: case 0x61: case 0x62: return 128;
  case 0x60: case 0x70: case 0x72: case 0x75: case 0x80: case 0x90: return 64;
  case 0x86: case 0x87: case 0x89: return 128;
  default: return 64;
  }
}

inline const char *_ConvertSMVer2ArchName(int major, int minor) {
  return major >= 9 ? "Hopper" : major == 8 ? "Ampere" : major == 7 ? "Volta" : "Pascal";
}

inline int gpuDeviceInit(int devID) {
  int count = 0;
  checkCudaErrors(cudaGetDeviceCount(&count));
  if (devID < 0) devID = 0;
  if (devID >= count) {
    fprintf(stderr, "gpuDeviceInit() device %d is not a valid GPU device.\n", devID);
    return -devID;
  }
  checkCudaErrors(cudaSetDevice(devID));
  cudaDeviceProp prop;
  checkCudaErrors(cudaGetDeviceProperties(&prop, devID));
  printf("gpuDeviceInit() CUDA Device [%d]: \"%s\n", devID, prop.name);
  return devID;
}

inline int gpuGetMaxGflopsDeviceId() { return 0; }

inline int findCudaDevice(int argc, const char **argv) {
  int devID = 0;
  if (checkCmdLineFlag(argc, argv, "device")) {
    devID = getCmdLineArgumentInt(argc, argv, "device=");
    devID = gpuDeviceInit(devID);
    if (devID < 0) exit(EXIT_FAILURE);
    return devID;
  }
  checkCudaErrors(cudaSetDevice(devID));
  cudaDeviceProp prop;
  checkCudaErrors(cudaGetDeviceProperties(&prop, devID));
  printf("GPU Device %d: \"%s\" with compute capability %d.%d\n\n", devID, _ConvertSMVer2ArchName(prop.major, prop.minor),
         prop.major, prop.minor);
  return devID;
}

inline int findIntegratedGPU() { return -1; }

inline bool checkCudaCapabilities(int major_version, int minor_version) {
  cudaDeviceProp prop;
  checkCudaErrors(cudaGetDeviceProperties(&prop, 0));
  return prop.major > major_version || (prop.major == major_version && prop.minor >= minor_version);
}

#endif /* __KPORT_EXEC_HELPERS_H__ */
