// Pipeline strings: parsing, defaults, named pipelines, and every kind of error with its column.
import KIR
import Testing
@testable import Passes

@Suite struct PipelineParserTests {
  private func parse(_ text: String) -> Result<PassPipeline, Diagnostic> { PassPipeline.parse(text) }

  @Test func defaultsAreFilledAndSpelledOut() throws {
    let pipeline = try parse("inline, canonicalize{max-iterations=3} ,dce").get()
    #expect(pipeline.elements.map(\.info.name) == ["inline", "canonicalize", "dce"])
    #expect(pipeline.description == "inline{mode=all},canonicalize{max-iterations=3,fold-floats=true},dce")
    // The spelled-out form reads back to itself.
    #expect(try parse(pipeline.description).get() == pipeline)
  }

  @Test func namedPipelinesExpand() throws {
    let pipeline = try parse("cleanup,dce").get()
    #expect(pipeline.elements.map(\.info.name) == ["inline", "canonicalize", "cse", "canonicalize", "dce", "dce"])
  }

  @Test(arguments: [
    ("", 1, "the pipeline is empty"),
    ("inlne", 1, "unknown pass 'inlne'; did you mean 'inline'?"),
    ("inline,,dce", 8, "expected a pass name, found ','"),
    ("inline dce", 8, "expected ',' or the end of the pipeline, found 'd'"),
    ("canonicalize{max-iteration=2}", 14, "has no option 'max-iteration'; did you mean 'max-iterations'?"),
    ("dce{x=1}", 5, "pass 'dce' has no option 'x'; it takes none"),
    ("canonicalize{max-iterations=0}", 29, "takes integer in 1...100, not '0'"),
    ("canonicalize{fold-floats=yes}", 26, "takes true|false, not 'yes'"),
    ("inline{mode=some}", 13, "takes all|barriers, not 'some'"),
    ("inline{mode=all,mode=all}", 17, "option 'mode' of pass 'inline' is given twice"),
    ("inline{mode all}", 13, "expected '=' after option 'mode'"),
    ("inline{mode=all", 16, "expected '}' to close the options of 'inline'"),
    ("cleanup{x=1}", 8, "the named pipeline 'cleanup' takes no options"),
    ("dce;", 4, "expected ',' or the end of the pipeline, found ';'"),
  ])
  func errorsAreLocated(text: String, column: Int, message: String) {
    guard case let .failure(diagnostic) = parse(text) else {
      Issue.record("'\(text)' parsed")
      return
    }
    #expect(diagnostic.id == .badPipeline)
    #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
    #expect(diagnostic.location.filePosition?.column == column, "\(text): \(diagnostic.location)")
  }

  @Test func cyclicNamedPipelinesAreRefused() {
    let registry = PassRegistry(
      passes: PassRegistry.standard.passes,
      namedPipelines: [NamedPipeline(name: "loop", pipeline: "dce,loop", summary: "refers to itself")])
    guard case let .failure(diagnostic) = PassPipeline.parse("loop", registry: registry) else {
      Issue.record("a cyclic named pipeline parsed")
      return
    }
    #expect(diagnostic.message.contains("expands to itself"))
  }
}
