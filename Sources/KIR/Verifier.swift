// The verifier: checks a module's invariants and collects every violation as a located
// diagnostic (ID KP2010, op errors prefixed `'op.name' op `, at the op's location). The per-op
// rules are in VerifierRules.swift (the switch over Opcode), VerifierMemoryRules.swift and
// VerifierControlFlow.swift. It never stops at the first error and never traps, whatever the
// module holds.
//
// Invariants checked:
// Module
//   M1  no two functions or globals share a name (one namespace), no two structs share a name;
//   M2  every `struct<Name>` type used anywhere (fields, globals, parameters, function results,
//       region arguments, op results, `type(…)` attributes of ops, functions, parameters and
//       global initializers, also inside arrays) names a declared struct;
//   M3  types are well formed: integers of 8, 16, 32 or 64 bits, vectors of 1 or more scalars,
//       arrays of non-void elements with a non-negative count;
// Functions
//   F1  kernels return void;
//   F2  parameters are not void; a kernel's pointer parameters point into global, constant or
//       generic memory (at the target level also gdram or gm);
// Ops, generic
//   O1  the op belongs to the level: `.spmd` and `.target` reject ops whose level is SIMT,
//       `.simt` rejects ops whose level is SPMD, and only `.target` admits target ops;
//   O2  operand and result counts fit the op table's arity; results are not void;
//   O3  the number of regions is the op table's;
//   O4  every positional attribute of the op table is present (its value is checked per op);
//   O5  dominance: each operand is a parameter, a region argument in scope, or the result of an
//       earlier op in the same region or an enclosing one;
//   O6  a terminator (yield, condition, break, continue, return, trap) is the last op of its
//       region;
// Ops, per op (VerifierRules.swift and the files it calls into):
//   A1  keyword attributes come from closed sets: cmp predicate eq ne lt le gt ge; dim x y z;
//       atomic operation add sub exch min max inc dec and or xor cas; shuffle mode idx up down
//       xor; vote kind any all uni; threadfence scope (and an atomic's optional scope) block
//       device system;
//   A2  math.call names a function of the math table and passes as many operands as it takes;
//   A3  func.call names a device function of the module (not a kernel), passes its parameter
//       count and types, and gives its result type (no result for void);
//   A4  mem.global_address names a global g and gives ptr<g's space, g's type>;
//   T1  arith: add sub mul div rem take and give one scalar type; and or xor one integer or i1
//       type; shl shr integer or i1 operands and the first one's type as result; neg an integer
//       or float, not an integer or i1, giving the operand type; cmp two operands of one scalar
//       or pointer type giving i1; select an i1 and two values of the result type; cast scalar
//       to scalar; bitcast between scalar, vector or pointer types of one size; constant a
//       scalar result and a value of its kind (integer, float, true/false);
//   T2  mem: load a pointer giving its pointee; store a value of the pointee type; offset a
//       pointer and an integer giving the pointer type; element ptr<S, array<N x T>> and an
//       integer giving ptr<S, T>, a constant index in [0, N); field {index} ptr<S, vector or
//       struct> giving ptr<S, member>; alloca ptr<local, T>; shared ptr<shared, T>;
//       dynamic_shared ptr<shared, array<? x T>>; pointer_cast pointer to pointer;
//       pointer_to_int pointer to integer; int_to_pointer integer to pointer; pointer_diff two
//       pointers giving an integer;
//   T3  agg: make takes the members of its vector or struct result; extract and insert {index}
//       name a member, and member, aggregate and result types match;
//   T4  cuda: thread_id block_id block_dim grid_dim give u32; syncthreads_count/and/or take an
//       integer or i1 and give i32; syncwarp takes a u32; atomic takes 3 operands for cas and 2
//       otherwise, a pointer whose pointee is the type of every value and of the result;
//       shuffle (u32, T, i32, i32) gives T; vote (u32, i1) gives i1; ballot (u32, i1) gives u32;
//       activemask gives u32; printf has a string `format`; clock gives an integer;
//   S1  `scf.if` takes an i1; with results, both regions end in `scf.yield`;
//   S2  `scf.yield` ends a region of an `scf.if`, and yields its result types (none without
//       results);
//   S3  the condition region of `scf.loop` (first) and `scf.do_while` (second) ends in
//       `scf.condition`, which takes an i1 and appears nowhere else;
//   S4  `scf.break` is inside the body of an `scf.loop` or `scf.do_while` or in an `scf.block`,
//       `scf.continue` inside a loop body (through `scf.if` and `scf.block`), never across a
//       loop's condition or step region;
//   S5  `func.return` returns the function's result type (nothing for void).

/// Which ops the verifier admits, from CUDA source level down to the target level.
public enum VerificationLevel: String, CaseIterable, Hashable, Sendable, Comparable {
  /// CUDA semantics: threads, blocks, `cuda.*` ops.
  case simt
  /// After SIMT lowering: no SIMT-level op remains.
  case spmd
  /// After target lowering.
  case target

  public static func < (lhs: VerificationLevel, rhs: VerificationLevel) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

extension Function {
  /// The level a lowering pass marked this function with (attribute `level`), if any.
  public var declaredLevel: VerificationLevel? {
    attributes["level"]?.keywordValue.flatMap(VerificationLevel.init(rawValue:))
      ?? attributes["level"]?.stringValue.flatMap(VerificationLevel.init(rawValue:))
  }
}

/// Checks every invariant of `module` at `level`.
///
/// - Returns: One error diagnostic (KP2010) per violation, in module order; empty when the
///   module is valid.
public func verify(_ module: Module, level: VerificationLevel = .simt) -> [Diagnostic] {
  var verifier = Verifier(module: module, level: level)
  verifier.run()
  return verifier.diagnostics
}

/// The state of one verification.
struct Verifier {
  let module: Module
  /// The level asked for; a function that declares a lower level (attribute `level`) is
  /// checked at its own.
  let baseLevel: VerificationLevel
  /// The level of the function being checked.
  var level: VerificationLevel
  var diagnostics: [Diagnostic] = []
  /// The first declaration of each name.
  let functions: [String: Function]
  let globals: [String: GlobalVariable]
  let structs: [String: StructDecl]

  /// The function being checked.
  var function: Function?
  /// Values visible at the current op: one set per open region.
  var scopes: [Set<Value>] = []
  /// The ops around the current region, innermost last, with the index of the region entered.
  var enclosing: [(op: Operation, region: Int)] = []

  init(module: Module, level: VerificationLevel) {
    self.module = module
    self.baseLevel = level
    self.level = level
    var functions: [String: Function] = [:]
    for function in module.functions where functions[function.name] == nil {
      functions[function.name] = function
    }
    var globals: [String: GlobalVariable] = [:]
    for global in module.globals where globals[global.name] == nil { globals[global.name] = global }
    var structs: [String: StructDecl] = [:]
    for decl in module.structs where structs[decl.name] == nil { structs[decl.name] = decl }
    self.functions = functions
    self.globals = globals
    self.structs = structs
  }

  mutating func run() {
    checkSymbols()
    for decl in module.structs {
      for field in decl.fields {
        checkType(
          field.type, "field '\(field.name)' of struct '@\(IRType.symbolText(decl.name))'",
          decl.location)
      }
    }
    for global in module.globals {
      let subject = "global '@\(IRType.symbolText(global.name))'"
      checkType(global.type, subject, global.location)
      if let initializer = global.initializer {
        for (_, problem) in attributeProblems(["": initializer]) {
          report("\(subject) initializer \(problem)", at: global.location)
        }
      }
    }
    for function in module.functions { verifyFunction(function) }
  }

  // MARK: Reporting

  mutating func report(_ message: String, at location: Location) {
    diagnostics.append(.error(.kirVerifier, message, at: location))
  }

  /// Reports an op error, MLIR style: `'mem.load' op <message>`.
  mutating func error(_ op: Operation, _ message: String) {
    report("'\(op.info.name)' op \(message)", at: op.location)
  }

  // MARK: Module

  /// M1: unique function/global names and unique struct names.
  private mutating func checkSymbols() {
    var seen: Set<String> = []
    for global in module.globals where !seen.insert(global.name).inserted {
      report("redefinition of symbol '@\(IRType.symbolText(global.name))'", at: global.location)
    }
    for function in module.functions where !seen.insert(function.name).inserted {
      report("redefinition of symbol '@\(IRType.symbolText(function.name))'", at: function.location)
    }
    var structNames: Set<String> = []
    for decl in module.structs where !structNames.insert(decl.name).inserted {
      report("redefinition of struct '@\(IRType.symbolText(decl.name))'", at: decl.location)
    }
  }

  /// M2, M3: `type`, described as `subject` in messages, is well formed and names only
  /// declared structs.
  mutating func checkType(_ type: IRType, _ subject: String, _ location: Location) {
    for problem in problems(of: type) { report("\(subject) \(problem)", at: location) }
  }

  /// The reasons `type` is ill-formed, as message tails.
  func problems(of type: IRType) -> [String] {
    switch type {
    case .void, .bool, .float: return []
    case let .int(bits, _):
      return [8, 16, 32, 64].contains(bits) ? [] : ["has an integer type of invalid width \(bits)"]
    case let .vector(element, count):
      var found = problems(of: element)
      if count < 1 { found.append("has a vector type with \(count) elements") }
      if !element.isScalar { found.append("has a vector type of non-scalar \(element)") }
      return found
    case let .pointer(_, pointee):
      return problems(of: pointee)
    case let .array(element, count):
      var found = problems(of: element)
      if let count, count < 0 { found.append("has an array type with \(count) elements") }
      if element == .void { found.append("has an array type of void") }
      return found
    case let .structure(name):
      return structs[name] == nil ? ["uses undeclared struct '\(IRType.symbolText(name))'"] : []
    }
  }

  /// M2, M3 for the types inside attributes (`type(…)`, also nested in arrays), by key.
  func attributeProblems(_ attributes: [String: Attribute]) -> [(String, String)] {
    func problems(in attribute: Attribute) -> [String] {
      switch attribute {
      case let .type(type): return self.problems(of: type)
      case let .array(items): return items.flatMap(problems(in:))
      case .int, .float, .string, .bool, .keyword, .symbol: return []
      }
    }
    return attributes.keys.sorted().flatMap { key in
      attributes[key].map(problems(in:))?.map { (key, $0) } ?? []
    }
  }

  // MARK: Functions

  private mutating func verifyFunction(_ function: Function) {
    self.function = function
    level = function.declaredLevel.map { max($0, baseLevel) } ?? baseLevel
    let subject = "\(function.kind.rawValue) '@\(IRType.symbolText(function.name))'"
    checkType(function.resultType, subject + " result type", function.location)
    for (key, problem) in attributeProblems(function.attributes) {
      report("\(subject) attribute '\(key)' \(problem)", at: function.location)
    }
    if function.kind == .kernel && function.resultType != .void {
      report("\(subject) must return void, not \(function.resultType)", at: function.location)
    }
    var allowedSpaces: [AddressSpace] = [.global, .constant, .generic]
    if level == .target { allowedSpaces += [.gdram, .gm] }
    for (index, parameter) in function.parameters.enumerated() {
      let type = parameter.value.type
      let parameterSubject = "\(subject) parameter #\(index)"
      checkType(type, parameterSubject, function.location)
      if type == .void { report("\(parameterSubject) has type void", at: function.location) }
      for (key, problem) in attributeProblems(parameter.attributes) {
        report("\(parameterSubject) attribute '\(key)' \(problem)", at: function.location)
      }
      if function.kind == .kernel, let space = type.addressSpace, !allowedSpaces.contains(space) {
        let names = allowedSpaces.map(\.rawValue).joined(separator: ", ")
        report(
          "\(parameterSubject) points into '\(space.rawValue)' memory; kernel pointer parameters must point into \(names)",
          at: function.location)
      }
    }
    scopes = [Set(function.parameters.map(\.value))]
    enclosing = []
    verifyRegion(function.body)
    scopes = []
    self.function = nil
  }

  // MARK: Regions and ops

  private mutating func verifyRegion(_ region: Region) {
    scopes.append(Set(region.arguments))
    for (index, argument) in region.arguments.enumerated() {
      if let op = enclosing.last?.op {
        for problem in problems(of: argument.type) {
          error(op, "region argument #\(index) \(problem)")
        }
      }
    }
    for (index, op) in region.operations.enumerated() {
      verifyOperation(op, isLast: index == region.operations.count - 1)
    }
    scopes.removeLast()
  }

  private mutating func verifyOperation(_ op: Operation, isLast: Bool) {
    let info = op.info
    // O1
    if level != .simt && info.level == .simt {
      error(op, "is a SIMT-level op and cannot appear at the \(level.rawValue) level")
    }
    if level == .simt && info.level == .spmd {
      error(op, "is an SPMD-level op and cannot appear at the simt level")
    }
    if level != .target && info.level == .target {
      error(op, "is a target-level op and cannot appear at the \(level.rawValue) level")
    }
    // O2
    let arityFits = info.operands.admits(op.operands.count) && info.results.admits(op.results.count)
    if !info.operands.admits(op.operands.count) {
      error(
        op, "expects \(info.operands) operand\(plural(info.operands)), found \(op.operands.count)")
    }
    if !info.results.admits(op.results.count) {
      error(op, "expects \(info.results) result\(plural(info.results)), found \(op.results.count)")
    }
    for (index, result) in op.results.enumerated() {
      if result.type == .void { error(op, "result #\(index) has type void") }
      for problem in problems(of: result.type) { error(op, "result #\(index) \(problem)") }
    }
    // O3
    if op.regions.count != info.regions.count {
      error(
        op,
        "expects \(info.regions.count) region\(info.regions.count == 1 ? "" : "s"), found \(op.regions.count)"
      )
    }
    // O4
    for key in info.positional where op.attributes[key] == nil {
      error(op, "requires attribute '\(key)'")
    }
    for (key, problem) in attributeProblems(op.attributes) {
      error(op, "attribute '\(key)' \(problem)")
    }
    // O5
    for (index, operand) in op.operands.enumerated() where !isVisible(operand) {
      error(op, "operand #\(index) does not dominate this use")
    }
    // O6
    if info.effects.contains(.terminator) && !isLast {
      error(op, "must be the last op of its region")
    }
    if arityFits { checkRules(op) }
    for (index, region) in op.regions.enumerated() {
      enclosing.append((op, index))
      verifyRegion(region)
      enclosing.removeLast()
    }
    if !scopes.isEmpty { scopes[scopes.count - 1].formUnion(op.results) }
  }

  private func isVisible(_ value: Value) -> Bool {
    scopes.contains { $0.contains(value) }
  }

  private func plural(_ arity: Arity) -> String {
    if case .exactly(1) = arity { return "" }
    return "s"
  }
}
