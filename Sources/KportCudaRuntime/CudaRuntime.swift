// The state of kport's CUDA runtime inside a program: the device images its translation units
// registered, the kernels and variables they hold (by host stub and host shadow), the
// interpreter's device memory with the host's view of it, and the estimated device clock.
// One instance per process; every entry point takes its lock (launches run one at a time).

import Cost
import Driver
import Foundation
import KportCudaRuntimeC
import Interpreter
import KIR

/// cudaError_t values the Swift half returns.
enum CudaStatus: Int32 {
  case success = 0
  case invalidValue = 1
  case memoryAllocation = 2
  case invalidConfiguration = 9
  case invalidSymbol = 13
  case invalidDevicePointer = 17
  case invalidDeviceFunction = 98
  case launchFailure = 719
}

/// A registered translation unit: its image, its module and the interpreter running it.
struct LoadedModule {
  var image: DeviceImage
  var module: Module
  var interpreter: Interpreter
}

final class CudaRuntime: @unchecked Sendable {
  static let shared = CudaRuntime()

  let lock = NSLock()
  let memory = DeviceMemory()
  var modules: [LoadedModule?] = []
  /// Host stub address -> (module, kernel symbol).
  var kernels: [UInt: (module: Int, symbol: String)] = [:]
  /// Host shadow address -> the variable's storage.
  var variables: [UInt: (module: Int, symbol: String, byteCount: Int)] = [:]
  /// Host shadow address -> its device address, once asked for.
  var variableAddresses: [UInt: UInt] = [:]
  var allocations = DeviceAllocations()
  /// The cost model's estimate of the device time so far.
  var deviceSeconds = 0.0
  /// The machine estimates are for (from the first image), loaded on first use.
  var machineName = "a100"
  private var loadedMachine: Machine??
  let workerThreads: Int = {
    if let text = ProcessInfo.processInfo.environment["KPORT_THREADS"], let count = Int(text), count > 0 { return count }
    return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
  }()

  /// The machine the estimates are for; nil when its description cannot be loaded.
  var machine: Machine? {
    if let loadedMachine { return loadedMachine }
    let (catalog, _) = MachineCatalog.bundled()
    let found = try? catalog.machine(named: machineName).get()
    loadedMachine = .some(found)
    return found
  }

  // MARK: Registration

  func registerImage(_ text: String) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    let image: DeviceImage
    switch DeviceImage.decode(text) {
    case let .failure(problem):
      report(.error(.execBadImage, "a translation unit's device code cannot be loaded: \(problem.message)", at: .unknown))
      modules.append(nil)
      return -1
    case let .success(decoded): image = decoded
    }
    let (parsed, diagnostics) = parseModule(image.kir, path: "<device image>")
    guard let module = parsed, !diagnostics.contains(where: { $0.severity == .error }) else {
      report(.error(.execBadImage, "a translation unit's device code does not parse: \(diagnostics.first?.message ?? "")", at: .unknown))
      modules.append(nil)
      return -1
    }
    if modules.isEmpty { machineName = image.machine }
    let interpreter = Interpreter(module: module, workerThreads: workerThreads)
    modules.append(LoadedModule(image: image, module: module, interpreter: interpreter))
    return Int32(modules.count - 1)
  }

  func registerFunction(module: Int32, stub: UInt, deviceName: String) {
    lock.lock()
    defer { lock.unlock() }
    guard let loaded = loadedModule(module) else { return }
    kernels[stub] = (Int(module), loaded.image.kernels[deviceName] ?? deviceName)
  }

  func registerVariable(module: Int32, hostVariable: UInt, deviceName: String, byteCount: Int) {
    lock.lock()
    defer { lock.unlock() }
    guard let loaded = loadedModule(module) else { return }
    variables[hostVariable] = (Int(module), loaded.image.globals[deviceName] ?? deviceName, byteCount)
  }

  func loadedModule(_ index: Int32) -> LoadedModule? {
    index >= 0 && Int(index) < modules.count ? modules[Int(index)] : nil
  }

  // MARK: Memory

  func allocate(byteCount: Int, managed: Bool) -> (CudaStatus, UnsafeMutableRawPointer?) {
    lock.lock()
    defer { lock.unlock() }
    let id = memory.allocate(name: "allocation \(allocations.entries.count + 1)", elementType: .u8, count: byteCount)
    if managed {
      let storage = memory.withBytes(id) { $0.baseAddress }
      guard let storage else { return (.memoryAllocation, nil) }
      allocations.addManaged(start: UInt(bitPattern: storage), byteCount: byteCount, buffer: id)
      return (.success, storage)
    }
    guard let start = allocations.addDevice(byteCount: byteCount, buffer: id) else { return (.memoryAllocation, nil) }
    return (.success, UnsafeMutableRawPointer(bitPattern: start))
  }

  func free(_ address: UInt) -> CudaStatus {
    lock.lock()
    defer { lock.unlock() }
    if address == 0 { return .success }
    guard let (index, offset) = allocations.find(address), offset == 0, !allocations.entries[index].isSymbol else {
      report(.error(.execRuntimeMemory, "cudaFree of 0x\(String(address, radix: 16)), which is not the start of a device allocation", at: .unknown))
      return .invalidDevicePointer
    }
    guard !allocations.entries[index].isFreed else {
      report(.error(.execRuntimeMemory, "cudaFree of 0x\(String(address, radix: 16)), which was already freed", at: .unknown))
      return .invalidDevicePointer
    }
    allocations.markFreed(index)
    memory.release(allocations.entries[index].buffer)
    return .success
  }

  /// The host-usable pointer to `count` bytes at `address`: device memory mapped to its
  /// buffer's storage (checked against the allocation's end), anything else as it is.
  func hostPointer(_ address: UInt, count: Int, call: String) -> UnsafeMutableRawPointer?? {
    guard allocations.isDeviceAddress(address) else { return .some(UnsafeMutableRawPointer(bitPattern: address)) }
    guard let (index, offset) = allocations.find(address) else {
      report(.error(.execRuntimeMemory, "\(call): 0x\(String(address, radix: 16)) is in no device allocation", at: .unknown))
      return nil
    }
    let allocation = allocations.entries[index]
    if allocation.isFreed {
      report(.error(.execRuntimeMemory, "\(call): the device allocation at 0x\(String(allocation.start, radix: 16)) was freed", at: .unknown))
      return nil
    }
    guard count <= allocation.byteCount - offset else {
      report(
        .error(
          .execRuntimeMemory,
          "\(call): \(count) bytes at offset \(offset) reach past the end of a \(allocation.byteCount)-byte device allocation",
          at: .unknown))
      return nil
    }
    let storage = memory.withBytes(allocation.buffer) { $0.baseAddress }
    return .some(storage.map { $0 + offset })
  }

  func copy(to destination: UInt, from source: UInt, count: Int) -> CudaStatus {
    lock.lock()
    defer { lock.unlock() }
    if count == 0 { return .success }
    guard let target = hostPointer(destination, count: count, call: "cudaMemcpy"),
      let origin = hostPointer(source, count: count, call: "cudaMemcpy")
    else { return .invalidValue }
    guard let target, let origin else { return .invalidValue }
    memmove(target, origin, count)
    return .success
  }

  func set(_ address: UInt, value: Int32, count: Int) -> CudaStatus {
    lock.lock()
    defer { lock.unlock() }
    if count == 0 { return .success }
    guard let target = hostPointer(address, count: count, call: "cudaMemset"), let target else { return .invalidValue }
    memset(target, value, count)
    return .success
  }

  /// The device address and size of the variable whose host shadow is at `hostVariable`.
  func symbol(_ hostVariable: UInt) -> (CudaStatus, UInt, Int) {
    lock.lock()
    defer { lock.unlock() }
    guard let variable = variables[hostVariable], let loaded = loadedModule(Int32(variable.module)) else {
      return (.invalidSymbol, 0, 0)
    }
    if let address = variableAddresses[hostVariable], let (index, _) = allocations.find(address) {
      return (.success, address, allocations.entries[index].byteCount)
    }
    // A variable no kernel uses is not in the module: plain storage of the registered size.
    let id =
      loaded.module.global(named: variable.symbol) != nil
      ? memory.globalBuffer(named: variable.symbol, in: loaded.module)
      : memory.allocate(name: variable.symbol, elementType: .u8, count: variable.byteCount)
    let byteCount = memory.byteCount(of: id)
    guard let start = allocations.addDevice(byteCount: byteCount, buffer: id, isSymbol: true) else {
      return (.memoryAllocation, 0, 0)
    }
    variableAddresses[hostVariable] = start
    return (.success, start, byteCount)
  }

  /// 1 device memory, 2 managed memory, 0 anything else.
  func pointerKind(_ address: UInt) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    guard let (index, _) = allocations.find(address), !allocations.entries[index].isFreed else { return 0 }
    return allocations.entries[index].isManaged ? 2 : 1
  }

  // MARK: Reporting

  /// Prints diagnostics clang-style on standard error, after what the program printed so far.
  func report(_ diagnostics: Diagnostic...) {
    var renderer = DiagnosticRenderer(useColor: false) { path in try? String(contentsOfFile: path, encoding: .utf8) }
    kport_write_error(diagnostics.map { renderer.render($0) }.joined())
  }
}
