// Binding kernel arguments to the kernel's parameters: each parameter's leaves get bit
// patterns, pointers become addresses of device buffers (the parameter's pointee may differ
// from the buffer's element type: addresses are bytes), and the parameter names become the
// names findings give those buffers.

import KIR

/// Turns `KernelArgument`s into the bits of the kernel's parameter registers.
struct ArgumentBinder {
  let program: KernelProgram
  let buffers: [DeviceMemory.Buffer]

  /// What binding produced: per parameter the bits of each leaf, the parameter name of each
  /// bound buffer id, and the ids of buffers passed only through pointers to const.
  struct Binding {
    var bits: [[UInt64]] = []
    var names: [Int: String] = [:]
    var readOnly: Set<Int> = []
    /// Buffers passed through a pointer to non-const.
    var writable: Set<Int> = []
  }

  func bind(_ arguments: [KernelArgument]) throws -> Binding {
    let kernel = program.kernel
    guard arguments.count == kernel.parameterTypes.count else {
      throw InterpreterError.badArguments(
        "kernel '\(kernel.name)' takes \(kernel.parameterTypes.count) argument(s), got \(arguments.count)"
      )
    }
    var bits: [[UInt64]] = []
    var names: [Int: String] = [:]
    var constIDs: Set<Int> = []
    var writableIDs: Set<Int> = []
    for (index, (argument, type)) in zip(arguments, kernel.parameterTypes).enumerated() {
      if case .buffer(let id, _) = argument {
        if kernel.parameterIsConst[index] {
          constIDs.insert(Address.deviceID(id.raw))
        } else {
          writableIDs.insert(Address.deviceID(id.raw))
        }
      }
      let name = kernel.parameterNames[index]
      guard let leaves = program.layouts.leaves(of: type) else {
        throw InterpreterError.badArguments(
          "parameter '\(name)' has type \(type), which has no layout")
      }
      var scalars: [KernelArgument] = []
      flatten(argument, into: &scalars)
      guard scalars.count == leaves.count else {
        throw InterpreterError.badArguments(
          "parameter '\(name)' of type \(type) takes \(leaves.count) scalar(s), got \(scalars.count)"
        )
      }
      var values: [UInt64] = []
      for (scalar, leaf) in zip(scalars, leaves) {
        values.append(try convert(scalar, to: leaf.kind, parameter: name, names: &names))
      }
      bits.append(values)
    }
    return Binding(
      bits: bits, names: names, readOnly: constIDs.subtracting(writableIDs), writable: writableIDs)
  }

  private func flatten(_ argument: KernelArgument, into scalars: inout [KernelArgument]) {
    if case .aggregate(let items) = argument {
      for item in items { flatten(item, into: &scalars) }
    } else {
      scalars.append(argument)
    }
  }

  private func convert(
    _ argument: KernelArgument, to kind: ScalarKind, parameter: String, names: inout [Int: String]
  ) throws -> UInt64 {
    switch argument {
    case .int(let value):
      return ScalarBits.fromInteger(value, kind: kind)
    case .float(let value):
      if kind.isFloat { return ScalarBits.fromDouble(value, kind: kind) }
      guard value.isFinite, value.rounded() == value, kind != .pointer else {
        throw InterpreterError.badArguments(
          "parameter '\(parameter)' is \(kind), got the float \(value)")
      }
      return ScalarBits.fromDouble(value, kind: kind)
    case .buffer(let id, let offsetElements):
      guard kind == .pointer else {
        throw InterpreterError.badArguments("parameter '\(parameter)' is \(kind), got a buffer")
      }
      guard id.raw >= 0, id.raw < buffers.count else {
        throw InterpreterError.badArguments(
          "parameter '\(parameter)' names unknown buffer \(id.raw)")
      }
      let deviceID = Address.deviceID(id.raw)
      if names[deviceID] == nil { names[deviceID] = parameter }
      let (offset, overflow) = offsetElements.multipliedReportingOverflow(
        by: buffers[id.raw].elementSize)
      guard !overflow, abs(offset) < Address.bias else {
        throw InterpreterError.badArguments("parameter '\(parameter)' has an offset out of range")
      }
      return Address.make(id: deviceID, offset: offset)
    case .aggregate:
      throw InterpreterError.badArguments("parameter '\(parameter)' got a nested aggregate")
    }
  }
}
