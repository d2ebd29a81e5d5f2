// KIR → compiled program. `Program` holds the module-wide tables (op records, source lines,
// `__shared__` variables) and compiles each function once; `FunctionCompiler` numbers the
// registers of one function and turns each op into a step through one exhaustive switch over
// `Opcode` (the op families live in the *Ops.swift files).
//
// Register allocation: every SSA value gets one register per scalar leaf (numbered by its byte
// position in the frame, see `newRegisters`); `agg.*` ops, casts between kinds of the same bits
// and pointer casts reuse their operand's registers. A `mem.alloca` whose pointer is only loaded
// from and stored to becomes registers too (its loads copy, its stores copy under the active
// mask); any other use keeps it in local memory. A pure op repeating an earlier one reads its
// registers (CommonSubexpressions.swift).

import KIR

/// The module-wide state of compilation.
final class Program {
  let module: Module
  let layouts: TypeLayouts
  private var slots: [String: FunctionSlot] = [:]
  private var compiled: [CompiledFunction] = []
  private var nextIndex = 0
  private(set) var records: [OpRecord] = []
  private var lineIndex: [String: Int] = [:]
  private(set) var lineNames: [String] = []
  private(set) var shared: [SharedAllocationInfo] = []
  private var sharedIndex: [ObjectIdentifier: Int] = [:]
  /// Per function: callees, globals used, device fences, Ascend pipes, dynamic shared element
  /// size.
  private var facts: [String: FunctionFacts] = [:]
  /// Whether the module holds Ascend target ops: its scalar loads and stores then tell the pipe
  /// hazard checker what the scalar unit touched (PipeHazards.swift).
  let checksPipes: Bool
  /// Whether functions are compiled for grouped blocks (BlockGroups.swift): block indices and
  /// shared addresses then vary between lanes.
  let groupsBlocks: Bool

  struct FunctionFacts {
    var callees: Set<String> = []
    var globals: Set<String> = []
    var usesDeviceFence = false
    var usesAscendPipes = false
    var dynamicSharedElementSize: Int?
    /// Whether the function is a kernel whose blocks may run in groups.
    var isGroupable = false
  }

  init(module: Module, groupsBlocks: Bool = false) {
    self.module = module
    self.groupsBlocks = groupsBlocks
    self.layouts = TypeLayouts(structs: module.structs)
    var ascend = false
    for function in module.functions where !ascend {
      function.body.walk { op in
        if [.ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier].contains(op.opcode) { ascend = true }
      }
    }
    checksPipes = ascend
  }

  /// Compiles `kernel` and its callees if needed, and snapshots what a launch needs.
  func kernelProgram(for kernel: Function) throws -> KernelProgram {
    guard let compiledKernel = try compileIfNeeded(kernel).function else {
      throw InterpreterError.unsupported(op: "a recursive kernel", location: kernel.location)
    }
    var reachable: Set<String> = []
    var pending = [kernel.name]
    while let name = pending.popLast() {
      guard reachable.insert(name).inserted else { continue }
      pending += facts[name]?.callees ?? []
    }
    let reached = reachable.sorted().compactMap { facts[$0] }
    return KernelProgram(
      module: module, kernel: compiledKernel, functions: compiled, records: records,
      lineNames: lineNames, shared: shared,
      dynamicSharedElementSize: reached.lazy.compactMap(\.dynamicSharedElementSize).first ?? 1,
      globals: Set(reached.flatMap(\.globals)).sorted(),
      usesDeviceFence: reached.contains { $0.usesDeviceFence },
      checksPipes: reached.contains { $0.usesAscendPipes },
      groupsBlocks: groupsBlocks && facts[kernel.name]?.isGroupable == true, layouts: layouts)
  }

  /// The slot of `function`, compiling it on first use.
  func compileIfNeeded(_ function: Function) throws -> FunctionSlot {
    if let slot = slots[function.name] { return slot }
    let slot = FunctionSlot()
    slots[function.name] = slot
    var compiler = FunctionCompiler(program: self, function: function, index: nextIndex)
    nextIndex += 1
    do {
      let result = try compiler.compile()
      slot.function = result
      compiled.append(result)
      facts[function.name] = compiler.facts
    } catch {
      slots[function.name] = nil
      throw error
    }
    return slot
  }

  /// Registers `op` in the op table and returns its meta.
  func record(_ op: Operation, in function: String, as operationClass: OperationClass) -> OpMeta {
    let key: String
    if let position = op.location.filePosition {
      key = "\(position.path):\(position.line)"
    } else {
      key = "<unknown>"
    }
    let line: Int
    if let found = lineIndex[key] {
      line = found
    } else {
      line = lineNames.count
      lineIndex[key] = line
      lineNames.append(key)
    }
    records.append(OpRecord(location: op.location, function: function, name: op.opcode.name))
    return OpMeta(index: records.count - 1, operationClass: operationClass.index, line: line)
  }

  /// The program-wide index of the `__shared__` variable an `mem.shared` op declares.
  func sharedVariable(for op: Operation, type: IRType) throws -> Int {
    if let found = sharedIndex[ObjectIdentifier(op)] { return found }
    guard let size = layouts.size(of: type), let alignment = layouts.alignment(of: type),
      let element = layouts.size(of: layouts.innermostElement(of: type))
    else {
      throw InterpreterError.unsupported(
        op: "a __shared__ variable of type \(type)", location: op.location)
    }
    shared.append(
      SharedAllocationInfo(
        name: op.result?.name ?? "shared", byteCount: size, alignment: max(alignment, 4),
        elementSize: max(1, element)))
    sharedIndex[ObjectIdentifier(op)] = shared.count - 1
    return shared.count - 1
  }
}

/// Compiles one function.
struct FunctionCompiler {
  let program: Program
  let function: Function
  let index: Int
  var kinds: [ScalarKind] = []
  var leaves: [ObjectIdentifier: [Int]] = [:]
  var promoted: Set<ObjectIdentifier> = []
  var launchInitializers: [FrameInitializer] = []
  var blockInitializers: [FrameInitializer] = []
  var localSlots: [LocalSlotInfo] = []
  /// The result leaves of the enclosing `scf.if` ops, innermost last.
  var yieldTargets: [[Int]] = []
  var resultLeaves: [Int] = []
  /// Every step compiled, kept alive by the function.
  var nodes: [StepNode] = []
  var facts = Program.FunctionFacts()
  /// Which values are the same in every lane (computed before the body is compiled).
  var uniformity: UniformityAnalysis?
  /// When compiling for grouped blocks: which values are the same in every lane of a block.
  var blockUniformity: UniformityAnalysis?
  /// Loads of promoted locals whose result is the local's registers (PromotedLoads.swift).
  var aliasableLoads: Set<ObjectIdentifier> = []
  /// Per enclosing region, innermost last: the pure ops compiled so far, by what they compute,
  /// with their result value and registers (CommonSubexpressions.swift).
  var availableExpressions: [[PureExpression: (value: ObjectIdentifier, registers: [Int])]] = []
  /// For a value that reads an earlier op's registers, that op's result.
  var firstComputation: [ObjectIdentifier: ObjectIdentifier] = [:]
  /// Address ops that may be left to their loads and stores (IndexedAccess.swift), and the
  /// plans of those that were, by result.
  var indexedAddresses: Set<ObjectIdentifier> = []
  var indexedPlans: [ObjectIdentifier: IndexedAddress] = [:]

  init(program: Program, function: Function, index: Int) {
    self.program = program
    self.function = function
    self.index = index
  }

  var layouts: TypeLayouts { program.layouts }

  mutating func compile() throws -> CompiledFunction {
    findPromotableLocals()
    findAliasableLoads()
    uniformity = UniformityAnalysis(
      function: function, promoted: promoted, blocksVary: program.groupsBlocks)
    if program.groupsBlocks, let uniformity {
      blockUniformity = UniformityAnalysis(function: function, promoted: promoted)
      facts.isGroupable = BlockGroups.isGroupable(function, uniformity: uniformity)
    }
    findIndexedAddresses()
    var parameterLeaves: [[Int]] = []
    for parameter in function.parameters {
      let registers = try newRegisters(for: parameter.value.type, at: function.location)
      leaves[ObjectIdentifier(parameter.value)] = registers
      parameterLeaves.append(registers)
    }
    if function.resultType != .void {
      resultLeaves = try newRegisters(for: function.resultType, at: function.location)
    }
    let steps = try compileRegion(function.body)
    return CompiledFunction(
      name: function.name, index: index, isKernel: function.kind == .kernel, registerKinds: kinds,
      parameterLeaves: parameterLeaves, parameterTypes: function.parameters.map(\.value.type),
      parameterNames: function.parameters.enumerated().map { $1.value.name ?? "arg\($0)" },
      parameterIsConst: function.parameters.map {
        $0.value.type.isPointer && $0.attributes["const"]?.boolValue == true
      },
      resultLeaves: resultLeaves, steps: steps, nodes: nodes,
      launchInitializers: launchInitializers,
      blockInitializers: blockInitializers, localSlots: localSlots)
  }

  /// Marks the `mem.alloca` results used only as the address of loads and stores.
  mutating func findPromotableLocals() {
    var allocas: [ObjectIdentifier: Value] = [:]
    var escaping: Set<ObjectIdentifier> = []
    function.body.walk { op in
      if op.opcode == .alloca, let result = op.result { allocas[ObjectIdentifier(result)] = result }
      for (position, operand) in op.operands.enumerated() {
        let isAddress =
          (op.opcode == .load && position == 0) || (op.opcode == .store && position == 1)
        if !isAddress { escaping.insert(ObjectIdentifier(operand)) }
      }
    }
    for (key, value) in allocas where !escaping.contains(key) {
      if let pointee = value.type.pointee, let found = layouts.leaves(of: pointee), !found.isEmpty {
        promoted.insert(key)
      }
    }
  }

  /// New registers for the leaves of `type`. A register's number is its position in the frame
  /// counted in bytes per lane, so that it takes one slot of `kinds` per byte of its kind (the
  /// slots after the first repeat the kind): a frame packs its registers by size, and more of a
  /// block's registers stay in the cache.
  mutating func newRegisters(for type: IRType, at location: Location) throws -> [Int] {
    guard let found = layouts.leaves(of: type) else {
      throw InterpreterError.unsupported(op: "a value of type \(type)", location: location)
    }
    var registers: [Int] = []
    for leaf in found {
      registers.append(kinds.count)
      kinds += repeatElement(leaf.kind, count: max(1, leaf.kind.byteSize))
    }
    return registers
  }

  /// The registers of `value`.
  func registers(_ value: Value, at op: Operation) throws -> [Int] {
    guard let found = leaves[ObjectIdentifier(value)] else {
      throw InterpreterError.unsupported(
        op: "a use of an undefined value in \(op.opcode.name)", location: op.location)
    }
    return found
  }

  /// The single register of a scalar or pointer operand.
  func register(_ value: Value, at op: Operation) throws -> Int {
    let found = try registers(value, at: op)
    guard found.count == 1 else {
      throw InterpreterError.unsupported(
        op: "\(op.opcode.name) on \(value.type)", location: op.location)
    }
    return found[0]
  }

  /// The scalar kind of a scalar or pointer value, from its type (registers may be shared by
  /// values of different signedness, so a register's own kind does not say).
  func kind(of value: Value, at op: Operation) throws -> ScalarKind {
    guard let found = ScalarKind(value.type) else {
      throw InterpreterError.unsupported(
        op: "\(op.opcode.name) on \(value.type)", location: op.location)
    }
    return found
  }

  /// The kinds of the leaves of a value, from its type.
  func leafKinds(of value: Value, at op: Operation) throws -> [ScalarKind] {
    guard let found = layouts.leaves(of: value.type) else {
      throw InterpreterError.unsupported(
        op: "\(op.opcode.name) on \(value.type)", location: op.location)
    }
    return found.map(\.kind)
  }

  /// Defines the result of `op` as new registers and returns them.
  mutating func defineResult(_ op: Operation) throws -> [Int] {
    guard let result = op.result else { return [] }
    let registers = try newRegisters(for: result.type, at: op.location)
    leaves[ObjectIdentifier(result)] = registers
    return registers
  }

  /// Defines the single scalar result register of `op`.
  mutating func defineScalarResult(_ op: Operation) throws -> Int {
    let found = try defineResult(op)
    guard found.count == 1 else {
      throw InterpreterError.unsupported(
        op: "\(op.opcode.name) giving \(op.result?.type ?? .void)", location: op.location)
    }
    return found[0]
  }

  /// Makes the result of `op` an alias of existing registers.
  mutating func alias(_ op: Operation, to registers: [Int]) {
    if let result = op.result { leaves[ObjectIdentifier(result)] = registers }
  }

  func meta(_ op: Operation, _ operationClass: OperationClass) -> OpMeta {
    program.record(op, in: function.name, as: operationClass)
  }

  func unsupported(_ op: Operation, _ detail: String = "") -> InterpreterError {
    .unsupported(
      op: "'\(op.opcode.name)'\(detail.isEmpty ? "" : " " + detail)", location: op.location)
  }

  mutating func compileRegion(_ region: Region) throws -> StepList {
    var steps = StepList()
    availableExpressions.append([:])
    defer { availableExpressions.removeLast() }
    // Count-only steps wait for the next step, which counts them (StepNode.earlierCounts).
    var pending = ContiguousArray<OpMeta>()
    func append(_ node: StepNode) {
      nodes.append(node)
      steps.append(Unmanaged.passUnretained(node))
    }
    for op in region.operations {
      if let compiled = try compile(op) {
        let step = blockSpanVariant(
          of: uniformVariant(of: reusingEarlierResult(of: op, step: compiled), for: op), for: op)
        if step.isCountOnly {
          pending.append(step.meta)
          continue
        }
        append(StepNode(step, earlierCounts: pending))
        pending.removeAll()
      }
    }
    // At the region's end they stay steps of their own.
    for meta in pending { append(StepNode(.countOnly(meta))) }
    return steps
  }

  /// The step of one op, or nil when the op needs none (hoisted, aliased, promoted).
  mutating func compile(_ op: Operation) throws -> Step? {
    switch op.opcode {
    case .constant: return try compileConstant(op)
    case .add: return try compileBinary(op, .add)
    case .sub: return try compileBinary(op, .sub)
    case .mul: return try compileBinary(op, .mul)
    case .div: return try compileBinary(op, .div)
    case .rem: return try compileBinary(op, .rem)
    case .and: return try compileBinary(op, .and)
    case .or: return try compileBinary(op, .or)
    case .xor: return try compileBinary(op, .xor)
    case .shl: return try compileBinary(op, .shl)
    case .shr: return try compileBinary(op, .shr)
    case .neg, .not: return try compileUnary(op)
    case .cmp: return try compileCompare(op)
    case .select: return try compileSelect(op)
    case .cast: return try compileCast(op)
    case .bitcast: return try compileBitcast(op)
    case .alloca: return try compileAlloca(op)
    case .sharedAlloc, .dynamicShared, .globalAddress: return try compileVariableAddress(op)
    case .load: return try compileLoad(op)
    case .store: return try compileStore(op)
    case .offset, .element: return try compileIndexing(op)
    case .field: return try compileField(op)
    case .pointerCast, .pointerToInt, .intToPointer: return try compilePointerConversion(op)
    case .pointerDiff: return try compilePointerDifference(op)
    case .make: return try compileMake(op)
    case .extract: return try compileMember(op, isInsert: false)
    case .insert: return try compileMember(op, isInsert: true)
    case .threadId: return try compileSpecialRegister(op, .threadIndex)
    case .blockId: return try compileSpecialRegister(op, .blockIndex)
    case .blockDim: return try compileSpecialRegister(op, .blockDimension)
    case .gridDim: return try compileSpecialRegister(op, .gridDimension)
    // A task is one block of one thread: task i is block (i,0,0), the task count the grid's x.
    case .taskId: return try compileSpecialRegister(op, .blockIndex, dimension: 0)
    case .taskDim: return try compileSpecialRegister(op, .gridDimension, dimension: 0)
    case .buffer: return try compileVariableAddress(op)
    case .bangMemcpy, .ascendDataCopy: return try compileCopy(op)
    case .bangVector, .ascendVector: return try compileVector(op)
    case .bangVectorUnary, .ascendVectorUnary: return try compileVectorUnary(op)
    case .ascendPipeBarrier: return compilePipeBarrier(op)
    case .syncthreads: return try compileBlockBarrier(op, .plain)
    case .syncthreadsCount: return try compileBlockBarrier(op, .count)
    case .syncthreadsAnd: return try compileBlockBarrier(op, .and)
    case .syncthreadsOr: return try compileBlockBarrier(op, .or)
    case .syncwarp: return try compileWarpBarrier(op)
    case .threadfence: return compileFence(op)
    case .atomic: return try compileAtomic(op)
    case .shuffle: return try compileShuffle(op)
    case .vote: return try compileVote(op, .vote)
    case .ballot: return try compileVote(op, .ballot)
    case .activemask: return try compileVote(op, .activemask)
    case .printf: return try compilePrintf(op)
    case .trap: return compileTrap(op)
    case .clock: return try compileClock(op)
    case .mathCall: return try compileMathCall(op)
    case .call: return try compileCall(op)
    case .return: return try compileReturn(op)
    case .if: return try compileIf(op)
    case .yield: return try compileYield(op)
    case .loop, .doWhile: return try compileLoop(op)
    case .condition:
      return .condition(try register(op.operands[0], at: op), meta(op, .control))
    case .break: return .breakLoop(meta(op, .control))
    case .continue: return .continueLoop(meta(op, .control))
    case .block:
      guard let body = op.regions.first else { return nil }
      return .block(try compileRegion(body), meta(op, .control))
    }
  }
}
