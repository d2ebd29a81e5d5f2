// What kport's CUDA runtime (KportCudaRuntime) takes from the driver: a launch's arguments
// completed as `kport run` completes them (the launch parameters and globals of a port at the
// SPMD level), the cost model's estimate of a launch, and findings as diagnostics.

import Cost
import Interpreter
import KIR

/// A launch of a kernel from a host program, ready for the interpreter.
public struct HostLaunch {
  public var configuration: LaunchConfiguration
  public var arguments: [KernelArgument]
}

/// Completes the arguments the host passed (one per parameter that is neither a launch
/// parameter nor a module variable) into the kernel's, and the launch configuration. A port at
/// the SPMD level (docs/spmd.md) runs as min(blocks, `tasks`) tasks of one thread with the grid
/// and block in its six launch parameters, as `kport verify` runs it.
/// - Throws: `LaunchSpecError` when the launch does not fit the kernel.
public func completeHostLaunch(
  function: Function, module: Module, memory: DeviceMemory, grid: Dim3, block: Dim3, sharedBytes: Int,
  hostArguments: [KernelArgument], tasks: Int
) throws -> HostLaunch {
  let isSPMD = function.declaredLevel != nil
  let launchParameters = function.parameters.filter { isSPMD && $0.attributes["launch"]?.boolValue == true }
  var remaining = hostArguments[...]
  var arguments: [KernelArgument] = []
  for parameter in function.parameters.dropLast(launchParameters.count) {
    if let symbol = parameter.attributes["symbol"]?.symbolValue {
      arguments.append(.buffer(memory.globalBuffer(named: symbol, in: module), offsetElements: 0))
      continue
    }
    guard let next = remaining.popFirst() else {
      throw LaunchSpecError("kernel '\(function.name)' takes more arguments than the launch gives")
    }
    arguments.append(next)
  }
  var configuration = LaunchConfiguration(grid: grid, block: block, dynamicSharedBytes: sharedBytes)
  guard isSPMD else { return HostLaunch(configuration: configuration, arguments: arguments) }
  guard launchParameters.count == 6 else {
    throw LaunchSpecError("kernel '\(function.name)' is at the SPMD level but lacks its six launch parameters")
  }
  if sharedBytes > 0 {
    let reserved = dynamicSharedReserve(of: function, module: module)
    guard sharedBytes <= reserved else {
      throw LaunchSpecError("the launch asks for \(sharedBytes) bytes of dynamic shared memory; the port reserves \(reserved) (simt-to-spmd{max-dynamic-shared=...})")
    }
  }
  arguments += [grid.x, grid.y, grid.z, block.x, block.y, block.z].map { .int(Int64($0)) }
  configuration = LaunchConfiguration(grid: Dim3(max(1, min(grid.count, tasks))), block: Dim3(1))
  return HostLaunch(configuration: configuration, arguments: arguments)
}

/// The cost model's estimate, in seconds, of a launch that ran `result` on `machine`: a CUDA
/// kernel as the GPU runs it over `tasks` blocks, a port as the chip runs it over `tasks` tasks
/// (as `kport report` prices them).
public func estimatedSeconds(of result: LaunchResult, tasks: Int, isPort: Bool, machine: Machine) -> Double {
  let work =
    isPort
    ? portWorkProfile(result.profile.total, tasks: tasks) : cudaWorkProfile(result.profile.total, tasks: tasks)
  return CostModel.estimate(work, on: machine).seconds
}

/// A sanitizer finding as a located diagnostic with its catalogue ID.
public func findingDiagnostic(_ finding: Finding) -> Diagnostic { diagnostic(for: finding) }
