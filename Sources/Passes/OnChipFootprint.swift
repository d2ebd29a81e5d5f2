// The on-chip memory an SPMD kernel declares: its shared buffers (`spmd.buffer`, dynamic
// shared memory at the size the port reserves) and its per-thread arrays. simt-to-spmd checks it
// against the target's capacity (KP3011); the cost report shows it beside the machine's buffer.
import KIR

/// The on-chip bytes of one SPMD kernel.
public struct OnChipFootprint: Hashable, Sendable {
  /// Bytes of shared buffers (`__shared__` and `extern __shared__`).
  public var sharedBytes: Int
  /// Bytes of per-thread arrays (`array<max_threads x T>` locals) and local arrays.
  public var arrayBytes: Int

  public init(sharedBytes: Int, arrayBytes: Int) {
    self.sharedBytes = sharedBytes
    self.arrayBytes = arrayBytes
  }

  public var totalBytes: Int { sharedBytes + arrayBytes }
}

/// The footprint of `function` as simt-to-spmd left it (storage at the entry); nil for a
/// function that is not at the SPMD level. Scalar locals live in registers and are not counted.
public func onChipFootprint(of function: Function, in module: Module) -> OnChipFootprint? {
  guard let level = function.declaredLevel, level >= .spmd else { return nil }
  let sizes = StorageSize(module: module)
  var shared = 0
  var arrays = 0
  for op in function.body.operations {
    guard let pointee = op.result?.type.pointee, let bytes = sizes.bytes(of: pointee) else { continue }
    switch op.opcode {
    case .buffer: shared += bytes
    case .alloca:
      if case .array = pointee { arrays += bytes }
    default: break
    }
  }
  return OnChipFootprint(sharedBytes: shared, arrayBytes: arrays)
}

/// Byte sizes of KIR types with C layout (natural alignment), for capacity checks.
struct StorageSize {
  let module: Module

  func bytes(of type: IRType) -> Int? { layout(of: type)?.size }

  private func layout(of type: IRType) -> (size: Int, alignment: Int)? {
    switch type {
    case .bool: return (1, 1)
    case let .int(bits, _): return (bits / 8, bits / 8)
    case let .float(kind): return (kind.byteSize, kind.byteSize)
    case .pointer: return (8, 8)
    case let .vector(element, count):
      guard let inner = layout(of: element) else { return nil }
      let size = inner.size * count
      return (size, size & (size - 1) == 0 ? min(size, 16) : inner.alignment)
    case let .array(element, count):
      guard let inner = layout(of: element), let count else { return nil }
      return (inner.size * count, inner.alignment)
    case let .structure(name):
      guard let decl = module.structDecl(named: name) else { return nil }
      var offset = 0
      var alignment = 1
      for field in decl.fields {
        guard let inner = layout(of: field.type) else { return nil }
        offset = (offset + inner.alignment - 1) / inner.alignment * inner.alignment + inner.size
        alignment = max(alignment, inner.alignment)
      }
      return ((offset + alignment - 1) / alignment * alignment, alignment)
    case .void: return nil
    }
  }
}
