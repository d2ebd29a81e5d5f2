// inline: replaces `func.call` ops by the callee's body.
//
// Invariants. Before: a verified module (calls name device functions, argument and result
// types match). After: no `func.call` to a non-recursive callee remains in the functions it
// ran on (with `mode=barriers`, none to a callee that holds a barrier or warp op, directly or
// through its own calls); callees stay defined (`dce` removes the unused ones). Recursive calls
// are left alone with a warning (KP3003). Semantics are unchanged: parameters become the call's
// arguments, the callee's allocas are hoisted to the caller's entry (one slot per thread, as
// before), and a return that is not the callee's last op becomes a store of the result plus an
// `scf.break` out of an `scf.block` wrapped around the inlined body; a return inside a loop
// also sets a flag that each enclosing loop checks on exit.
//
// Before:
//   device @square(%x: f32) -> f32 {
//     %y = arith.mul %x, %x : f32
//     func.return %y
//   }
//   ... %r = func.call @square %v : f32
// After:
//   ... %y = arith.mul %v, %v : f32        (uses of %r now use %y)

import KIR

/// Inlines device function calls.
public struct Inline: Pass {
  public static let info = PassInfo(
    name: "inline", group: .transform,
    summary: "Replace device function calls by the callee's body.",
    options: [
      PassOptionInfo(
        "mode", .choice(["all", "barriers"]), default: "all",
        "all: every call; barriers: only calls of functions that hold a barrier or a warp op")
    ])

  let onlyBarriers: Bool

  public init(options: PassOptions) { onlyBarriers = options.choice("mode") == "barriers" }

  public func run(on module: Module, context: PassContext) {
    let graph = CallGraph(module)
    let recursive = graph.recursiveFunctions()
    var done: Set<String> = []
    // Callees first, so that each inlined body is already free of calls.
    for name in graph.postOrder() {
      guard let function = module.function(named: name), !done.contains(name) else { continue }
      done.insert(name)
      var inliner = FunctionInliner(
        module: module, caller: function, recursive: recursive, onlyBarriers: onlyBarriers, context: context)
      inliner.inlineCalls(in: function.body)
      inliner.hoistAllocas()
    }
  }
}

/// Which function calls which, by name.
struct CallGraph {
  let callees: [String: [String]]
  let order: [String]

  init(_ module: Module) {
    var callees: [String: [String]] = [:]
    for function in module.functions {
      var names: [String] = []
      function.body.walk { op in
        if op.opcode == .call, let callee = op.attributes["callee"]?.symbolValue, !names.contains(callee) {
          names.append(callee)
        }
      }
      callees[function.name] = names
    }
    self.callees = callees
    order = module.functions.map(\.name)
  }

  /// Every function, each after the functions it calls (cycles broken arbitrarily).
  func postOrder() -> [String] {
    var visited: Set<String> = []
    var result: [String] = []
    func visit(_ name: String) {
      guard visited.insert(name).inserted else { return }
      for callee in callees[name] ?? [] { visit(callee) }
      result.append(name)
    }
    for name in order { visit(name) }
    return result
  }

  /// The functions that can reach themselves through calls.
  func recursiveFunctions() -> Set<String> {
    var result: Set<String> = []
    for name in order {
      var seen: Set<String> = []
      var work = callees[name] ?? []
      while let next = work.popLast() {
        if next == name {
          result.insert(name)
          break
        }
        if seen.insert(next).inserted { work += callees[next] ?? [] }
      }
    }
    return result
  }
}

/// Inlines the calls inside one function.
struct FunctionInliner {
  let module: Module
  let caller: Function
  let recursive: Set<String>
  let onlyBarriers: Bool
  let context: PassContext
  /// Allocas taken out of inlined bodies, to be placed at the caller's entry.
  var hoisted: [Operation] = []

  init(module: Module, caller: Function, recursive: Set<String>, onlyBarriers: Bool, context: PassContext) {
    self.module = module
    self.caller = caller
    self.recursive = recursive
    self.onlyBarriers = onlyBarriers
    self.context = context
  }

  mutating func inlineCalls(in region: Region) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      for inner in op.regions { inlineCalls(in: inner) }
      guard op.opcode == .call, let name = op.attributes["callee"]?.symbolValue,
        let callee = module.function(named: name), shouldInline(callee, call: op)
      else {
        index += 1
        continue
      }
      let replacement = inline(callee, call: op)
      region.operations.replaceSubrange(index...index, with: replacement.operations)
      if let result = op.result, let value = replacement.result { replaceUses([result: value], in: caller.body) }
      context.count("calls inlined")
      index += replacement.operations.count
    }
  }

  private func shouldInline(_ callee: Function, call: Operation) -> Bool {
    if recursive.contains(callee.name) {
      context.report(
        .warning(.recursionNotInlined, "recursive call of '\(callee.name)' is not inlined", at: call.location))
      return false
    }
    guard onlyBarriers else { return true }
    return callee.body.contains { $0.info.effects.contains(.convergent) }
  }

  /// The ops that replace `call`, and the value that replaces its result.
  private mutating func inline(_ callee: Function, call: Operation) -> (operations: [Operation], result: Value?) {
    var cloner = Cloner(mapping: Dictionary(uniqueKeysWithValues: zip(callee.parameters.map(\.value), call.operands)))
    let body = cloner.clone(callee.body)
    extractAllocas(from: body)
    let builder = Builder(region: Region(), location: call.location)
    // The common case: one return, at the end of the body.
    let returns = countReturns(in: body)
    if returns == 0 { return (body.operations, nil) }
    if returns == 1, let last = body.operations.last, last.opcode == .return {
      body.operations.removeLast()
      return (body.operations, last.operands.first)
    }
    let slot = callee.resultType == .void ? nil : newAlloca(callee.resultType, name: "\(callee.name).result", at: call.location)
    let needsFlag = returnsInsideBreakable(body, nested: false)
    let flag = needsFlag ? newAlloca(.bool, name: "\(callee.name).returned", at: call.location) : nil
    if let flag {
      let no = builder.constant(int: 0, .bool)
      builder.create(.store, [no, flag])
    }
    // The final return only stores its value: falling out of the block needs no flag or break.
    let finalReturn = body.operations.last?.opcode == .return ? body.operations.removeLast() : nil
    rewriteReturns(in: body, slot: slot, flag: flag)
    if let finalReturn, let slot, let value = finalReturn.operands.first {
      Builder(region: body, location: finalReturn.location).create(.store, [value, slot])
    }
    builder.create(.block, regions: [body])
    let result = slot.map { builder.value(.load, [$0], type: callee.resultType) }
    return (builder.region.operations, result)
  }

  private mutating func newAlloca(_ type: IRType, name: String, at location: Location) -> Value {
    let op = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: type)], resultNames: [name], location: location)
    hoisted.append(op)
    return op.results[0]
  }

  /// Moves every alloca of an inlined body to the hoisting list.
  private mutating func extractAllocas(from region: Region) {
    region.operations.removeAll { op in
      guard op.opcode == .alloca else { return false }
      hoisted.append(op)
      return true
    }
    for op in region.operations {
      for inner in op.regions { extractAllocas(from: inner) }
    }
  }

  /// Puts the hoisted allocas after the caller's leading allocas.
  func hoistAllocas() {
    guard !hoisted.isEmpty else { return }
    let body = caller.body
    let position = body.operations.firstIndex { $0.opcode != .alloca } ?? body.operations.count
    body.operations.insert(contentsOf: hoisted, at: position)
  }
}
