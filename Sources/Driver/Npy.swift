// NumPy .npy files (format 1.0, little-endian, C order), for --dump and file(PATH) inputs.
// bf16 has no NumPy dtype: it is written as '<u2' holding the raw bits.
import Foundation

enum Npy {
  /// The .npy descr of an element type.
  static func descr(_ type: ElementType) -> String {
    switch type {
    case .f16: return "<f2"
    case .bf16: return "<u2"
    case .f32: return "<f4"
    case .f64: return "<f8"
    case .i8: return "|i1"
    case .i16: return "<i2"
    case .i32: return "<i4"
    case .i64: return "<i8"
    case .u8: return "|u1"
    case .u16: return "<u2"
    case .u32: return "<u4"
    case .u64: return "<u8"
    }
  }

  /// A complete .npy file holding `count` elements of `type` from `bytes`.
  static func encode(_ bytes: [UInt8], type: ElementType, count: Int) -> Data {
    var header = "{'descr': '\(descr(type))', 'fortran_order': False, 'shape': (\(count),), }"
    let unpadded = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    let length = UInt16(header.utf8.count)
    data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
    data.append(contentsOf: Array(header.utf8))
    data.append(contentsOf: bytes)
    return data
  }

  /// The element bytes of a .npy file of `type` (any 1-D or N-D C-order shape), or of a raw
  /// little-endian file when the data has no .npy magic.
  static func decode(_ data: Data, type: ElementType, path: String) throws -> [UInt8] {
    let bytes = [UInt8](data)
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
      guard bytes.count % type.byteSize == 0 else {
        throw LaunchSpecError("raw file '\(path)' has \(bytes.count) bytes, not a multiple of \(type.byteSize) (\(type.rawValue))")
      }
      return bytes
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    if major == 1 {
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    } else {
      guard bytes.count >= 12 else { throw LaunchSpecError("'\(path)' is a truncated .npy file") }
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      headerStart = 12
    }
    guard headerStart + headerLength <= bytes.count else { throw LaunchSpecError("'\(path)' is a truncated .npy file") }
    let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    let accepted = [descr(type), descr(type).replacingOccurrences(of: "|", with: "<"), descr(type).replacingOccurrences(of: "<", with: "|")]
    guard accepted.contains(where: { header.contains("'\($0)'") }) else {
      throw LaunchSpecError("'\(path)' does not hold \(type.rawValue) elements (\(descr(type))): header \(header.trimmingWhitespace())")
    }
    guard header.contains("'fortran_order': False") else { throw LaunchSpecError("'\(path)' is in Fortran order") }
    let payload = Array(bytes[(headerStart + headerLength)...])
    guard payload.count % type.byteSize == 0 else { throw LaunchSpecError("'\(path)' has a partial element") }
    return payload
  }
}
