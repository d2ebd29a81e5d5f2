// The compiled form of KIR functions: numbered lane registers (one per scalar leaf of each SSA
// value), and a tree of steps mirroring the structured control flow, each straight-line op a
// closure that runs over all lanes of a block. Values that are the same for every lane of a
// launch or block (constants, thread and block indices, the addresses of shared, local and
// global variables) become frame initialisers instead of steps.
//
// Target-level ops slot in as new `Opcode` cases: the compiler's exhaustive switch gets a case
// that returns an `OpBody` closure (or a new `Step` when the op owns regions), and nothing
// else in the executor changes.

import KIR

/// KIR's op (Foundation also has an `Operation`).
typealias Operation = KIR.Operation

/// The body of a straight-line op: runs it over the active lanes of the current block.
typealias OpBody = (ExecutionContext) throws -> Void

/// Static facts about an executed op: its row in the op table, its class and source line.
struct OpMeta: Sendable {
  /// The index of the op's `OpRecord`.
  let index: Int
  /// `OperationClass.index`.
  let operationClass: Int
  /// The index of the op's source line in the program's line table.
  let line: Int
}

/// An op as findings and profiles name it.
struct OpRecord: Sendable {
  let location: Location
  /// The function the op is in.
  let function: String
  /// The op's text name (`mem.store`).
  let name: String
}

/// The regions of an `scf.if`.
final class IfPlan {
  let condition: Int
  let thenSteps: StepList
  let elseSteps: StepList
  init(condition: Int, thenSteps: StepList, elseSteps: StepList) {
    self.condition = condition
    self.thenSteps = thenSteps
    self.elseSteps = elseSteps
  }
}

/// The regions of an `scf.loop` (condition, body, step) or `scf.do_while` (body, condition).
final class LoopPlan {
  let condition: StepList
  let body: StepList
  let step: StepList
  /// Whether the body holds an `scf.continue` (without one, no lanes wait for the step region
  /// in the continue mask, and the executor skips merging it back).
  let mayContinue: Bool
  init(condition: StepList, body: StepList, step: StepList, mayContinue: Bool) {
    self.condition = condition
    self.body = body
    self.step = step
    self.mayContinue = mayContinue
  }
}

/// A function filled in once compiled, so that calls (and recursion) can refer to it early.
final class FunctionSlot {
  var function: CompiledFunction?
}

/// A `func.call`: the callee, the caller's argument leaves and result leaves.
final class CallPlan {
  let callee: FunctionSlot
  let arguments: [Int]
  let results: [Int]
  init(callee: FunctionSlot, arguments: [Int], results: [Int]) {
    self.callee = callee
    self.arguments = arguments
    self.results = results
  }
}

/// A `func.return`: the returned value's leaves and the function's result registers.
final class ReturnPlan {
  let sources: [Int]
  let targets: [Int]
  let byteSizes: [Int]
  init(sources: [Int], targets: [Int], byteSizes: [Int]) {
    self.sources = sources
    self.targets = targets
    self.byteSizes = byteSizes
  }
}

/// A step held by reference, so the executor walks regions without reference counting: the
/// function's `nodes` keep every step alive, and regions hold them unmanaged. The executor runs
/// a node as one indirect call: `action` is the op's body itself, or the executor's routine for
/// a control step bound to its plan (built once here, not chosen by a switch at every step).
final class StepNode {
  /// The step's own op, counted before `action` runs.
  let meta: OpMeta
  /// Ops with nothing to run that came just before this step in its region (loads read in
  /// place, fences), counted with it: the same lanes are active for both, and the executor
  /// saves a call per such op.
  let earlierCounts: ContiguousArray<OpMeta>
  let action: OpBody
  init(_ step: Step, earlierCounts: ContiguousArray<OpMeta> = []) {
    meta = step.meta
    self.earlierCounts = earlierCounts
    action = ExecutionContext.action(for: step)
  }
}

/// The steps of a region, in order.
typealias StepList = ContiguousArray<Unmanaged<StepNode>>

/// One step of a compiled region.
enum Step {
  case op(OpBody, OpMeta)
  /// An op with nothing to run, only to count (a fence, a load read in place).
  case countOnly(OpMeta)
  case ifElse(IfPlan, OpMeta)
  case loop(LoopPlan, OpMeta)
  case doWhile(LoopPlan, OpMeta)
  case block(StepList, OpMeta)
  /// `scf.condition`: the i1 register deciding which lanes go round again.
  case condition(Int, OpMeta)
  case breakLoop(OpMeta)
  case continueLoop(OpMeta)
  case returnValue(ReturnPlan, OpMeta)
  case call(CallPlan, OpMeta)
  /// A pure op on uniform operands (Uniformity.swift): the body runs on the first active lane
  /// only, and its result is broadcast to every lane.
  case uniformOp(OpBody, UniformResult, OpMeta)
  /// An `scf.if` on a uniform condition: every active lane takes the same branch.
  case uniformIf(IfPlan, OpMeta)
  /// `scf.condition` on a uniform register: every active lane goes round again, or none does.
  case uniformCondition(Int, OpMeta)
}

extension Step {
  /// The op the step executes, which the profile counts.
  var meta: OpMeta {
    switch self {
    case .op(_, let meta), .countOnly(let meta), .ifElse(_, let meta), .loop(_, let meta),
      .doWhile(_, let meta), .block(_, let meta), .condition(_, let meta), .breakLoop(let meta),
      .continueLoop(let meta), .returnValue(_, let meta), .call(_, let meta),
      .uniformOp(_, _, let meta), .uniformIf(_, let meta), .uniformCondition(_, let meta):
      return meta
    }
  }

  var isCountOnly: Bool {
    if case .countOnly = self { return true }
    return false
  }
}

/// The result register of a uniform op and its kind's byte size.
struct UniformResult {
  let register: Int
  let byteSize: Int
}

/// A value every frame of a launch (or, for block indices, of a block) starts with.
enum FrameInitializer {
  /// The same bits in every lane.
  case bits(register: Int, UInt64)
  case threadIndex(register: Int, dimension: Int)
  case blockDimension(register: Int, dimension: Int)
  case gridDimension(register: Int, dimension: Int)
  case blockIndex(register: Int, dimension: Int)
  /// The address of `__shared__` variable `index` of the program.
  case sharedAddress(register: Int, index: Int)
  /// The address of the block's dynamic shared memory.
  case dynamicSharedAddress(register: Int)
  /// The address of the frame's local slot `slot`, per lane.
  case localAddress(register: Int, slot: Int)
  /// The address of the module global `name`.
  case globalAddress(register: Int, name: String)
}

/// A local variable whose address is taken: storage per lane in the frame.
struct LocalSlotInfo {
  let name: String
  let byteCount: Int
  let alignment: Int
  /// The size of its innermost element, the unit of indices in findings.
  let elementSize: Int
}

/// A `__shared__` variable of the program.
struct SharedAllocationInfo {
  let name: String
  let byteCount: Int
  let alignment: Int
  let elementSize: Int
}

/// A compiled function: registers, steps and frame initialisers.
final class CompiledFunction {
  let name: String
  /// Its position in the program, indexing per-worker frame pools.
  let index: Int
  let isKernel: Bool
  let registerKinds: [ScalarKind]
  let parameterLeaves: [[Int]]
  let parameterTypes: [IRType]
  let parameterNames: [String]
  /// Per parameter: whether it is a pointer to const (the kernel does not write through it).
  let parameterIsConst: [Bool]
  let resultLeaves: [Int]
  let steps: StepList
  /// Every step of the function, keeping the unmanaged step lists alive.
  let nodes: [StepNode]
  let launchInitializers: [FrameInitializer]
  let blockInitializers: [FrameInitializer]
  let localSlots: [LocalSlotInfo]

  init(
    name: String, index: Int, isKernel: Bool, registerKinds: [ScalarKind],
    parameterLeaves: [[Int]], parameterTypes: [IRType], parameterNames: [String],
    parameterIsConst: [Bool], resultLeaves: [Int], steps: StepList, nodes: [StepNode],
    launchInitializers: [FrameInitializer],
    blockInitializers: [FrameInitializer], localSlots: [LocalSlotInfo]
  ) {
    self.name = name
    self.index = index
    self.isKernel = isKernel
    self.registerKinds = registerKinds
    self.parameterLeaves = parameterLeaves
    self.parameterTypes = parameterTypes
    self.parameterNames = parameterNames
    self.parameterIsConst = parameterIsConst
    self.resultLeaves = resultLeaves
    self.steps = steps
    self.nodes = nodes
    self.launchInitializers = launchInitializers
    self.blockInitializers = blockInitializers
    self.localSlots = localSlots
  }
}

/// What a launch needs of the program: the kernel, everything it calls, and the tables.
struct KernelProgram {
  let module: Module
  let kernel: CompiledFunction
  /// Every compiled function so far, by `CompiledFunction.index`.
  let functions: [CompiledFunction]
  let records: [OpRecord]
  let lineNames: [String]
  let shared: [SharedAllocationInfo]
  /// The element size of the kernel's dynamic shared memory (1 when it has none).
  let dynamicSharedElementSize: Int
  /// The module globals whose address the functions take.
  let globals: [String]
  /// Whether the kernel or a callee uses a device- or system-scope fence, which signals
  /// inter-block communication: cross-block global races are then not reported.
  let usesDeviceFence: Bool
  /// Whether the kernel or a callee runs Ascend target ops: its pipes are then checked for
  /// hazards (PipeHazards.swift).
  let checksPipes: Bool
  /// Whether the program was compiled for grouped blocks and the kernel allows them
  /// (BlockGroups.swift).
  let groupsBlocks: Bool
  let layouts: TypeLayouts
}
