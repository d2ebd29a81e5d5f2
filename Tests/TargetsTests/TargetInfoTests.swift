import KIR
import Targets
import XCTest

final class TargetInfoTests: XCTestCase {
  func testCapacitiesFollowTheTargetFacts() {
    XCTAssertEqual(TargetKind.bang.info.onChipCapacity, 655_360)  // targets.md A5: MAX_NRAM_SIZE
    XCTAssertEqual(TargetKind.ascendc.info.onChipCapacity, 188_160)
    XCTAssertEqual(TargetKind.bang.info.onChipSpace, .nram)
    XCTAssertEqual(TargetKind.ascendc.info.globalSpace, .gm)
    XCTAssertEqual(Set(TargetKind.allCases.map(\.info.fileExtension)), ["mlu", "asc"])
  }
}
