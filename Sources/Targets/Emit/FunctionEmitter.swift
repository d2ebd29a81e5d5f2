// Writes one KIR function (kernel or device function) as C: parameters, the body's regions as
// statements, and the declarations the body needs at its top (on-chip buffers, scratch
// variables). Values become expressions (UseAnalysis decides which fold into their user and
// which become named variables); pointers become `Address`es. Ops are written in
// FunctionEmitterValues.swift (values), FunctionEmitterMemory.swift (memory),
// FunctionEmitterControl.swift (control flow) and FunctionEmitterRules.swift (rule tables).
import KIR
import Rules

/// What a value stands for in the emitted code.
enum Binding {
  case expression(CExpression)
  case address(Address)
}

/// The emitter of one function.
final class FunctionEmitter {
  let context: EmitContext
  let function: Function
  let analysis: UseAnalysis
  var dialect: any DeviceDialect { context.dialect }
  var names: NameTable
  var bindings: [Value: Binding] = [:]
  /// The statements written so far, at the current nesting depth.
  var writer = CodeWriter(depth: 1)
  /// Buffers, pipe and scratch tensors, written at the top of the body.
  var setup: KernelSetup
  /// Scratch scalars for `$tmp`, written after the setup.
  var scratchLines: [String] = []
  /// Local variables not declared yet: declared at their first use (with the stored value when
  /// that use is a store to them).
  var pendingLocals: [Value: Operation] = [:]
  /// Enclosing loops and `scf.block`s, innermost last.
  var frames: [ControlFrame] = []
  /// Whether an error was reported for this function.
  var failed = false
  /// Ops already written or computed without a usable value (reported once, never retried).
  var unavailable: Set<ObjectIdentifier> = []

  init(context: EmitContext, function: Function) {
    self.context = context
    self.function = function
    self.analysis = UseAnalysis(function)
    self.names = context.fileScope
    self.setup = KernelSetup(isKernel: function.kind == .kernel)
  }

  /// Reports an error located at `location` and marks the function as failed.
  func error(_ id: DiagnosticID, _ message: String, at location: Location) {
    failed = true
    context.report(.error(id, message, at: location))
  }

  /// Whether pointer `value`, or an address derived from it, is stored, selected, yielded or
  /// passed to a call.
  func reachesVariable(_ value: Value) -> Bool {
    var derived: Set<Value> = [value]
    var reaches = false
    function.body.walk { op in
      guard op.operands.contains(where: { derived.contains($0) }) else { return }
      switch op.opcode {
      case .offset, .element, .field, .pointerCast:
        if derived.contains(op.operands[0]), let result = op.result { derived.insert(result) }
      case .store:
        if derived.contains(op.operands[0]) { reaches = true }
      case .select, .yield, .call, .make, .insert:
        reaches = true
      default:
        break
      }
    }
    return reaches
  }

  /// The function as C text, or nil when it has errors (they are reported).
  func emit() -> String? {
    let isKernel = function.kind == .kernel
    var parameters: [EmittedParameter] = []
    for (index, parameter) in function.parameters.enumerated() {
      let value = parameter.value
      let name = names.fresh(value.name, fallback: "arg\(index)")
      // `const` is kept unless the pointer (or one derived from it) is chosen between or stored:
      // the variable or select it reaches is spelled without const.
      let isConst = parameter.attributes["const"]?.boolValue == true && !reachesVariable(value)
      guard let spelling = context.spell(value.type, isConst: isConst) else {
        error(
          .emitUnsupportedType,
          "parameter '\(name)' of type \(value.type) has no \(context.target.displayName) spelling",
          at: function.location)
        continue
      }
      parameters.append(EmittedParameter(name: name, type: value.type, spelling: spelling, isConst: isConst))
      bind(value, toVariable: name)
    }
    guard let resultSpelling = context.spell(function.resultType) else {
      error(
        .emitUnsupportedType,
        "result type \(function.resultType) of '\(function.name)' has no \(context.target.displayName) spelling",
        at: function.location)
      return nil
    }
    emitRegion(function.body, isFunctionBody: true)
    if failed { return nil }
    let name = context.functionNames[function.name] ?? function.name
    var out = CodeWriter()
    var prologue: [String] = []
    if isKernel {
      let header = dialect.kernelHeader(name: name, parameters: parameters, names: &names)
      out.line(header.signature + " {", at: function.location)
      prologue = header.prologue
    } else {
      out.line(
        dialect.deviceFunctionHeader(name: name, result: resultSpelling, parameters: parameters) + " {",
        at: function.location)
    }
    out.indented { inner in
      for line in prologue + setup.lines + scratchLines { inner.line(line) }
    }
    out.append(writer)
    out.line("}")
    return out.text
  }

  /// Binds a parameter or variable named `name` of `value`'s type.
  func bind(_ value: Value, toVariable name: String) {
    bind(value, to: CExpression(name))
  }

  /// Binds `value` to an expression: pointers become addresses in their space.
  func bind(_ value: Value, to expression: CExpression) {
    if case let .pointer(space, pointee) = value.type {
      if context.target == .ascendc && (space == .shared || space == .ub) {
        bindings[value] = .address(.tensor(base: expression, index: nil, pointee: pointee))
      } else {
        bindings[value] = .address(.pointer(base: expression, index: nil, pointee: pointee, space: space))
      }
    } else {
      bindings[value] = .expression(expression)
    }
  }

  // MARK: Values

  /// The expression of `value`, computing folded ops on demand; nil after an error.
  func expression(_ value: Value) -> CExpression? {
    if let bound = bindings[value] {
      switch bound {
      case let .expression(expression): return expression
      case let .address(address): return pointerValue(address, at: value.definingOp?.location ?? function.location)
      }
    }
    guard let op = value.definingOp else {
      error(.emitUnsupportedOp, "value \(value.name ?? "") has no definition the emitter knows", at: function.location)
      return nil
    }
    guard unavailable.insert(ObjectIdentifier(op)).inserted else { return nil }
    if case .pointer = value.type, let address = computeAddress(op) {
      bindings[value] = .address(address)
      return pointerValue(address, at: op.location)
    }
    guard let computed = computeExpression(op) else { return nil }
    bind(value, to: computed)
    return computed
  }

  /// The address `value` points to; nil after an error.
  func address(_ value: Value) -> Address? {
    if let bound = bindings[value] {
      switch bound {
      case let .address(address): return address
      case let .expression(expression):
        bind(value, to: expression)
        if case let .address(address)? = bindings[value] { return address }
        return nil
      }
    }
    guard let op = value.definingOp, unavailable.insert(ObjectIdentifier(op)).inserted else { return nil }
    if let address = computeAddress(op) {
      bindings[value] = .address(address)
      return address
    }
    guard !failed, let computed = computeExpression(op) else { return nil }
    bind(value, to: computed)
    if case let .address(address)? = bindings[value] { return address }
    return nil
  }

  /// An expression as a named variable when it is more than a name or a literal, so that it
  /// can be used twice without being evaluated twice.
  func materialized(_ expression: CExpression, type: IRType, name: String?, at location: Location) -> CExpression? {
    if expression.precedence == .primary { return expression }
    let variable = names.fresh(name, fallback: "value")
    guard let declared = context.declaration(type, variable) else {
      error(.emitUnsupportedType, "type \(type) has no \(context.target.displayName) spelling", at: location)
      return nil
    }
    writer.line("\(declared) = \(expression.text);", at: location)
    return CExpression(variable)
  }

  /// Declares a variable for the result of `op` holding `expression`.
  func declareResult(_ op: Operation, _ expression: CExpression) {
    guard let result = op.result else { return }
    let variable = names.fresh(result.name, fallback: fallbackName(op))
    guard let declared = context.declaration(result.type, variable) else {
      error(.emitUnsupportedType, "type \(result.type) has no \(context.target.displayName) spelling", at: op.location)
      return
    }
    writer.line("\(declared) = \(expression.text);", at: op.location)
    bind(result, toVariable: variable)
  }

  /// A readable name for an unnamed result.
  func fallbackName(_ op: Operation) -> String {
    switch op.opcode {
    case .load:
      if let root = op.operands.first.flatMap(rootName) { return root + "_value" }
      return "loaded"
    case .call: return (op.attributes["callee"]?.symbolValue.map(NameTable.sanitize) ?? "call") + "_result"
    case .atomic: return "old"
    case .cmp: return "condition"
    case .taskId: return "task"
    case .taskDim: return "tasks"
    default: return "value"
    }
  }

  /// The source name at the root of a pointer's address computation.
  func rootName(_ value: Value) -> String? {
    if let name = value.name { return NameTable.sanitize(name) }
    guard let op = value.definingOp, let first = op.operands.first else {
      return value.definingOp?.attributes["symbol"]?.symbolValue
    }
    switch op.opcode {
    case .offset, .element, .field, .pointerCast, .load: return rootName(first)
    default: return nil
    }
  }

  // MARK: Regions

  /// Writes the ops of `region` at the current depth.
  func emitRegion(_ region: Region, isFunctionBody: Bool = false) {
    let operations = region.operations
    var index = 0
    while index < operations.count {
      let op = operations[index]
      if isFunctionBody && index == operations.count - 1 && op.opcode == .return && op.operands.isEmpty {
        break
      }
      if let loop = forLoopCandidate(at: index, in: operations) {
        declarePendingLocals(usedBy: op, except: loop.variable)
        declarePendingLocals(usedInAndAfter: operations[loop.loopIndex], except: loop.variable)
        // A counter the `for` does not declare (used by other ops too) is declared before it.
        if !loop.declares { declareLocal(loop.variable, initializer: nil) }
        emitLoop(operations[loop.loopIndex], initStore: op, declaring: loop.declares ? loop.variable : nil)
        index = loop.loopIndex + 1
        continue
      }
      declarePendingLocals(usedBy: op, except: initializedLocal(op))
      if !analysis.isFolded(op) { unavailable.insert(ObjectIdentifier(op)) }
      emitOperation(op)
      index += 1
    }
  }

  /// The pending local that `op` initialises (a store straight into it), if any.
  func initializedLocal(_ op: Operation) -> Value? {
    guard op.opcode == .store, op.operands.count == 2, pendingLocals[op.operands[1]] != nil else { return nil }
    return op.operands[1]
  }

  /// Declares, uninitialised, every pending local that `op` refers to, other than `skip`.
  func declarePendingLocals(usedBy op: Operation, except skip: Value?) {
    if pendingLocals.isEmpty { return }
    var referenced: [Value] = []
    var seen: Set<Value> = []
    func visit(_ value: Value) {
      guard seen.insert(value).inserted else { return }
      if pendingLocals[value] != nil { referenced.append(value) }
      if let defining = value.definingOp, analysis.isFolded(defining) { defining.operands.forEach(visit) }
    }
    op.operands.forEach(visit)
    for inner in op.regions { inner.walk { $0.operands.forEach(visit) } }
    for local in referenced where local != skip { declareLocal(local, initializer: nil) }
  }

  /// Declares, before `loop`, the pending locals its regions use that are also used outside it
  /// (by a later loop, say: declared inside, they would be out of scope there) or whose value
  /// may pass from one iteration to the next.
  func declarePendingLocals(usedInAndAfter loop: Operation, except skip: Value?) {
    if pendingLocals.isEmpty { return }
    var inside: [Value: Int] = [:]
    var order: [Value] = []
    for region in loop.regions {
      region.walk { op in
        for operand in op.operands where pendingLocals[operand] != nil {
          if inside[operand] == nil { order.append(operand) }
          inside[operand, default: 0] += 1
        }
      }
    }
    for local in order where local != skip {
      if (inside[local] ?? 0) < analysis.uses(local) || !isWrittenFirst(local, inEveryIterationOf: loop) {
        declareLocal(local, initializer: nil)
      }
    }
  }

  /// Whether every iteration of `loop` stores to `local` before anything else uses it: only
  /// the body uses it, and the body's first top-level op that refers to it is a store into
  /// it. Otherwise a value may be carried from one iteration to the next (or read before any
  /// store), and a declaration inside the body would start each iteration afresh.
  func isWrittenFirst(_ local: Value, inEveryIterationOf loop: Operation) -> Bool {
    guard loop.opcode == .loop, loop.regions.count == 3 else { return false }
    for index in [0, 2] {
      var uses = false
      loop.regions[index].walk { if $0.operands.contains(local) { uses = true } }
      if uses { return false }
    }
    for op in loop.regions[1].operations {
      var refers = op.operands.contains(local)
      for inner in op.regions where !refers { inner.walk { if $0.operands.contains(local) { refers = true } } }
      guard refers else { continue }
      return op.opcode == .store && op.operands.count == 2 && op.operands[1] == local
        && op.operands[0] != local
    }
    return true
  }

  /// Writes the declaration of a pending local, with an initial value or none.
  func declareLocal(_ local: Value, initializer: CExpression?) {
    guard let alloca = pendingLocals.removeValue(forKey: local) else { return }
    guard case let .lvalue(text, pointee)? = bindings[local].flatMap({ binding -> Address? in
      if case let .address(address) = binding { return address }
      return nil
    }), let declared = context.declaration(pointee, text.text)
    else {
      error(.emitUnsupportedType, "local variable of type \(local.type) has no \(context.target.displayName) spelling", at: alloca.location)
      return
    }
    if let initializer {
      writer.line("\(declared) = \(initializer.operand(.assignment));", at: alloca.location)
    } else {
      writer.line("\(declared);", at: alloca.location)
    }
  }
}

/// A loop or `scf.block` enclosing the op being written.
struct ControlFrame {
  enum Kind { case loop, block }
  var kind: Kind
  /// For loops whose `continue` must jump to a label (the step follows it).
  var continueLabel: String?
}
