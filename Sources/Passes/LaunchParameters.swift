// The launch parameters simt-to-spmd adds to a lowered kernel (grid_dim_x ... block_dim_z,
// attribute `launch`), which the fast-port passes read.
import KIR

extension Function {
  /// The launch parameter `name` (`block_dim_x`, `grid_dim_y`, ...), or nil before simt-to-spmd.
  func launchParameter(_ name: String) -> Value? {
    parameters.first { $0.value.name == name && $0.attributes["launch"]?.boolValue == true }?.value
  }

  /// The block's thread count simt-to-spmd computes at the kernel's entry, `block_dim_x ×
  /// block_dim_y × block_dim_z`: the bound of its loops over all the block's threads.
  var blockThreads: Value? {
    guard let x = launchParameter("block_dim_x"), let y = launchParameter("block_dim_y"), let z = launchParameter("block_dim_z") else { return nil }
    return body.operations.first { op in
      guard op.opcode == .mul, op.operands[1] === z, let xy = op.operands[0].definingOp, xy.opcode == .mul else { return false }
      return xy.operands[0] === x && xy.operands[1] === y
    }?.results.first
  }
}

extension Module {
  /// The kernels simt-to-spmd lowered (SPMD level, or target level after a fast-port pass).
  var loweredKernels: [Function] {
    functions.filter { $0.kind == .kernel && ($0.declaredLevel == .spmd || $0.declaredLevel == .target) }
  }
}
