// Lookup of machines by name and user machine files (`--machine-file`): a new machine, a
// replacement of a bundled one, an adjustment with `extends`, and the errors around them.
import KIR
import Testing

@testable import Cost

@Suite struct MachineCatalogTests {
  @Test func lookupByNameSuggestsTheClosest() {
    switch bundled.0.machine(named: "mlu370x8") {
    case .success: Issue.record("found a machine that does not exist")
    case let .failure(diagnostic):
      #expect(diagnostic.id == .machineUnknownMachine)
      #expect(diagnostic.message.contains("did you mean 'mlu370-x8'?"))
    }
  }

  @Test func userFileAddsAMachine() throws {
    let (catalog, diagnostics) = loadUser([("user/toy.machine", minimalMachine(name: "toy"))])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    #expect(catalog.names.contains("toy"))
    #expect(catalog.names.contains("ascend910b2"))
  }

  @Test func userFileReplacesABundledMachine() throws {
    let text = minimalMachine(name: "mlu370-x8")
    let (catalog, diagnostics) = loadUser([("user/mine.machine", text)])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    let replaced = try catalog.machine(named: "mlu370-x8").get()
    #expect(replaced.title == "Toy")
    #expect(replaced.files == ["user/mine.machine"])
  }

  @Test func userFileAdjustsABundledMachineWithExtends() throws {
    let text = """
      // My MLU370-X8 measures 550 GB/s.
      machine = mlu370-x8
      extends = mlu370-x8

      [offchip]
      bandwidth = 550 GB/s     // [src] measured with a copy kernel on our card
      """
    let (catalog, diagnostics) = loadUser([("user/x8.machine", text)])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    let adjusted = try catalog.machine(named: "mlu370-x8").get()
    #expect(adjusted.offChip.bandwidth == 550e9)
    #expect(adjusted.compute.clock == 1300e6)
    #expect(adjusted.provenance["offchip.bandwidth"]?.source == "measured with a copy kernel on our card")
    #expect(adjusted.files.last == "user/x8.machine")
  }

  @Test func userFileDerivesANewMachine() throws {
    let text = """
      machine = ascend910b4
      title = "Huawei Ascend 910B4"
      extends = ascend910b3

      [offchip]
      size = 32 GiB            // [src] targets.md B14: 910B4 32 GB HBM
      """
    let (catalog, diagnostics) = loadUser([("user/b4.machine", text)])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    let b4 = try catalog.machine(named: "ascend910b4").get()
    #expect(b4.compute.clusters == 20)
    #expect(b4.offChip.size == 32 << 30)
    #expect(b4.files.count == 3)
    #expect(try catalog.machine(named: "ascend910b3").get().offChip.size == 64 << 30)
  }

  @Test func extendsUnknownMachine() {
    let text = "machine = x\nextends = ascend910b9\n"
    let (_, diagnostics) = loadUser([("user/x.machine", text)])
    #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    #expect(diagnostics.first?.id == .machineUnknownMachine)
    #expect(diagnostics.first?.location.filePosition?.line == 2)
    #expect(diagnostics.first?.message.contains("did you mean") == true)
  }

  @Test func extendsCycleIsReported() {
    let (_, diagnostics) = loadUser([
      ("user/a.machine", "machine = a\nextends = b\n"), ("user/b.machine", "machine = b\nextends = a\n"),
    ])
    #expect(diagnostics.contains { $0.id == .machineExtendsCycle }, "\(describe(diagnostics))")
  }

  @Test func duplicateUserMachineIsReported() {
    let (_, diagnostics) = loadUser([
      ("user/a.machine", minimalMachine(name: "toy")), ("user/b.machine", minimalMachine(name: "toy")),
    ])
    #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    #expect(diagnostics.first?.id == .machineNameConflict)
  }

  @Test func bundledFileNameMustMatchMachine() {
    let (_, diagnostics) = MachineCatalog.load([
      MachineSource(path: "machines/other.machine", text: minimalMachine(name: "toy"), isUser: false)
    ])
    #expect(diagnostics.first?.id == .machineNameConflict)
  }

  @Test func unreadableUserFile() {
    let (_, diagnostics) = MachineCatalog.bundled(extendedWith: ["/nonexistent/x.machine"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.id == .machineUnreadable)
  }

  @Test func catalogIDsAreInTheRange() {
    let codes = DiagnosticID.all.map(\.code).filter { $0.hasPrefix("KP80") }
    #expect(codes.count == 13)
    #expect(codes.allSatisfy { (8001...8099).contains(Int($0.dropFirst(2)) ?? 0) })
    #expect(DiagnosticID.lookup("KP8002")?.name == "machine-unknown-key")
  }
}
