// kport report: the port and the CUDA kernel priced by the cost model, as text and as JSON.
// RUN: kport report %s --target bang | FileCheck %s
// RUN: kport report %s --target ascendc --format json | FileCheck %s --check-prefix=JSON
// RUN: kport report %s --target ascendc --format html | FileCheck %s --check-prefix=HTML
// kport-launch sums: --kernel block_sum --grid 5 --block 64 --arg in=f32[320]:rand(3) --arg out=f32[5]:zeros
// CHECK: launch sums: block_sum, a100 {{[0-9.]+ [nµm]?s}} → mlu370-x8 {{[0-9.]+ [nµm]?s}} (estimates)
// CHECK-NEXT: a100: {{.*}}-bound, roofline floor {{.*}}, 5 cores
// CHECK-NEXT: dma in {{.*}}, dma out {{.*}}, vector {{.*}}, tensor 0, scalar 0, sync {{.*}}, launch
// CHECK-NEXT: hot lines: report.cu:{{[0-9]+}} {{[0-9]+}} %
// CHECK-NEXT: mlu370-x8: {{.*}}-bound, roofline floor {{.*}}, 5 cores
// CHECK-NEXT: dma in {{.*}}, vector {{.*}}, tensor 0, scalar {{.*}}, sync 0, launch
// CHECK-NEXT: hot lines: report.cu:{{[0-9]+}} {{[0-9]+}} %
// CHECK-NEXT: bytes: off-chip 1280 read, 20 written; on-chip {{[0-9]+}} read, {{[0-9]+}} written;
// CHECK-NEXT: on-chip: 4.25 KiB of 640 KiB nram (1 %): 4.25 KiB shared buffers, 0 B per-thread arrays
// CHECK-NEXT: estimates by kport {{[0-9.]+}} from machine files mlu370-x8.machine (bundled), a100.machine (bundled);
// HTML: <!DOCTYPE html>
// HTML: <h1>report.cu → Ascend C: estimated cost</h1>
// HTML: Every figure is an estimate
// HTML: <svg xmlns="http://www.w3.org/2000/svg"
// HTML: <polyline
// HTML: block_sum on ascend910b2</text>
// HTML: <h3>CUDA: report.cu</h3>
// HTML: s[threadIdx.x] += s[threadIdx.x + stride];
// HTML: <h3>Port on ascend910b2, lines {{[0-9]+}}–{{[0-9]+}}</h3>
// HTML: void block_sum(GM_ADDR in_gm
// HTML: AscendC::TPipe pipe;
// HTML: </body></html>
// JSON: "estimates" : true,
// JSON: "bound" : "{{compute|memory|latency}}",
// JSON: "breakdown" : {
// JSON: "offchip_read" : 1280,
// JSON: "cuda" : {
// JSON: "line" : "report.cu:{{[0-9]+}}",
// JSON: "machine" : "a100",
// JSON: "estimated_seconds" :
// JSON: "machine" : "ascend910b2",
// JSON: "capacity_bytes" : 188160,
// JSON: "roofline_floor_seconds" :
// JSON: "target" : "ascendc"
// JSON: "schema" : "kport-report\/1"
__global__ void block_sum(const float* in, float* out) {
  __shared__ float s[64];
  s[threadIdx.x] = in[blockIdx.x * 64 + threadIdx.x];
  __syncthreads();
  for (int stride = 32; stride > 0; stride >>= 1) {
    if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}
