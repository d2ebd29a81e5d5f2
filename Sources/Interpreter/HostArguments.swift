// Kernel arguments from a host program's memory: what `kport exec`'s runtime needs to turn the
// argument array of cudaLaunchKernel (one pointer per parameter, to a value laid out by the C
// ABI, which is the interpreter's layout: Layout.swift) into `KernelArgument`s.

import KIR

/// Reads kernel parameter values from host memory.
public enum HostArguments {
  /// The value of type `type` stored at `address`: a scalar, or an aggregate of its leaves in
  /// layout order. Pointer leaves go through `pointer` (their bits, and the pointee type for a
  /// pointer parameter). Nil when the type has no layout (an undeclared struct).
  public static func argument(
    at address: UnsafeRawPointer, type: IRType, module: Module,
    pointer: (_ bits: UInt64, _ pointee: IRType?) -> KernelArgument
  ) -> KernelArgument? {
    if case .pointer(_, let pointee) = type {
      return pointer(address.loadUnaligned(as: UInt64.self), pointee)
    }
    let layouts = TypeLayouts(structs: module.structs)
    guard let leaves = layouts.leaves(of: type) else { return nil }
    let values = leaves.map { leaf -> KernelArgument in
      let bits = ScalarBits.read(leaf.kind, from: address + leaf.offset)
      if leaf.kind == .pointer { return pointer(bits, nil) }
      if leaf.kind.isFloat { return .float(ScalarBits.toDouble(bits, kind: leaf.kind)) }
      return .int(Int64(bitPattern: bits))
    }
    if ScalarKind(type) != nil, let only = values.first { return only }
    return .aggregate(values)
  }

  /// The size in bytes of a value of `type` in `module` (nil: no layout).
  public static func size(of type: IRType, in module: Module) -> Int? {
    TypeLayouts(structs: module.structs).size(of: type)
  }
}
