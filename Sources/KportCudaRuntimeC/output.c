/* The program's standard streams as the Swift half of the runtime writes to them: device printf
 * output through stdout's buffer (so it interleaves with the host's printf as on a GPU after a
 * synchronisation), findings and messages on stderr after flushing stdout. */
#include <stdio.h>
#include <stdlib.h>
#include "kport_cuda_bridge.h"

void kport_write_output(const char *text) { fputs(text, stdout); }

void kport_write_error(const char *text) {
  fflush(stdout);
  fputs(text, stderr);
  fflush(stderr);
}

void kport_stop(int status) {
  fflush(NULL);
  exit(status);
}
