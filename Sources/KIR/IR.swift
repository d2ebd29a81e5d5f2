// The in-memory IR: values, operations, regions, functions and the module that holds them.
//
// KIR is a tree of structured control flow: a function's body is a region, a region a list of
// operations, and ops such as `scf.if` own regions of their own. Values are SSA: defined once,
// by an op result or a region argument, and used by later ops in the same or a nested region.
//
// The classes are references so that passes can rewrite in place. A module is owned by one
// thread at a time; hence `@unchecked Sendable`, so a finished module can be handed on.

/// An SSA value: an op result, a function parameter or a region argument.
public final class Value: Hashable, @unchecked Sendable {
  public let type: IRType
  /// The source-level name (a CUDA variable or parameter), kept for readable IR and emitted code.
  public var name: String?
  /// The op whose result this is; nil for parameters and region arguments.
  public internal(set) weak var definingOp: Operation?

  public init(type: IRType, name: String? = nil) {
    self.type = type
    self.name = name
  }

  public static func == (lhs: Value, rhs: Value) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// One operation: an opcode, operands, results, attributes, nested regions and a location.
public final class Operation: @unchecked Sendable {
  public let opcode: Opcode
  public var operands: [Value]
  public private(set) var results: [Value]
  public var attributes: [String: Attribute]
  public var regions: [Region]
  public var location: Location

  /// Makes an op; its results are new values of `resultTypes`.
  public init(
    _ opcode: Opcode, operands: [Value] = [], resultTypes: [IRType] = [],
    resultNames: [String?] = [], attributes: [String: Attribute] = [:], regions: [Region] = [],
    location: Location
  ) {
    self.opcode = opcode
    self.operands = operands
    self.attributes = attributes
    self.regions = regions
    self.location = location
    self.results = []
    self.results = resultTypes.enumerated().map { index, type in
      let value = Value(type: type, name: index < resultNames.count ? resultNames[index] : nil)
      value.definingOp = self
      return value
    }
  }

  /// The single result of an op that has exactly one.
  public var result: Value? { results.count == 1 ? results[0] : nil }

  /// The static facts about this op.
  public var info: OpInfo { opcode.info }

  /// Whether the op has no side effects.
  public var isPure: Bool { info.effects.contains(.pure) }
}

/// A list of operations with optional arguments; the body of a function or control-flow op.
public final class Region: @unchecked Sendable {
  public var arguments: [Value]
  public var operations: [Operation]

  public init(arguments: [Value] = [], operations: [Operation] = []) {
    self.arguments = arguments
    self.operations = operations
  }

  /// Whether the region holds no operations.
  public var isEmpty: Bool { operations.isEmpty }

  /// Calls `visit` for every op in this region and in the regions nested in it, in order.
  public func walk(_ visit: (Operation) throws -> Void) rethrows {
    for op in operations {
      try visit(op)
      for region in op.regions { try region.walk(visit) }
    }
  }
}

/// Whether a function is a kernel or a device function.
public enum FunctionKind: String, Hashable, Sendable, CaseIterable {
  /// A `__global__` function: the entry point of a launch.
  case kernel
  /// A `__device__` function called from kernels.
  case device
}

/// A parameter of a function: its value and its qualifiers.
public struct Parameter: @unchecked Sendable {
  public var value: Value
  /// `restrict`, `const` (pointee is const), `by_value` (a struct copied in) and the like.
  public var attributes: [String: Attribute]

  public init(value: Value, attributes: [String: Attribute] = [:]) {
    self.value = value
    self.attributes = attributes
  }
}

/// A kernel or device function.
public final class Function: @unchecked Sendable {
  /// The symbol name: the CUDA name, with template arguments for an instantiation
  /// (`reduce<float, 256>`).
  public var name: String
  public var kind: FunctionKind
  public var parameters: [Parameter]
  public var resultType: IRType
  /// `launch_bounds`, `template_args`, `forceinline`, `source_name` and the like.
  public var attributes: [String: Attribute]
  public var body: Region
  public var location: Location

  public init(
    name: String, kind: FunctionKind, parameters: [Parameter] = [], resultType: IRType = .void,
    attributes: [String: Attribute] = [:], body: Region = Region(), location: Location
  ) {
    self.name = name
    self.kind = kind
    self.parameters = parameters
    self.resultType = resultType
    self.attributes = attributes
    self.body = body
    self.location = location
  }
}

/// A struct type declared at module level.
public struct StructDecl: Hashable, Sendable {
  public struct Field: Hashable, Sendable {
    public var name: String
    public var type: IRType
    public init(name: String, type: IRType) {
      self.name = name
      self.type = type
    }
  }

  public var name: String
  public var fields: [Field]
  public var location: Location

  public init(name: String, fields: [Field], location: Location) {
    self.name = name
    self.fields = fields
    self.location = location
  }
}

/// A module-level variable: `__device__` (space `global`) or `__constant__` (space `constant`).
public struct GlobalVariable: Hashable, Sendable {
  public var name: String
  public var space: AddressSpace
  public var type: IRType
  /// The initial value: a scalar attribute, or an array of them for arrays and structs.
  public var initializer: Attribute?
  public var location: Location

  public init(
    name: String, space: AddressSpace, type: IRType, initializer: Attribute? = nil,
    location: Location
  ) {
    self.name = name
    self.space = space
    self.type = type
    self.initializer = initializer
    self.location = location
  }
}

/// A position in a source file: line and column (1-based) and byte offset (0-based).
public struct SourcePosition: Hashable, Sendable {
  public var line: Int
  public var column: Int
  public var offset: Int
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }
}

/// A half-open range of source text in one file, for rewriting host code in place.
public struct SourceRange: Hashable, Sendable {
  public var path: String
  public var start: SourcePosition
  public var end: SourcePosition
  public init(path: String, start: SourcePosition, end: SourcePosition) {
    self.path = path
    self.start = start
    self.end = end
  }
}

/// What a host-side record is about.
public enum HostRecordKind: String, Hashable, Sendable, CaseIterable {
  /// A kernel launch `k<<<grid, block, shmem, stream>>>(args)`.
  case launch
  /// A call of a CUDA runtime API function (`cudaMalloc`, `cudaMemcpy`, …).
  case runtimeCall = "runtime_call"
  /// A use of a CUDA runtime type (`cudaStream_t`, `dim3`, …).
  case type
  /// A use of a CUDA macro (`CUDA_CHECK`, `checkCudaErrors`, …).
  case macro
  /// An `#include` of a CUDA header.
  case include
  /// A use of a CUDA runtime enumerator or constant (`cudaMemcpyHostToDevice`, `cudaSuccess`).
  case enumerator = "enum"
  /// A file-scope device definition the back end replaces by its emitted kernels: a
  /// `__global__` or `__device__` function (or template, or explicit instantiation), a
  /// `__shared__`/`__device__`/`__constant__` variable, or a namespace alias or using-directive
  /// of a CUDA device namespace. The range covers the whole declaration, `;` included.
  case deviceCode = "device_code"
}

/// A CUDA construct in host code, recorded with its exact source range so that a back end can
/// rewrite it in place. Host code itself is never lowered to KIR.
public struct HostRecord: Hashable, Sendable {
  public var kind: HostRecordKind
  /// The kernel, function, type, macro or header named.
  public var name: String
  public var range: SourceRange
  /// For a launch: `grid`, `block`, `shared`, `stream` (source text), `args` (array of source
  /// text), `template_args`; for a call, `args`. A record spelled inside the body of a macro
  /// defined in the main file carries `in_macro` (the macro's name): its range is then the
  /// spelling in the `#define`, rewritten once for all expansions.
  public var attributes: [String: Attribute]

  public init(
    kind: HostRecordKind, name: String, range: SourceRange, attributes: [String: Attribute] = [:]
  ) {
    self.kind = kind
    self.name = name
    self.range = range
    self.attributes = attributes
  }
}

/// A translation unit's worth of KIR.
public final class Module: @unchecked Sendable {
  /// The source file the module came from, if any.
  public var sourcePath: String?
  public var structs: [StructDecl]
  public var globals: [GlobalVariable]
  public var functions: [Function]
  public var hostRecords: [HostRecord]

  public init(
    sourcePath: String? = nil, structs: [StructDecl] = [], globals: [GlobalVariable] = [],
    functions: [Function] = [], hostRecords: [HostRecord] = []
  ) {
    self.sourcePath = sourcePath
    self.structs = structs
    self.globals = globals
    self.functions = functions
    self.hostRecords = hostRecords
  }

  /// The function named `name`, if any.
  public func function(named name: String) -> Function? { functions.first { $0.name == name } }

  /// The struct declaration named `name`, if any.
  public func structDecl(named name: String) -> StructDecl? { structs.first { $0.name == name } }

  /// The global variable named `name`, if any.
  public func global(named name: String) -> GlobalVariable? { globals.first { $0.name == name } }
}
