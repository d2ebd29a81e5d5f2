// The one list of every pass kport has, grouped, and the named pipelines. No reflection: a new
// pass is added here by hand.

import KIR

/// The passes and named pipelines a pipeline string may use.
public struct PassRegistry: Sendable {
  /// Every pass type, in the order `kport passes` lists them.
  public let passes: [any Pass.Type]
  /// Named pipelines, expanded where their name appears in a pipeline string.
  public let namedPipelines: [NamedPipeline]

  public init(passes: [any Pass.Type], namedPipelines: [NamedPipeline]) {
    self.passes = passes
    self.namedPipelines = namedPipelines
  }

  /// kport's passes and pipelines.
  public static let standard = PassRegistry(
    passes: [
      // transform: IR -> IR cleanups, valid at every level
      Inline.self,
      Canonicalize.self,
      CommonSubexpressionElimination.self,
      DeadCodeElimination.self,
      InferAddressSpaces.self,
      ScalarizeVectorMath.self,
      // lowering: from one IR level to the next
      GlobalsToParameters.self,
      SimtToSpmd.self,
      FoldWarpButterflies.self,
      FlattenVectorElements.self,
      SplitThreadLoops.self,
      StageAccumulators.self,
      TileGlobalAccess.self,
      StageGlobalAccess.self,
      VectorizeThreadLoops.self,
      Vectorize.self,
      NarrowThreadLoops.self,
    ],
    namedPipelines: [
      NamedPipeline(
        name: "cleanup", pipeline: "inline,canonicalize,cse,canonicalize,dce",
        summary: "Inline device functions, fold and simplify, merge duplicates and drop dead code."),
      NamedPipeline(
        name: "bang",
        pipeline: "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=bang},fold-warp-butterflies,flatten-vector-elements,split-thread-loops,stage-accumulators{target=bang},tile-global-access{target=bang},stage-global-access{target=bang},vectorize{target=bang},vectorize-thread-loops{target=bang},narrow-thread-loops,canonicalize,cse,canonicalize,dce",
        summary: "The default pipeline of the BANG C target (kport convert/verify --target bang)."),
      NamedPipeline(
        name: "bang-scalar",
        pipeline: "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=bang},canonicalize,cse,canonicalize,dce",
        summary: "The BANG C pipeline without tiling and vectorisation: every kernel in its scalar form (the baseline fast ports are measured against)."),
      NamedPipeline(
        name: "ascendc",
        pipeline: "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=ascendc},fold-warp-butterflies,flatten-vector-elements,split-thread-loops,stage-accumulators{target=ascendc},tile-global-access{target=ascendc},stage-global-access{target=ascendc},vectorize{target=ascendc},vectorize-thread-loops{target=ascendc},narrow-thread-loops,canonicalize,cse,canonicalize,dce",
        summary: "The default pipeline of the Ascend C target (kport convert/verify --target ascendc)."),
      NamedPipeline(
        name: "ascendc-scalar",
        pipeline: "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=ascendc},canonicalize,cse,canonicalize,dce",
        summary: "The Ascend C pipeline without tiling and vectorisation: every kernel in its scalar form (the baseline fast ports are measured against)."),
    ])

  /// The facts of the pass named `name`.
  public func info(named name: String) -> PassInfo? { passType(named: name)?.info }

  /// The pass type named `name`.
  public func passType(named name: String) -> (any Pass.Type)? { passes.first { $0.info.name == name } }

  /// The pipeline string of the named pipeline `name`.
  public func namedPipeline(_ name: String) -> String? { namedPipelines.first { $0.name == name }?.pipeline }

  /// The names of the named pipelines.
  public var pipelineNames: [String] { namedPipelines.map(\.name) }

  /// A new instance of the pass an element names.
  public func instantiate(_ element: PipelineElement) -> (any Pass)? {
    passType(named: element.info.name).map { $0.init(options: element.options) }
  }
}

/// A pipeline with a name, usable wherever a pass name is.
public struct NamedPipeline: Hashable, Sendable {
  public let name: String
  /// The pipeline string the name expands to.
  public let pipeline: String
  public let summary: String

  public init(name: String, pipeline: String, summary: String) {
    self.name = name
    self.pipeline = pipeline
    self.summary = summary
  }
}
