// The C entry points of kport's CUDA runtime that the C half (Sources/KportCudaRuntimeC, the
// CUDA runtime API itself) calls: kport_cuda_bridge.h declares them. Each converts its C
// arguments and hands over to the runtime's single instance.

import Foundation
import Interpreter

@_cdecl("kport_rt_register_image")
public func kport_rt_register_image(_ image: UnsafeRawPointer?) -> Int32 {
  guard let image else { return CudaRuntime.shared.registerImage("") }
  return CudaRuntime.shared.registerImage(String(cString: image.assumingMemoryBound(to: CChar.self)))
}

@_cdecl("kport_rt_register_function")
public func kport_rt_register_function(_ module: Int32, _ stub: UnsafeRawPointer?, _ deviceName: UnsafePointer<CChar>?) {
  guard let stub, let deviceName else { return }
  CudaRuntime.shared.registerFunction(module: module, stub: UInt(bitPattern: stub), deviceName: String(cString: deviceName))
}

@_cdecl("kport_rt_register_var")
public func kport_rt_register_var(
  _ module: Int32, _ hostVariable: UnsafeRawPointer?, _ deviceName: UnsafePointer<CChar>?, _ size: UInt64
) {
  guard let hostVariable, let deviceName else { return }
  CudaRuntime.shared.registerVariable(
    module: module, hostVariable: UInt(bitPattern: hostVariable), deviceName: String(cString: deviceName),
    byteCount: Int(clamping: size))
}

@_cdecl("kport_rt_malloc")
public func kport_rt_malloc(_ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ size: UInt64, _ managed: Int32) -> Int32 {
  guard let out, size < 1 << 39 else { return CudaStatus.memoryAllocation.rawValue }
  let (status, pointer) = CudaRuntime.shared.allocate(byteCount: Int(size), managed: managed != 0)
  out.pointee = pointer
  return status.rawValue
}

@_cdecl("kport_rt_free")
public func kport_rt_free(_ pointer: UnsafeMutableRawPointer?) -> Int32 {
  CudaRuntime.shared.free(UInt(bitPattern: pointer)).rawValue
}

@_cdecl("kport_rt_memcpy")
public func kport_rt_memcpy(_ destination: UnsafeMutableRawPointer?, _ source: UnsafeRawPointer?, _ count: UInt64) -> Int32 {
  CudaRuntime.shared.copy(
    to: UInt(bitPattern: destination), from: UInt(bitPattern: source), count: Int(clamping: count)
  ).rawValue
}

@_cdecl("kport_rt_memset")
public func kport_rt_memset(_ pointer: UnsafeMutableRawPointer?, _ value: Int32, _ count: UInt64) -> Int32 {
  CudaRuntime.shared.set(UInt(bitPattern: pointer), value: value, count: Int(clamping: count)).rawValue
}

@_cdecl("kport_rt_symbol")
public func kport_rt_symbol(
  _ hostVariable: UnsafeRawPointer?, _ address: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
  _ size: UnsafeMutablePointer<UInt64>?
) -> Int32 {
  let (status, start, byteCount) = CudaRuntime.shared.symbol(UInt(bitPattern: hostVariable))
  address?.pointee = UnsafeMutableRawPointer(bitPattern: start)
  size?.pointee = UInt64(byteCount)
  return status.rawValue
}

@_cdecl("kport_rt_launch")
public func kport_rt_launch(
  _ stub: UnsafeRawPointer?, _ gridX: UInt32, _ gridY: UInt32, _ gridZ: UInt32, _ blockX: UInt32, _ blockY: UInt32,
  _ blockZ: UInt32, _ sharedBytes: UInt64, _ arguments: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> Int32 {
  CudaRuntime.shared.launch(
    stub: UInt(bitPattern: stub), grid: Dim3(Int(gridX), Int(gridY), Int(gridZ)),
    block: Dim3(Int(blockX), Int(blockY), Int(blockZ)), sharedBytes: Int(clamping: sharedBytes), arguments: arguments
  ).rawValue
}

@_cdecl("kport_rt_device_seconds")
public func kport_rt_device_seconds() -> Double {
  CudaRuntime.shared.lock.lock()
  defer { CudaRuntime.shared.lock.unlock() }
  return CudaRuntime.shared.deviceSeconds
}

@_cdecl("kport_rt_pointer_kind")
public func kport_rt_pointer_kind(_ pointer: UnsafeRawPointer?) -> Int32 {
  CudaRuntime.shared.pointerKind(UInt(bitPattern: pointer))
}

/// The machine's name, kept for the life of the process (C callers keep the pointer).
private let machineNames = MachineNames()

private final class MachineNames: @unchecked Sendable {
  let lock = NSLock()
  var names: [String: UnsafeMutablePointer<CChar>] = [:]

  func pointer(for name: String) -> UnsafePointer<CChar>? {
    lock.lock()
    defer { lock.unlock() }
    if let found = names[name] { return UnsafePointer(found) }
    guard let copy = strdup(name) else { return nil }
    names[name] = copy
    return UnsafePointer(copy)
  }
}

@_cdecl("kport_rt_machine_name")
public func kport_rt_machine_name() -> UnsafePointer<CChar>? {
  CudaRuntime.shared.lock.lock()
  let name = CudaRuntime.shared.machineName
  CudaRuntime.shared.lock.unlock()
  return machineNames.pointer(for: name)
}
