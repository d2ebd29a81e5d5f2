// A kernel launch from the program: the host stub to its kernel, the argument array read as the
// kernel's parameter types say (pointers into device memory become the interpreter's buffers,
// each typed by the pointer's element type when it fits), the launch run to completion in the
// interpreter, its device printf output written to stdout, its findings reported with their
// source locations; an error finding stops the program (exit status 3).

import Driver
import Foundation
import KportCudaRuntimeC
import Interpreter
import KIR

extension CudaRuntime {
  func launch(
    stub: UInt, grid: Dim3, block: Dim3, sharedBytes: Int, arguments: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  ) -> CudaStatus {
    lock.lock()
    defer { lock.unlock() }
    guard let (moduleIndex, symbol) = kernels[stub], let loaded = loadedModule(Int32(moduleIndex)),
      let function = loaded.module.function(named: symbol), function.kind == .kernel
    else {
      report(.error(.execLaunchFailed, "launch of a function kport has no kernel for (host stub 0x\(String(stub, radix: 16)))", at: .unknown))
      return .invalidDeviceFunction
    }
    guard block.count <= 1024, block.count > 0, grid.count > 0 else {
      report(.error(.execLaunchFailed, "launch of '\(symbol)' with grid \(grid) and block \(block): at most 1024 threads per block, none empty", at: function.location))
      return .invalidConfiguration
    }
    memory.declareStructs(of: loaded.module)
    let hostParameters = function.parameters.filter {
      $0.attributes["symbol"] == nil && $0.attributes["launch"]?.boolValue != true
    }
    if !hostParameters.isEmpty && arguments == nil {
      report(.error(.execLaunchFailed, "launch of '\(symbol)' without its arguments", at: function.location))
      return .launchFailure
    }
    var pointerUses: [Int: [(offset: Int, pointee: IRType)]] = [:]
    var raw: [(type: IRType, pointer: UnsafeRawPointer)] = []
    for (index, parameter) in hostParameters.enumerated() {
      guard let slot = arguments?[index] else {
        report(.error(.execLaunchFailed, "launch of '\(symbol)': argument \(index + 1) is missing", at: function.location))
        return .launchFailure
      }
      raw.append((parameter.value.type, UnsafeRawPointer(slot)))
      if case .pointer(_, let pointee) = parameter.value.type {
        let bits = UInt(slot.loadUnaligned(as: UInt64.self))
        if let (found, offset) = allocations.find(bits) { pointerUses[found, default: []].append((offset, pointee)) }
      }
    }
    typeBuffers(pointerUses, module: loaded.module)
    var hostArguments: [KernelArgument] = []
    for (type, pointer) in raw {
      guard let argument = HostArguments.argument(at: pointer, type: type, module: loaded.module, pointer: kernelPointer) else {
        report(.error(.execLaunchFailed, "launch of '\(symbol)': a parameter of type \(type) has no layout", at: function.location))
        return .launchFailure
      }
      hostArguments.append(argument)
    }
    let isPort = loaded.image.target != "cuda"
    let result: LaunchResult
    let ranAs: LaunchConfiguration
    do {
      let completed = try completeHostLaunch(
        function: function, module: loaded.module, memory: memory, grid: grid, block: block, sharedBytes: sharedBytes,
        hostArguments: hostArguments, tasks: max(1, loaded.image.tasks))
      ranAs = completed.configuration
      result = try loaded.interpreter.launch(
        kernel: symbol, configuration: completed.configuration, arguments: completed.arguments, memory: memory)
    } catch {
      report(.error(.execLaunchFailed, "launch of '\(symbol)' could not run: \(error)", at: function.location))
      return .launchFailure
    }
    if !result.output.isEmpty { kport_write_output(result.output) }
    let findings = result.findings.map(findingDiagnostic)
    if !findings.isEmpty { report(findings) }
    if result.hasErrors {
      report(
        .error(
          .execKernelFaulted,
          "kernel '\(symbol)' (grid \(grid), block \(block)) faulted; the program is stopped with exit status 3",
          at: .unknown))
      kport_stop(3)
    }
    if let machine {
      deviceSeconds += estimatedSeconds(of: result, tasks: ranAs.grid.count, isPort: isPort, machine: machine)
    }
    return .success
  }

  /// Gives each cudaMalloc buffer a kernel takes a pointer to that pointer's element type, when
  /// the buffer and every offset into it are whole elements of it (else bytes).
  private func typeBuffers(_ uses: [Int: [(offset: Int, pointee: IRType)]], module: Module) {
    for (index, found) in uses {
      let allocation = allocations.entries[index]
      guard !allocation.isSymbol, !allocation.isFreed else { continue }
      let fitting = found.map(\.pointee).first { pointee in
        guard let size = HostArguments.size(of: pointee, in: module), size > 0 else { return false }
        return allocation.byteCount % size == 0 && found.allSatisfy { $0.offset % size == 0 }
      }
      if let fitting, memory.elementType(of: allocation.buffer) != fitting, memory.retype(allocation.buffer, to: fitting) {
        continue
      }
      if fitting == nil { memory.retype(allocation.buffer, to: .u8) }
    }
  }

  /// A pointer value the host passed, as the interpreter takes it: into a buffer (a freed one
  /// has no bytes left: any access is out of bounds), null, or an address of no buffer (host
  /// memory), which the interpreter reports as unallocated when the kernel touches it.
  private func kernelPointer(_ bits: UInt64, _ pointee: IRType?) -> KernelArgument {
    guard bits != 0 else { return .int(0) }
    guard let (index, offset) = allocations.find(UInt(bits)) else {
      // An allocation id no launch has (the last id of the shared range), keeping the low bits.
      return .int(Int64(bitPattern: (0x7F_FFFF << 40) | (bits & 0xFF_FFFF_FFFF)))
    }
    let buffer = allocations.entries[index].buffer
    let elementSize = max(1, memory.byteCount(of: buffer) / max(1, memory.count(of: buffer)))
    guard offset % elementSize == 0 else { return .int(Int64(bitPattern: (0x7F_FFFF << 40) | (bits & 0xFF_FFFF_FFFF))) }
    return .buffer(buffer, offsetElements: offset / elementSize)
  }

  func report(_ diagnostics: [Diagnostic]) {
    var renderer = DiagnosticRenderer(useColor: false) { path in try? String(contentsOfFile: path, encoding: .utf8) }
    kport_write_error(diagnostics.map { renderer.render($0) }.joined())
  }
}
