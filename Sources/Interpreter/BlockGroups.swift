// Block groups: several small blocks run as the lanes of one step (block b of a group takes
// lanes b * blockSize ..< (b + 1) * blockSize), so that every op is dispatched once for up to
// 1024 threads rather than once per block. A tree reduction's levels, which cost the same per
// block whatever their lane count, then cost that once per group.
//
// The result must be the one of running the blocks one by one, findings included, so a launch
// groups blocks only when nothing can tell the difference:
// - the block is one-dimensional, its size a multiple of 32 (warps never span two blocks) and
//   at most 512, and the grid has at least two blocks;
// - the kernel makes no calls and has no op that sees other lanes or the clock outside a block
//   barrier: atomics, warp ops, `__syncwarp`, the counting barriers, fences, `printf`, traps,
//   clocks, target ops;
// - every `__syncthreads` is reached by every block of the group at once: no enclosing `scf.if`
//   condition and no enclosing loop is divergent when block indices vary (the uniformity
//   analysis with `blocksVary`). The non-exited lanes of the group then all arrive together,
//   and a barrier starts one interval for the whole group.
//
// Per group: each block has its own slice of the shared arena and its own shared variable ids
// (`Address.sharedBase + b * variables + index`), so shared addresses, block indices and what
// is computed from them vary between lanes; fused accesses through a pointer that is the same
// within a block run block by block (IndexedAccess.swift). Global races and findings name
// each lane's own block (RaceDetector.swift, MemoryAccess.swift).
// Sparse lanes: at a tree level only `tid < stride` of each block is active, so the span from
// the group's lowest active lane to its highest covers mostly inactive lanes. The active lanes
// of each block (`blockRuns`, found once per active mask) then bound the work: lane-by-lane ops
// run over each block's span when that skips enough lanes (`runOverBlockSpans`), and the
// interval compare of the thread index records one interval per block whose split writes the
// runs directly (LaneIndexCompare.swift).
// `KPORT_BLOCK_GROUPS=0` turns grouping off (for comparisons).

import Foundation
import KIR

/// Facts a launch needs to decide whether to group blocks.
enum BlockGroups {
  /// The largest block that is grouped.
  static let maximumBlockSize = 512

  /// Whether grouping is enabled in this process (`KPORT_BLOCK_GROUPS=0` disables it).
  static let isEnabled: Bool = ProcessInfo.processInfo.environment["KPORT_BLOCK_GROUPS"] != "0"

  /// The blocks per group for `configuration`, or 1 when its blocks cannot be grouped.
  static func size(for configuration: LaunchConfiguration) -> Int {
    let block = configuration.block
    guard block.y == 1, block.z == 1, block.x % 32 == 0,
      block.x <= maximumBlockSize, configuration.grid.count >= 2
    else { return 1 }
    return min(LaneMask.capacity / block.x, configuration.grid.count)
  }

  /// Whether `op` can run in a group (see the file comment).
  static func allows(_ opcode: Opcode) -> Bool {
    switch opcode {
    case .atomic, .shuffle, .vote, .ballot, .activemask, .clock, .call, .syncthreadsCount,
      .syncthreadsAnd, .syncthreadsOr, .syncwarp, .threadfence, .printf, .trap, .taskId, .taskDim,
      .buffer, .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector,
      .ascendVectorUnary, .ascendPipeBarrier:
      return false
    case .constant, .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp,
      .select, .cast, .bitcast, .alloca, .sharedAlloc, .dynamicShared, .globalAddress, .load,
      .store, .offset, .element, .field, .pointerCast, .pointerToInt, .intToPointer, .pointerDiff,
      .make, .extract, .insert, .threadId, .blockId, .blockDim, .gridDim, .syncthreads, .mathCall,
      .return, .if, .yield, .loop, .doWhile, .condition, .break, .continue, .block:
      return true
    }
  }

  /// Whether kernel `function`, analysed with varying block indices, can run its blocks in
  /// groups.
  static func isGroupable(_ function: Function, uniformity: UniformityAnalysis) -> Bool {
    guard function.kind == .kernel else { return false }
    var groupable = true
    func visit(_ region: Region, convergent: Bool) {
      for op in region.operations where groupable {
        if !allows(op.opcode) || (op.opcode == .syncthreads && !convergent) {
          groupable = false
          return
        }
        var inner = convergent
        switch op.opcode {
        case .if:
          inner = convergent && op.operands.first.map(uniformity.isUniform) == true
        case .loop, .doWhile, .block:
          inner = convergent && !uniformity.divergentConstructs.contains(ObjectIdentifier(op))
        default:
          break
        }
        for nested in op.regions { visit(nested, convergent: inner) }
      }
    }
    visit(function.body, convergent: true)
    return groupable
  }
}

extension FunctionCompiler {
  /// In a kernel whose blocks run in groups: a lane-by-lane op's step that computes block by
  /// block when the group's active lanes are sparse (`runOverBlockSpans`).
  func blockSpanVariant(of step: Step, for op: Operation) -> Step {
    guard facts.isGroupable, case .op(let body, let meta) = step,
      UniformityAnalysis.computesLaneByLane(op.opcode)
    else { return step }
    return .op({ try $0.runOverBlockSpans(body) }, meta)
  }
}

extension ExecutionContext {
  /// The linear index of the block `lane` belongs to.
  @inline(__always) func blockLinear(of lane: Int) -> Int {
    groupBlocks == 1 ? state.pointee.blockLinear : state.pointee.blockLinear &+ lane / blockLanes
  }

  /// The index of the block `lane` belongs to.
  func blockIndex(of lane: Int) -> Dim3 {
    groupBlocks > 1 ? blockIndex(linear: blockLinear(of: lane)) : state.pointee.blockIndex
  }

  /// The index of block `linear` of the grid.
  func blockIndex(linear: Int) -> Dim3 {
    let grid = launch.configuration.grid
    return Dim3(linear % grid.x, (linear / grid.x) % grid.y, linear / (grid.x * grid.y))
  }

  /// Runs `body` once per block of the group with active lanes, with only that block's lanes
  /// active, and restores the active lanes.
  @inline(__always) func forEachActiveBlock(_ body: () throws -> Void) rethrows {
    if !state.pointee.blockRunsValid { findBlockRuns() }
    let entry = state.pointee.active
    let count = state.pointee.activeCount
    let span = activeRange
    let runs = state.pointee.blockRunCount
    let sparse = state.pointee.blockRunsSparse
    defer { restoreActive(entry, count: count, span: span, runs: runs, sparse: sparse) }
    for index in 0..<runs {
      let run = blockRuns[index]
      setActive(entry & segmentMasks[run.block], count: run.count, span: run.start..<run.end)
      try body()
    }
  }

  /// Runs the body of a lane-by-lane op (one that computes each lane from the same lane of its
  /// operands over the active range): over the whole active span, or, when the active lanes of
  /// a group are sparse (a tree level's `tid < stride` in each block), over each block's own
  /// span, which skips the lanes between them.
  @inline(__always) func runOverBlockSpans(_ body: OpBody) throws {
    if groupBlocks == 1 { return try body(self) }
    if !state.pointee.blockRunsValid { findBlockRuns() }
    if !state.pointee.blockRunsSparse { return try body(self) }
    try forEachActiveBlock { try body(self) }
  }

  /// Makes `entry` the active lanes again, with the block runs found for it still valid.
  @inline(__always) private func restoreActive(
    _ entry: LaneMask, count: Int, span: Range<Int>, runs: Int, sparse: Bool
  ) {
    setActive(entry, count: count, span: span)
    state.pointee.blockRunCount = runs
    state.pointee.blockRunsSparse = sparse
    state.pointee.blockRunsValid = true
  }

  /// Takes the first `runs` entries of `blockRuns`, written for the active lanes just set, as
  /// their runs (each run dense), without scanning the mask.
  @inline(__always) func useBlockRuns(_ runs: Int) {
    state.pointee.blockRunCount = runs
    state.pointee.blockRunsSparse = BlockRun.areSparse(
      runs: runs, covered: state.pointee.activeCount,
      span: state.pointee.rangeEnd &- state.pointee.rangeStart)
    state.pointee.blockRunsValid = true
  }

  /// Finds the active lanes of each block of the group (`blockRuns`), and whether computing
  /// block by block pays (`BlockRun.areSparse`).
  func findBlockRuns() {
    let active = state.pointee.active
    let start = state.pointee.rangeStart
    let end = state.pointee.rangeEnd
    var runs = 0
    var covered = 0
    var block = start / blockLanes
    if state.pointee.activeCount == end &- start {
      // Dense: each block's part of the span, which computing block by block cannot shrink.
      while block &* blockLanes < end {
        let low = Swift.max(start, block &* blockLanes)
        let high = Swift.min(end, (block &+ 1) &* blockLanes)
        blockRuns[runs] = BlockRun(block: block, count: high &- low, start: low, end: high)
        runs &+= 1
        block &+= 1
      }
      state.pointee.blockRunCount = runs
      state.pointee.blockRunsSparse = false
      state.pointee.blockRunsValid = true
      return
    }
    withUnsafeBytes(of: active.words) { raw in
      while block &* blockLanes < end {
        let first = block &* blockLanes
        var count = 0
        var lowest = -1
        var highest = -1
        // The words holding the block's lanes, masked to them (a word may hold two blocks).
        let last = first &+ blockLanes
        for index in (first >> 6)..<((last &+ 63) >> 6) {
          let wordStart = index << 6
          let low = Swift.max(first &- wordStart, 0)
          let high = Swift.min(last &- wordStart, 64)
          let lanes = (high == 64 ? ~UInt64(0) : (UInt64(1) << UInt64(high)) &- 1)
            & ~((UInt64(1) << UInt64(low)) &- 1)
          let word = raw.load(fromByteOffset: index &* 8, as: UInt64.self) & lanes
          if word == 0 { continue }
          count &+= word.nonzeroBitCount
          if lowest < 0 { lowest = wordStart | word.trailingZeroBitCount }
          highest = wordStart | (63 &- word.leadingZeroBitCount)
        }
        if count > 0 {
          blockRuns[runs] = BlockRun(block: block, count: count, start: lowest, end: highest &+ 1)
          runs &+= 1
          covered &+= highest &+ 1 &- lowest
        }
        block &+= 1
      }
    }
    state.pointee.blockRunCount = runs
    state.pointee.blockRunsSparse = BlockRun.areSparse(runs: runs, covered: covered, span: end &- start)
    state.pointee.blockRunsValid = true
  }
}

/// The active lanes of one block of a group: how many, and their span.
struct BlockRun {
  /// The lane computations one more dispatch of an op body is taken to cost.
  static let dispatchLanes = 64

  /// Whether computing `runs` runs block by block skips enough lanes to pay for the extra
  /// dispatches: their spans together (`covered` lanes), plus `dispatchLanes` per run, are
  /// less than the whole span of `span` lanes.
  @inline(__always) static func areSparse(runs: Int, covered: Int, span: Int) -> Bool {
    runs > 1 && covered &+ runs &* dispatchLanes < span
  }

  var block = 0
  var count = 0
  var start = 0
  var end = 0
}
