// Which functions a port translates (`ModuleTranslator`): the kernels defined in the home file
// (the main file, unless `PortOwnership.home` names a header) and the template instantiations
// that its function bodies name (launches, `cudaLaunchKernel`, calls through host function
// templates, which libclang does not visit otherwise). When headers are ported on their own:
// - a header's port also translates every non-template `__device__` function defined in it, so
//   that what cannot be ported there is reported once, under the header;
// - an instantiation that a ported header's bodies name is the header's (its port emits it),
//   one that only the home file names is the home file's;
// - the kernels that home code names but a ported header owns (defined there, or instantiated
//   there) are `imported`: lowered for their launch interface, emitted by the header's port.
import CClang
import KIR

/// The roots of a port's translation.
struct KernelDiscovery {
  /// Kernels (and a header's device functions) the port translates and emits, in file order.
  private(set) var roots: [CXCursor] = []
  /// Kernels owned by ported headers that home code names.
  private(set) var imported: [CXCursor] = []

  private enum Entry {
    /// A definition the home file owns.
    case definition(CXCursor)
    /// A kernel named in a body of `owner`'s: an instantiation, or a plain kernel.
    case reference(CXCursor, isInstance: Bool, owner: FileOwner)
  }

  init(unit: CXCursor, owners: FileOwners) {
    var entries: [Entry] = []
    KernelDiscovery.collect(in: unit, owners: owners, into: &entries)
    var namedByHeaders = CursorMap<Bool>()
    for case let .reference(kernel, isInstance, owner) in entries where isInstance && owner != .home {
      namedByHeaders[kernel] = true
    }
    let homeIsHeader = owners.ownership?.home != nil
    for entry in entries {
      switch entry {
      case let .definition(cursor):
        roots.append(cursor)
      case let .reference(kernel, isInstance, owner):
        guard owner == .home else { continue }
        if isInstance {
          if homeIsHeader || namedByHeaders[kernel] == nil { roots.append(kernel) } else { imported.append(kernel) }
        } else if case .portedHeader = owners.owner(of: kernel), clang_isCursorDefinition(kernel) != 0 {
          imported.append(kernel)
        }
      }
    }
  }

  private static func collect(in parent: CXCursor, owners: FileOwners, into entries: inout [Entry]) {
    let homeIsHeader = owners.ownership?.home != nil
    for child in parent.children {
      switch child.kind {
      case CXCursor_Namespace, CXCursor_LinkageSpec:
        collect(in: child, owners: owners, into: &entries)
      case CXCursor_FunctionDecl, CXCursor_CXXMethod:
        guard clang_isCursorDefinition(child) != 0 else { continue }
        let owner = owners.owner(of: child)
        guard owner != .other else { continue }
        if child.kind == CXCursor_FunctionDecl && owner == .home {
          if child.hasAttribute(CXCursor_CUDAGlobalAttr) {
            entries.append(.definition(child))
          } else if homeIsHeader && isDeviceOnly(child)
            && clang_Cursor_isNull(clang_getSpecializedCursorTemplate(child)) != 0
          {
            entries.append(.definition(child))
          }
        }
        for (kernel, isInstance) in kernelReferences(in: child, plainKernels: owners.isSplit) {
          entries.append(.reference(kernel, isInstance: isInstance, owner: owner))
        }
      default:
        continue
      }
    }
  }

  /// A `__device__` function that is not also `__host__`.
  static func isDeviceOnly(_ cursor: CXCursor) -> Bool {
    cursor.hasAttribute(CXCursor_CUDADeviceAttr) && !cursor.hasAttribute(CXCursor_CUDAHostAttr)
  }

  /// What a reference scan collects through libclang's C callback.
  private struct ReferenceScan {
    var plainKernels: Bool
    var found: [CXCursor] = []
  }

  /// The kernels named in a function body, each with whether it is a template instantiation
  /// (plain kernels only with `plainKernels`), following calls into instantiated host function
  /// templates.
  private static func kernelReferences(in body: CXCursor, plainKernels: Bool) -> [(CXCursor, Bool)] {
    var work = [body]
    var visited = CursorMap<Bool>()
    var kernels: [(CXCursor, Bool)] = []
    while let next = work.popLast() {
      var scan = ReferenceScan(plainKernels: plainKernels)
      withUnsafeMutablePointer(to: &scan) { pointer in
        _ = clang_visitChildren(
          next,
          { child, _, data in
            let kind = clang_getCursorKind(child)
            if kind == CXCursor_DeclRefExpr || kind == CXCursor_CallExpr {
              let target = clang_getCursorReferenced(child)
              if clang_getCursorKind(target) == CXCursor_FunctionDecl, let scan = data?.assumingMemoryBound(to: ReferenceScan.self) {
                if clang_Cursor_isNull(clang_getSpecializedCursorTemplate(target)) == 0 || scan.pointee.plainKernels {
                  scan.pointee.found.append(target)
                }
              }
            }
            return CXChildVisit_Recurse
          }, pointer)
      }
      for target in scan.found {
        let definition = clang_getCursorDefinition(target)
        let function = clang_Cursor_isNull(definition) == 0 ? definition : target
        let isInstance = clang_Cursor_isNull(clang_getSpecializedCursorTemplate(target)) == 0
        if target.hasAttribute(CXCursor_CUDAGlobalAttr) {
          kernels.append((function, isInstance))
        } else if isInstance, visited[function] == nil, clang_Cursor_isNull(definition) == 0 {
          visited[function] = true
          work.append(function)
        }
      }
    }
    return kernels
  }
}
