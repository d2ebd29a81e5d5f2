// kport machines: the machine descriptions (docs/machines.md), with their sources.
// RUN: kport machines | FileCheck %s
// RUN: kport machines --machine mlu370-x8 | FileCheck %s --check-prefix=ONE
// CHECK: | machine | target | clock | cores |
// CHECK: | `a100` | cuda | 1410 MHz |
// CHECK: | `ascend910b2` | ascendc | 1800 MHz |
// CHECK: | `mlu370-x8` | bang | 1300 MHz | {{.*}} | nram 768 KiB (640 KiB) | 614.4 GB/s |
// ONE: mlu370-x8: {{.*}} (bang, mtp_372)
// ONE: offchip.bandwidth [src]
__global__ void unused() {}
