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
    let entry = state.pointee.active
    let count = state.pointee.activeCount
    let span = activeRange
    defer { setActive(entry, count: count, span: span) }
    var block = span.lowerBound / blockLanes
    while block &* blockLanes < span.upperBound {
      let lanes = entry & segmentMasks[block]
      setActive(lanes)
      if state.pointee.activeCount > 0 { try body() }
      block &+= 1
    }
  }
}
