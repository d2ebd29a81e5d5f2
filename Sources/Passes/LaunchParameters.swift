// The launch parameters simt-to-spmd adds to a lowered kernel (grid_dim_x ... block_dim_z,
// attribute `launch`), which the fast-port passes read.
import KIR

extension Function {
  /// The launch parameter `name` (`block_dim_x`, `grid_dim_y`, ...), or nil before simt-to-spmd.
  func launchParameter(_ name: String) -> Value? {
    parameters.first { $0.value.name == name && $0.attributes["launch"]?.boolValue == true }?.value
  }
}

extension Module {
  /// The kernels simt-to-spmd lowered (SPMD level, or target level after a fast-port pass).
  var loweredKernels: [Function] {
    functions.filter { $0.kind == .kernel && ($0.declaredLevel == .spmd || $0.declaredLevel == .target) }
  }
}
