/* Streams and events. Every operation runs to completion when it is issued, so streams are
 * handles with nothing to wait for, callbacks run at once, and an event records the cost
 * model's estimate of the device time spent so far: cudaEventElapsedTime gives the estimated
 * time of the kernels between two events on the target's machine, and says so once. */
#include <stdio.h>
#include <stdlib.h>
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

#define KPORT_RETURN(status) return (cudaError_t)kport_status(status)

struct CUstream_st {
  unsigned int flags;
  int priority;
};

struct CUevent_st {
  double seconds;
  int recorded;
};

cudaError_t cudaStreamCreateWithPriority(cudaStream_t *stream, unsigned int flags, int priority) {
  if (!stream) KPORT_RETURN(cudaErrorInvalidValue);
  struct CUstream_st *created = malloc(sizeof *created);
  if (!created) KPORT_RETURN(cudaErrorMemoryAllocation);
  created->flags = flags;
  created->priority = priority;
  *stream = created;
  return cudaSuccess;
}

cudaError_t cudaStreamCreate(cudaStream_t *stream) { return cudaStreamCreateWithPriority(stream, 0, 0); }

cudaError_t cudaStreamCreateWithFlags(cudaStream_t *stream, unsigned int flags) {
  return cudaStreamCreateWithPriority(stream, flags, 0);
}

cudaError_t cudaStreamDestroy(cudaStream_t stream) {
  free(stream);
  return cudaSuccess;
}

cudaError_t cudaStreamSynchronize(cudaStream_t stream) {
  (void)stream;
  return cudaSuccess;
}

cudaError_t cudaStreamQuery(cudaStream_t stream) {
  (void)stream;
  return cudaSuccess;
}

cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int flags) {
  (void)stream, (void)event, (void)flags;
  return cudaSuccess;
}

cudaError_t cudaStreamGetPriority(cudaStream_t stream, int *priority) {
  if (!priority) KPORT_RETURN(cudaErrorInvalidValue);
  *priority = stream ? stream->priority : 0;
  return cudaSuccess;
}

cudaError_t cudaStreamGetFlags(cudaStream_t stream, unsigned int *flags) {
  if (!flags) KPORT_RETURN(cudaErrorInvalidValue);
  *flags = stream ? stream->flags : 0;
  return cudaSuccess;
}

cudaError_t cudaStreamAddCallback(cudaStream_t stream, cudaStreamCallback_t callback, void *data,
                                  unsigned int flags) {
  (void)flags;
  if (!callback) KPORT_RETURN(cudaErrorInvalidValue);
  callback(stream, cudaSuccess, data);
  return cudaSuccess;
}

cudaError_t cudaLaunchHostFunc(cudaStream_t stream, cudaHostFn_t function, void *data) {
  (void)stream;
  if (!function) KPORT_RETURN(cudaErrorInvalidValue);
  function(data);
  return cudaSuccess;
}

cudaError_t cudaEventCreateWithFlags(cudaEvent_t *event, unsigned int flags) {
  (void)flags;
  if (!event) KPORT_RETURN(cudaErrorInvalidValue);
  struct CUevent_st *created = calloc(1, sizeof *created);
  if (!created) KPORT_RETURN(cudaErrorMemoryAllocation);
  *event = created;
  return cudaSuccess;
}

cudaError_t cudaEventCreate(cudaEvent_t *event) { return cudaEventCreateWithFlags(event, 0); }

cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream) {
  (void)stream;
  if (!event) KPORT_RETURN(cudaErrorInvalidResourceHandle);
  event->seconds = kport_rt_device_seconds();
  event->recorded = 1;
  return cudaSuccess;
}

cudaError_t cudaEventRecordWithFlags(cudaEvent_t event, cudaStream_t stream, unsigned int flags) {
  (void)flags;
  return cudaEventRecord(event, stream);
}

cudaError_t cudaEventSynchronize(cudaEvent_t event) {
  if (!event) KPORT_RETURN(cudaErrorInvalidResourceHandle);
  return cudaSuccess;
}

cudaError_t cudaEventQuery(cudaEvent_t event) {
  if (!event) KPORT_RETURN(cudaErrorInvalidResourceHandle);
  return cudaSuccess;
}

cudaError_t cudaEventDestroy(cudaEvent_t event) {
  free(event);
  return cudaSuccess;
}

cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t start, cudaEvent_t end) {
  static int told = 0;
  if (!ms) KPORT_RETURN(cudaErrorInvalidValue);
  if (!start || !end) KPORT_RETURN(cudaErrorInvalidResourceHandle);
  if (!start->recorded || !end->recorded) KPORT_RETURN(cudaErrorInvalidResourceHandle);
  if (!told) {
    told = 1;
    fprintf(stderr,
            "kport: note: cudaEventElapsedTime gives the cost model's estimate of the kernels run "
            "between the events on %s, not a measurement\n",
            kport_rt_machine_name());
  }
  *ms = (float)((end->seconds - start->seconds) * 1000.0);
  return cudaSuccess;
}
