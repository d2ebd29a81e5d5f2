// A batch ports each file to every target from one translation (TranslatedSource): the ports
// must be byte for byte those of `kport convert`, which translates once per target. Samples
// with templates, structs, half precision, cooperative groups and constant memory exercise the
// module copy (print with locations, parse back) the first target's port works on.
import Foundation
import Frontend
import Targets
import Testing
@testable import Driver

@Suite struct SharedTranslationTests {
  @Test(arguments: ["template_kernel", "struct_args", "half_precision", "coop_groups_reduce", "constant_memory"])
  func portsFromOneTranslationEqualSeparateConversions(_ sample: String) {
    let path = repositoryRoot.appendingPathComponent("samples/\(sample).cu").path
    let (translated, failure) = translateForPort(path: path, frontend: FrontendOptions(), ruleFiles: [])
    guard let translated else {
      Issue.record("\(sample) did not translate: \(failure.diagnostics)")
      return
    }
    for (index, target) in TargetKind.allCases.enumerated() {
      let options = ConvertOptions(target: target)
      let shared = translated.port(to: options, last: index == TargetKind.allCases.count - 1)
      let separate = convert(path: path, options: options)
      #expect(shared.text == separate.text, "\(sample) → \(target)")
      #expect(shared.diagnostics == separate.diagnostics, "\(sample) → \(target)")
      #expect(shared.inventory?.constructs == separate.inventory?.constructs)
    }
  }
}
