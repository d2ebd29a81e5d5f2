// Device memory shared by launches: the buffers a driver allocates and fills, plus the storage
// of a module's `__device__` and `__constant__` globals, created on first use from their
// initialisers. Element storage is little-endian, laid out as Layout.swift describes.

import Foundation
import KIR

/// A device buffer's identity.
public struct BufferID: Hashable, Sendable {
  public let raw: Int
  public init(raw: Int) { self.raw = raw }
}

/// Device memory shared by launches: buffers the driver allocates, plus the module's globals.
///
/// Buffers are zero-filled when allocated and count as initialised for the sanitizers. Their
/// storage never moves, so a launch reads and writes it in place.
public final class DeviceMemory: @unchecked Sendable {
  /// One buffer: its storage and what it holds.
  struct Buffer {
    var name: String
    var elementType: IRType
    var count: Int
    var elementSize: Int
    /// The element type's alignment.
    var alignment: Int
    var byteCount: Int
    var storage: UnsafeMutableRawPointer
    /// The address space its pointers name in findings (`global` or `constant`).
    var space: AddressSpace
  }

  /// The most buffers one memory holds (the allocation-id space of device addresses).
  static let maximumBuffers = (1 << 22) - 2

  private var buffers: [Buffer] = []
  private var globals: [String: BufferID] = [:]
  private var structs: [String: StructDecl] = [:]
  private let lock = NSLock()

  public init() {}

  deinit {
    for buffer in buffers { free(buffer.storage) }
  }

  /// Allocates a zero-filled buffer of `count` elements of `elementType`.
  ///
  /// A struct element type must be declared first, by ``declareStructs(of:)`` or a launch of a
  /// module that declares it; an undeclared struct counts as one byte per element.
  public func allocate(name: String, elementType: IRType, count: Int) -> BufferID {
    lock.lock()
    defer { lock.unlock() }
    return allocateLocked(name: name, elementType: elementType, count: count, space: .global)
  }

  /// Makes the struct declarations of `module` known, so that buffers of its structs have a size.
  public func declareStructs(of module: Module) {
    lock.lock()
    defer { lock.unlock() }
    for decl in module.structs { structs[decl.name] = decl }
  }

  /// The element type `id` was allocated with.
  public func elementType(of id: BufferID) -> IRType { buffer(id)?.elementType ?? .void }

  /// The number of elements of `id`.
  public func count(of id: BufferID) -> Int { buffer(id)?.count ?? 0 }

  /// The name `id` was allocated with.
  public func name(of id: BufferID) -> String { buffer(id)?.name ?? "" }

  /// The size of `id` in bytes.
  public func byteCount(of id: BufferID) -> Int { buffer(id)?.byteCount ?? 0 }

  /// Gives buffer `id` the element type `elementType`, keeping its bytes, when its size is a
  /// whole number of such elements (findings then count indices in them, and races are tracked
  /// per element rather than per byte). Returns whether it did. For `kport exec`, whose
  /// cudaMalloc allocates bytes and learns their type at the first launch.
  @discardableResult
  public func retype(_ id: BufferID, to elementType: IRType) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard id.raw >= 0, id.raw < buffers.count else { return false }
    let layouts = TypeLayouts(table: structs)
    guard let size = layouts.size(of: elementType), size > 0, buffers[id.raw].byteCount % size == 0 else {
      return false
    }
    buffers[id.raw].elementType = elementType
    buffers[id.raw].elementSize = size
    buffers[id.raw].alignment = max(1, layouts.alignment(of: elementType) ?? 1)
    buffers[id.raw].count = buffers[id.raw].byteCount / size
    return true
  }

  /// Frees the storage of buffer `id`, which stays known with no bytes: a later access through
  /// a pointer into it is an out-of-bounds finding (`cudaFree`).
  public func release(_ id: BufferID) {
    lock.lock()
    defer { lock.unlock() }
    guard id.raw >= 0, id.raw < buffers.count, buffers[id.raw].byteCount > 0,
      let empty = calloc(1, 1)
    else { return }
    free(buffers[id.raw].storage)
    buffers[id.raw].storage = empty
    buffers[id.raw].byteCount = 0
    buffers[id.raw].count = 0
  }

  /// Calls `body` with the bytes of buffer `id` (empty for an unknown id).
  public func withBytes<R>(_ id: BufferID, _ body: (UnsafeMutableRawBufferPointer) throws -> R)
    rethrows -> R
  {
    guard let found = buffer(id) else {
      return try body(UnsafeMutableRawBufferPointer(start: nil, count: 0))
    }
    return try body(UnsafeMutableRawBufferPointer(start: found.storage, count: found.byteCount))
  }

  /// The storage of the module global `name` (a `__device__` or `__constant__` variable),
  /// created and initialised from its initializer on first use.
  ///
  /// An array global is a buffer of its innermost element type; any other global is one
  /// element of its type. An unknown name gives an empty `u8` buffer.
  public func globalBuffer(named name: String, in module: Module) -> BufferID {
    lock.lock()
    defer { lock.unlock() }
    let key = "\(ObjectIdentifier(module).hashValue):\(name)"
    if let found = globals[key] { return found }
    for decl in module.structs where structs[decl.name] == nil { structs[decl.name] = decl }
    guard let global = module.global(named: name) else {
      let id = allocateLocked(name: name, elementType: .u8, count: 0, space: .global)
      globals[key] = id
      return id
    }
    let layouts = TypeLayouts(table: structs)
    let (element, count) = Self.flattenArray(global.type)
    let id = allocateLocked(name: name, elementType: element, count: count, space: global.space)
    if let initializer = global.initializer, let leaves = layouts.leaves(of: global.type) {
      var scalars: [Attribute] = []
      Self.flatten(initializer, into: &scalars)
      let storage = buffers[id.raw].storage
      for (leaf, value) in zip(leaves, scalars) {
        ScalarBits.writeAttribute(value, kind: leaf.kind, to: storage + leaf.offset)
      }
    }
    globals[key] = id
    return id
  }

  /// A snapshot of every buffer, for a launch (storage pointers stay valid until deinit).
  func snapshot() -> [Buffer] {
    lock.lock()
    defer { lock.unlock() }
    return buffers
  }

  /// The struct declarations known to this memory.
  func knownStructs() -> [String: StructDecl] {
    lock.lock()
    defer { lock.unlock() }
    return structs
  }

  private func buffer(_ id: BufferID) -> Buffer? {
    lock.lock()
    defer { lock.unlock() }
    return id.raw >= 0 && id.raw < buffers.count ? buffers[id.raw] : nil
  }

  private func allocateLocked(name: String, elementType: IRType, count: Int, space: AddressSpace)
    -> BufferID
  {
    if buffers.count >= Self.maximumBuffers {
      preconditionFailure("DeviceMemory holds at most \(Self.maximumBuffers) buffers")
    }
    let layouts = TypeLayouts(table: structs)
    let elementSize = layouts.size(of: elementType) ?? 1
    let alignment = layouts.alignment(of: elementType) ?? 1
    let elements = max(0, count)
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: max(1, elementSize))
    if overflow {
      preconditionFailure("buffer '\(name)' of \(count) x \(elementType) is too large")
    }
    // calloc: zero-filled, and large buffers are mapped lazily by the system.
    guard let storage = calloc(max(1, bytes), 1) else {
      preconditionFailure("out of memory allocating \(bytes) bytes for buffer '\(name)'")
    }
    buffers.append(
      Buffer(
        name: name, elementType: elementType, count: elements, elementSize: max(1, elementSize),
        alignment: max(1, alignment), byteCount: bytes, storage: storage, space: space))
    return BufferID(raw: buffers.count - 1)
  }

  /// The innermost element type of nested arrays and the total element count.
  static func flattenArray(_ type: IRType) -> (IRType, Int) {
    if case .array(let element, let count) = type {
      let (inner, innerCount) = flattenArray(element)
      return (inner, innerCount * max(0, count ?? 0))
    }
    return (type, 1)
  }

  /// The scalars of a (possibly nested) initializer, in order.
  static func flatten(_ attribute: Attribute, into scalars: inout [Attribute]) {
    if let items = attribute.arrayValue {
      for item in items { flatten(item, into: &scalars) }
    } else {
      scalars.append(attribute)
    }
  }
}
