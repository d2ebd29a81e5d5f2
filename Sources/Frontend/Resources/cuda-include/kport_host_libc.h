/* kport's declaration-only helper header (no CUDA header has this name): host C library
 * declarations. With nvcc, the implicitly included cuda_runtime.h brings in parts of the C
 * library, and CUDA declares printf, malloc, free, memcpy and memset itself, so real CUDA host code
 * often calls these without including a header. Including the C headers here would cost parse
 * time, so the functions host code commonly uses are declared instead, with C linkage and the
 * same types and exception specifications as glibc: a later #include <stdio.h>, <stdlib.h>,
 * <string.h> or <time.h> is a compatible redeclaration. Written for kport; no NVIDIA code is
 * copied. */
#ifndef __KPORT_HOST_LIBC_H__
#define __KPORT_HOST_LIBC_H__

#include "host_defines.h"

#if defined(__cplusplus)
#ifndef NULL
#define NULL __null
#endif

/* ---- host C library functions host code often uses without including their header ---- */
typedef long time_t;
extern "C" {
extern int printf(const char *__restrict, ...);
extern int puts(const char *);
extern void *malloc(size_t) noexcept;
extern void *calloc(size_t, size_t) noexcept;
extern void *realloc(void *, size_t) noexcept;
extern void free(void *) noexcept;
extern void exit(int) noexcept __attribute__((__noreturn__));
extern void abort(void) noexcept __attribute__((__noreturn__));
extern int atoi(const char *) noexcept;
extern long atol(const char *) noexcept;
extern double atof(const char *) noexcept;
extern int rand(void) noexcept;
extern void srand(unsigned int) noexcept;
extern void *memcpy(void *__restrict, const void *__restrict, size_t) noexcept;
extern void *memmove(void *, const void *, size_t) noexcept;
extern void *memset(void *, int, size_t) noexcept;
extern int memcmp(const void *, const void *, size_t) noexcept;
extern size_t strlen(const char *) noexcept;
extern int strcmp(const char *, const char *) noexcept;
extern int strncmp(const char *, const char *, size_t) noexcept;
extern char *strcpy(char *__restrict, const char *__restrict) noexcept;
extern char *strncpy(char *__restrict, const char *__restrict, size_t) noexcept;
extern char *strcat(char *__restrict, const char *__restrict) noexcept;
extern clock_t clock(void) noexcept;
extern time_t time(time_t *) noexcept;
extern void __assert_fail(const char *, const char *, unsigned int, const char *) noexcept
    __attribute__((__noreturn__));

}

/* assert() as <assert.h> defines it; <assert.h> itself, if included later, redefines it. */
#ifndef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) (static_cast<bool>(e) ? void(0) : __assert_fail(#e, __FILE__, __LINE__, __PRETTY_FUNCTION__))
#endif
#endif

#endif /* __cplusplus */

#endif /* __KPORT_HOST_LIBC_H__ */
