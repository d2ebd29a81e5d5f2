// globals-to-parameters: the module variables a kernel uses (`__constant__`, `__device__`)
// become kernel parameters. The targets have no device symbols that host code can fill
// (targets.md A2, B2), so the port passes each variable as a buffer; the host rewriter allocates
// it, fills it from the variable's initial value and from cudaMemcpyToSymbol, and passes it at
// every launch (docs/host-rewriting.md). The interpreter binds such a parameter (attribute
// `symbol`) to the variable's own storage, so `--symbol` launch arguments still fill it.
//
// Invariants. Before: a verified module, calls inlined into kernels. After: no kernel has a
// `mem.global_address`; each variable it used is a parameter `%NAME: ptr<SPACE, T> {symbol = @NAME}`
// after the original ones, in order of first use. Device functions are left as they are.
//
// Before:
//   kernel @k(%out: ptr<global, f32>) {
//     %t = mem.global_address @taps : ptr<constant, array<4 x f32>>
//   ...
// After:
//   kernel @k(%out: ptr<global, f32>, %taps: ptr<constant, array<4 x f32>> {symbol = @taps}) {
//   ...

import KIR

/// Turns module variables into kernel parameters.
public struct GlobalsToParameters: Pass {
  public static let info = PassInfo(
    name: "globals-to-parameters", group: .lowering,
    summary: "Module variables (__constant__, __device__) a kernel uses become buffer parameters.")

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.functions where function.kind == .kernel {
      var parameters: [String: Value] = [:]
      var order: [String] = []
      var replacements: [Value: Value] = [:]
      function.body.walk { op in
        guard op.opcode == .globalAddress, let name = op.attributes["symbol"]?.symbolValue,
          let result = op.result
        else { return }
        if parameters[name] == nil {
          parameters[name] = Value(type: result.type, name: name)
          order.append(name)
        }
        replacements[result] = parameters[name]
      }
      guard !order.isEmpty else { continue }
      replaceUses(replacements, in: function.body)
      removeAddresses(from: function.body)
      for name in order {
        guard let value = parameters[name] else { continue }
        function.parameters.append(Parameter(value: value, attributes: ["symbol": .symbol(name)]))
      }
      context.count("variables passed as parameters", order.count)
    }
  }

  private func removeAddresses(from region: Region) {
    region.operations.removeAll { $0.opcode == .globalAddress }
    for op in region.operations { op.regions.forEach(removeAddresses) }
  }
}
