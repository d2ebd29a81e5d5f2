// Runs a sample's launches in the interpreter and its independent C++ reference (compiled with
// the system g++) on the same inputs, and compares every buffer: exactly for integers, within the
// tolerance the reference file states (`// kport-tolerance LAUNCH: rtol=R atol=A`) for floats.
import Foundation
@testable import Driver

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A comparison tolerance: |kport - reference| <= atol + rtol * |reference|.
struct Tolerance {
  var relative: Double
  var absolute: Double
  static let exact = Tolerance(relative: 0, absolute: 0)
}

/// The tolerance lines of a reference file, by launch name.
func tolerances(in reference: String) -> [String: Tolerance] {
  var out: [String: Tolerance] = [:]
  for line in reference.split(separator: "\n") {
    guard let range = line.range(of: "kport-tolerance ") else { continue }
    let rest = line[range.upperBound...]
    guard let colon = rest.firstIndex(of: ":") else { continue }
    let launch = rest[..<colon].trimmingWhitespace()
    var tolerance = Tolerance.exact
    for word in rest[rest.index(after: colon)...].split(separator: " ") {
      if word.hasPrefix("rtol="), let value = Double(word.dropFirst(5)) { tolerance.relative = value }
      if word.hasPrefix("atol="), let value = Double(word.dropFirst(5)) { tolerance.absolute = value }
    }
    out[launch] = tolerance
  }
  return out
}

/// The C++ source of a driver that loads each launch's inputs, calls `ref_<launch>` and writes
/// the buffers back.
func referenceDriver(referencePath: String, outcomes: [LaunchOutcome]) -> String {
  var source = """
    #include <cstdint>
    #include <cstdio>
    #include <cstdlib>
    #include <string>
    #include <vector>
    #include "\(referencePath)"
    namespace kport_driver {
    struct AnyPointer {
      void* address;
      template <class T> operator T*() const { return static_cast<T*>(address); }
    };
    std::vector<unsigned char> load(const std::string& path) {
      std::vector<unsigned char> bytes;
      FILE* file = std::fopen(path.c_str(), "rb");
      if (!file) { std::perror(path.c_str()); std::exit(2); }
      int c;
      while ((c = std::fgetc(file)) != EOF) bytes.push_back((unsigned char)c);
      std::fclose(file);
      bytes.resize(bytes.size() + 64);  // a zero-length buffer still has an address
      return bytes;
    }
    void store(const std::string& path, const std::vector<unsigned char>& bytes, size_t size) {
      FILE* file = std::fopen(path.c_str(), "wb");
      if (!file || std::fwrite(bytes.data(), 1, size, file) != size) { std::perror(path.c_str()); std::exit(2); }
      std::fclose(file);
    }
    }  // namespace kport_driver
    int main(int argc, char** argv) {
      using namespace kport_driver;
      if (argc != 3) return 2;
      std::string launch = argv[1], dir = argv[2];

    """
  for outcome in outcomes {
    source += "  if (launch == \"\(outcome.launch)\") {\n"
    var call: [String] = []
    for (name, value) in outcome.arguments {
      switch value {
      case let .scalar(text): call.append(text)
      case let .aggregate(fields): call.append("{" + fields.joined(separator: ", ") + "}")
      case .buffer:
        source += "    auto b_\(name) = load(dir + \"/\(name).in\");\n"
        call.append("AnyPointer{b_\(name).data()}")
      }
    }
    for symbol in outcome.symbols {
      source += "    auto s_\(symbol.name) = load(dir + \"/\(symbol.name).symbol\");\n"
      call.append("AnyPointer{s_\(symbol.name).data()}")
    }
    source += "    ref_\(outcome.launch)(\(call.joined(separator: ", ")));\n"
    for buffer in outcome.buffers {
      source += "    store(dir + \"/\(buffer.name).out\", b_\(buffer.name), \(buffer.initial.count));\n"
    }
    source += "    return 0;\n  }\n"
  }
  source += "  return 3;\n}\n"
  return source
}

/// Runs a command, returning its exit status and combined output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The first few mismatches between kport's buffer and the reference's.
func mismatches(_ kport: [UInt8], _ reference: [UInt8], type: ElementType, tolerance: Tolerance) -> [String] {
  var out: [String] = []
  let count = min(kport.count, reference.count) / type.byteSize
  var worst = 0
  for index in 0..<count {
    let a = elementValue(kport, type: type, index: index)
    let b = elementValue(reference, type: type, index: index)
    let allowed = type.isFloat ? tolerance.absolute + tolerance.relative * abs(b) : 0
    let same = a == b || (a.isNaN && b.isNaN) || abs(a - b) <= allowed
    if !same {
      worst += 1
      if out.count < 5 { out.append("[\(index)] kport \(a), reference \(b)") }
    }
  }
  if worst > out.count { out.append("... \(worst) elements differ in all") }
  return out
}
