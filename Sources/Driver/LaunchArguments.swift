// One launch: resolves the kernel, turns each `--arg` into an interpreter argument of the
// parameter's type (allocating and filling buffers), fills `--symbol` globals, launches, and
// reads the buffers back.
import Foundation
import Interpreter
import KIR
import Passes

/// The IR element type of a launch-spec element type.
func irType(of type: ElementType) -> IRType {
  switch type {
  case .f16: return .f16
  case .bf16: return .bf16
  case .f32: return .f32
  case .f64: return .f64
  case .i8: return .i8
  case .i16: return .i16
  case .i32: return .i32
  case .i64: return .i64
  case .u8: return .u8
  case .u16: return .u16
  case .u32: return .u32
  case .u64: return .u64
  }
}

/// Runs one launch. A kernel lowered to the SPMD level (docs/spmd.md) runs as `tasks` tasks (at
/// most one per block), each a block of one thread, with the launch's grid and block passed in
/// its six launch parameters.
func run(
  _ spec: LaunchSpec, module: Module, interpreter: Interpreter, memory: DeviceMemory, baseDirectory: String,
  tasks: Int = 16
) throws -> LaunchOutcome {
  let kernels = module.functions.filter { $0.kind == .kernel }
  let function: Function
  if let name = spec.kernel {
    guard let found = kernels.first(where: { $0.name == name || $0.name.replacingOccurrences(of: " ", with: "") == name.replacingOccurrences(of: " ", with: "") }) else {
      throw LaunchSpecError("no kernel '\(name)'; kernels: \(kernels.map(\.name).joined(separator: ", "))")
    }
    function = found
  } else {
    guard kernels.count == 1 else {
      throw LaunchSpecError("--kernel is needed: the file has \(kernels.count) kernels (\(kernels.map(\.name).joined(separator: ", ")))")
    }
    function = kernels[0]
  }
  guard !spec.grid.isEmpty, !spec.block.isEmpty else { throw LaunchSpecError("--grid and --block are needed") }
  let isSPMD = function.declaredLevel != nil
  let launchParameters = function.parameters.filter { isSPMD && $0.attributes["launch"]?.boolValue == true }
  let parameterNames = function.parameters.filter { $0.attributes["symbol"] == nil }.map { $0.value.name ?? "" }
  for (name, _) in spec.arguments where !parameterNames.contains(name) {
    throw LaunchSpecError("'\(function.name)' has no parameter '\(name)' (parameters: \(parameterNames.joined(separator: ", ")))")
  }
  let scalars = spec.integerScalars
  var arguments: [KernelArgument] = []
  var orderedSpecs: [(name: String, value: ArgumentSpec)] = []
  var symbolOutcomes: [BufferOutcome] = []
  var buffers: [(name: String, id: BufferID, type: ElementType, initial: [UInt8])] = []
  for parameter in function.parameters.dropLast(launchParameters.count) {
    let name = parameter.value.name ?? ""
    // A module variable the port takes as a parameter (globals-to-parameters): its own storage.
    if let symbol = parameter.attributes["symbol"]?.symbolValue {
      guard module.global(named: symbol) != nil else {
        throw LaunchSpecError("parameter '\(name)' stands for module variable '\(symbol)', which the module lacks")
      }
      arguments.append(.buffer(memory.globalBuffer(named: symbol, in: module), offsetElements: 0))
      continue
    }
    guard let value = spec.arguments.first(where: { $0.name == name })?.value else {
      throw LaunchSpecError("missing --arg \(name)=... for parameter '\(name)' of type \(parameter.value.type)")
    }
    orderedSpecs.append((name, value))
    switch (value, parameter.value.type) {
    case let (.buffer(buffer), .pointer):
      let count = try buffer.length.evaluate(scalars)
      guard count >= 0 else { throw LaunchSpecError("buffer '\(name)' has a negative length \(count)") }
      let contents = try bufferContents(buffer.initializer, type: buffer.type, count: count, launchSeed: spec.seed, baseDirectory: baseDirectory)
      let id = memory.allocate(name: name, elementType: irType(of: buffer.type), count: count)
      memory.withBytes(id) { raw in raw.copyBytes(from: contents) }
      buffers.append((name, id, buffer.type, contents))
      arguments.append(.buffer(id, offsetElements: 0))
    case (.buffer, _):
      throw LaunchSpecError("parameter '\(name)' is \(parameter.value.type), not a pointer: give a scalar")
    case let (.scalar(text), type):
      arguments.append(try scalarArgument(text, type: type, name: name))
    case let (.aggregate(fields), type):
      arguments.append(try aggregateArgument(fields, type: type, module: module, name: name))
    }
  }
  for (name, buffer) in spec.symbols {
    guard let global = module.global(named: name) else {
      throw LaunchSpecError("--symbol \(name): the module has no __constant__ or __device__ variable '\(name)'")
    }
    let count = try buffer.length.evaluate(scalars)
    let contents = try bufferContents(buffer.initializer, type: buffer.type, count: count, launchSeed: spec.seed, baseDirectory: baseDirectory)
    let id = memory.globalBuffer(named: global.name, in: module)
    try memory.withBytes(id) { raw in
      guard contents.count <= raw.count else {
        throw LaunchSpecError("--symbol \(name) has \(contents.count) bytes; '\(name)' holds \(raw.count)")
      }
      raw.copyBytes(from: contents)
    }
    symbolOutcomes.append(BufferOutcome(name: name, type: buffer.type, count: count, initial: contents, final: contents))
  }
  func dim(_ values: [Int]) -> Dim3 { Dim3(values[0], values.count > 1 ? values[1] : 1, values.count > 2 ? values[2] : 1) }
  var configuration = LaunchConfiguration(grid: dim(spec.grid), block: dim(spec.block), dynamicSharedBytes: spec.sharedBytes)
  if isSPMD {
    let grid = configuration.grid
    let block = configuration.block
    guard launchParameters.count == 6 else {
      throw LaunchSpecError("kernel '\(function.name)' is at the SPMD level but lacks its six launch parameters")
    }
    if spec.sharedBytes > 0 {
      let reserved = dynamicSharedReserve(of: function, module: module)
      guard spec.sharedBytes <= reserved else {
        throw LaunchSpecError("the launch asks for \(spec.sharedBytes) bytes of dynamic shared memory; the port reserves \(reserved) (simt-to-spmd{max-dynamic-shared=...})")
      }
    }
    arguments += [grid.x, grid.y, grid.z, block.x, block.y, block.z].map { .int(Int64($0)) }
    configuration = LaunchConfiguration(grid: Dim3(max(1, min(grid.count, tasks))), block: Dim3(1))
  }
  let start = Date()
  let result = try interpreter.launch(kernel: function.name, configuration: configuration, arguments: arguments, memory: memory)
  let seconds = Date().timeIntervalSince(start)
  let outcomes = buffers.map { buffer in
    BufferOutcome(
      name: buffer.name, type: buffer.type, count: buffer.initial.count / buffer.type.byteSize, initial: buffer.initial,
      final: memory.withBytes(buffer.id) { [UInt8]($0) })
  }
  return LaunchOutcome(
    launch: spec.name, kernel: function.name, configuration: configuration, findings: result.findings,
    buffers: outcomes, arguments: orderedSpecs, symbols: symbolOutcomes, profile: result.profile, seconds: seconds,
    onChip: onChipFootprint(of: function, in: module))
}

/// The bytes of the `dynamic_shared` buffer of an SPMD-level kernel (0 when it has none).
func dynamicSharedReserve(of function: Function, module: Module) -> Int {
  var bytes = 0
  function.body.walk { op in
    guard op.opcode == .buffer, op.attributes["role"]?.stringValue == "dynamic_shared",
      case .pointer(_, .array(let element, let count?))? = op.result?.type
    else { return }
    bytes = count * scalarBytes(element)
  }
  return bytes
}

/// The size of a scalar or vector type (0 for others).
private func scalarBytes(_ type: IRType) -> Int {
  switch type {
  case .bool: return 1
  case let .int(bits, _): return bits / 8
  case let .float(kind): return kind.byteSize
  case .pointer: return 8
  case let .vector(element, count): return count * scalarBytes(element)
  case .void, .array, .structure: return 0
  }
}

private func scalarArgument(_ text: String, type: IRType, name: String) throws -> KernelArgument {
  guard let number = scalarNumber(text) else { throw LaunchSpecError("'\(text)' is not a number") }
  switch type {
  case .int, .bool:
    guard number.rounded() == number, let integer = Int64(exactly: number) ?? (text.hasPrefix("0x") ? Int64(bitPattern: UInt64(number)) : nil) else {
      throw LaunchSpecError("parameter '\(name)' is \(type); '\(text)' is not an integer")
    }
    return .int(integer)
  case .float:
    return .float(number)
  default:
    throw LaunchSpecError("parameter '\(name)' is \(type): give a buffer TYPE[LEN]:INIT or an aggregate {...}")
  }
}

private func aggregateArgument(_ fields: [String], type: IRType, module: Module, name: String) throws -> KernelArgument {
  let memberTypes: [IRType]
  switch type {
  case let .vector(element, count): memberTypes = Array(repeating: element, count: count)
  case let .structure(structName):
    guard let declaration = module.structDecl(named: structName) else { throw LaunchSpecError("unknown struct '\(structName)'") }
    memberTypes = declaration.fields.map(\.type)
  default:
    throw LaunchSpecError("parameter '\(name)' is \(type), not a struct or vector: '{...}' does not fit")
  }
  guard memberTypes.count == fields.count else {
    throw LaunchSpecError("parameter '\(name)' has \(memberTypes.count) members; the aggregate gives \(fields.count)")
  }
  return .aggregate(try zip(fields, memberTypes).map { try scalarArgument($0, type: $1, name: name) })
}
