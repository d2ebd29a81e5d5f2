// C string literals as written (`"a\\n" "b"`) -> their text.

/// The text of one or more adjacent C string literals, escapes resolved; nil if malformed.
func unescapeCString(_ spelling: String) -> String? {
  var bytes: [UInt8] = []
  var characters = Array(spelling.utf8)[...]
  while let first = characters.first {
    if first == UInt8(ascii: " ") || first == UInt8(ascii: "\n") || first == UInt8(ascii: "\t") {
      characters = characters.dropFirst()
      continue
    }
    // Skip an encoding prefix (u8, L, u, U) before the quote.
    while let prefix = characters.first, prefix != UInt8(ascii: "\"") {
      guard [UInt8(ascii: "u"), UInt8(ascii: "8"), UInt8(ascii: "L"), UInt8(ascii: "U")].contains(prefix) else {
        return nil
      }
      characters = characters.dropFirst()
    }
    guard characters.first == UInt8(ascii: "\"") else { return nil }
    characters = characters.dropFirst()
    var closed = false
    while let byte = characters.popFirst() {
      if byte == UInt8(ascii: "\"") {
        closed = true
        break
      }
      guard byte == UInt8(ascii: "\\"), let escape = characters.popFirst() else {
        bytes.append(byte)
        continue
      }
      switch escape {
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "a"): bytes.append(0x07)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "v"): bytes.append(0x0B)
      case UInt8(ascii: "x"):
        var value = 0
        while let digit = characters.first, let number = Int(String(UnicodeScalar(digit)), radix: 16) {
          value = (value * 16 + number) & 0xFF
          characters = characters.dropFirst()
        }
        bytes.append(UInt8(value))
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = Int(escape - UInt8(ascii: "0"))
        var count = 1
        while count < 3, let digit = characters.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) {
          value = value * 8 + Int(digit - UInt8(ascii: "0"))
          characters = characters.dropFirst()
          count += 1
        }
        bytes.append(UInt8(value & 0xFF))
      default:
        bytes.append(escape)
      }
    }
    guard closed else { return nil }
  }
  return String(decoding: bytes, as: UTF8.self)
}
