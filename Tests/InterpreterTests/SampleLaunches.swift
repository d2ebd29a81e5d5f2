// A minimal reader of the `// kport-launch NAME: ...` lines of samples/*.cu, enough to run
// every sample's launches in the interpreter tests (the driver has the real parser): kernel,
// grid, block, dynamic shared bytes, scalar, aggregate and buffer arguments, and `--symbol`
// fills of `__constant__` arrays. Random inits use a fixed generator (values, not bit-exact
// with the driver's).

import Foundation
import Interpreter
import KIR

/// One launch of a sample.
struct SampleLaunch {
  var name: String
  var kernel = ""
  var grid = Dim3(1)
  var block = Dim3(1)
  var shared = 0
  /// `--arg NAME=VALUE` in order.
  var arguments: [(name: String, value: String)] = []
  /// `--symbol NAME=VALUE` in order.
  var symbols: [(name: String, value: String)] = []
}

/// Reads the launch specs of a sample file.
func sampleLaunches(path: String) throws -> [SampleLaunch] {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var order: [String] = []
  var options: [String: String] = [:]
  for line in text.split(separator: "\n") {
    guard line.hasPrefix("// kport-launch ") else { continue }
    let rest = line.dropFirst("// kport-launch ".count)
    guard let colon = rest.firstIndex(of: ":") else { continue }
    let name = String(rest[..<colon])
    if options[name] == nil { order.append(name) }
    options[name, default: ""] += " " + rest[rest.index(after: colon)...]
  }
  return try order.map { name in try parseLaunch(name: name, options: options[name] ?? "") }
}

private func tokens(_ text: String) -> [String] {
  var result: [String] = []
  var current = ""
  var quoted = false
  for character in text {
    if character == "'" {
      quoted.toggle()
    } else if character == " " && !quoted {
      if !current.isEmpty { result.append(current) }
      current = ""
    } else {
      current.append(character)
    }
  }
  if !current.isEmpty { result.append(current) }
  return result
}

private func parseDim(_ text: String) -> Dim3 {
  let parts = text.split(separator: ",").compactMap { Int($0) }
  return Dim3(parts.first ?? 1, parts.count > 1 ? parts[1] : 1, parts.count > 2 ? parts[2] : 1)
}

private func parseLaunch(name: String, options: String) throws -> SampleLaunch {
  var launch = SampleLaunch(name: name)
  var words = tokens(options)[...]
  while let word = words.popFirst() {
    guard let value = words.popFirst() else {
      throw TestFailure("\(name): \(word) without a value")
    }
    let pair = value.split(separator: "=", maxSplits: 1).map(String.init)
    switch word {
    case "--kernel": launch.kernel = value
    case "--grid": launch.grid = parseDim(value)
    case "--block": launch.block = parseDim(value)
    case "--shared": launch.shared = Int(value) ?? 0
    case "--arg" where pair.count == 2: launch.arguments.append((pair[0], pair[1]))
    case "--symbol" where pair.count == 2: launch.symbols.append((pair[0], pair[1]))
    default: throw TestFailure("\(name): unknown option \(word) \(value)")
    }
  }
  return launch
}

/// A deterministic generator (splitmix64).
struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Evaluates a length expression over the scalar arguments (+ - * / and parentheses).
func evaluateLength(_ text: String, _ scalars: [String: Double]) throws -> Int {
  var characters = Array(text.filter { $0 != " " })[...]
  func primary() throws -> Double {
    if characters.first == "(" {
      characters.removeFirst()
      let value = try sum()
      characters.removeFirst()
      return value
    }
    var word = ""
    while let next = characters.first, next.isLetter || next.isNumber || next == "_" || next == "."
    {
      word.append(next)
      characters.removeFirst()
    }
    if let number = Double(word) { return number }
    guard let value = scalars[word] else { throw TestFailure("unknown name '\(word)' in \(text)") }
    return value
  }
  func product() throws -> Double {
    var value = try primary()
    while let next = characters.first, next == "*" || next == "/" {
      characters.removeFirst()
      let right = try primary()
      value = next == "*" ? value * right : (value / right).rounded(.towardZero)
    }
    return value
  }
  func sum() throws -> Double {
    var value = try product()
    while let next = characters.first, next == "+" || next == "-" {
      characters.removeFirst()
      let right = try product()
      value = next == "+" ? value + right : value - right
    }
    return value
  }
  return Int(try sum())
}

private let elementTypes: [String: IRType] = [
  "f16": .f16, "bf16": .bf16, "f32": .f32, "f64": .f64, "i8": .i8, "i16": .i16, "i32": .i32,
  "i64": .i64, "u8": .u8, "u16": .u16, "u32": .u32, "u64": .u64,
]

/// Fills `count` elements of `type` in raw storage from an INIT spec.
func fill(_ bytes: UnsafeMutableRawBufferPointer, type: IRType, count: Int, init spec: String)
  throws
{
  let open = spec.firstIndex(of: "(")
  let head = open.map { String(spec[..<$0]) } ?? spec
  let parameters =
    open.map {
      spec[spec.index(after: $0)...].dropLast().split(separator: ",").compactMap { Double($0) }
    } ?? []
  var generator = SplitMix(state: UInt64(parameters.first ?? 0) &+ 12345)
  for index in 0..<count {
    let value: Double
    switch head {
    case "zeros": value = 0
    case "ones": value = 1
    case "iota": value = Double(index)
    case "const": value = parameters.first ?? 0
    case "rand":
      let low = parameters.count > 2 ? parameters[1] : -1
      let high = parameters.count > 2 ? parameters[2] : 1
      value =
        type.isFloat
        ? low + (high - low) * generator.uniform()
        : (low + (high - low) * generator.uniform()).rounded(.down)
    case "randn":
      let u = max(generator.uniform(), 1e-300)
      value = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * generator.uniform())
    default: throw TestFailure("unsupported init \(spec)")
    }
    write(value, type: type, to: bytes, index: index)
  }
}

private func write(
  _ value: Double, type: IRType, to bytes: UnsafeMutableRawBufferPointer, index: Int
) {
  switch type {
  case .f16:
    bytes.storeBytes(of: Float16(value).bitPattern, toByteOffset: index * 2, as: UInt16.self)
  case .bf16:
    bytes.storeBytes(
      of: UInt16(Float(value).bitPattern >> 16), toByteOffset: index * 2, as: UInt16.self)
  case .f32: bytes.storeBytes(of: Float(value), toByteOffset: index * 4, as: Float.self)
  case .f64: bytes.storeBytes(of: value, toByteOffset: index * 8, as: Double.self)
  case .i8, .u8:
    bytes.storeBytes(
      of: UInt8(truncatingIfNeeded: Int64(value)), toByteOffset: index, as: UInt8.self)
  case .i16, .u16:
    bytes.storeBytes(
      of: UInt16(truncatingIfNeeded: Int64(value)), toByteOffset: index * 2, as: UInt16.self)
  case .i32, .u32:
    bytes.storeBytes(
      of: UInt32(truncatingIfNeeded: Int64(value)), toByteOffset: index * 4, as: UInt32.self)
  default:
    bytes.storeBytes(
      of: UInt64(truncatingIfNeeded: Int64(value)), toByteOffset: index * 8, as: UInt64.self)
  }
}

/// Runs one launch of a sample and returns the result and the buffers it used.
func run(
  _ launch: SampleLaunch, module: Module, memory: DeviceMemory, workers: Int = 1,
  limits: ExecutionLimits = ExecutionLimits(), groupsBlocks: Bool? = nil
) throws -> (result: LaunchResult, buffers: [String: BufferID]) {
  guard let kernel = module.function(named: launch.kernel) else {
    throw TestFailure("no kernel '\(launch.kernel)'")
  }
  var scalars: [String: Double] = [:]
  for (name, value) in launch.arguments { if let number = Double(value) { scalars[name] = number } }
  var buffers: [String: BufferID] = [:]
  var arguments: [KernelArgument] = []
  for parameter in kernel.parameters {
    let name = parameter.value.name ?? ""
    guard let text = launch.arguments.first(where: { $0.name == name })?.value else {
      throw TestFailure("\(launch.name): no value for parameter '\(name)'")
    }
    if text.hasPrefix("{") {
      let numbers = text.dropFirst().dropLast().split(separator: ",").map { String($0) }
      arguments.append(.aggregate(numbers.map { Double($0).map(KernelArgument.float) ?? .int(0) }))
    } else if let bracket = text.firstIndex(of: "["), let close = text.firstIndex(of: "]"),
      let type = elementTypes[String(text[..<bracket])]
    {
      let count = try evaluateLength(String(text[text.index(after: bracket)..<close]), scalars)
      let spec = String(text[text.index(after: close)...].dropFirst())
      let id = memory.allocate(name: name, elementType: type, count: count)
      try memory.withBytes(id) { try fill($0, type: type, count: count, init: spec) }
      buffers[name] = id
      arguments.append(.buffer(id))
    } else if parameter.value.type.isFloat, let number = Double(text) {
      arguments.append(.float(number))
    } else if let number = Int64(text) {
      arguments.append(.int(number))
    } else if let number = Double(text) {
      arguments.append(.float(number))
    } else {
      throw TestFailure("\(launch.name): cannot read '\(text)'")
    }
  }
  for (name, text) in launch.symbols {
    let id = memory.globalBuffer(named: name, in: module)
    guard let bracket = text.firstIndex(of: "["), let close = text.firstIndex(of: "]"),
      let type = elementTypes[String(text[..<bracket])]
    else { throw TestFailure("\(launch.name): cannot read symbol '\(text)'") }
    let count = try evaluateLength(String(text[text.index(after: bracket)..<close]), scalars)
    let spec = String(text[text.index(after: close)...].dropFirst())
    try memory.withBytes(id) {
      try fill($0, type: type, count: min(count, memory.count(of: id)), init: spec)
    }
  }
  let interpreter = Interpreter(
    module: module, limits: limits, workerThreads: workers, groupsBlocks: groupsBlocks)
  let result = try interpreter.launch(
    kernel: launch.kernel,
    configuration: LaunchConfiguration(
      grid: launch.grid, block: launch.block, dynamicSharedBytes: launch.shared),
    arguments: arguments, memory: memory)
  return (result, buffers)
}
